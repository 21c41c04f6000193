/* tagger.c -- stage 3b: parts of speech and lemmas (see tagger.h). */
#include "tagger.h"
#include "util/words.h"
#include "lexicon.h"
#include "util/strmap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char w[11]; uint8_t tag; } cword;

/* Closed-class words, sorted for binary search. The words are kept in the table (none is longer than 10 bytes),
 * not pointed to: the search then reads 2 KB in a row, not strings scattered in the binary's read-only data (it
 * runs for each new word form, where it missed the cache at most steps). */
static const cword CLOSED[] = {
    {"'d", TG_MODAL}, {"'ll", TG_MODAL}, {"'m", TG_BE}, {"'re", TG_BE}, {"'ve", TG_HAVE}, {"a", TG_DET}, {"about", TG_PREP}, {"above", TG_PREP},
    {"across", TG_PREP}, {"after", TG_PREP}, {"against", TG_PREP}, {"ago", TG_ADV}, {"all", TG_DET},
    {"along", TG_PREP}, {"also", TG_ADV}, {"although", TG_SUB}, {"am", TG_BE}, {"amid", TG_PREP},
    {"amidst", TG_PREP}, {"among", TG_PREP}, {"amongst", TG_PREP}, {"an", TG_DET}, {"and", TG_CONJ},
    {"another", TG_DET}, {"any", TG_DET}, {"are", TG_BE}, {"around", TG_PREP}, {"as", TG_PREP},
    {"at", TG_PREP}, {"be", TG_BE}, {"because", TG_SUB}, {"been", TG_BE}, {"before", TG_PREP},
    {"behind", TG_PREP}, {"being", TG_BE}, {"below", TG_PREP}, {"beside", TG_PREP}, {"besides", TG_PREP},
    {"between", TG_PREP}, {"beyond", TG_PREP}, {"both", TG_DET}, {"but", TG_CONJ}, {"by", TG_PREP},
    {"ca", TG_MODAL}, {"can", TG_MODAL}, {"cannot", TG_NEG}, {"could", TG_MODAL}, {"despite", TG_PREP}, {"did", TG_DO},
    {"do", TG_DO}, {"does", TG_DO}, {"down", TG_PREP}, {"during", TG_PREP}, {"each", TG_DET},
    {"either", TG_DET}, {"even", TG_ADV}, {"every", TG_DET}, {"except", TG_PREP}, {"few", TG_DET},
    {"for", TG_PREP}, {"from", TG_PREP}, {"had", TG_HAVE}, {"has", TG_HAVE}, {"have", TG_HAVE},
    {"having", TG_HAVE}, {"he", TG_PRON}, {"her", TG_PPOSS}, {"here", TG_ADV}, {"hers", TG_PRON},
    {"herself", TG_PRON}, {"him", TG_PRON}, {"himself", TG_PRON}, {"his", TG_PPOSS}, {"how", TG_SUB},
    {"however", TG_ADV}, {"i", TG_PRON}, {"if", TG_SUB}, {"in", TG_PREP}, {"including", TG_PREP},
    {"inside", TG_PREP}, {"into", TG_PREP}, {"is", TG_BE}, {"it", TG_PRON}, {"its", TG_PPOSS},
    {"itself", TG_PRON}, {"like", TG_PREP}, {"many", TG_DET}, {"may", TG_MODAL}, {"me", TG_PRON},
    {"might", TG_MODAL}, {"mine", TG_PRON}, {"more", TG_ADV}, {"most", TG_ADV}, {"much", TG_DET},
    {"must", TG_MODAL}, {"my", TG_PPOSS}, {"myself", TG_PRON}, {"n't", TG_NEG}, {"near", TG_PREP},
    {"neither", TG_DET}, {"never", TG_NEG}, {"no", TG_DET}, {"nor", TG_CONJ}, {"not", TG_NEG},
    {"of", TG_PREP}, {"off", TG_PREP}, {"on", TG_PREP}, {"onto", TG_PREP}, {"or", TG_CONJ},
    {"ought", TG_MODAL}, {"our", TG_PPOSS}, {"ours", TG_PRON}, {"ourselves", TG_PRON}, {"out", TG_PREP},
    {"outside", TG_PREP}, {"over", TG_PREP}, {"per", TG_PREP}, {"several", TG_DET}, {"shall", TG_MODAL},
    {"she", TG_PRON}, {"should", TG_MODAL}, {"since", TG_PREP}, {"so", TG_ADV}, {"some", TG_DET},
    {"such", TG_DET}, {"than", TG_PREP}, {"that", TG_SUB}, {"the", TG_DET}, {"their", TG_PPOSS},
    {"theirs", TG_PRON}, {"them", TG_PRON}, {"themselves", TG_PRON}, {"then", TG_ADV}, {"there", TG_ADV},
    {"these", TG_DET}, {"they", TG_PRON}, {"this", TG_DET}, {"those", TG_DET}, {"though", TG_SUB},
    {"through", TG_PREP}, {"throughout", TG_PREP}, {"till", TG_PREP}, {"to", TG_TO}, {"too", TG_ADV},
    {"toward", TG_PREP}, {"towards", TG_PREP}, {"under", TG_PREP}, {"unless", TG_SUB}, {"unlike", TG_PREP},
    {"until", TG_PREP}, {"up", TG_PREP}, {"upon", TG_PREP}, {"us", TG_PRON}, {"very", TG_ADV},
    {"via", TG_PREP}, {"was", TG_BE}, {"we", TG_PRON}, {"were", TG_BE}, {"what", TG_SUB},
    {"when", TG_SUB}, {"whenever", TG_SUB}, {"where", TG_SUB}, {"whereas", TG_SUB}, {"whether", TG_SUB},
    {"which", TG_REL}, {"while", TG_SUB}, {"who", TG_REL}, {"whom", TG_REL}, {"whose", TG_REL},
    {"why", TG_SUB}, {"will", TG_MODAL}, {"with", TG_PREP}, {"within", TG_PREP}, {"without", TG_PREP},
    {"wo", TG_MODAL}, {"would", TG_MODAL}, {"yet", TG_ADV}, {"you", TG_PRON}, {"your", TG_PPOSS},
    {"yourself", TG_PRON},
};

int tag_closed(const char *w) { /* by halves, inline (bsearch called a comparison function at every step) */
    const unsigned char *a = (const unsigned char *)w;
    size_t lo = 0, hi = sizeof CLOSED / sizeof CLOSED[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const unsigned char *b = (const unsigned char *)CLOSED[mid].w; /* NUL-terminated: 10 bytes at most */
        int c = a[0] != b[0] ? a[0] - b[0] : strcmp((const char *)a, (const char *)b); /* most steps differ in the first byte */
        if (!c) return CLOSED[mid].tag;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

/* The previous token that matters for the choice: skips adverbs and quotes. */
static const token *prev_sig(const token *t, size_t start, size_t i) {
    while (i > start) {
        i--;
        if (t[i].tag == TG_ADV || t[i].tag == TG_QUOTE) continue;
        return &t[i];
    }
    return NULL;
}

static int ends_with(const char *w, size_t n, const char *s) {
    size_t l = strlen(s);
    return n >= l && memcmp(w + n - l, s, l) == 0;
}

/* Everything the tagger needs to know about a word form that does not depend on its context, in one cache
 * line: the word cache's entry (its key and hash, for the probe), what the rules read of the form's lexicon
 * entries, copied out (the rules used to load a count from up to four entries of the lexicon per word, each a
 * likely cache miss on a large text), and the later stages' memos of the form: the actor stage's (memo) and the
 * event stage's (heads), in the line the tagger loaded, not in an array beside it (one miss fewer per head the
 * pattern matcher asks about). To make room for the heads, the entry keeps the low half of the form's hash (its
 * slot keeps the high half: a probe compares both) and one pointer to its two lemmas. */
typedef struct word_info {
    uint32_t hlo;                      /* the low half of the form's strmap_hash (the slot holds the high half) */
    uint16_t len;                      /* the form's length */
    uint8_t closed;                    /* closed-class tag, or 0 */
    uint8_t isv : 1, isn : 1, isa : 1, isr : 1, hasvl : 1, hasnl : 1;
    union { char in[16]; const char *p; } key; /* the form: in place when it has 16 bytes or fewer */
    const char *lem;                   /* the verb lemma (when hasvl) then the noun lemma (when hasnl, at lem + nlo),
                                          each NUL-terminated, in one string of the cache's arena: wi_vl, wi_nl */
    /* WordNet's counts as the rules use them: cv, cn, ca (1 + tagged senses of the verb, noun and adjective
       lemmas, at least 1; 0 when not that part of speech) and cr (the form's adverb count, 0 when not one);
       cvs, cns: the counts of verb and noun the rule for a verb after a noun compares (those of the form's
       own entry, or of its verb lemma's for an -s form or a plural) */
    uint16_t cv, cn, ca, cr, cvs, cns;
    char vf, nf;
    uint8_t vbit, nbit;                /* the lemmas' token.lbit (strmap_hash % 256), when there are lemmas */
    uint8_t nlo;                       /* the noun lemma's offset in lem */
    int32_t memo;                      /* tag_cache_memo */
    int32_t heads[2];                  /* tag_cache_head_memo: verb head (which = 0), noun head (which = 1) */
} word_info;
_Static_assert(sizeof(word_info) <= 64, "a word's analysis fits one cache line");
_Static_assert(sizeof(token) == 48, "token.wix fits in what was padding");

/* The verb and noun lemmas of an analysis, NULL when the form has none (or when out of memory) */
static inline const char *wi_vl(const word_info *wi) { return wi->hasvl ? wi->lem : NULL; }
static inline const char *wi_nl(const word_info *wi) { return wi->hasnl ? wi->lem + wi->nlo : NULL; }

/* token.lbit goes with token.lemma: every lemma is set through these */
static uint8_t str_bit(const char *s) { return (uint8_t)strmap_hash(s, strlen(s)); }
static inline void set_lemma(token *k, const char *l, uint8_t bit) {
    k->lemma = l;
    k->lbit = bit;
}
static inline void lemma_low(token *k) {
    k->lemma = k->low;
    k->lbit = k->wbit;
}

/* The cache: an open-addressing table of 8-byte slots (the entry's index + 1, 0 when empty, and the high half
 * of the form's hash), at most half full, over an array of 64-byte-aligned word_info. A probe reads one slot
 * and, when the hash's half matches, one entry (which holds the form itself when it is short): two cache
 * lines where the general hash map read its 24-byte slot, the key elsewhere, the entry and the lexicon's. */
typedef struct { uint32_t ix, hi; } wslot;

/* The memo of a pair of forms (tag_cache_memo2): direct-mapped by the two indices, so a pair may evict
 * another; key 0 is no pair (indices are 1-based: token.wix). 4096 entries of 12 bytes (48 KB). */
typedef struct { uint32_t a, b; int32_t v; } pair_memo;
enum { PAIR_MEMO_N = 4096 };

struct tag_cache {
    wslot *slots;    /* cap slots (a power of two), or NULL */
    size_t cap;
    word_info *v;    /* 64-byte aligned */
    size_t n, vcap;
    arena mem;       /* lemma strings and long forms */
    size_t max;      /* distinct forms kept; past that tag_cache_trim starts again */
    const void *memo_owner; /* who writes the entries' memos (tag_cache_memo), NULL until someone does */
    pair_memo *pairs;       /* PAIR_MEMO_N memos of two forms (tag_cache_memo2), made on first use, or NULL */
    const void *heads_owner; /* who writes them, NULL until someone does */
};

#define TAG_CACHE_MAX 400000

tag_cache *tag_cache_new(void) { return tag_cache_new_max(TAG_CACHE_MAX); }

tag_cache *tag_cache_new_max(size_t max) {
    tag_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    arena_init(&c->mem);
    c->max = max;
    return c;
}

/* Tokens point at the cache's lemma strings, so the cache is emptied only here, between windows of text,
 * when no token tagged with it is alive (emptying it inside a sentence would leave earlier tokens' lemmas
 * pointing at memory reused for other words). */
void tag_cache_trim(tag_cache *c) {
    if (!c || c->n < c->max) return;
    if (c->slots) memset(c->slots, 0, c->cap * sizeof *c->slots);
    if (c->pairs) memset(c->pairs, 0, PAIR_MEMO_N * sizeof *c->pairs); /* the indices will name other forms */
    arena_reset(&c->mem);
    c->n = 0;
}

void tag_cache_free(tag_cache *c) {
    if (!c) return;
    free(c->slots);
    free(c->v);
    free(c->pairs);
    arena_free(&c->mem);
    free(c);
}

/* Keep the lemmas vl and nl (either NULL for none) in one string of arena a: wi_vl, wi_nl */
static void set_lemmas(arena *a, word_info *wi, const char *vl, const char *nl) {
    size_t lv = vl ? strlen(vl) + 1 : 0, ln = nl ? strlen(nl) + 1 : 0; /* each < 128 (analyse's buffers) */
    char *p = arena_alloc(a, lv + ln);
    if (!p) return; /* no lemmas: as when each had its own copy and both failed */
    if (vl) memcpy(p, vl, lv);
    if (nl) memcpy(p + lv, nl, ln);
    wi->lem = p;
    wi->nlo = (uint8_t)lv;
    wi->hasvl = vl != NULL;
    wi->hasnl = nl != NULL;
}

static void analyse(arena *a, const char *w, size_t n, word_info *wi) {
    char vl[128], nl[128], al[128], af = 0;
    memset(wi, 0, sizeof *wi);
    wi->closed = (uint8_t)tag_closed(w);
    wi->cvs = wi->cns = 1; /* the counts of a closed word: no lexicon entry is read for it */
    if (wi->closed == TG_BE || wi->closed == TG_HAVE || wi->closed == TG_DO) {
        /* "was" -> "be", "has" -> "have": the lemma and form the tagger gives these closed words */
        wi->isv = (uint8_t)lex_lemma(w, n, LEX_V, vl, sizeof vl, &wi->vf);
        if (wi->isv) set_lemmas(a, wi, vl, NULL), wi->vbit = str_bit(vl), wi->cv = 1;
        return;
    }
    if (wi->closed) return;
    const lex_entry *e = n ? lex_lookup(w, n) : NULL, *ve = NULL, *ne = NULL, *ae = NULL; /* once, for the three parts of speech */
    wi->isv = (uint8_t)lex_lemma_e(w, n, e, LEX_V, vl, sizeof vl, &wi->vf);
    wi->isn = (uint8_t)lex_lemma_e(w, n, e, LEX_N, nl, sizeof nl, &wi->nf);
    wi->isa = (uint8_t)lex_lemma_e(w, n, e, LEX_A, al, sizeof al, &af);
    wi->isr = e && (e->pos & LEX_R);
    if (wi->isv && wi->vf && (!strcmp(w, "lay") || !strcmp(w, "wound"))) {
        /* a verb of its own before it is another's past tense: "lay down arms" (not "lie"), "wound" (not "wind") */
        snprintf(vl, sizeof vl, "%s", w);
        wi->vf = 0;
    }
    if (wi->isv) { ve = lex_lookup(vl, strlen(vl)); wi->vbit = str_bit(vl); }
    if (wi->isn) { ne = lex_lookup(nl, strlen(nl)); wi->nbit = str_bit(nl); }
    set_lemmas(a, wi, wi->isv ? vl : NULL, wi->isn ? nl : NULL);
    if (wi->isa) ae = lex_lookup(al, strlen(al));
    wi->cv = wi->isv ? (ve && ve->cnt[1] ? ve->cnt[1] : 1) : 0;
    wi->cn = wi->isn ? (ne && ne->cnt[0] ? ne->cnt[0] : 1) : 0;
    wi->ca = wi->isa ? (ae && ae->cnt[2] ? ae->cnt[2] : 1) : 0;
    wi->cr = wi->isr && e ? e->cnt[3] : 0;
    const lex_entry *be = (wi->vf == 's' || wi->nf == 'p') && ve ? ve : e;
    wi->cvs = be && be->cnt[1] ? be->cnt[1] : 1;
    wi->cns = be && be->cnt[0] ? be->cnt[0] : 1;
}

/* The analysis of a token's word form: from the cache when there is one (one probe for a known word, with the
 * hash the tokenizer computed). Its index in c->v (analysed and added when new), or -1 when it cannot be kept
 * (out of memory). The probe is inline (a known word: every token), the analysis of a new word is not. */
static inline int wi_is(const word_info *wi, const token *k) {
    return wi->hlo == (uint32_t)k->hash && wi->len == k->lowlen && /* the caller compared the high half */
           strmap_key_eq(k->lowlen <= sizeof wi->key.in ? wi->key.in : wi->key.p, k->low, k->lowlen);
}
static __attribute__((noinline)) int32_t word_add(tag_cache *c, const token *k, size_t j);
static inline __attribute__((always_inline)) int32_t word_index(tag_cache *c, const token *k) {
    if (c->cap) {
        uint32_t hi = (uint32_t)(k->hash >> 32);
        for (size_t j = k->hash & (c->cap - 1);; j = (j + 1) & (c->cap - 1)) {
            wslot s = c->slots[j];
            if (!s.ix) return word_add(c, k, j);
            if (s.hi == hi && wi_is(&c->v[s.ix - 1], k)) return (int32_t)(s.ix - 1);
        }
    }
    return word_add(c, k, 0);
}
/* Double the table (or make the first), placing every entry again by its hash: the low half from the entry, the
 * high half from its old slot (every entry has one). A table of more than 2^32 slots could not be placed by the
 * low half alone: it is refused (it would hold 2^31 forms). */
static int slots_grow(tag_cache *c) {
    size_t nc = c->cap ? c->cap * 2 : 8192;
    if (nc > (size_t)1 << 32) return -1;
    wslot *ns = calloc(nc, sizeof *ns);
    if (!ns) return -1;
    for (size_t o = 0; o < c->cap; o++) {
        wslot s = c->slots[o];
        if (!s.ix) continue;
        size_t j = c->v[s.ix - 1].hlo & (nc - 1);
        while (ns[j].ix) j = (j + 1) & (nc - 1);
        ns[j] = s;
    }
    free(c->slots);
    c->slots = ns;
    c->cap = nc;
    return 0;
}
/* Add the form of token k, whose probe ended at the empty slot j (any j when the table is to grow). */
static int32_t word_add(tag_cache *c, const token *k, size_t j) {
    const char *w = k->low;
    size_t n = k->lowlen;
    if (c->n == c->vcap) {
        size_t nc = c->vcap ? c->vcap * 2 : 4096;
        word_info *nv = aligned_alloc(64, nc * sizeof *nv);
        if (!nv) return -1;
        if (c->n) memcpy(nv, c->v, c->n * sizeof *nv);
        free(c->v);
        c->v = nv;
        c->vcap = nc;
    }
    if (c->n >= UINT32_MAX - 1) return -1;
    int grow = 2 * (c->n + 1) > c->cap;
    if (grow && slots_grow(c)) return -1;
    word_info *wi = &c->v[c->n];
    analyse(&c->mem, w, n, wi);
    /* (analyse zeroed the memos: no answer yet, also when a trimmed cache reuses the index) */
    wi->hlo = (uint32_t)k->hash;
    wi->len = (uint16_t)n;
    if (n <= sizeof wi->key.in) memcpy(wi->key.in, w, n);
    else if (!(wi->key.p = arena_strndup(&c->mem, w, n))) return -1;
    if (grow) j = k->hash & (c->cap - 1);
    while (c->slots[j].ix) j = (j + 1) & (c->cap - 1);
    c->slots[j] = (wslot){(uint32_t)c->n + 1, (uint32_t)(k->hash >> 32)};
    return (int32_t)c->n++;
}
/* Ask the memory for what word_index will read a few tokens on: the slot of token i + 2D, and the entry that
 * the first slot of token i + D names, asked for D tokens ago (the probe's two loads were most of the tagger's
 * time on a large text: a word of the long tail is in no cache). The table is read through c each time: adding
 * a form may have grown it. */
enum { PREFETCH_D = 4, PREFETCH_ALL = 32 };
static inline void word_prefetch(const tag_cache *c, const token *t, size_t i, size_t end) {
    size_t mask = c->cap - 1;
    if (i + 2 * PREFETCH_D < end) __builtin_prefetch(&c->slots[t[i + 2 * PREFETCH_D].hash & mask]);
    if (i + PREFETCH_D < end) {
        uint32_t ix = c->slots[t[i + PREFETCH_D].hash & mask].ix;
        if (ix) __builtin_prefetch(&c->v[ix - 1]);
    }
}
void tag_cache_prefetch(const tag_cache *c, const token *t, size_t start, size_t end) {
    if (!c || !c->cap) return;
    for (size_t i = start; i < end; i++) __builtin_prefetch(&c->slots[t[i].hash & (c->cap - 1)]);
}

/* Is owner the one whose memos c keeps (the first to ask)? */
static int memo_owned(tag_cache *c, const void *owner) {
    if (c->memo_owner != owner) {
        if (c->memo_owner) return 0;
        c->memo_owner = owner;
    }
    return 1;
}
_Static_assert(sizeof(word_info) % sizeof(int32_t) == 0, "tag_memos.stride counts int32_t");
tag_memos tag_cache_memos(tag_cache *c, const void *owner) {
    if (!c || !c->n || !memo_owned(c, owner)) return (tag_memos){NULL, 0, 0};
    return (tag_memos){&c->v[0].memo, sizeof(word_info) / sizeof(int32_t), c->n};
}
int32_t *tag_cache_memo(tag_cache *c, const token *k, const void *owner) {
    return tag_memo_at(tag_cache_memos(c, owner), k);
}
int32_t *tag_cache_head_memo(tag_cache *c, const token *k, int which, const void *owner, unsigned *kind) {
    if (!c || !k->wix || k->wix > c->n || !k->lemma) return NULL;
    if (c->heads_owner != owner) {
        if (c->heads_owner) return NULL;
        c->heads_owner = owner;
    }
    word_info *wi = &c->v[k->wix - 1];
    /* the lemma by its pointer: the form itself or one of the entry's two lemmas (two distinct pointers: the noun
       lemma follows the verb lemma's NUL). No token alive points at freed memory (the cache is trimmed only
       between windows, and tokens are tagged after), so a pointer equal to the entry's lemma is that lemma */
    if (k->lemma == k->low) *kind = 1;
    else if (wi->hasvl && k->lemma == wi->lem) *kind = 2;
    else if (wi->hasnl && k->lemma == wi->lem + wi->nlo) *kind = 3;
    else return NULL; /* a lemma made for this token (an arena copy, a fixed string): no key */
    return &wi->heads[which != 0];
}
int32_t *tag_cache_memo2(tag_cache *c, const token *k1, const token *k2, const void *owner) {
    if (!c || !k1->wix || !k2->wix || k1->wix > c->n || k2->wix > c->n || !memo_owned(c, owner)) return NULL;
    if (!c->pairs && !(c->pairs = calloc(PAIR_MEMO_N, sizeof *c->pairs))) return NULL;
    uint32_t a = k1->wix, b = k2->wix;
    pair_memo *p = &c->pairs[((a * 0x9E3779B1u) ^ b) * 0x85EBCA6Bu >> 20 & (PAIR_MEMO_N - 1)];
    if (p->a != a || p->b != b) *p = (pair_memo){a, b, 0};
    return &p->v;
}
/* A token tagged with c holds its entry's index (token.wix, from tag_sentence_c's first pass): the entry a probe
 * would find, as c is trimmed only between windows and an entry, once made, keeps its index. NULL when k has none. */
static inline const word_info *word_known(const tag_cache *c, const token *k) {
    return c && k->wix && k->wix <= c->n ? &c->v[k->wix - 1] : NULL;
}
static const word_info *word_of(arena *a, tag_cache *c, const token *k, word_info *tmp) {
    const word_info *wk = word_known(c, k);
    if (wk) return wk;
    int32_t i = c ? word_index(c, k) : -1;
    if (i >= 0) return &c->v[i];
    analyse(a, k->low, k->lowlen, tmp);
    return tmp;
}

/* Verbs whose past tense is their base form ("the government put pressure on"). */
static int past_as_base(const char *w) {
    static const char *const V[] = {"put", "cut", "set", "hit", "let", "shut", "spread", "cast", "cost", "hurt", "quit",
                                    "split", "burst", "thrust", "bet", "bid", "broadcast", "forecast", "upset", "read",
                                    "beat", "shed", "rid", "offset", "reset", "outbid", "overrun", NULL};
    for (const char *const *p = V; *p; p++)
        if (same_word(*p, w)) return 1;
    return 0;
}

/* Particles of phrasal verbs ("cut off", "shut down", "set up"). */
static int particle_word(const char *w) {
    static const char *const P[] = {"off", "down", "out", "up", "back", "away", NULL};
    for (const char *const *p = P; *p; p++)
        if (!strcmp(*p, w)) return 1;
    return 0;
}

/* "will finalize and sign a deal", "to halt or end the work": a base form after "and"/"or" that follows a
 * base-form verb (after "to" or a modal), with an object after it, is a verb too. */
static int coordinated_base(const token *t, size_t start, size_t end, size_t i) {
    if (i + 1 >= end) return 0;
    int nt = t[i + 1].closed;
    if (!(nt == TG_DET || nt == TG_PPOSS || nt == TG_PRON)) return 0;
    for (size_t q = i - 1, n = 0; q > start && n < 4; q--, n++) { /* t[i - 1] is the conjunction */
        const token *x = &t[q - 1];
        if (x->tag == TG_VERB) return x->vform == 0 && q - 1 > start && (t[q - 2].tag == TG_TO || t[q - 2].tag == TG_MODAL ||
                                                                       t[q - 2].tag == TG_ADV);
        if (x->tag == TG_PUNCT && x->low[0] != ',') return 0;
    }
    return 0;
}

/* Tag open-class token t[i]; wi is its analysis when the caller has it already, else NULL. */
static inline __attribute__((always_inline)) void tag_open(arena *a, tag_cache *cache, token *t, size_t start, size_t end, size_t i, const word_info *wi) {
    token *k = &t[i];
    const char *w = k->low;
    size_t n = k->lowlen;
    word_info tmp;
    if (!wi) wi = word_of(a, cache, k, &tmp);
    char vf = wi->vf, nf = wi->nf;
    int isv = wi->isv, isn = wi->isn, isa = wi->isa, isr = wi->isr;
    const token *p = prev_sig(t, start, i);
    int ptag = p ? p->tag : TG_NONE;
    int tag;
    int capmid = (k->flags & TF_CAP) && i > start && !(t[i - 1].kind == TK_QUOTE || t[i - 1].kind == TK_OPEN ||
                                                     t[i - 1].kind == TK_DASH || t[i - 1].low[0] == ':');
    if (k->kind == TK_NUM) { k->tag = TG_NUM; lemma_low(k); return; }
    if (capmid && !(k->flags & TF_ALLCAP && n <= 3 && (isv || isn))) {
        k->tag = TG_PROPN;
        lemma_low(k);
        return;
    }
    if (!isv && !isn && !isa && !isr) {
        if (k->flags & TF_CAP) tag = TG_PROPN;
        else if (ends_with(w, n, "ly")) tag = TG_ADV;
        else if (ends_with(w, n, "ed") && ptag != TG_DET) { tag = TG_VERB; vf = 'd'; }
        else tag = TG_NOUN;
    } else if (isv && !isn && !isa && !isr) {
        tag = TG_VERB;
        /* "the promised refugees", "its detained leaders", "25,000 displaced people": a participle between an
           article, a possessive or a number and the noun it modifies is an adjective, not a verb */
        const token *nx = i + 1 < end ? &t[i + 1] : NULL;
        /* nx->closed: tag_closed(nx->low), set for every word of the sentence by tag_sentence_c's first pass */
        if ((vf == 'd' || vf == 'n') && p && p == &t[i - 1] && nx && nx->kind == TK_WORD && !nx->closed &&
            !ends_with(nx->low, nx->lowlen, "ly") &&
            ((ptag == TG_DET && (!strcmp(p->low, "the") || !strcmp(p->low, "a") || !strcmp(p->low, "an"))) ||
             ptag == TG_PPOSS || ptag == TG_POSS || (ptag == TG_NUM && !(nx->flags & TF_CAP)))) {
            k->tag = TG_ADJ;
            lemma_low(k); /* (lbit with it: token.h) */
            return;
        }
    } else {
        /* ambiguous: context first */
        int verbish = -1; /* -1 unknown, 0 no, 1 yes */
        if (isv) {
            if (ptag == TG_TO || ptag == TG_MODAL || ptag == TG_DO) verbish = vf == 0 || vf == 'g' ? 1 : -1;
            else if (ptag == TG_NEG) verbish = 1;
            else if ((ptag == TG_BE || ptag == TG_HAVE) && vf == 0 && past_as_base(w)) {
                verbish = 1; /* "has been hit", "will be put in place": a participle like its base form */
                vf = 'n';
            }
            else if (ptag == TG_BE) verbish = (vf == 'g' || vf == 'd' || vf == 'n') ? 1 : 0;
            else if (ptag == TG_HAVE) verbish = (vf == 'd' || vf == 'n') ? 1 : 0;
            else if (ptag == TG_DET || ptag == TG_PPOSS || ptag == TG_POSS || ptag == TG_ADJ || ptag == TG_NUM)
                verbish = 0;
            else if (ptag == TG_REL) verbish = vf != 'g' ? 1 : -1;
            else if (ptag == TG_PRON)
                verbish = (vf == 's' || vf == 'd' || vf == 'n') ? 1 : -1;
            else if (ptag == TG_CONJ && (vf == 'd' || vf == 'n')) verbish = 1;
            else if (ptag == TG_CONJ && vf == 0 && coordinated_base(t, start, end, i)) verbish = 1; /* "to halt or end the work" */
            else if (ptag == TG_VERB && vf == 0 && p->lemma && !strcmp(p->lemma, "help") && i + 1 < end &&
                     (t[i + 1].closed == TG_DET || t[i + 1].closed == TG_PPOSS))
                verbish = 1; /* "help end the conflict": a bare infinitive after "help" */
            else if ((vf == 'd' || vf == 'n') && i + 1 < end && t[i + 1].kind == TK_WORD &&
                     (t[i + 1].closed == TG_DET || t[i + 1].closed == TG_PPOSS) && ptag != TG_DET)
                verbish = 1; /* "..., signed a gas agreement" */
            else if ((ptag == TG_NOUN || ptag == TG_PROPN) && vf == 0 && past_as_base(w) && i + 1 < end &&
                     (particle_word(t[i + 1].low) || t[i + 1].closed == TG_DET || t[i + 1].closed == TG_PPOSS)) {
                /* "the government cut off the internet", "the army shut down the paper", "the court set a date": a
                   verb whose past tense is its base form, after a noun and before a particle or a determiner, is
                   that noun's verb in the past (a noun or an adjective would not take a particle or an object) */
                verbish = 1;
                vf = 'd';
            }
            else if (ptag == TG_NOUN && vf == 0 && p && p->lemma && strcmp(p->lemma, p->low) == 0) {
                /* "a trade deal", "the OSCE's press release": a base form after a singular noun of a phrase led by a
                   determiner or a possessive is a noun */
                size_t q = (size_t)(p - t);
                while (q > start && (t[q - 1].tag == TG_NOUN || t[q - 1].tag == TG_ADJ)) q--;
                verbish = (q > start && (t[q - 1].tag == TG_DET || t[q - 1].tag == TG_PPOSS || t[q - 1].tag == TG_POSS)) ? 0 : -1;
            }
            else if (ptag == TG_PROPN || ptag == TG_NOUN) {
                /* "Uzbekistan favors" but "Western actions": an -s form is a verb unless the noun reading
                   is far more common */
                unsigned cv = wi->cvs, cn = wi->cns; /* vf and nf are the form's own here */
                if (vf == 'd' || vf == 'n') verbish = 1;
                else if (vf == 's') verbish = cn >= 3 * cv + 3 ? 0 : 1;
                else if (vf == 0 && ptag == TG_NOUN && p->lemma && strcmp(p->lemma, p->low) != 0) verbish = 1; /* "troops control" */
                else verbish = nf == 'p' ? 0 : -1;
            }
            else if (ptag == TG_PREP && vf == 'g') verbish = 1;
            else if (ptag == TG_PREP && isn) verbish = 0; /* "pulled out of talks" */
            else if (ptag == TG_VERB && isn && vf != 'g' && vf != 'd' && vf != 'n') verbish = 0; /* "holding talks" */
            else if (ptag == TG_NONE && vf == 'g') verbish = 1;
            /* "Talks between X and Y resumed", "Clashes broke out": a sentence cannot open with a verb in the third
               person singular, so the -s form that starts it is a plural noun */
            else if (ptag == TG_NONE && i == start && vf == 's' && nf == 'p') verbish = 0;
        }
        if (verbish == -1) {
            /* how often WordNet saw each reading of the lemma */
            unsigned cv = wi->cv, cn = wi->cn, ca = wi->ca, cr = wi->cr;
            if (vf == 'd' || vf == 'n') cv *= 2;
            if (vf == 's' && (ptag == TG_PRON || ptag == TG_PROPN)) cv = cv * 4 + 100;
            if (isr && cr >= cv && cr >= cn && cr >= ca) { k->tag = TG_ADV; lemma_low(k); return; }
            if (ca > cn && ca > cv) { k->tag = TG_ADJ; lemma_low(k); return; }
            verbish = cv > cn;
            if (vf == 'g' && isv) verbish = 1;
        }
        if (verbish) tag = TG_VERB;
        else if (isn) tag = TG_NOUN;
        else if (isa) tag = TG_ADJ;
        else if (isr) tag = TG_ADV;
        else tag = TG_NOUN;
        /* a following "of"/determiner after -ing with a preceding det: noun ("the signing of") */
    }
    /* "the Moscow meeting", "the signing": an -ing word ending a determiner-led noun phrase is a noun */
    if (tag == TG_VERB && vf == 'g' && isn) {
        size_t q = i;
        while (q > start && (t[q - 1].tag == TG_PROPN || t[q - 1].tag == TG_NOUN || t[q - 1].tag == TG_ADJ)) q--;
        if (q > start && (t[q - 1].tag == TG_DET || t[q - 1].tag == TG_PPOSS || t[q - 1].tag == TG_POSS)) tag = TG_NOUN;
        /* ... except a verb of saying after its medium, with what it says after it: "a statement saying it
           would", "a letter warning that" */
        static const char *const SAY[] = {"say", "warn", "claim", "state", "announce", "allege", "argue", "insist", "threaten", NULL};
        const char *nx = i + 1 < end ? t[i + 1].low : "";
        if (tag == TG_NOUN && i > q && (i + 1 < end && (t[i + 1].kind == TK_QUOTE || !strcmp(nx, "that") || !strcmp(nx, "it") ||
                                                       !strcmp(nx, "he") || !strcmp(nx, "she") || !strcmp(nx, "they") || !strcmp(nx, "we"))))
            for (const char *const *p = SAY, *vl = wi->hasvl ? wi->lem : w; *p; p++)
                if (vl[0] && !strcmp(*p, vl)) tag = TG_VERB;
    }
    k->tag = (uint8_t)tag;
    if (tag == TG_VERB) {
        k->vform = vf;
        if (isv && wi->hasvl) set_lemma(k, wi_vl(wi), wi->vbit);
        else lemma_low(k);
    } else if (tag == TG_NOUN && isn && wi->hasnl) set_lemma(k, wi_nl(wi), wi->nbit);
    else lemma_low(k);
}

/* Second pass: "Three Turkish engineers were kidnapped": an -s verb right before an auxiliary or a
   past-tense verb is a plural noun (the subject), when the word can be one. Also "police have since stormed":
   "since" between an auxiliary and its participle is an adverb. */
/* The noun lemma of token k ("armies" -> "army"), or NULL when the word has no noun reading: from the
 * cache when there is one (the string lives as long as the cache's current window), else looked up. */
static const char *noun_lemma(arena *a, tag_cache *c, const token *k, uint8_t *bit) {
    if (c) {
        word_info tmp;
        const word_info *wi = word_of(a, c, k, &tmp);
        const char *nl = wi_nl(wi);
        *bit = nl ? wi->nbit : k->wbit;
        return wi->isn ? nl : NULL;
    }
    char nl[128], f;
    if (!lex_lemma(k->low, k->lowlen, LEX_N, nl, sizeof nl, &f)) return NULL;
    const char *l = arena_strdup(a, nl);
    *bit = l ? str_bit(l) : k->wbit;
    return l ? l : k->low;
}

/* The rules for token i (a verb or a preposition); they change t[i] only. */
static inline __attribute__((always_inline)) void fix_plural_one(arena *a, tag_cache *c, token *t, size_t start, size_t i) {
    token *k = &t[i];
    if (k->tag == TG_PREP && i > start && !strcmp(k->low, "since") &&
        (t[i - 1].tag == TG_HAVE || t[i - 1].tag == TG_BE || t[i - 1].tag == TG_MODAL) && t[i + 1].tag == TG_VERB &&
        (t[i + 1].vform == 'n' || t[i + 1].vform == 'd'))
        k->tag = TG_ADV;
    if (k->tag == TG_VERB && k->vform == 0 && i > start && (t[i - 1].tag == TG_NOUN || t[i - 1].tag == TG_ADJ) &&
        t[i + 1].tag == TG_VERB && t[i + 1].vform == 'd' && !past_as_base(k->low)) {
        /* "an air strike killed", "the car bomb exploded": a base form between a noun and a past-tense verb
           is the subject's head noun */
        uint8_t bit;
        const char *nl = noun_lemma(a, c, k, &bit);
        if (nl) {
            k->tag = TG_NOUN;
            set_lemma(k, nl, bit);
        }
        return;
    }
    if (k->tag != TG_VERB || k->vform != 's') return;
    const token *n = &t[i + 1];
    if (!(n->tag == TG_BE || n->tag == TG_HAVE || n->tag == TG_MODAL || (n->tag == TG_VERB && n->vform == 'd'))) return;
    uint8_t bit;
    const char *nl = noun_lemma(a, c, k, &bit);
    if (!nl) return;
    k->tag = TG_NOUN;
    k->vform = 0;
    set_lemma(k, nl, bit);
}

/* wound: also "wound up its visit", "the talks wound down": the past of "wind" (alone, "wound" is the verb
 * "wound"), decided for each token once the rules above are done with it, in the same pass: the rules for the
 * next token look at this one's tag only, not at the lemma and form this sets (it ran as a pass of its own) */
static inline __attribute__((always_inline)) void fix_plural_at(arena *a, tag_cache *c, token *t, size_t start, size_t i, int wound) {
    token *k = &t[i];
    fix_plural_one(a, c, t, start, i);
    if (wound && k->tag == TG_VERB && !strcmp(k->low, "wound") && (!strcmp(t[i + 1].low, "up") || !strcmp(t[i + 1].low, "down"))) {
        set_lemma(k, "wind", str_bit("wind"));
        k->vform = 'd';
    }
}
/* The rules for the tokens from `from` on of the sentence that begins at start */
static void fix_plural_from(arena *a, tag_cache *c, token *t, size_t start, size_t from, size_t end, int wound) {
    for (size_t i = from; i + 1 < end; i++)
        if (t[i].tag == TG_VERB || t[i].tag == TG_PREP) fix_plural_at(a, c, t, start, i, wound); /* every rule is about a verb or "since" */
}
static void fix_plural_subjects(arena *a, tag_cache *c, token *t, size_t start, size_t end, int wound) {
    fix_plural_from(a, c, t, start, start, end, wound);
}
/* The same after tag_sentence_c's second pass, which noted in vp (bit i - start) the tokens among the first 64 it
 * tagged as a verb or a preposition: those are the tokens the loop above would stop at, as each step changes only
 * its own token, after the test (the branch on every token's tag was most of this pass's time: unpredictable) */
static void fix_plural_noted(arena *a, tag_cache *c, token *t, size_t start, size_t end, uint64_t vp) {
    for (; vp; vp &= vp - 1) {
        size_t i = start + (size_t)__builtin_ctzll(vp);
        if (i + 1 >= end) return; /* (the last token: no rule) */
        fix_plural_at(a, c, t, start, i, 1);
    }
    if (end - start > 64) fix_plural_from(a, c, t, start, start + 64, end, 1);
}

void tag_noun_phrase(arena *a, tag_cache *cache, token *t, size_t start, size_t end, size_t ms, size_t me, int modifier) {
    int changed = 0;
    for (size_t i = ms; i < me; i++) {
        token *k = &t[i];
        if (k->tag != TG_VERB && k->tag != TG_ADJ && k->tag != TG_NUM) continue;
        if (k->tag == TG_ADJ && i + 1 < me) continue; /* modifiers inside the phrase may stay adjectives */
        k->tag = (k->flags & TF_CAP) ? TG_PROPN : TG_NOUN;
        k->vform = 0;
        uint8_t bit;
        const char *nl = noun_lemma(a, cache, k, &bit);
        if (nl) set_lemma(k, nl, bit);
        changed = 1;
    }
    if (me < end && t[me].kind == TK_WORD && !t[me].closed &&
        (changed || t[me].tag == TG_ADJ || t[me].tag == TG_NOUN || t[me].tag == TG_VERB)) {
        tag_open(a, cache, t, start, end, me, NULL);
        if (me + 1 < end) fix_plural_subjects(a, cache, t, me, me + 2, 0);
    }
    /* the word after the phrase is its head noun, not a verb: after a nationality adjective ("Kurdish
       demands", "Iranian threats"), and a base form after a singular phrase led by a determiner ("a
       Syrian army post", "the Russian navy base"), which could not be its verb */
    token *k = me < end ? &t[me] : NULL;
    /* ... and an -ing word between a nationality adjective and the clause's verb ("Israeli shelling killed",
       "Russian bombing has destroyed") */
    int ing = k && modifier && k->tag == TG_VERB && k->vform == 'g' && me + 1 < end &&
              ((t[me + 1].tag == TG_VERB && (t[me + 1].vform == 'd' || t[me + 1].vform == 's')) || t[me + 1].tag == TG_HAVE ||
               t[me + 1].tag == TG_MODAL || (t[me + 1].tag == TG_BE && strcmp(t[me + 1].low, "being") != 0));
    if (k && k->tag == TG_VERB && (k->vform == 0 || (modifier && k->vform == 's') || ing)) {
        const token *l = &t[me - 1];
        const token *nx = me + 1 < end ? &t[me + 1] : NULL;
        int takes_object = nx && (nx->tag == TG_DET || nx->tag == TG_PPOSS || nx->tag == TG_NUM || nx->tag == TG_PRON ||
                                  nx->tag == TG_NOUN || nx->tag == TG_PROPN || nx->tag == TG_ADJ);
        int nounify = (modifier && k->vform != 'g') || ing || (k->vform == 0 && !takes_object && !past_as_base(k->low) && ms > start &&
                                   (t[ms - 1].tag == TG_DET || t[ms - 1].tag == TG_PPOSS) && strcmp(t[ms - 1].low, "that") != 0 &&
                                   l->lowlen > 1 && l->low[l->lowlen - 1] != 's');
        uint8_t bit;
        const char *nl = nounify ? noun_lemma(a, cache, k, &bit) : NULL;
        if (nl) {
            k->tag = TG_NOUN;
            k->vform = 0;
            set_lemma(k, nl, bit);
        }
    }
}

void tag_sentence(arena *a, token *t, size_t start, size_t end) { tag_sentence_c(a, NULL, t, start, end); }

void tag_sentence_c(arena *a, tag_cache *cache, token *t, size_t start, size_t end) {
    /* first what does not depend on context: each word's analysis (its index in the cache: token.wix) and
       closed-class tag, so that the rules below may ask about the words after the one they tag */
    int pf = cache && cache->cap; /* a table, once made, is never freed but to grow */
    size_t pf_end = start + PREFETCH_ALL < end ? start + PREFETCH_ALL : end;
    for (size_t i = start; pf && i < pf_end; i++) { /* the slots: asked before (tag_cache_prefetch) */
        uint32_t ix = cache->slots[t[i].hash & (cache->cap - 1)].ix;
        if (ix) __builtin_prefetch(&cache->v[ix - 1]);
    }
    for (size_t i = start; i < end; i++) {
        token *k = &t[i];
        k->closed = 0;
        k->wix = 0;
        if (pf && i + PREFETCH_D >= pf_end) word_prefetch(cache, t, i, end);
        if (k->kind != TK_WORD && k->kind != TK_NUM) continue;
        int32_t x = cache ? word_index(cache, k) : -1;
        if (x >= 0 && x < (1 << 24) - 1) k->wix = (uint32_t)x + 1;
        k->closed = x >= 0 ? cache->v[x].closed : (uint8_t)tag_closed(k->low);
    }
    uint64_t vp = 0; /* bit i - start: t[i], among the first 64, tagged a verb or a preposition (fix_plural_noted) */
    for (size_t i = start; i < end; i++) {
        token *k = &t[i];
        uint64_t nb = -(uint64_t)(i - start < 64); /* all ones for those */
        lemma_low(k);
        k->vform = 0;
        switch (k->kind) {
        case TK_PUNCT: k->tag = TG_PUNCT; continue;
        case TK_QUOTE: k->tag = TG_QUOTE; continue;
        case TK_DASH: k->tag = TG_DASH; continue;
        case TK_POSS: k->tag = TG_POSS; continue;
        case TK_OPEN: k->tag = TG_OPEN; continue;
        case TK_CLOSE: k->tag = TG_CLOSE; continue;
        case TK_SYM: k->tag = TG_SYM; continue;
        default: break;
        }
        word_info tmp;
        const word_info *wi = NULL; /* the form's analysis, taken when a rule needs it: by k->wix (no second probe) */
        int ct = k->closed;         /* the first pass's: the entry's closed tag, or tag_closed when there is none */
        if (ct) {
            k->tag = (uint8_t)ct;
            /* "that" as a determiner: "that country", "that presence". Its closed tag is TG_SUB (CLOSED), asked
               first: the other closed words ("the", "of", "and") pass without the load of their text */
            if (ct == TG_SUB && strcmp(k->low, "that") == 0 && i + 1 < end && t[i + 1].kind == TK_WORD) {
                const token *p = i > start ? &t[i - 1] : NULL;
                int after_verb_or_start = !p || p->tag == TG_VERB || p->tag == TG_PUNCT || p->tag == TG_NOUN || p->tag == TG_PROPN || p->tag == TG_ADJ;
                int next_noun_only;
                word_info tmp2;
                const word_info *nw = cache ? word_of(a, cache, &t[i + 1], &tmp2) : NULL;
                if (nw && !nw->closed) next_noun_only = nw->isn && !nw->isv;
                else {
                    char buf[64], f;
                    next_noun_only = lex_lemma(t[i + 1].low, t[i + 1].lowlen, LEX_N, buf, sizeof buf, &f) &&
                                     !lex_lemma(t[i + 1].low, t[i + 1].lowlen, LEX_V, buf, sizeof buf, &f);
                }
                if (p && p->tag == TG_PREP) k->tag = TG_DET;
                else if (next_noun_only && !(t[i + 1].flags & TF_CAP) && !after_verb_or_start) k->tag = TG_DET;
                else if (next_noun_only && !(t[i + 1].flags & TF_CAP) && p && p->tag == TG_VERB && strcmp(t[i + 1].low, "the") != 0 && 0) k->tag = TG_DET;
            }
            if (cache && (k->tag == TG_BE || k->tag == TG_HAVE || k->tag == TG_DO) && !(wi = word_known(cache, k)))
                wi = word_of(a, cache, k, &tmp);
            if (wi && (k->tag == TG_BE || k->tag == TG_HAVE || k->tag == TG_DO) && k->tag == wi->closed) {
                if (wi->isv && wi->hasvl) set_lemma(k, wi_vl(wi), wi->vbit);
                k->vform = wi->vf;
            } else if (k->tag == TG_BE || k->tag == TG_HAVE || k->tag == TG_DO) {
                char vl[32], f;
                if (lex_lemma(k->low, k->lowlen, LEX_V, vl, sizeof vl, &f)) set_lemma(k, arena_strdup(a, vl), str_bit(vl));
                if (!k->lemma) lemma_low(k);
                k->vform = f;
            }
            vp |= (uint64_t)(k->tag == TG_PREP) << ((i - start) & 63) & nb; /* (a closed word is no verb) */
            continue;
        }
        if (cache && !(wi = word_known(cache, k))) wi = word_of(a, cache, k, &tmp);
        tag_open(a, cache, t, start, end, i, wi);
        vp |= (uint64_t)(k->tag == TG_VERB || k->tag == TG_PREP) << ((i - start) & 63) & nb;
    }
    fix_plural_noted(a, cache, t, start, end, vp);
}
