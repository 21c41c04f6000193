/* compat_opts.h -- the PETRARCH/TABARI dictionary options of `dyad code` and `dyad explain`:
 *   --dict-format dyad|petrarch  --verbs F  --actors F1,F2,F3  --agents F  --discards F */
#ifndef DYAD_CLI_COMPAT_OPTS_H
#define DYAD_CLI_COMPAT_OPTS_H
#include "dyad.h"

typedef struct compat_opts {
    int petrarch;                  /* --dict-format petrarch */
    const char *verbs, *agents, *discards;
    const char *actors[16];
    size_t n_actors;
    int given;                     /* some PETRARCH file option was given */
} compat_opts;

/* If argv[*i] is one of these options, consume it (and its value): 1; not one of them: 0; a usage error
 * (message printed): -1. */
int compat_option(int argc, char **argv, int *i, compat_opts *o);
/* Load the PETRARCH set described by o (message printed on failure): NULL when it fails. Checks that
 * --dict-format petrarch was given with the files, and the files without the other. */
dyad_dict *compat_load(const compat_opts *o);
/* One line of help for the options above. */
extern const char compat_usage[];

#endif
