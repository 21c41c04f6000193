/* sha256.h -- store: SHA-256 for document content hashes. */
#ifndef DYAD_SHA256_H
#define DYAD_SHA256_H
#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
    uint32_t h[8];
    unsigned char buf[64];
    size_t n;
    uint64_t len;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[32]);

#endif
