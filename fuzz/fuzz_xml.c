/* fuzz_xml.c -- libFuzzer target: the PETRARCH XML reader (src/compat/petr_xml.c), used by
 * `dyad code --input xml` and `dyad validate`.
 *
 * The input becomes an in-memory file (memfd) read with dyad_xml_open() and dyad_xml_next() to the end.
 * Checks: the reader always moves on (never more records than '<' in the input), every document field,
 * validation record and <Environment> entry is readable, a date is YYYY-MM-DD; the first documents are
 * coded and written (ids go to the JSONL output, which must stay valid JSON). */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char path[64];
    int fd = fuzz_memfd(data, size, path);
    FUZZ_CHECK(fd >= 0);
    char err[512] = "";
    dyad_xml_reader *r = dyad_xml_open(path, err, sizeof err);
    if (!r) {
        FUZZ_CHECK(err[0] != 0);
        close(fd);
        return 0;
    }
    size_t tags = 1, records = 0, coded = 0;
    for (size_t i = 0; i < size; i++) tags += data[i] == '<';
    static const char *const env[] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile", "Include", "Errorfile"};
    for (;;) {
        dyad_doc doc;
        memset(err, 0, sizeof err);
        int rc = dyad_xml_next(r, &doc, err, sizeof err);
        FUZZ_CHECK(rc >= -2 && rc <= 1);
        if (rc == 0 || rc == -2) break;
        records++;
        FUZZ_CHECK(records <= tags);
        if (rc == -1) {
            FUZZ_CHECK(err[0] != 0);
            continue;
        }
        fuzz_check_doc(&doc);
        dyad_xml_record rec;
        memset(&rec, 0, sizeof rec);
        dyad_xml_record_info(r, &rec);
        fuzz_touch(rec.category);
        for (size_t k = 0; k < rec.n_codings; k++) {
            const dyad_xml_coding *c = &rec.codings[k];
            fuzz_touch(c->source), fuzz_touch(c->target), fuzz_touch(c->event), fuzz_touch(c->error);
        }
        for (size_t k = 0; k < sizeof env / sizeof env[0]; k++) fuzz_touch(dyad_xml_environment(r, env[k]));
        if (coded < 3 && doc.len < 2048) fuzz_code_doc(&doc), coded++;
    }
    dyad_xml_close(r);
    close(fd);
    return 0;
}
