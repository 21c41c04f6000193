/* dictc.c -- build-time dictionary compiler: loads dict/ from its text files and writes the image that the
 * dyad binary embeds (src/dict/image.c), so the built-in dictionaries load in about a millisecond.
 * usage: dictc DICT_DIR OUT.img */
#include "dict/image.h"
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: dictc DICT_DIR OUT.img\n"); return 2; }
    char err[1024];
    dyad_dict *d = dyad_dict_load(argv[1], err, sizeof err);
    if (!d) { fprintf(stderr, "dictc: %s\n", err); return 1; }
    FILE *f = fopen(argv[2], "wb");
    if (!f) { perror(argv[2]); return 1; }
    int rc = dict_image_write(d, f, err, sizeof err);
    if (fclose(f) != 0) rc = -1;
    if (rc) { fprintf(stderr, "dictc: %s\n", err); remove(argv[2]); }
    dyad_dict_free(d);
    return rc ? 1 : 0;
}
