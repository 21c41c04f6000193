/* compat_opts.c -- the PETRARCH/TABARI dictionary options of `dyad code` and `dyad explain` (compat_opts.h). */
#include "compat_opts.h"
#include "options.h"
#include <stdio.h>
#include <string.h>

const char compat_usage[] =
    "  --dict-format dyad|petrarch   dictionaries in dyad's format (--dict) or PETRARCH/TABARI's:\n"
    "  --verbs F --actors F1,F2,F3 --agents F --discards F   the PETRARCH files (docs/compat.md)\n";

/* an option's value; "" (an error for every option here) when it is missing */
static const char *value(int argc, char **argv, int *i, const char *name) {
    int missing = 0;
    const char *v = cli_optval(argc, argv, i, name, &missing);
    return missing ? "" : v;
}

int compat_option(int argc, char **argv, int *i, compat_opts *o) {
    const char *v;
    if ((v = value(argc, argv, i, "--dict-format"))) {
        if (!*v) return -1; /* missing: already said */
        if (!strcmp(v, "petrarch")) o->petrarch = 1;
        else if (!strcmp(v, "dyad")) o->petrarch = 0;
        else { fprintf(stderr, "dyad: --dict-format: expected dyad or petrarch, not '%s'\n", v); return -1; }
        return 1;
    }
    const char **slot = NULL;
    if ((v = value(argc, argv, i, "--verbs"))) slot = &o->verbs;
    else if ((v = value(argc, argv, i, "--agents"))) slot = &o->agents;
    else if ((v = value(argc, argv, i, "--discards"))) slot = &o->discards;
    else if ((v = value(argc, argv, i, "--actors"))) {
        if (!*v) return -1;
        /* a comma-separated list; the option may also be repeated */
        const char *p = v;
        while (*p) {
            const char *e = strchr(p, ',');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            if (l) {
                if (o->n_actors == sizeof o->actors / sizeof o->actors[0]) { fprintf(stderr, "dyad: --actors: at most 16 files\n"); return -1; }
                static char names[16][4096];
                snprintf(names[o->n_actors], sizeof names[0], "%.*s", (int)l, p);
                o->actors[o->n_actors] = names[o->n_actors];
                o->n_actors++;
            }
            if (!e) break;
            p = e + 1;
        }
        o->given = 1;
        return 1;
    } else return 0;
    if (!*v) return -1;
    *slot = v;
    o->given = 1;
    return 1;
}

dyad_dict *compat_load(const compat_opts *o) {
    if (o->given && !o->petrarch) {
        fprintf(stderr, "dyad: --verbs, --actors, --agents and --discards go with --dict-format petrarch\n");
        return NULL;
    }
    if (!o->verbs && !o->n_actors) {
        fprintf(stderr, "dyad: --dict-format petrarch needs --verbs F and/or --actors F1,F2,...\n");
        return NULL;
    }
    dyad_petrarch_files f = {o->verbs, o->actors, o->n_actors, o->agents, o->discards};
    char err[1024];
    dyad_dict *d = dyad_dict_load_petrarch(&f, err, sizeof err);
    if (!d) fprintf(stderr, "dyad: dictionary error: %s\n", err);
    return d;
}
