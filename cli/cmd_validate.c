/* cmd_validate.c -- `dyad validate`: scores dyad against PETRARCH validation records (not built yet). */
#include "commands.h"
#include <stdio.h>

int cmd_validate(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "dyad: validate is not available in this build yet\n");
    return 2;
}
