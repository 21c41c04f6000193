/* mhd.h -- libmicrohttpd, loaded on first use (src/util/dynlib.h), so that only `dyad serve` loads it and the
 * TLS libraries it pulls in. cmd_serve.c includes this header instead of <microhttpd.h>: each MHD function
 * it calls is listed below and resolves through a table filled by mhd_load(). A function that is not listed
 * fails to link (the binary no longer links libmicrohttpd). */
#ifndef DYAD_CLI_MHD_H
#define DYAD_CLI_MHD_H
#include <microhttpd.h>
#include <stddef.h>

#define DYAD_MHD_FUNCS(X) \
    X(MHD_add_response_header) \
    X(MHD_create_response_from_buffer) \
    X(MHD_create_response_from_buffer_with_free_callback_cls) \
    X(MHD_destroy_response) \
    X(MHD_get_connection_values) \
    X(MHD_get_daemon_info) \
    X(MHD_is_feature_supported) \
    X(MHD_lookup_connection_value) \
    X(MHD_queue_response) \
    X(MHD_start_daemon) \
    X(MHD_stop_daemon)

typedef struct mhd_api {
#define X(f) __typeof__(f) *f;
    DYAD_MHD_FUNCS(X)
#undef X
} mhd_api;

/* Load libmicrohttpd (once per process; $DYAD_LIBMICROHTTPD may name the file): 0, or -1 with a message.
 * Must succeed before any MHD function is called. */
int mhd_load(char *err, size_t errlen);
const mhd_api *mhd_api_get(void);

#ifndef DYAD_MHD_NO_MACROS
#define MHD_add_response_header (mhd_api_get()->MHD_add_response_header)
#define MHD_create_response_from_buffer (mhd_api_get()->MHD_create_response_from_buffer)
#define MHD_create_response_from_buffer_with_free_callback_cls \
    (mhd_api_get()->MHD_create_response_from_buffer_with_free_callback_cls)
#define MHD_destroy_response (mhd_api_get()->MHD_destroy_response)
#define MHD_get_connection_values (mhd_api_get()->MHD_get_connection_values)
#define MHD_get_daemon_info (mhd_api_get()->MHD_get_daemon_info)
#define MHD_is_feature_supported (mhd_api_get()->MHD_is_feature_supported)
#define MHD_lookup_connection_value (mhd_api_get()->MHD_lookup_connection_value)
#define MHD_queue_response (mhd_api_get()->MHD_queue_response)
#define MHD_start_daemon (mhd_api_get()->MHD_start_daemon)
#define MHD_stop_daemon (mhd_api_get()->MHD_stop_daemon)
#endif

#endif
