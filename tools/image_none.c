/* image_none.c -- an empty dictionary image, linked into the build tool that makes the real one. */
#include "dict/image.h"
const unsigned char dyad_dict_image[1] = {0};
const uint64_t dyad_dict_image_len = 0;
