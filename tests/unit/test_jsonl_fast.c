/* test_jsonl_fast.c -- the JSON Lines fast path (src/read/reader.c) decodes exactly what jansson decodes:
 * every record is read twice, once as it is (fast path) and once with a nested field added (which sends it
 * to jansson), and the documents must agree byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dyad.h"

static const char *const RECORDS[] = {
    "{\"id\":\"a\",\"text\":\"plain text\",\"date\":\"2008-08-08\"}",
    "{\"id\":\"b\",\"text\":\"quotes \\\" and \\\\ and \\/ and \\b\\f\\n\\r\\t controls\"}",
    "{\"id\":\"c\",\"text\":\"\\u00e9t\\u00e9 \\u2013 dash \\u201cquoted\\u201d\"}",
    "{\"id\":\"d\",\"text\":\"astral \\ud83d\\ude00 pair\",\"title\":\"t\",\"source\":\"s\",\"url\":\"u\"}",
    "{ \"text\" : \"spaces around\" , \"id\" : 42 , \"flag\" : true , \"n\" : -1.5e3 , \"z\" : null }",
    "{\"text\":\"raw UTF-8: Ташкент, 東京\",\"id\":\"e\"}",
    "{\"text\":\"nul \\u0000 inside\",\"id\":\"f\"}",
    "{\"text\":\"\",\"id\":\"g\"}",
};

static char *write_tmp(const char *content) {
    char *path = strdup("/tmp/dyad-jsonl-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(content, f);
    fclose(f);
    return path;
}

typedef struct got { char text[256]; size_t len; char id[64], date[16], title[16], source[16], url[16]; } got;

static void read_one(const char *line, got *g) {
    char *path = write_tmp(line);
    char err[256];
    dyad_reader *r = dyad_reader_open(path, DYAD_INPUT_JSONL, err, sizeof err);
    assert_non_null(r);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(r, &doc, err, sizeof err), 1);
    memset(g, 0, sizeof *g);
    assert_true(doc.len < sizeof g->text);
    memcpy(g->text, doc.text, doc.len);
    g->len = doc.len;
    snprintf(g->id, sizeof g->id, "%s", doc.id ? doc.id : "(null)");
    snprintf(g->date, sizeof g->date, "%s", doc.date ? doc.date : "(null)");
    snprintf(g->title, sizeof g->title, "%s", doc.title ? doc.title : "(null)");
    snprintf(g->source, sizeof g->source, "%s", doc.source ? doc.source : "(null)");
    snprintf(g->url, sizeof g->url, "%s", doc.url ? doc.url : "(null)");
    dyad_reader_close(r);
    unlink(path);
    free(path);
}

static void test_fast_path_agrees_with_jansson(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof RECORDS / sizeof RECORDS[0]; i++) {
        char slow[1024];
        /* the same record with a nested array: only jansson reads that */
        snprintf(slow, sizeof slow, "{\"nested\":[1,{\"a\":2}],%s\n", RECORDS[i] + 1);
        char fast[1024];
        snprintf(fast, sizeof fast, "%s\n", RECORDS[i]);
        got a, b;
        read_one(fast, &a);
        read_one(slow, &b);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.text, b.text, a.len);
        assert_string_equal(a.id, b.id);
        assert_string_equal(a.date, b.date);
        assert_string_equal(a.title, b.title);
        assert_string_equal(a.source, b.source);
        assert_string_equal(a.url, b.url);
    }
}

static void test_bad_records_still_named(void **state) {
    (void)state;
    char *path = write_tmp("{\"text\":\"ok\"}\n{\"text\":\"bad \\x escape\"}\n{\"text\":\"lone \\udc00\"}\n{\"text\":5}\n{\"text\":\"x\"} trailing\n");
    char err[256];
    dyad_reader *r = dyad_reader_open(path, DYAD_INPUT_JSONL, err, sizeof err);
    dyad_doc doc;
    assert_int_equal(dyad_reader_next(r, &doc, err, sizeof err), 1);
    assert_int_equal(dyad_reader_next(r, &doc, err, sizeof err), -1);
    assert_non_null(strstr(err, ":2: not valid JSON"));
    int rc = dyad_reader_next(r, &doc, err, sizeof err); /* jansson decides about a lone surrogate */
    assert_true(rc == -1 || rc == 1);
    assert_int_equal(dyad_reader_next(r, &doc, err, sizeof err), -1);
    assert_non_null(strstr(err, ":4: no \"text\""));
    assert_int_equal(dyad_reader_next(r, &doc, err, sizeof err), -1);
    assert_non_null(strstr(err, ":5: not valid JSON"));
    assert_int_equal(dyad_reader_next(r, &doc, err, sizeof err), 0);
    dyad_reader_close(r);
    unlink(path);
    free(path);
}

/* Random texts of 0 to ~120 bytes built from plain runs, escapes and raw UTF-8 at every offset, so that the
 * fast path's 16-byte blocks meet each kind of byte at each place in a block and at the end of the line:
 * the fast path decodes what jansson decodes. */
static void test_fast_path_random_strings(void **state) {
    (void)state;
    static const char *const PIECES[] = {"a", "bc", "defghij", "klmnopqrstuvwxyz0123", " ", "\\\"", "\\\\", "\\n",
                                         "\\t", "\\/", "\\u00e9", "\\u2019", "\\ud83d\\ude00", "\xC3\xA9",
                                         "\xE6\x9D\xB1", "\xF0\x9F\x98\x80", "\x7F"};
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 400; round++) {
        char text[200];
        size_t tl = 0;
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        size_t want = (size_t)(seed >> 40) % 120;
        while (tl < want) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            const char *p = PIECES[(seed >> 33) % (sizeof PIECES / sizeof *PIECES)];
            size_t pl = strlen(p);
            if (tl + pl >= sizeof text - 1) break;
            memcpy(text + tl, p, pl);
            tl += pl;
        }
        text[tl] = 0;
        char fast[512], slow[512];
        snprintf(fast, sizeof fast, "{\"id\":\"r\",\"text\":\"%s\"}\n", text);
        snprintf(slow, sizeof slow, "{\"nested\":[1],\"id\":\"r\",\"text\":\"%s\"}\n", text);
        got a, b;
        read_one(fast, &a);
        read_one(slow, &b);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.text, b.text, a.len);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_path_agrees_with_jansson),
        cmocka_unit_test(test_fast_path_random_strings),
        cmocka_unit_test(test_bad_records_still_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
