/* fuzz_dict.c -- libFuzzer target: dyad's own dictionary loader (dyad_dict_load on a directory, src/dict).
 *
 * The input is cut at lines "%%" into up to four parts, written into a temporary dictionary directory:
 *   modality.txt, verbs/x.txt, actors/x.txt, and extra lines appended to cameo-codes.tsv
 * (the real cameo-codes.tsv, taken from the built-in copy, comes first). When the directory loads, the
 * lint (dyad_dict_check) and the stats run over it, and a coder with that dictionary codes the input
 * itself and a fixed sentence, so that odd patterns and actor names meet text that matches them. A load
 * that fails must say why ("file:line: ..."). */
#include "fuzz_util.h"
#include "dict/embedded.h"
static const char *dir;
static const embedded_file *codes;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    dir = fuzz_tmpdir("dict");
    char p[512];
    snprintf(p, sizeof p, "%s/verbs", dir);
    FUZZ_CHECK(mkdir(p, 0700) == 0);
    snprintf(p, sizeof p, "%s/actors", dir);
    FUZZ_CHECK(mkdir(p, 0700) == 0);
    for (const embedded_file *e = dyad_embedded_files; e->path; e++)
        if (strcmp(e->path, "cameo-codes.tsv") == 0) codes = e;
    FUZZ_CHECK(codes != NULL);
    return 0;
}

static void put(const char *rel, const char *a, size_t na, const char *b, size_t nb) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    FILE *f = fopen(p, "wb");
    FUZZ_CHECK(f != NULL);
    if (na) FUZZ_CHECK(fwrite(a, 1, na, f) == na);
    if (nb) FUZZ_CHECK(fwrite(b, 1, nb, f) == nb);
    FUZZ_CHECK(fclose(f) == 0);
}

static void on_msg(void *ud, const char *msg) { *(size_t *)ud += fuzz_touch(msg); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    const char *part[4] = {"", "", "", ""};
    size_t plen[4] = {0, 0, 0, 0};
    fuzz_parts(s, size, part, plen);
    put("modality.txt", part[0], plen[0], NULL, 0);
    put("verbs/x.txt", part[1], plen[1], NULL, 0);
    put("actors/x.txt", part[2], plen[2], NULL, 0);
    put("cameo-codes.tsv", codes->data, codes->len, part[3], plen[3]);

    char err[512];
    memset(err, 0x55, sizeof err);
    dyad_dict *d = dyad_dict_load(dir, err, sizeof err);
    if (!d) {
        FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL && err[0] != 0);
        return 0;
    }
    size_t sum = 0;
    dyad_dict_check(d, on_msg, &sum);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    for (size_t i = 0; i < 400; i++) {
        const char *c = dyad_dict_code_at(d, i);
        if (!c) break;
        dyad_dict_patterns_for(d, c);
    }
    fuzz_code_and_free(d, s, size,
                       "Russian troops attacked Georgian villages on Tuesday, the Interior Ministry said. "
                       "NATO condemned the attack and urged Moscow to withdraw.");
    return 0;
}
