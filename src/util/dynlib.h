/* dynlib.h -- optional shared libraries, loaded on first use.
 *
 * libpq (the PostgreSQL backend) and libmicrohttpd (`dyad serve`) pull in some twenty further libraries
 * (GnuTLS, OpenSSL, Kerberos, LDAP, ...). Linking them into the binary made every `dyad code` pay for
 * loading and relocating all of them at start-up (11 M of its 18 M start-up instructions). They are opened
 * with dlopen only when a command needs them, and a missing library is a clear error, not a failure to start.
 *
 * dynlib_load() fills a table of function pointers once per process (pthread_once); the table is never
 * written again, so threads share it like the dictionaries. The library name may be overridden with an
 * environment variable (used by the tests to check the error path). */
#ifndef DYAD_DYNLIB_H
#define DYAD_DYNLIB_H
#include <stddef.h>

typedef struct dynlib_spec {
    const char *env;            /* environment variable that may name the library instead */
    const char *const *names;   /* file names to try, NULL-terminated ("libpq.so.5", ...) */
    const char *const *symbols; /* symbols to resolve, NULL-terminated, in the order of the table */
    const char *purpose;        /* for messages: "PostgreSQL support" */
} dynlib_spec;

/* Open the library and resolve every symbol into table[0..]; 0, or -1 with a message in err. The caller
 * serializes calls (pthread_once) and keeps the table. */
int dynlib_load(const dynlib_spec *spec, void (**table)(void), char *err, size_t errlen);

#endif
