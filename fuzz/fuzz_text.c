/* fuzz_text.c -- libFuzzer target: the plain-text reader and its bulletin header line
 * ("Publication: X Volume: N Issue: M", src/read/reader.c).
 *
 * The input becomes an in-memory file (memfd) opened as DYAD_INPUT_TEXT (or AUTO when the first byte is
 * odd). Checks: one document or a clear refusal, the header fields are bounded NUL-terminated strings, the
 * text is a suffix of the file; the document is coded and written in every format, whose output must stay
 * valid (the header fields go to the JSONL "publication" field). */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    int format = (data[0] & 1) ? DYAD_INPUT_AUTO : DYAD_INPUT_TEXT;
    data++, size--;
    char path[64];
    int fd = fuzz_memfd(data, size, path);
    FUZZ_CHECK(fd >= 0);
    char err[512];
    dyad_reader *r = dyad_reader_open(path, format, err, sizeof err);
    FUZZ_CHECK(r != NULL);
    dyad_doc doc;
    int rc, n = 0;
    while ((rc = dyad_reader_next(r, &doc, err, sizeof err)) != 0 && rc != -2 && n < 100000) {
        n++;
        if (rc == -1) {
            FUZZ_CHECK(err[0] != 0);
            continue;
        }
        FUZZ_CHECK(rc == 1);
        FUZZ_CHECK(doc.len <= size);
        if (format == DYAD_INPUT_TEXT) {
            FUZZ_CHECK(n == 1);
            FUZZ_CHECK(memcmp(doc.text, data + size - doc.len, doc.len) == 0);
        }
        fuzz_touch(doc.id), fuzz_touch(doc.title), fuzz_touch(doc.source), fuzz_touch(doc.url);
        FUZZ_CHECK(fuzz_touch(doc.publication) < 128 * 256);
        FUZZ_CHECK(!doc.publication || strlen(doc.publication) < 128);
        FUZZ_CHECK(!doc.volume || strlen(doc.volume) < 128);
        FUZZ_CHECK(!doc.issue || strlen(doc.issue) < 128);
        FUZZ_CHECK(doc.date == NULL || dyad_date_valid(doc.date));
        const dyad_result *res;
        dyad_doc d2 = doc;
        if (d2.len > 4096) d2.len = 4096;
        FUZZ_CHECK(dyad_code(fuzz_builtin_coder(), &d2, &res, err, sizeof err) == 0);
        fuzz_check_result(res);
        fuzz_write_all(&d2, res);
    }
    FUZZ_CHECK(n < 100000);
    dyad_reader_close(r);
    close(fd);
    return 0;
}
