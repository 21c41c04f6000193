/* fuzz_code.c -- libFuzzer target: the whole dyad_code path on arbitrary bytes, with the built-in
 * dictionaries (loaded once), and the three writers on its result.
 *
 * The first byte chooses the options: bits 0-1 the document date (none or one of three), bit 2 a coder
 * whose windows are 512 bytes and whose sentences are cut at 24 tokens (src/dyad.c compiled a second time
 * with fuzz/smallwin.flags), so that inputs of a few kilobytes cross window and sentence cuts; bit 3 runs
 * dyad_explain on the text too. Checks: dyad_code succeeds, the result's pointers and indices are sound,
 * coding the same document again gives the same events, JSONL output parses as JSON objects in valid
 * UTF-8 and TSV lines have 26 columns, and dyad_code_stream (events handed over per window, the window's
 * arena reset) writes the very bytes dyad_code's result writes. */
#include "fuzz_util.h"

dyad_coder *fuzz_sw_coder_new(const dyad_dict *d);
void fuzz_sw_coder_free(dyad_coder *c);
int fuzz_sw_dyad_code(dyad_coder *c, const dyad_doc *doc, const dyad_result **out, char *err, size_t errlen);
int fuzz_sw_dyad_code_stream(dyad_coder *c, const dyad_doc *doc, dyad_events_fn fn, void *ud, const dyad_result **out,
                             char *err, size_t errlen);
int fuzz_sw_explain(dyad_coder *c, const char *sentence, const char *date, dyad_msg_fn fn, void *ud, char *err,
                    size_t errlen);

static dyad_coder *coder, *small; /* on the built-in dictionaries; small: 512-byte windows */

static void cleanup(void) { fuzz_sw_coder_free(small); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    coder = fuzz_builtin_coder();
    small = fuzz_sw_coder_new(fuzz_builtin_dict());
    FUZZ_CHECK(small != NULL);
    atexit(cleanup); /* runs before the built-in coder's clean-up, registered earlier */
    return 0;
}

static void on_line(void *ud, const char *msg) { *(size_t *)ud += fuzz_touch(msg); }

/* JSON Lines of a result, or of the parts of a stream, into a memory buffer. */
typedef struct sink {
    const dyad_doc *doc;
    FILE *f;
    dyad_writer *w;
    char *buf;
    size_t len, n_events;
} sink;

static void sink_open(sink *k, const dyad_doc *doc) {
    memset(k, 0, sizeof *k);
    k->doc = doc;
    k->f = open_memstream(&k->buf, &k->len);
    FUZZ_CHECK(k->f != NULL);
    k->w = dyad_writer_new(k->f, DYAD_OUT_JSONL);
    FUZZ_CHECK(k->w != NULL);
}

static void sink_close(sink *k) {
    dyad_writer_free(k->w);
    fclose(k->f);
}

static int on_part(void *ud, const dyad_result *part) {
    sink *k = ud;
    FUZZ_CHECK(part->n_events > 0 && part->events != NULL);
    for (size_t i = 0; i < part->n_events; i++) {
        const dyad_event *e = &part->events[i];
        FUZZ_CHECK(e->sent >= 0 && (size_t)e->sent < part->n_sentences && e->cameo && e->text);
    }
    k->n_events += part->n_events;
    FUZZ_CHECK(dyad_writer_doc(k->w, k->doc, part) == 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    static const char *const dates[4] = {NULL, "2001-03-08", "1999-02-05", "2008-08-12"};
    unsigned flags = data[0];
    data++, size--;
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "fuzz";
    doc.text = (const char *)data;
    doc.len = size;
    doc.date = dates[flags & 3];
    int use_small = (flags & 4) != 0;
    const dyad_result *r = NULL;
    char err[256] = "";
    int rc = use_small ? fuzz_sw_dyad_code(small, &doc, &r, err, sizeof err) : dyad_code(coder, &doc, &r, err, sizeof err);
    if (rc != 0) fprintf(stderr, "dyad_code: %s\n", err);
    FUZZ_CHECK(rc == 0);
    fuzz_check_result(r);
    fuzz_write_all(&doc, r);
    size_t n_events = r->n_events, n_sent = r->n_sentences, n_cit = r->n_citations;
    /* the same document again on the same coder: the same result (arenas are reset, nothing leaks over) */
    rc = use_small ? fuzz_sw_dyad_code(small, &doc, &r, err, sizeof err) : dyad_code(coder, &doc, &r, err, sizeof err);
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(r->n_events == n_events && r->n_sentences == n_sent && r->n_citations == n_cit);
    /* streamed: the same bytes */
    sink whole, parts;
    sink_open(&whole, &doc);
    FUZZ_CHECK(dyad_writer_doc(whole.w, &doc, r) == 0);
    sink_close(&whole);
    sink_open(&parts, &doc);
    rc = use_small ? fuzz_sw_dyad_code_stream(small, &doc, on_part, &parts, &r, err, sizeof err)
                   : dyad_code_stream(coder, &doc, on_part, &parts, &r, err, sizeof err);
    sink_close(&parts);
    FUZZ_CHECK(rc == 0 && r->n_events == n_events && parts.n_events == n_events && r->n_sentences == n_sent &&
               r->n_citations == n_cit && r->events == NULL);
    FUZZ_CHECK(parts.len == whole.len && memcmp(parts.buf, whole.buf, whole.len) == 0);
    free(whole.buf);
    free(parts.buf);
    if ((flags & 8) && size < 4096) {
        char *s = malloc(size + 1);
        FUZZ_CHECK(s != NULL);
        memcpy(s, data, size);
        s[size] = 0;
        size_t sum = 0;
        int n = use_small ? fuzz_sw_explain(small, s, doc.date, on_line, &sum, err, sizeof err)
                          : dyad_explain(coder, s, doc.date, on_line, &sum, err, sizeof err);
        FUZZ_CHECK(n >= 0);
        free(s);
    }
    return 0;
}
