/* commands.h -- the dyad command's subcommands beyond `code`, `explain` and `dict` (main.c dispatches). */
#ifndef DYAD_CLI_COMMANDS_H
#define DYAD_CLI_COMMANDS_H

int cmd_validate(int argc, char **argv);  /* cli/cmd_validate.c: PETRARCH validation records */
int cmd_ingest(int argc, char **argv);    /* cli/cmd_store.c: code and store documents */
int cmd_query(int argc, char **argv);     /* cli/cmd_store.c: query the event store */
int cmd_serve(int argc, char **argv);     /* cli/cmd_serve.c: HTTP API and dashboard */

#endif
