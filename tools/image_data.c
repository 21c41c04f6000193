/* image_data.c -- embeds the dictionary image made by tools/dictc into the binary, byte for byte, with the
 * assembler's .incbin: no relocations, nothing to parse at start-up. DICT_IMAGE is its path (Makefile). */
#include <stdint.h>

__asm__(".section .rodata\n"
        ".balign 4096\n" /* a page: the image can be mapped from the file in place (src/dict/image.c) */
        ".global dyad_dict_image\n"
        ".type dyad_dict_image, @object\n"
        "dyad_dict_image:\n"
        ".incbin \"" DICT_IMAGE "\"\n"
        "dyad_dict_image_stop:\n"
        ".balign 8\n"
        ".global dyad_dict_image_len\n"
        ".type dyad_dict_image_len, @object\n"
        "dyad_dict_image_len:\n"
        ".quad dyad_dict_image_stop - dyad_dict_image\n"
        ".previous\n");
