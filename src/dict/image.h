/* image.h -- dictionaries compiled at build time (see image.c). */
#ifndef DYAD_IMAGE_H
#define DYAD_IMAGE_H
#include "dyad.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Write a loaded dictionary as an image (tools/dictc, at build time). */
int dict_image_write(const dyad_dict *d, FILE *out, char *err, size_t errlen);
/* A dictionary from an image; NULL and a message when the image is not from this build. */
dyad_dict *dict_image_load(const unsigned char *img, size_t len, char *err, size_t errlen);

/* The image built into the binary (length 0 in the build tool that makes it). */
extern const unsigned char dyad_dict_image[];
extern const uint64_t dyad_dict_image_len;

#endif
