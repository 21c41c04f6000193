/* web.h -- the dashboard's files (web/), built into the dyad binary by tools/embedweb.c at build time. */
#ifndef DYAD_SERVE_WEB_H
#define DYAD_SERVE_WEB_H
#include <stddef.h>
typedef struct web_file {
    const char *path;  /* relative to web/: "app.js" */
    const unsigned char *data;
    size_t len;
} web_file;
extern const web_file dyad_web_files[]; /* ends with a {NULL} entry */
#endif
