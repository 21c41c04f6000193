/* fuzz_jsonl.c -- libFuzzer target: the JSON Lines reader (src/read/reader.c, jansson).
 *
 * The input becomes an in-memory file (memfd) read with dyad_reader_open(DYAD_INPUT_JSONL, or AUTO when the
 * first byte is odd) and dyad_reader_next() until the end. Checks: every record comes back as a document or
 * as a message naming the line, the reader never stops early on a bad record, every field is readable, a
 * date is a valid YYYY-MM-DD; the first documents are coded and written (ids, sources and titles go to
 * the JSONL output, which must stay valid JSON). With DYAD_INPUT_JSONL the reader (which parses flat
 * records itself and falls back on jansson) is also compared with jansson line by line: a line jansson
 * rejects is rejected, and a line it accepts gives the same text, id, title, source, url and date. */
#include "fuzz_util.h"

/* What jansson makes of one line; compared with the reader's record (rc, doc). */
static void differential(const char *line, size_t n, int rc, const dyad_doc *doc, const char *err) {
    json_error_t je;
    json_t *j = json_loadb(line, n, JSON_ALLOW_NUL, &je);
    json_t *t = j && json_is_object(j) ? json_object_get(j, "text") : NULL;
    if (!t || !json_is_string(t)) {
        if (rc != -1) fprintf(stderr, "reader accepted a line jansson rejects: %.*s\n", (int)n, line);
        FUZZ_CHECK(rc == -1);
        json_decref(j);
        return;
    }
    const char *date = NULL;
    json_t *jd = json_object_get(j, "date");
    if (json_is_string(jd) && json_string_length(jd) > 0) date = json_string_value(jd);
    /* a date with a NUL inside ("\u00002003-05-14") is not a date, though C sees it as "" */
    int date_ok = !date || (strlen(date) == json_string_length(jd) && dyad_date_valid(date));
    /* an ISO timestamp keeps its day; a NUL anywhere in it still makes it no date (docs/output.md) */
    if (date && !date_ok && strlen(date) == json_string_length(jd) && strlen(date) > 10 && date[10] == 'T') {
        char day[11];
        memcpy(day, date, 10);
        day[10] = 0;
        date_ok = dyad_date_valid(day);
    }
    if (rc != (date_ok ? 1 : -1)) fprintf(stderr, "reader: %d (%s), jansson: date %s: %.*s\n", rc, err, date ? date : "-", (int)n, line);
    FUZZ_CHECK(rc == (date_ok ? 1 : -1));
    if (rc == 1) {
        FUZZ_CHECK(doc->len == json_string_length(t) && memcmp(doc->text, json_string_value(t), doc->len) == 0);
        json_t *id = json_object_get(j, "id");
        if (json_is_string(id)) FUZZ_CHECK(doc->id && strcmp(doc->id, json_string_value(id)) == 0);
        static const char *const keys[3] = {"title", "source", "url"};
        const char *got[3] = {doc->title, doc->source, doc->url};
        for (int k = 0; k < 3; k++) {
            json_t *v = json_object_get(j, keys[k]);
            if (json_is_string(v)) FUZZ_CHECK(got[k] && strcmp(got[k], json_string_value(v)) == 0);
            else FUZZ_CHECK(got[k] == NULL);
        }
    }
    json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int format = (data[0] & 1) ? DYAD_INPUT_AUTO : DYAD_INPUT_JSONL;
    data++, size--;
    char path[64];
    int fd = fuzz_memfd(data, size, path);
    FUZZ_CHECK(fd >= 0);
    char err[512];
    dyad_reader *r = dyad_reader_open(path, format, err, sizeof err);
    FUZZ_CHECK(r != NULL);
    size_t lines = 1;
    for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
    size_t records = 0, coded = 0;
    const char *s = (const char *)data, *end = s + size, *line = s;
    for (;;) {
        dyad_doc doc;
        memset(err, 0, sizeof err);
        int rc = dyad_reader_next(r, &doc, err, sizeof err);
        FUZZ_CHECK(rc >= -2 && rc <= 1);
        if (format == DYAD_INPUT_JSONL) { /* the next non-blank line, as the reader cuts them */
            const char *l = NULL, *le = NULL;
            while (line < end) {
                const char *nl = memchr(line, '\n', (size_t)(end - line));
                const char *e = nl ? nl : end, *b = line;
                if (b == s && e - b >= 3 && !memcmp(b, "\xef\xbb\xbf", 3)) b += 3;
                line = nl ? nl + 1 : end;
                const char *q = b;
                while (q < e && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
                if (q < e) { l = b, le = e; break; }
            }
            if (rc == 0) FUZZ_CHECK(l == NULL);
            if (l && rc != -2) differential(l, (size_t)(le - l), rc, &doc, err);
        }
        if (rc == 0 || rc == -2) break;
        records++;
        FUZZ_CHECK(records <= lines); /* never more records than lines: the reader always moves on */
        if (rc == -1) {
            FUZZ_CHECK(err[0] != 0 && memchr(err, 0, sizeof err) != NULL);
            continue;
        }
        fuzz_check_doc(&doc);
        if (coded < 3 && doc.len < 2048) fuzz_code_doc(&doc), coded++;
    }
    dyad_reader_close(r);
    close(fd);
    return 0;
}
