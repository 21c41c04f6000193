/* cmd_store.c -- `dyad ingest` and `dyad query`: the event store (not built yet). */
#include "commands.h"
#include <stdio.h>

int cmd_ingest(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "dyad: ingest is not available in this build yet\n");
    return 2;
}

int cmd_query(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "dyad: query is not available in this build yet\n");
    return 2;
}
