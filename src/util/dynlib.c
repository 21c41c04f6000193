/* dynlib.c -- optional shared libraries, loaded on first use (see dynlib.h). */
#include "dynlib.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dynlib_load(const dynlib_spec *spec, void (**table)(void), char *err, size_t errlen) {
    const char *forced = spec->env ? getenv(spec->env) : NULL;
    void *h = NULL;
    const char *tried = forced;
    if (forced && *forced) h = dlopen(forced, RTLD_NOW | RTLD_LOCAL);
    else
        for (const char *const *n = spec->names; *n && !h; n++) h = dlopen(tried = *n, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, errlen, "%s needs the shared library %s, which could not be loaded: %s", spec->purpose,
                 tried ? tried : "(none)", why ? why : "not found");
        return -1;
    }
    for (size_t i = 0; spec->symbols[i]; i++) {
        void *f = dlsym(h, spec->symbols[i]);
        if (!f) {
            snprintf(err, errlen, "%s: %s has no symbol %s", spec->purpose, tried, spec->symbols[i]);
            dlclose(h);
            return -1;
        }
        /* POSIX guarantees that a function's address from dlsym converts to a function pointer */
        memcpy(&table[i], &f, sizeof f);
    }
    return 0; /* the handle stays open for the life of the process, as a linked library would */
}
