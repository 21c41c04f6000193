/* mhd.c -- libmicrohttpd, loaded on first use (see mhd.h). */
#define DYAD_MHD_NO_MACROS
#include "mhd.h"
#include "util/dynlib.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char *const NAMES[] = {"libmicrohttpd.so.12", "libmicrohttpd.so", NULL};
static const char *const SYMBOLS[] = {
#define X(f) #f,
    DYAD_MHD_FUNCS(X)
#undef X
    NULL};
enum { N_SYMBOLS = sizeof SYMBOLS / sizeof *SYMBOLS - 1 };

/* Written once, under pthread_once, then only read: the process-wide equivalent of a linked library's
 * relocated symbols. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static mhd_api api;
static int load_rc;
static char load_err[512];

static void load(void) {
    void (*raw[N_SYMBOLS])(void);
    static const dynlib_spec spec = {"DYAD_LIBMICROHTTPD", NAMES, SYMBOLS, "dyad serve"};
    load_rc = dynlib_load(&spec, raw, load_err, sizeof load_err);
    if (load_rc) return;
    size_t i = 0;
#define X(f) memcpy(&api.f, &raw[i++], sizeof api.f);
    DYAD_MHD_FUNCS(X)
#undef X
}

int mhd_load(char *err, size_t errlen) {
    pthread_once(&once, load);
    if (load_rc) snprintf(err, errlen, "%s", load_err);
    return load_rc;
}

const mhd_api *mhd_api_get(void) { return &api; }
