/* fuzz_petrdict.c -- libFuzzer target: the PETRARCH-2 / TABARI dictionary loader
 * (dyad_dict_load_petrarch, src/compat/petr_dict.c).
 *
 * The input is cut at lines "%%" into up to four files: verbs, actors, agents, discards (a part that is
 * absent is not given to the loader). When the dictionary loads, its warnings are read, the discard list is
 * tried on the input, and a coder with that dictionary codes the input itself and a fixed sentence. A load
 * that fails must say why. */
#include "fuzz_util.h"
static const char *dir;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    dir = fuzz_tmpdir("petr");
    return 0;
}

static const char *put(const char *name, const char *a, size_t na, char *path, size_t pathsz) {
    snprintf(path, pathsz, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    if (na) FUZZ_CHECK(fwrite(a, 1, na, f) == na);
    FUZZ_CHECK(fclose(f) == 0);
    return path;
}

static void on_msg(void *ud, const char *msg) { *(size_t *)ud += fuzz_touch(msg); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    const char *part[4] = {0};
    size_t plen[4] = {0};
    fuzz_parts(s, size, part, plen);
    char pv[512], pa[512], pg[512], pd[512];
    const char *actors[1];
    dyad_petrarch_files f;
    memset(&f, 0, sizeof f);
    f.verbs = part[0] ? put("verbs.txt", part[0], plen[0], pv, sizeof pv) : NULL;
    if (part[1]) {
        actors[0] = put("actors.txt", part[1], plen[1], pa, sizeof pa);
        f.actors = actors;
        f.n_actors = 1;
    }
    f.agents = part[2] ? put("agents.txt", part[2], plen[2], pg, sizeof pg) : NULL;
    f.discards = part[3] ? put("discards.txt", part[3], plen[3], pd, sizeof pd) : NULL;

    char err[512];
    memset(err, 0x55, sizeof err);
    dyad_dict *d = dyad_dict_load_petrarch(&f, err, sizeof err);
    if (!d) {
        FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL && err[0] != 0);
        return 0;
    }
    size_t sum = 0;
    dyad_petrarch_warnings(d, on_msg, &sum);
    const char *which = NULL;
    int dr = dyad_petrarch_discard(d, s, size, &which);
    FUZZ_CHECK(dr >= 0 && dr <= 2);
    if (dr) fuzz_touch(which);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    fuzz_code_and_free(d, s, size,
                       "Ruritania decried Freedonian pear tariffs on Monday. The Ruritanian minister met "
                       "Sylvania and its allies, and they accused him of lying.");
    return 0;
}
