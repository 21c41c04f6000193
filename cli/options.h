/* options.h -- small helpers shared by the dyad command's subcommands: option values and a clock. */
#ifndef DYAD_CLI_OPTIONS_H
#define DYAD_CLI_OPTIONS_H

/* The value of option NAME at argv[*i], written "--opt VALUE" or "--opt=VALUE" (advances *i past a separate
 * value); NULL when argv[*i] is another option. When the value is missing, says so on stderr, sets *missing
 * and returns NULL. */
const char *cli_optval(int argc, char **argv, int *i, const char *name, int *missing);

/* Seconds on the monotonic clock. */
double cli_now(void);

#endif
