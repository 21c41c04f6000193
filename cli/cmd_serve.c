/* cmd_serve.c -- `dyad serve`: HTTP API and dashboard (not built yet). */
#include "commands.h"
#include <stdio.h>

int cmd_serve(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "dyad: serve is not available in this build yet\n");
    return 2;
}
