/* test_reader_writer.c -- reading documents (src/read) and writing events (src/write). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"
#include <jansson.h>

typedef struct fx {
    char *dir;
    char path[1200];
    dyad_reader *r;
    char err[512];
} fx;

static int setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f) return -1;
    f->dir = tu_mkdtemp();
    if (!f->dir) { free(f); return -1; }
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fx *f = *state;
    dyad_reader_close(f->r);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* Write NAME with LEN bytes of DATA ((size_t)-1: a C string) and open it in FORMAT. */
static void open_file(fx *f, const char *name, const char *data, size_t len, int format) {
    assert_int_equal(tu_write_file(f->dir, name, data, len), 0);
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, name);
    dyad_reader_close(f->r);
    f->err[0] = 0;
    f->r = dyad_reader_open(f->path, format, f->err, sizeof f->err);
    if (!f->r) fprintf(stderr, "%s\n", f->err);
    assert_non_null(f->r);
}

/* ---- reader ----------------------------------------------------------------------------------------- */

static void test_text_with_bulletin_header(void **state) {
    fx *f = *state;
    open_file(f, "monitor.txt", "Publication: The Monitor Volume: 5 Issue: 25\nRussia attacked Georgia.\n", (size_t)-1,
              DYAD_INPUT_AUTO);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_non_null(doc.publication);
    assert_string_equal(doc.publication, "The Monitor");
    assert_string_equal(doc.volume, "5");
    assert_string_equal(doc.issue, "25");
    assert_string_equal(doc.id, "monitor.txt");
    assert_int_equal(doc.len, strlen("Russia attacked Georgia.\n"));
    assert_memory_equal(doc.text, "Russia attacked Georgia.\n", doc.len); /* the header is not text */
    assert_null(doc.date);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
}

static void test_text_without_header(void **state) {
    fx *f = *state;
    const char *body = "Russia attacked Georgia.\n\nPublication: not a header here\n";
    open_file(f, "plain.txt", body, (size_t)-1, DYAD_INPUT_TEXT);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_null(doc.publication);
    assert_null(doc.volume);
    assert_int_equal(doc.len, strlen(body));
    assert_memory_equal(doc.text, body, doc.len);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
}

static void test_jsonl_bad_line_then_next(void **state) {
    fx *f = *state;
    open_file(f, "docs.jsonl",
              "{\"id\":\"a\",\"text\":\"Russia attacked Georgia.\",\"date\":\"2003-05-14\",\"title\":\"T\",\"url\":\"http://x\"}\n"
              "{\"id\":\"b\",\"text\": oops}\n"
              "{\"id\":\"c\",\"text\":\"Tashkent visited Moscow.\"}\n",
              (size_t)-1, DYAD_INPUT_AUTO);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_string_equal(doc.id, "a");
    assert_int_equal(doc.len, strlen("Russia attacked Georgia."));
    assert_memory_equal(doc.text, "Russia attacked Georgia.", doc.len);
    assert_string_equal(doc.date, "2003-05-14");
    assert_string_equal(doc.title, "T");
    assert_string_equal(doc.url, "http://x");
    assert_null(doc.source);

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), -1);
    char want[1300];
    snprintf(want, sizeof want, "%s:2:", f->path);
    if (strncmp(f->err, want, strlen(want))) fprintf(stderr, "message: %s\n", f->err);
    assert_int_equal(strncmp(f->err, want, strlen(want)), 0);

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_string_equal(doc.id, "c");
    assert_null(doc.date);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
}

static void test_jsonl_record_errors(void **state) {
    fx *f = *state;
    open_file(f, "errs.jsonl",
              "{\"id\":\"a\",\"body\":\"no text field\"}\n"
              "\n"
              "[1, 2, 3]\n"
              "{\"text\":\"x\",\"date\":\"2003-02-30\"}\n"
              "{\"text\":42}\n"
              "{\"text\":\"ok\",\"id\":42,\"date\":\"2003-05-14T10:30:00Z\"}\n"
              "{\"text\":\"no id\"}\r\n",
              (size_t)-1, DYAD_INPUT_JSONL);
    dyad_doc doc;
    char want[1300];
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), -1);
    snprintf(want, sizeof want, "%s:1: ", f->path);
    assert_int_equal(strncmp(f->err, want, strlen(want)), 0);
    assert_non_null(strstr(f->err, "\"text\""));

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), -1); /* the blank line 2 is skipped */
    snprintf(want, sizeof want, "%s:3: ", f->path);
    assert_int_equal(strncmp(f->err, want, strlen(want)), 0);
    assert_non_null(strstr(f->err, "object"));

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), -1);
    snprintf(want, sizeof want, "%s:4: ", f->path);
    assert_int_equal(strncmp(f->err, want, strlen(want)), 0);
    assert_non_null(strstr(f->err, "date"));

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), -1); /* text not a string */
    snprintf(want, sizeof want, "%s:5: ", f->path);
    assert_int_equal(strncmp(f->err, want, strlen(want)), 0);

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_string_equal(doc.id, "42");            /* a numeric id */
    assert_string_equal(doc.date, "2003-05-14");  /* the day of an ISO timestamp */

    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_string_equal(doc.id, "line-7");        /* no id: the line number */
    assert_int_equal(doc.len, 5);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
}

static void test_binary_file_refused(void **state) {
    fx *f = *state;
    char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (char)(i % 7 == 0 ? 0 : (i * 37) & 0xFF);
    memcpy(bin, "\x7F" "ELF", 4);
    open_file(f, "a.out", bin, sizeof bin, DYAD_INPUT_AUTO);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), -1);
    assert_non_null(strstr(f->err, f->path));
    assert_non_null(strstr(f->err, "binary"));
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
    /* a text with a few stray control bytes is still text */
    open_file(f, "odd.txt", "Russia attacked Georgia.\x01 Ethiopia attacked Eritrea.\x02 More words follow here.", (size_t)-1,
              DYAD_INPUT_TEXT);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
}

static void test_open_errors_and_detection(void **state) {
    fx *f = *state;
    char path[1300];
    snprintf(path, sizeof path, "%s/missing.txt", f->dir);
    char err[1500] = "";
    assert_null(dyad_reader_open(path, DYAD_INPUT_AUTO, err, sizeof err));
    assert_non_null(strstr(err, path));
    /* leading white space before '{': JSON Lines */
    open_file(f, "ws.jsonl", "\n  \n{\"text\":\"Russia attacked Georgia.\",\"id\":\"z\"}\n", (size_t)-1, DYAD_INPUT_AUTO);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_string_equal(doc.id, "z");
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
    /* '<' would be XML: read as text */
    open_file(f, "a.xml", "<doc>Russia attacked Georgia.</doc>", (size_t)-1, DYAD_INPUT_AUTO);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_int_equal(doc.len, strlen("<doc>Russia attacked Georgia.</doc>"));
    /* a JSONL file forced to be read as text is one document */
    open_file(f, "forced.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", (size_t)-1, DYAD_INPUT_TEXT);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_int_equal(doc.len, 26);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
    /* an empty file is one empty text document */
    open_file(f, "empty.txt", "", 0, DYAD_INPUT_AUTO);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 1);
    assert_int_equal(doc.len, 0);
    assert_int_equal(dyad_reader_next(f->r, &doc, f->err, sizeof f->err), 0);
    dyad_reader_close(NULL);
}

/* Regression (was a bug in src/read/reader.c): a JSON Lines file that starts with a UTF-8 byte order mark is detected as JSON
 * Lines (dyad_reader_open skips the BOM when it looks for '{'), but next_jsonl() hands the first line to
 * jansson with the BOM still in front, so the first record is reported as "not valid JSON" and lost.
 * Reproduction: printf '\xef\xbb\xbf{"text":"Russia attacked Georgia."}\n' > /tmp/b.jsonl;
 *               build/dyad code /tmp/b.jsonl   ->  "/tmp/b.jsonl:1: not valid JSON: ..." */
static void test_jsonl_with_bom(void **state) {
    fx *f = *state;
    open_file(f, "bom.jsonl", "\xEF\xBB\xBF{\"text\":\"Russia attacked Georgia.\",\"id\":\"z\"}\n", (size_t)-1,
              DYAD_INPUT_AUTO);
    dyad_doc doc;
    int rc = dyad_reader_next(f->r, &doc, f->err, sizeof f->err);
    if (rc != 1) fprintf(stderr, "%s\n", f->err);
    assert_int_equal(rc, 1);
    assert_string_equal(doc.id, "z");
}

/* ---- writer ----------------------------------------------------------------------------------------- */

/* A hand-made result whose strings need escaping. */
static const char NASTY[] = "He said \"no\"\nthen\tleft \\ \x01\x1f end \xC3\xA9";

static void fake(dyad_event *e, dyad_result *r, dyad_doc *doc) {
    memset(e, 0, sizeof *e);
    memset(r, 0, sizeof *r);
    memset(doc, 0, sizeof *doc);
    e->sent = 3;
    strcpy(e->date, "2003-05-13");
    e->source = (dyad_actor){"Uzbek \"officials\"", "UZBGOV", "UZB", "GOV", NULL};
    e->target = (dyad_actor){"Russia\n", "RUS", "RUS", NULL, NULL};
    e->has_target = 1;
    e->cameo = "042", e->root = "04", e->plover = "CONSULT", e->plover_mode = "visit";
    e->goldstein = 1.9, e->quad_class = 1;
    e->verb = "visited", e->pattern = "a\\b\x02\xC3\xA9 \xFF", e->text = NASTY; /* short strings the writer copies in
                                                                               place unless a byte needs a look */
    r->events = e;
    r->n_events = 1;
    doc->id = "doc\"1\"";
    doc->url = "http://x/a\tb";
    doc->source = "Wire";
}

static void test_jsonl_escapes_and_parses(void **state) {
    (void)state;
    dyad_event e;
    dyad_result r;
    dyad_doc doc;
    fake(&e, &r, &doc);
    FILE *f = tmpfile();
    assert_non_null(f);
    dyad_writer *w = dyad_writer_new(f, DYAD_OUT_JSONL);
    assert_non_null(w);
    assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
    e.has_target = 0, e.plover = NULL, e.plover_mode = NULL, e.sent = 4, e.date[0] = 0;
    assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    size_t n = 0;
    char *out = tu_slurp(f, &n);
    fclose(f);
    assert_non_null(out);
    /* exactly two lines, no raw control characters */
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) {
        if (out[i] == '\n') lines++;
        else assert_true((unsigned char)out[i] >= 0x20);
    }
    assert_int_equal(lines, 2);
    char *second = strchr(out, '\n') + 1;
    second[-1] = 0;

    json_error_t je;
    json_t *o = json_loads(out, 0, &je);
    if (!o) fprintf(stderr, "line 1 is not JSON: %s: %s\n", je.text, out);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "text")), NASTY);
    assert_string_equal(json_string_value(json_object_get(o, "doc_id")), "doc\"1\"");
    assert_string_equal(json_string_value(json_object_get(o, "cameo")), "042");
    assert_string_equal(json_string_value(json_object_get(o, "date")), "2003-05-13");
    assert_int_equal(json_integer_value(json_object_get(o, "sent")), 3);
    assert_int_equal(json_integer_value(json_object_get(o, "quad_class")), 1);
    assert_float_equal(json_number_value(json_object_get(o, "goldstein")), 1.9, 1e-9);
    json_t *src = json_object_get(o, "source");
    assert_string_equal(json_string_value(json_object_get(src, "text")), "Uzbek \"officials\"");
    assert_string_equal(json_string_value(json_object_get(src, "code")), "UZBGOV");
    assert_true(json_is_null(json_object_get(src, "org")));
    json_t *tgt = json_object_get(o, "target");
    assert_string_equal(json_string_value(json_object_get(tgt, "text")), "Russia\n");
    assert_string_equal(json_string_value(json_object_get(o, "plover")), "CONSULT");
    assert_string_equal(json_string_value(json_object_get(o, "verb")), "visited");
    assert_string_equal(json_string_value(json_object_get(o, "pattern")), "a\\b\x02\xC3\xA9 \xEF\xBF\xBD"); /* U+FFFD */
    assert_string_equal(json_string_value(json_object_get(o, "publication")), "Wire");
    assert_true(json_is_array(json_object_get(o, "citations")));
    json_decref(o);

    o = json_loads(second, 0, &je);
    assert_non_null(o);
    assert_true(json_is_null(json_object_get(o, "target")));
    assert_true(json_is_null(json_object_get(o, "plover")));
    assert_true(json_is_null(json_object_get(o, "date")));
    assert_int_equal(json_integer_value(json_object_get(o, "sent")), 4);
    json_decref(o);
    free(out);
}

/* The writers format numbers themselves (no printf per field): every value must print as printf prints it,
 * and a string longer than the writer's buffer, or with invalid bytes, must come out whole and valid. */
static void test_writer_numbers_and_long_strings(void **state) {
    (void)state;
    static const double G[] = {-10, -9.5, -0.0, 0.0, 0.05, 0.25, -0.25, 1.9, 3.4, -2.65, 7.0, 10.0, 8.3, -5.2,
                               123456.7, 1e12, -1e15, 0.95};
    static const int S[] = {0, 7, -3, 2147483647, -2147483647 - 1};
    for (size_t i = 0; i < sizeof G / sizeof *G; i++) {
        dyad_event e;
        dyad_result r;
        dyad_doc doc;
        fake(&e, &r, &doc);
        e.goldstein = G[i];
        e.sent = S[i % 5];
        e.date[0] = i % 3 ? e.date[0] : 0;
        FILE *f = tmpfile();
        dyad_writer *w = dyad_writer_new(f, DYAD_OUT_TSV);
        assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
        assert_int_equal(dyad_writer_finish(w), 0);
        dyad_writer_free(w);
        char *out = tu_slurp(f, NULL);
        fclose(f);
        char want[128];
        snprintf(want, sizeof want, "\t042\t04\t1\t%.1f\t", G[i]);
        if (!strstr(out, want)) fprintf(stderr, "want '%s' in: %s\n", want, out);
        assert_non_null(strstr(out, want));
        snprintf(want, sizeof want, "\tdoc\"1\"-%d\t", S[i % 5]);
        assert_non_null(strstr(out, want));
        assert_non_null(strstr(out, i % 3 ? "\n1\t20030513\t2003\t05\t13\t" : "\n1\t\t\t\t\t"));
        free(out);

        f = tmpfile();
        w = dyad_writer_new(f, DYAD_OUT_JSONL);
        assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
        assert_int_equal(dyad_writer_finish(w), 0);
        dyad_writer_free(w);
        out = tu_slurp(f, NULL);
        fclose(f);
        snprintf(want, sizeof want, ",\"goldstein\":%.1f,\"quad_class\":1,", G[i]);
        assert_non_null(strstr(out, want));
        snprintf(want, sizeof want, ",\"sent\":%d,", S[i % 5]);
        assert_non_null(strstr(out, want));
        free(out);
    }

    /* 40,000 bytes of text with escapes throughout, an invalid byte and a cut sequence: longer than the
       writer's buffer */
    size_t n = 40000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = "abcdefg\"h\\ijklm\nnopq\x02rstuvwxyz. "[i % 32];
    memcpy(big + 1000, "\xC3\xA9\xE2\x82\xAC", 5); /* e-acute, euro sign */
    big[20001] = (char)0xFF;                     /* invalid: U+FFFD */
    big[n - 1] = (char)0xC3;                     /* a sequence cut by the end */
    big[n] = 0;
    dyad_event e;
    dyad_result r;
    dyad_doc doc;
    fake(&e, &r, &doc);
    e.text = big;
    FILE *f = tmpfile();
    dyad_writer *w = dyad_writer_new(f, DYAD_OUT_JSONL);
    for (int k = 0; k < 3; k++) assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    size_t len = 0;
    char *out = tu_slurp(f, &len);
    fclose(f);
    char *line = out;
    for (int k = 0; k < 3; k++) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = 0;
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        if (!o) fprintf(stderr, "line %d is not JSON: %s\n", k + 1, je.text);
        assert_non_null(o);
        const char *t = json_string_value(json_object_get(o, "text"));
        assert_non_null(t);
        big[20001] = 0;
        assert_int_equal(strncmp(t, big, 20001), 0); /* up to the invalid byte, as it was */
        assert_int_equal(memcmp(t + 20001, "\xEF\xBF\xBD", 3), 0);
        big[20001] = (char)0xFF;
        assert_int_equal(strlen(t), n - 2 + 3 + 3); /* two invalid bytes, each three bytes of U+FFFD */
        json_decref(o);
        line = nl + 1;
    }
    assert_int_equal(*line, 0);
    free(out);
    free(big);
}

/* The JSON escape of s as the writer should give it, byte by byte: the reference for the writer's paths (short
 * strings copied in place, longer ones eight bytes at a time). */
static size_t ref_escape(const unsigned char *s, char *out) {
    size_t o = 0;
    out[o++] = '"';
    for (; *s; s++) {
        unsigned c = *s;
        if (c == '"') o += (size_t)sprintf(out + o, "\\\"");
        else if (c == '\\') o += (size_t)sprintf(out + o, "\\\\");
        else if (c == '\n') o += (size_t)sprintf(out + o, "\\n");
        else if (c == '\t') o += (size_t)sprintf(out + o, "\\t");
        else if (c == '\r') o += (size_t)sprintf(out + o, "\\r");
        else if (c < 0x20) o += (size_t)sprintf(out + o, "\\u%04x", c);
        else if (c == 0xC3 && (s[1] & 0xC0) == 0x80) out[o++] = (char)c, out[o++] = (char)*++s; /* the only sequence used */
        else if (c >= 0x80) o += (size_t)sprintf(out + o, "\\ufffd");
        else out[o++] = (char)c;
    }
    out[o++] = '"';
    out[o] = 0;
    return o;
}

/* Strings of 0 to 72 bytes with one byte to escape or check at every position (or none), written in one
 * file, so that the writer's buffer fills and flushes at many places: each comes out as the reference
 * escape says. */
static void test_jsonl_short_strings_exact(void **state) {
    (void)state;
    static const char *const SPECIAL[] = {"", "\"", "\\", "\n", "\x01", "\x7f", "\xC3\xA9", "\xFF", "\t"};
    FILE *f = tmpfile();
    assert_non_null(f);
    dyad_writer *w = dyad_writer_new(f, DYAD_OUT_JSONL);
    assert_non_null(w);
    char s[96];
    size_t lines = 0;
    for (size_t len = 0; len <= 72; len++) /* past four of jstr's 16-byte blocks */
        for (size_t k = 0; k < sizeof SPECIAL / sizeof *SPECIAL; k++)
            for (size_t at = 0; at <= len; at++) {
                dyad_event e;
                dyad_result r;
                dyad_doc doc;
                fake(&e, &r, &doc);
                for (size_t i = 0; i < len; i++) s[i] = (char)('a' + (i + at) % 26);
                s[len] = 0;
                size_t sl = strlen(SPECIAL[k]);
                if (sl && at < len) memcpy(s + at, SPECIAL[k], sl), s[at + sl > len ? at + sl : len] = 0;
                e.verb = s;
                assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
                lines++;
            }
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    char *out = tu_slurp(f, NULL);
    fclose(f);
    assert_non_null(out);
    char *line = out;
    char want[512];
    for (size_t len = 0; len <= 72; len++) /* past four of jstr's 16-byte blocks */
        for (size_t k = 0; k < sizeof SPECIAL / sizeof *SPECIAL; k++)
            for (size_t at = 0; at <= len; at++) {
                for (size_t i = 0; i < len; i++) s[i] = (char)('a' + (i + at) % 26);
                s[len] = 0;
                size_t sl = strlen(SPECIAL[k]);
                if (sl && at < len) memcpy(s + at, SPECIAL[k], sl), s[at + sl > len ? at + sl : len] = 0;
                char *nl = strchr(line, '\n');
                assert_non_null(nl);
                *nl = 0;
                size_t o = (size_t)sprintf(want, ",\"verb\":");
                ref_escape((const unsigned char *)s, want + o);
                strcat(want, ",\"pattern\":");
                if (!strstr(line, want)) fprintf(stderr, "want '%s' in: %s\n", want, line);
                assert_non_null(strstr(line, want));
                line = nl + 1;
                lines--;
            }
    assert_int_equal(lines, 0);
    assert_int_equal(*line, 0);
    free(out);
}

static size_t count_char(const char *s, char c) {
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

static void test_tsv_columns(void **state) {
    (void)state;
    dyad_event e;
    dyad_result r;
    dyad_doc doc;
    fake(&e, &r, &doc);
    FILE *f = tmpfile();
    assert_non_null(f);
    dyad_writer *w = dyad_writer_new(f, DYAD_OUT_TSV);
    assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
    e.has_target = 0;
    assert_int_equal(dyad_writer_doc(w, &doc, &r), 0);
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    char *out = tu_slurp(f, NULL);
    fclose(f);
    /* header + two rows, 26 columns each */
    char *save = NULL;
    int row = 0;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), row++) {
        if (count_char(line, '\t') != 25) fprintf(stderr, "row %d: %s\n", row, line);
        assert_int_equal(count_char(line, '\t'), 25);
        if (row == 0) {
            assert_int_equal(strncmp(line, "EventID\tDate\tYear\tMonth\tDay\t", 28), 0);
            assert_non_null(strstr(line, "\tNewsSources"));
        }
        if (row == 1) {
            const char *want = "1\t20030513\t2003\t05\t13\tUZBGOV\tUZB\tGOV\t\tRUS\tRUS\t\t\t042\t04\t1\t1.9\t";
            assert_int_equal(strncmp(line, want, strlen(want)), 0);
            assert_non_null(strstr(line, "\tdoc\"1\"-3\t")); /* SentenceID */
            assert_non_null(strstr(line, "\tWire"));
            assert_non_null(strstr(line, "http://x/a b")); /* a tab inside a field becomes a space */
        }
        if (row == 2) {
            const char *want = "2\t20030513\t2003\t05\t13\tUZBGOV\tUZB\tGOV\t\t\t\t\t\t042\t"; /* no target */
            assert_int_equal(strncmp(line, want, strlen(want)), 0);
        }
    }
    assert_int_equal(row, 3);
    free(out);

    /* no events at all: the header alone */
    f = tmpfile();
    w = dyad_writer_new(f, DYAD_OUT_TSV);
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    out = tu_slurp(f, NULL);
    fclose(f);
    assert_int_equal(count_char(out, '\n'), 1);
    assert_int_equal(count_char(out, '\t'), 25);
    free(out);
}

static void test_table_and_real_result(void **state) {
    (void)state;
    dyad_coder *c = dyad_coder_new(tu_dict());
    const dyad_result *r;
    TU_CODE(c, "Russia attacked Georgia. Tashkent visited Moscow.", "2003-05-14", r);
    assert_int_equal(r->n_events, 2);
    dyad_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "d1";
    FILE *f = tmpfile();
    dyad_writer *w = dyad_writer_new(f, DYAD_OUT_TABLE);
    assert_int_equal(dyad_writer_doc(w, &doc, r), 0);
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    char *out = tu_slurp(f, NULL);
    fclose(f);
    assert_int_equal(strncmp(out, "DOC", 3), 0);
    assert_non_null(strstr(out, "(2 events)"));
    assert_non_null(strstr(out, "UZBGOV"));
    assert_non_null(strstr(out, "190"));
    free(out);

    /* JSONL of a real result parses line by line */
    f = tmpfile();
    w = dyad_writer_new(f, DYAD_OUT_JSONL);
    assert_int_equal(dyad_writer_doc(w, &doc, r), 0);
    assert_int_equal(dyad_writer_finish(w), 0);
    dyad_writer_free(w);
    out = tu_slurp(f, NULL);
    fclose(f);
    char *save = NULL;
    int n = 0;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        assert_non_null(o);
        assert_string_equal(json_string_value(json_object_get(o, "doc_id")), "d1");
        assert_string_equal(json_string_value(json_object_get(o, "cameo")), n == 0 ? "190" : "042");
        json_decref(o);
    }
    assert_int_equal(n, 2);
    free(out);
    assert_int_equal(dyad_writer_doc(NULL, &doc, r), -1);
    assert_int_equal(dyad_writer_finish(NULL), -1);
    dyad_coder_free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_jsonl_with_bom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_with_bulletin_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_without_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonl_bad_line_then_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonl_record_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_binary_file_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_errors_and_detection, setup, teardown),
        cmocka_unit_test(test_jsonl_escapes_and_parses),
        cmocka_unit_test(test_jsonl_short_strings_exact),
        cmocka_unit_test(test_tsv_columns),
        cmocka_unit_test(test_writer_numbers_and_long_strings),
        cmocka_unit_test(test_table_and_real_result),
    };
    return cmocka_run_group_tests_name("reader_writer", tests, NULL, NULL);
}
