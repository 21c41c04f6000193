/* fuzz_split.c -- libFuzzer target: tokenization and sentence splitting (src/token, src/sentence).
 *
 * The input is normalized (as dyad_code does), tokenized whole and from a window start inside it, split into
 * sentences and scanned for boilerplate. Checks: tokens are in order, inside the text, never overlap, their
 * folded forms are NUL-terminated; sentences cover every token exactly once, in order; the sentences split and
 * the boilerplate marked from the tokens the tokenizer recorded (token_list.mark, .sig) are those from all of
 * them. When the first byte ends in three 1 bits, the first line is also turned into a dictionary phrase key
 * (dict_phrase_key, which the dictionary loader uses). */
#include "fuzz_util.h"
#include "dict/dict.h"
#include "normalize/normalize.h"
#include "sentence/sentence.h"
#include "token/token.h"

static void check_tokens(const token_list *tl, size_t from, size_t len) {
    size_t prev_end = from;
    for (size_t i = 0; i < tl->n; i++) {
        const token *t = &tl->v[i];
        FUZZ_CHECK(t->kind >= TK_WORD && t->kind <= TK_SYM);
        FUZZ_CHECK(t->off >= prev_end);
        FUZZ_CHECK((size_t)t->off + t->len <= len);
        FUZZ_CHECK(t->low != NULL);
        size_t l = strlen(t->low);
        FUZZ_CHECK(t->lowlen == (l > 65535 ? 65535 : l));
        FUZZ_CHECK(t->actor == -1);
        prev_end = (size_t)t->off + t->len;
    }
}

static void check_sentences(const sentence_list *ss, size_t ntok) {
    size_t at = 0;
    for (size_t i = 0; i < ss->n; i++) {
        FUZZ_CHECK(ss->v[i].start == at);
        FUZZ_CHECK(ss->v[i].end > ss->v[i].start);
        FUZZ_CHECK(i == 0 || ss->v[i].para >= ss->v[i - 1].para);
        at = ss->v[i].end;
    }
    FUZZ_CHECK(at == ntok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static arena a;
    static int init;
    if (!init) { arena_init(&a); init = 1; }
    char *text = malloc(3 * size + 1);
    FUZZ_CHECK(text != NULL);
    size_t bad;
    size_t len = normalize_text((const char *)data, size, text, &bad);

    for (int pass = 0; pass < 2; pass++) {
        arena_reset(&a);
        size_t from = 0, to = len;
        if (pass == 1) { /* a window inside the text, on code point boundaries, as dyad_code cuts them */
            if (len < 2) break;
            from = (size ? data[0] : 0) % len;
            to = from + (len - from) / 2 + 1;
            while (from < len && (text[from] & 0xC0) == 0x80) from++;
            while (to < len && (text[to] & 0xC0) == 0x80) to++;
            if (to > len) to = len;
            if (from >= to) break;
        }
        token_list tl;
        FUZZ_CHECK(tokenize(&a, text, from, to, &tl) == 0);
        check_tokens(&tl, from, to);
        sentence_list ss;
        FUZZ_CHECK(split_sentences(&a, &tl, text, &ss) == 0);
        check_sentences(&ss, tl.n);
        /* the sentences split from the tokens the tokenizer recorded (token_list.mark) are those split from all */
        token_list every = tl;
        every.mark = arena_alloc(&a, (tl.n + 1) * sizeof *every.mark);
        FUZZ_CHECK(every.mark != NULL);
        for (size_t i = 0; i < tl.n; i++) every.mark[i] = (uint32_t)i;
        every.nmark = every.capmark = tl.n;
        sentence_list ss_all;
        FUZZ_CHECK(split_sentences(&a, &every, text, &ss_all) == 0);
        FUZZ_CHECK(ss_all.n == ss.n);
        for (size_t i = 0; i < ss.n; i++)
            FUZZ_CHECK(ss_all.v[i].start == ss.v[i].start && ss_all.v[i].end == ss.v[i].end &&
                       ss_all.v[i].para == ss.v[i].para && ss_all.v[i].brackets == ss.v[i].brackets);
        /* the boilerplate marked from the tokens the tokenizer recorded equals that marked from every token */
        token_list all = tl;
        all.sig = arena_alloc(&a, (tl.n + 1) * sizeof *all.sig);
        sentence_list ref = ss;
        ref.v = arena_alloc(&a, (ss.n + 1) * sizeof *ref.v);
        FUZZ_CHECK(all.sig != NULL && ref.v != NULL);
        for (size_t i = 0; i < tl.n; i++) all.sig[i] = (uint32_t)i;
        all.nsig = all.capsig = tl.n;
        if (ss.n) memcpy(ref.v, ss.v, ss.n * sizeof *ref.v);
        mark_boilerplate(&tl, text, &ss);
        mark_boilerplate(&all, text, &ref);
        for (size_t i = 0; i < ss.n; i++) FUZZ_CHECK(ss.v[i].boilerplate == ref.v[i].boilerplate);
    }

    /* dictionary phrase keys: the first line as a name (for one input in eight: each call makes and frees
       a 256 KB arena, which is slow under ASan) */
    if (!size || (data[0] & 7) != 7) { free(text); return 0; }
    char *nl = memchr(text, '\n', len);
    size_t ll = nl ? (size_t)(nl - text) : len;
    if (ll > 600) ll = 600;
    char name[601], key[512];
    memcpy(name, text, ll);
    name[ll] = 0;
    int needcap = -1, ntok = -1;
    size_t kl = dict_phrase_key(name, key, sizeof key, &needcap, &ntok);
    FUZZ_CHECK(kl < sizeof key && strlen(key) == kl);
    FUZZ_CHECK(needcap >= 0 && needcap <= 2 && ntok >= 0);
    free(text);
    return 0;
}
