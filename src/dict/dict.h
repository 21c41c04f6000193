/* dict.h -- dictionaries in memory: event codes, verb patterns, modality rules and actors.
 *
 * Loaded once from dyad's text format (docs/dictionaries.md), from a directory or from the copy embedded
 * in the binary, and immutable afterwards: every coder thread reads the same dict. All strings live in the
 * dict's own arena; lookups go through hash maps keyed by lower-case words and phrases. */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H
#include "dyad.h"
#include "util/arena.h"
#include "util/strmap.h"

typedef struct code_info {
    char code[6], root[3];
    double goldstein;
    int quad;
    const char *plover, *mode; /* NULL when PLOVER has none */
} code_info;

/* The root of a code as a number ("19" -> 19). */
static inline int code_root(const code_info *c) { return (c->root[0] - '0') * 10 + (c->root[1] - '0'); }

#define PAT_MAXW 8
typedef struct vpattern {
    int32_t code;              /* index into dict->codes */
    uint8_t nominal, negated;  /* n: head is a noun; ! matches negated verbs only */
    uint8_t nwords;            /* words after the head */
    int8_t target_slot;        /* '+' stands before words[target_slot]; -1: after the last word */
    const char *head;          /* lemma */
    const char *pre[3];        /* nominal: words right before the head ("military" in "n:military exercise") */
    uint8_t npre;
    /* PETRARCH/TABARI patterns (src/compat/, docs/compat.md); all 0 in dyad's own dictionaries. These four
       are read by every try of a pattern (try_pattern): they sit with npre in the padding before words[], in
       the pattern's first 64 bytes, so a try reads one or two cache lines, not three. */
    uint8_t nbefore;           /* words that must come before the verb, in order (before[nbefore-1] nearest) */
    uint16_t adjacent;         /* bit w: words[w] right after the word before it (the head for w = 0);
                                  bit 8+k: before[k] right before the next one (the head after the last) */
    uint8_t source_slot;       /* '$' after the verb: k+1 = it stands before words[k], nwords+1 = after the last */
    uint8_t target_subject;    /* '+' before the verb: 1 the subject is the target ('$' then names the source);
                                  k+2: the target stands after before[k] ("- NOTED + * [115]") */
    const char *words[PAT_MAXW];
    const char *text;          /* the pattern as written */
    const char *file;
    int line;
    int32_t next;              /* next pattern with the same head, or -1 */
    int32_t link;              /* the first pattern of a head: where its chain starts in dict->links, else -1 */
    uint64_t wbloom;           /* one bit per word after the head (strmap_hash & 63): a quick "cannot match" */
    /* PETRARCH/TABARI patterns too (and nbefore... above). A word starting with '&' names a synset (any of
       its phrases matches there). */
    const char *before[6];
    uint8_t compound;          /* '%' before the verb: the coordinated subjects act on one another */
    uint8_t nocode;            /* code "---" (or "[:NNN]"): no event from source to target */
    uint8_t has_code2;         /* "[032:033]": also code2 from target to source */
    int32_t code2;
    uint8_t skip_np;           /* "^ +": the target is the actor after the next one ("IFTAR IN ^ +") */
} vpattern;

/* The patterns of one head, as matching walks them: a compact copy of what decides whether a pattern is
 * tried at all, contiguous, so the walk reads 24-byte entries in a row instead of following `next` through
 * 200-byte patterns scattered over megabytes (docs/PERFORMANCE.md). Within a head's run the links are grouped
 * by the bit among LINK_BITS of their longest word (key), so a group whose word is not in the sentence is passed
 * over in one step ("call" has 580 patterns; "call for ceasefire" needs "ceasefire" after it). The order of the links is thus not
 * the order of the patterns: matching ranks ties by pattern index, so it does not depend on it. */
#define LINK_BITS 256          /* a second, finer set of the words after a head: strmap_hash % LINK_BITS */
/* pat_link.flags; bits 4-7 hold nbits. LINK_ANY: the link is tried whatever the words after the head (it
 * has no words, or its group is too long to skip) */
enum { LINK_NEGATED = 1, LINK_LAST = 2, LINK_ANY = 4 };
typedef struct pat_link {
    int32_t pat;               /* index into dict->pats */
    uint8_t flags;             /* LINK_NEGATED: the pattern's negated; LINK_LAST: the run's last link;
                                  flags >> 4: words in bits[] (its nwords: PAT_MAXW == 8) */
    uint8_t key;               /* strmap_hash(longest word) % LINK_BITS, the same for the whole group */
    uint16_t skip;             /* links from this one to the next group's first; 0: the run's last group */
    uint8_t bits[8];           /* each word's bit among LINK_BITS: a pattern with a word whose bit is not among
                                  the words after the head cannot match (they imply the pattern's wbloom) */
    uint8_t npre;              /* the pattern's npre: words right before the head ("military" in "n:military
                                  exercise"), their bits in pre[]: ~40% of the patterns tried failed on them */
    uint8_t pre[3];
} pat_link;

/* A head's run of links indexed by group (dict_index_heads), so matching goes straight to the groups whose key
 * is among the words after the head instead of stepping over the run's groups one by one (a call stepped
 * over ~20 of them, ~9 cache lines of links, on the bench corpus). Records are kept in d->head_pool, each
 * 8-byte aligned, named by their offset there in 8-byte units; 1,787 heads take ~110 KB, which stays in the
 * caches where the 542 KB of links did not. */
typedef struct head_groups {
    uint64_t keys[4];          /* bit k: the run has a group of key k (pat_link.key) */
    int32_t link;              /* the run's first link in d->links */
    uint16_t any;              /* the run's first `any` links are LINK_ANY: tried whatever the words */
    uint16_t base[4];          /* groups of the keys below keys[j]'s: popcount(keys[0..j)) */
    uint16_t off[];            /* one per group, in key order, and one more: the group of rank r is the links
                                  [link + off[r], link + off[r + 1]); off[0] == any */
} head_groups;
/* The number of bits set in x (no popcnt instruction is assumed). */
static inline unsigned dict_popcount64(uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

enum actor_kind { AK_COUNTRY = 1, AK_DEMONYM, AK_CAPITAL, AK_CITY, AK_REGION, AK_ORG, AK_AGENT, AK_PERSON };
extern const char *const actor_kind_names[];

typedef struct actor_entry {
    uint8_t kind;
    uint8_t needcap;           /* 1: written with a capital, text must be capitalised; 2: short all-caps acronym */
    const char *country;       /* ISO3 or NULL */
    const char *sector;        /* sector/type code or NULL */
    const char *org;           /* org acronym / region code or NULL */
    int32_t from, to;          /* person: yyyymmdd range (to = 99999999 when open) */
    const char *name;          /* the name as written */
    const char *file;
    int line;
    int32_t next;              /* next entry with the same name key, or -1 */
    /* PETRARCH/TABARI dictionaries (src/compat/): an actor's whole code is in `country` ("USAGOV", "IGOUNO")
       with from/to its date restriction; an agent's code is in `sector` */
    uint8_t agent_prefix;      /* agent "[NGO~]": its code goes before the actor's ("NGOARN"), not after */
} actor_entry;

enum { MOD_REFUSE = 0, MOD_THREATEN, MOD_INTENT, MOD_PROCEED, MOD_NEGATED, MOD_SPEECH, MOD_ALONE, MOD_FUTURE, MOD_OBJECT, MOD_MUTUAL, MOD_ONLOOKER, MOD__COUNT };
/* MOD_FUTURE lists the verbs and adjectives that announce one's own planned or scheduled act ("plans to", "is set
 * to"): the act is coded like its future ("will"), through the intent maps, except a show of force (root 15). */
/* MOD_ALONE lists verbs that make an event with no target ("protesters marched", "the minister resigned"). */
/* MOD_OBJECT lists verbs that always take an object: a bare participle of one right after a noun, with no object
 * after it, is a reduced passive ("the civilians killed in the raid"). */
/* MOD_MUTUAL lists acts that two parties do with each other: coordinated subjects with no target act on one
 * another ("Kerry and Lavrov met", "Chad and Niger signed an accord"). */
/* MOD_ONLOOKER lists verbs whose object, an event noun, is someone else's act that the subject meets, sees, escapes
 * or weighs ("faced arrest", "witnessed the kidnapping", "considered a request"): the subject is not its doer. */
/* MOD_SPEECH lists the verbs that report speech ("said", "announced"): their subject is the attribution. */
extern const char *const modality_names[MOD__COUNT];
_Static_assert(MOD__COUNT <= 16, "a class is a bit of dyad_dict.modal_first");

struct dyad_dict {
    arena mem;
    code_info *codes;
    size_t n_codes, cap_codes;
    strmap code_index;         /* "042" -> index */
    vpattern *pats;
    size_t n_pats, cap_pats;
    strmap verb_heads, noun_heads; /* lemma -> first pattern */
    pat_link *links;           /* every head's chain (dict_index_patterns); NULL for PETRARCH dictionaries */
    size_t n_links;
    uint64_t *head_pool;       /* every run's head_groups record (dict_index_heads); NULL for PETRARCH's */
    int32_t (*head_runs)[2];   /* {first link, record offset or -1}, one per run, in link order */
    size_t n_head_runs, n_head_units; /* runs, and head_pool's length in 8-byte units */
    actor_entry *actors;
    size_t n_actors, cap_actors;
    strmap names;              /* "cis collective security treaty" -> first actor entry */
    strmap prefixes;           /* every proper prefix of a name key (value bit 0) and every name key (bit 1, its
                                  first actor entry in bits 2-30: dict_name_prefix) */
    int max_name_tokens;
    uint64_t first_words[1024]; /* 64K-bit filter of the first words of names (dict_index_names) */
    uint64_t name_pairs[1024]; /* 64K-bit filter of the (prefix, next word) pairs of names, three bits a pair in
                                  one word (dict_index_names, dict_may_continue_name) */
    strmap modal_verbs[MOD__COUNT]; /* lemma -> 1 */
    uint16_t modal_first[1024]; /* bit cls: a key of modal_verbs[cls] has these first four bytes (dict_modal_key) */
    uint64_t modal_bits[MOD__COUNT][4]; /* bit b of [cls]: a key of modal_verbs[cls] has strmap_hash % 256 == b */
    int modal_indexed;         /* modal_first is built (dict_index_modals); 0: dict_is_modal probes the maps */
    int32_t modal_map[MOD__COUNT][21]; /* [class][root] -> code index, or -1 */
    strmap modal_codes;        /* "class:code" -> code index: code-specific maps win over root maps */
    struct petr_ext *petr;     /* PETRARCH/TABARI dictionaries (src/compat/petrarch.h), in `mem`; NULL for dyad's own */
    void *image_map;           /* the built-in image mapped in place (src/dict/image.c): the tables above point */
    size_t image_map_len;      /* into it, read only; unmapped by dyad_dict_free. NULL otherwise */
};

int32_t dict_code(const dyad_dict *d, const char *code);
/* The code a pattern names as written: its CAMEO code, or "---" for a phrase that is no event. */
static inline const char *dict_pattern_code(const dyad_dict *d, const vpattern *p) {
    return p->nocode && !p->has_code2 ? "---" : d->codes[p->code].code;
}
const code_info *dict_code_info(const dyad_dict *d, int32_t i);
int32_t dict_verb_patterns(const dyad_dict *d, const char *lemma, int nominal);
/* The same for a word whose length and hash (strmap_hash) are known: a token's own form. */
static inline int32_t dict_verb_patterns_h(const dyad_dict *d, const char *w, size_t n, uint64_t hash, int nominal) {
    return strmap_get_h(nominal ? &d->noun_heads : &d->verb_heads, w, n, hash);
}
/* Is lemma in modality class cls? Inline: the event stage asks it of each verb for class after class, and the
 * compiler then hashes the lemma once (and no class map that is empty is probed). */
/* Its first four bytes (fewer before the NUL) hashed to 10 bits: the slot of modal_first. A key of len bytes gives
 * the same as the NUL-terminated string equal to it (the bytes from the NUL on count as zeros). */
static inline unsigned dict_modal_key(const char *w) {
    const unsigned char *p = (const unsigned char *)w;
    uint32_t x = p[0];
    if (p[0]) {
        x |= (uint32_t)p[1] << 8;
        if (p[1]) {
            x |= (uint32_t)p[2] << 16;
            if (p[2]) x |= (uint32_t)p[3] << 24;
        }
    }
    return (x * 0x9E3779B1u) >> 22;
}
/* The event stage asks ~7 times a sentence, mostly of lemmas in no class: the filter of first bytes answers most
 * of those without the lemma's strlen, its hash and the probe of the map (a likely cache miss). Exact: every key
 * of a class sets its bit (dict_index_modals), and a lemma equal to a key has the key's first four bytes. */
int dict_is_modal_probe(const dyad_dict *d, int cls, const char *lemma); /* the map's answer, not inline */
static inline __attribute__((always_inline)) int dict_is_modal(const dyad_dict *d, int cls, const char *lemma) {
    if (d->modal_indexed) return d->modal_first[dict_modal_key(lemma)] >> cls & 1 ? dict_is_modal_probe(d, cls, lemma) : 0;
    return d->modal_verbs[cls].n ? dict_is_modal_probe(d, cls, lemma) : 0;
}
/* The same for a lemma whose bit (strmap_hash(lemma) % 256: a token's lbit, or its wbit when the lemma is its
 * word) is known. The bit is asked first: it is in the token, where the lemma's bytes are a pointer away, in the
 * word cache's arena (a likely cache miss: the first load of dict_is_modal took ~9% of code_sentence's samples).
 * Exact: every key of a class sets its bit (dict_index_modals), and a lemma equal to a key has the key's hash.
 * MOD_SPEECH's 31 keys set ~11% of the 256 bits. */
static inline __attribute__((always_inline)) int dict_is_modal_b(const dyad_dict *d, int cls, const char *lemma,
                                                                 unsigned bit) {
    if (d->modal_indexed && !(d->modal_bits[cls][bit / 64 & 3] >> (bit & 63) & 1)) return 0;
    return dict_is_modal(d, cls, lemma);
}
/* The code a modality class gives an event of code CODE (index), or -1. */
int32_t dict_modal_code(const dyad_dict *d, int cls, int32_t code);

/* Build d->links and each head's vpattern.link from the chains: dyad's loader calls it once its patterns
 * are in (the image keeps the result). Returns -1 when out of memory. */
int dict_index_patterns(dyad_dict *d);

/* Build d->head_pool and d->head_runs from d->links: the text loader calls it once the links are in, and the
 * image keeps the result (src/dict/image.c: loading builds nothing, it checks the index). A run whose links are not ANY links
 * then groups of ascending keys (an ANY link among the groups: a group longer than 16 bits can skip) or longer
 * than 65,535 links gets no record (offset -1): matching walks its links one by one. Returns -1 when out of
 * memory. */
int dict_index_heads(dyad_dict *d);
/* The record of the run that starts at link (pats[first].link), or -1: none. */
int32_t dict_head_record(const dyad_dict *d, int32_t link);
static inline const head_groups *dict_head_groups(const dyad_dict *d, int32_t rec) {
    return (const head_groups *)(const void *)(d->head_pool + rec);
}

/* Fill d->first_words from d->names, mark every name in d->prefixes (value bit 1 and the name's first entry
 * above; bit 0: a proper prefix of a name), then fill d->name_pairs from d->prefixes: every loader calls it once
 * its names are in. Returns -1 when out of memory. */
int dict_index_names(dyad_dict *d);
/* Fill d->modal_first and d->modal_bits from d->modal_verbs and set d->modal_indexed: dyad's loaders (text and image) call it once
 * the maps are in; a dict without it (PETRARCH's, no modal verbs) probes the maps. */
void dict_index_modals(dyad_dict *d);
/* What the name keys say of the key of hash h (h = strmap_hash of the key): -1 when no name starts so; else bit 0:
 * a proper prefix of a name, bit 1: a name, whose first actor entry (d->names' value for the key) is then *idx,
 * else *idx = -1. One probe of `prefixes`, whose value keeps the name's entry above its two bits
 * (dict_index_names): the scan probed `names` again for each name, a second miss in a large map. */
static inline int32_t dict_name_prefix(const dyad_dict *d, const char *key, size_t len, uint64_t h, int32_t *idx) {
    int32_t v = strmap_get_h(&d->prefixes, key, len, h);
    *idx = v >= 0 && v & 2 ? v >> 2 : -1;
    return v < 0 ? -1 : v & 3;
}
/* May a name key start with the word of hash h (h = strmap_hash of the word)? No false negatives. */
static inline int dict_may_start_name(const dyad_dict *d, uint64_t h) {
    return (int)((d->first_words[(h >> 6) & 1023] >> (h & 63)) & 1);
}

/* May the name prefix of hash hp (strmap_hash of its key) go on with the word of hash hw (strmap_hash of the
 * word) into a longer prefix or a name? No false negatives: the longest-match scan stops where this says no,
 * without building and hashing the longer key. A blocked filter: each pair sets three bits of one 64-bit word
 * (the word from the top 10 bits of dict_pair_hash, the bits from the three 6-bit fields below them), so a
 * question still reads one word, and an unrelated pair passes ~3% of the time where one bit a pair let ~11%
 * through (each such pass cost a probe of the pair memo or of the prefixes map). */
static inline uint64_t dict_pair_hash(uint64_t hp, uint64_t hw) {
    return (hp ^ (hw * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull;
}
static inline uint64_t dict_pair_bits(uint64_t p) {
    return 1ull << (p >> 48 & 63) | 1ull << (p >> 42 & 63) | 1ull << (p >> 36 & 63);
}
static inline int dict_may_continue_name(const dyad_dict *d, uint64_t hp, uint64_t hw) {
    uint64_t p = dict_pair_hash(hp, hw), m = dict_pair_bits(p);
    return (d->name_pairs[p >> 54] & m) == m;
}

/* Join lower-case tokens of a phrase into a key "w1 w2 w3" (used by the loader and the actor stage). */
size_t dict_phrase_key(const char *name, char *out, size_t outsz, int *needcap, int *ntok);

#endif
