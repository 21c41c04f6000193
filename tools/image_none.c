/* image_none.c -- an empty dictionary image, linked into the build tool that makes the real one. Defined in
 * assembly like the real one (tools/image_data.c), so that no compiler, link-time optimisation included, sees
 * an object of one byte behind a pointer that the loader reads only after checking the length. */
__asm__(".section .rodata\n"
        ".balign 8\n"
        ".global dyad_dict_image\n"
        ".type dyad_dict_image, @object\n"
        "dyad_dict_image:\n"
        ".byte 0\n"
        ".balign 8\n"
        ".global dyad_dict_image_len\n"
        ".type dyad_dict_image_len, @object\n"
        "dyad_dict_image_len:\n"
        ".quad 0\n"
        ".previous\n");
