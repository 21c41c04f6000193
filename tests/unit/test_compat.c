/* test_compat.c -- PETRARCH/TABARI compatibility (src/compat): the dictionary readers on dyad's own small
 * fixtures (tests/fixtures/petrarch/, fictional entries), their error messages (file:line), date-restricted
 * actor codes, agents, compound actors, discards, and the tolerant XML reader. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#define FIX "tests/fixtures/petrarch/"

static dyad_dict *load_fixtures(void) {
    const char *actors[] = {FIX "actors.txt"};
    dyad_petrarch_files f = {FIX "verbs.txt", actors, 1, FIX "agents.txt", FIX "discards.txt"};
    char err[1024] = "";
    dyad_dict *d = dyad_dict_load_petrarch(&f, err, sizeof err);
    if (!d) fprintf(stderr, "fixtures: %s\n", err);
    return d;
}

/* Code one sentence; returns "SRC TGT CODE" joined by "; " in the order found. */
static const char *code1(dyad_dict *d, const char *text, const char *date) {
    static char out[1024];
    dyad_coder *c = dyad_coder_new(d);
    assert_non_null(c);
    dyad_doc doc = {.id = "t", .text = text, .len = strlen(text), .date = date};
    const dyad_result *r;
    char err[256];
    assert_int_equal(dyad_code(c, &doc, &r, err, sizeof err), 0);
    out[0] = 0;
    for (size_t i = 0; i < r->n_events; i++) {
        const dyad_event *e = &r->events[i];
        if (!e->has_target) continue;
        size_t o = strlen(out);
        snprintf(out + o, sizeof out - o, "%s%s %s %s", o ? "; " : "", e->source.code, e->target.code, e->cameo);
    }
    dyad_coder_free(c);
    return out;
}

static void test_fixtures_code(void **state) {
    (void)state;
    dyad_dict *d = load_fixtures();
    assert_non_null(d);
    /* synset with a generated plural, irregular verb form */
    assert_string_equal(code1(d, "Ruritania decried Freedonian pear tariffs on Monday.", "1995-03-01"), "RUR FRD 1621");
    /* a verb's paired code [040:040], an agent after an actor (TABARI format: both directions) */
    assert_string_equal(code1(d, "The Ruritanian minister met Sylvania.", "1995-03-01"), "RURGOV SYL 040; SYL RURGOV 040");
    /* '_' joins a word before the verb; a date-restricted person */
    assert_string_equal(code1(d, "Rassendyll loudly denounced Freedonia.", "1995-03-01"), "RURGOV FRD 112");
    assert_string_equal(code1(d, "Rassendyll loudly denounced Freedonia.", "2003-03-01"), "RURELI FRD 112");
    assert_string_equal(code1(d, "Rassendyll loudly denounced Freedonia.", "1980-03-01"), "RUR FRD 112");
    /* '%': coordinated subjects act on one another */
    assert_string_equal(code1(d, "Freedonia and Sylvania met secretly.", "1995-03-01"), "SYL FRD 043; FRD SYL 043");
    /* a multi-word verb with its forms, and a synset pattern after it */
    assert_string_equal(code1(d, "Ruritania called off apple imports from Freedonia.", "1995-03-01"), "RUR FRD 1621");
    /* '$' names the source, '+' the target */
    assert_string_equal(code1(d, "The relief agency shipped aid from Ruritania to Freedonia.", "1995-03-01"), "RUR FRD 0841");
    /* '+' before the verb: the subject is the target; "[:064]" is only the reverse event */
    assert_string_equal(code1(d, "Freedonia was shipped back by Sylvania.", "1995-03-01"), "FRD SYL 064");
    /* a compound actor [FRD/SYL], a prefix agent [NGO~], a substitution marker !PERSON! */
    assert_string_equal(code1(d, "The Marx Brothers denounced Ruritania.", "1995-03-01"), "FRD RUR 111; SYL RUR 111");
    assert_string_equal(code1(d, "The relief agency Ruritania denounced the Freedonian spokeswomen.", "1995-03-01"), "NGORUR FRDGOV 111");
    /* an agent with no actor is "---" */
    assert_string_equal(code1(d, "The police denounced Freedonia.", "1995-03-01"), "---COP FRD 111");
    /* discards: a sentence-level one stops the sentence, a story-level one is reported as such */
    assert_string_equal(code1(d, "Freedonia denounced Sylvania after the football match on Sunday.", "1995-03-01"), "");
    const char *which = NULL;
    const char *story = "Sylvania denounced Freedonia at the chess tournament in Strelsau.";
    assert_int_equal(dyad_petrarch_discard(d, story, strlen(story), &which), 2);
    assert_string_equal(which, "CHESS TOURNAMENT");
    assert_int_equal(dyad_petrarch_discard(d, "The football, match.", 20, NULL), 0); /* words as PETRARCH splits them */
    dyad_dict_free(d);
}

/* A verb dictionary in PETRARCH-2's format (verbs2.txt) is coded the PETRARCH-2 way. */
static void test_petrarch2_rules(void **state) {
    (void)state;
    const char *actors[] = {FIX "actors.txt"};
    dyad_petrarch_files f = {FIX "verbs2.txt", actors, 1, FIX "agents.txt", NULL};
    char err[1024] = "";
    dyad_dict *d = dyad_dict_load_petrarch(&f, err, sizeof err);
    if (!d) fail_msg("verbs2.txt: %s", err);
    const char *day = "1995-03-01";
    assert_string_equal(code1(d, "Ruritania supplied Freedonia.", day), "RUR FRD 060");
    /* negation: the CAMEO opposite where there is one (060 -> 121, 080 -> 124, 061 -> 1211), else nothing */
    assert_string_equal(code1(d, "Ruritania did not supply Freedonia.", day), "RUR FRD 121");
    assert_string_equal(code1(d, "Ruritania would not supply Freedonia with grain.", day), "RUR FRD 1211");
    assert_string_equal(code1(d, "Sylvania will not concede Freedonia.", day), "SYL FRD 124");
    assert_string_equal(code1(d, "Ruritania did not denounce Freedonia.", day), "");
    /* through a reporting verb: "said he would not supply" */
    assert_string_equal(code1(d, "Rassendyll said he would not supply Freedonia.", day), "RURGOV FRD 121");
    /* a verb governing an infinitive: the codes combine (030 + 060 = 031, 020 + 060 = 021) */
    assert_string_equal(code1(d, "Ruritania wants to supply Freedonia.", day), "RUR FRD 031");
    assert_string_equal(code1(d, "Ruritania asked Freedonia to supply Sylvania.", day), "RUR FRD 021");
    /* ... and coordinated subjects with no target act on one another */
    assert_string_equal(code1(d, "Ruritania and Freedonia wanted to supply.", day), "FRD RUR 031; RUR FRD 031");
    /* a pattern's [A:B] gives both events, but only A when its verb is governed by another */
    assert_string_equal(code1(d, "Ruritania visited Freedonia for talks.", day), "RUR FRD 042; FRD RUR 043");
    assert_string_equal(code1(d, "Ruritania planned to visit Freedonia for talks.", day), "RUR FRD 042");
    /* an agent that is a word of the pattern is not the target */
    assert_string_equal(code1(d, "Ruritania staged army drills in Freedonia.", day), "RUR FRD 150");
    /* an outer verb whose clause codes nothing codes on its own, on that clause's subject; the subject
       phrase's modifiers give its source */
    assert_string_equal(code1(d, "Ruritania alleged that Freedonia was ready.", day), "RUR FRD 110");
    assert_string_equal(code1(d, "A report published in Strelsau alleged that Freedonia was ready.", day), "RUR FRD 110");
    /* when the clause codes, the transformation gives its event instead; a clause reported with no
       transformation for it codes nothing, and neither does the verb reporting it */
    assert_string_equal(code1(d, "Ruritania alleged that it supplied Sylvania.", day), "RUR SYL 060");
    assert_string_equal(code1(d, "Ruritania alleged that Freedonia supplied Sylvania.", day), "");
    /* a participle after an object, a gerund after a preposition: no subject of their own, no event */
    assert_string_equal(code1(d, "Sylvania denounced two Freedonian ministers supplied by Ruritania.", day), "SYL FRDGOV 111");
    assert_string_equal(code1(d, "Sylvania denounced Ruritania by supplying Freedonia.", day), "SYL RUR 111");
    /* (but a noun phrase in the subject is not an object: its verb codes) */
    assert_string_equal(code1(d, "Dozens of Freedonian ministers conceded to Ruritania.", day), "FRDGOV RUR 080");
    /* in the passive, a pattern naming the subject ("- MOB *") matches the "by" agent ... */
    assert_string_equal(code1(d, "The Freedonian embassy was razed by a Ruritanian mob.", day), "RUR FRD 145");
    assert_string_equal(code1(d, "The Freedonian embassy was razed by Ruritania.", day), "RUR FRD 1712");
    /* ... and one naming the object matches the passive's subject */
    assert_string_equal(code1(d, "Proof against Freedonia was shown by Ruritania.", day), "RUR FRD 112");
    assert_string_equal(code1(d, "Ruritania showed proof against Freedonia.", day), "RUR FRD 112");
    dyad_dict_free(d);
}

/* Write CONTENT as FILE in a temporary folder, load it in the role KIND, expect "DIR/FILE:LINE: ...WHAT...". */
static void expect_error(const char *kind, const char *content, int line, const char *what) {
    char *dir = tu_mkdtemp();
    assert_non_null(dir);
    assert_int_equal(tu_write_file(dir, "bad.txt", content, (size_t)-1), 0);
    char path[1200];
    snprintf(path, sizeof path, "%s/bad.txt", dir);
    const char *actors[] = {path};
    dyad_petrarch_files f = {FIX "verbs.txt", NULL, 0, NULL, NULL};
    if (!strcmp(kind, "verbs")) f.verbs = path;
    else if (!strcmp(kind, "actors")) { f.actors = actors; f.n_actors = 1; }
    else if (!strcmp(kind, "agents")) f.agents = path;
    else f.discards = path;
    char err[1024] = "";
    dyad_dict *d = dyad_dict_load_petrarch(&f, err, sizeof err);
    if (d) {
        dyad_dict_free(d);
        fail_msg("%s file loaded; expected line %d: %s", kind, line, what);
    }
    char want[1300];
    snprintf(want, sizeof want, "%s:%d: ", path, line);
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, what))
        fail_msg("expected '%s...%s', got '%s'", want, what, err);
    tu_rmtree(dir);
    free(dir);
}

static void test_reader_errors(void **state) {
    (void)state;
    /* verbs */
    expect_error("verbs", "--- GREET [041] ---\nGREET\n- WARMLY GREETED [041]\n", 3, "without '*'");
    expect_error("verbs", "--- GREET [041] ---\nGREET\n- * * BACK [041]\n", 3, "more than one '*'");
    expect_error("verbs", "--- GREET [041] ---\nGREET\n- * WARMLY [041\n", 3, "'[' without ']'");
    expect_error("verbs", "# comment\n- * WARMLY [041]\n", 2, "before the first verb block");
    expect_error("verbs", "--- GREET [041] ---\nGREET {GREETS GREETED\n", 2, "'{' without '}'");
    expect_error("verbs", "--- GREET [041] ---\n+GREET_+BACK\n", 2, "two '+'");
    expect_error("verbs", "--- GREET [041] ---\nGREET\n- * WARMLY [0411234]\n", 3, "bad event code");
    expect_error("verbs", "--- GREET [041] ---\nGREET\n- * WARMLY\n", 3, "without a code");
    expect_error("verbs", "&NICE\n+KIND\n&NICE\n+WARM\n", 3, "defined twice");
    expect_error("verbs", "<!-- a comment\nthat never ends\n--- GREET [041] ---\n", 3, "never closed");
    /* actors */
    expect_error("actors", "\t[RUR]\nRURITANIA\n", 1, "no actor name before it");
    expect_error("actors", "RURITANIA [RUR]\n+STRELSAU\n\t[RURGOV <19991340]\n", 3, "bad date '19991340'");
    expect_error("actors", "RURITANIA [RUR]\n\t[RURGOV 1999]\n", 2, "bad date restriction");
    expect_error("actors", "RURITANIA [RUR\n", 1, "'[' without ']'");
    expect_error("actors", "RURITANIA [RUR]\n+\n", 2, "empty actor name");
    expect_error("actors", "RURITANIA [RUR]\nFREEDONIA\n", 2, "has no code");
    expect_error("actors", "RURITANIA [R?R]\n", 1, "bad character in actor code");
    /* agents */
    expect_error("agents", "MINISTER [~GO V]\n", 1, "bad agent code");
    expect_error("agents", "CONGRESS!FOLK! [~LEG]\n", 1, "not defined");
    expect_error("agents", "!PERSON! = \nMINISTER [~GOV]\n", 1, "empty substitution set");
    expect_error("agents", "ARMY {ARMIES [~MIL]\n", 1, "'{' without '}'");
    /* discards */
    expect_error("discards", "FOOTBALL MATCH\n+\n", 2, "empty discard phrase");
    /* a file that is not there */
    const char *missing[] = {"/nonexistent/actors.txt"};
    dyad_petrarch_files f = {NULL, missing, 1, NULL, NULL};
    char err[512] = "";
    assert_null(dyad_dict_load_petrarch(&f, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/actors.txt"));
}

static void test_skipped_lines(void **state) {
    (void)state;
    /* an agent without a code is left out with a warning, as PETRARCH does; transformations are counted */
    char *dir = tu_mkdtemp();
    assert_int_equal(tu_write_file(dir, "agents.txt", "MINISTER [~GOV]\nEXTREMIST\nARMY [~MIL]\n", (size_t)-1), 0);
    char path[1200];
    snprintf(path, sizeof path, "%s/agents.txt", dir);
    const char *actors[] = {FIX "actors.txt"};
    dyad_petrarch_files f = {FIX "verbs.txt", actors, 1, path, NULL};
    char err[512];
    dyad_dict *d = dyad_dict_load_petrarch(&f, err, sizeof err);
    assert_non_null(d);
    assert_int_equal(dyad_petrarch_warnings(d, NULL, NULL), 1);
    assert_string_equal(code1(d, "The Freedonian army denounced Ruritania.", "1995-03-01"), "FRDMIL RUR 111");
    dyad_dict_free(d);
    tu_rmtree(dir);
    free(dir);
}

static void test_xml_reader(void **state) {
    (void)state;
    char err[512];
    dyad_xml_reader *r = dyad_xml_open(FIX "sentences.xml", err, sizeof err);
    assert_non_null(r);
    assert_string_equal(dyad_xml_environment(r, "Verbfile"), "verbs.txt");
    assert_string_equal(dyad_xml_environment(r, "Include"), "valid TEST");
    assert_null(dyad_xml_environment(r, "Nothing"));
    dyad_doc doc;
    dyad_xml_record rec;
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    assert_string_equal(doc.id, "FIX-01");
    assert_string_equal(doc.date, "1995-03-01");
    assert_string_equal(doc.text, "Ruritania decried Freedonian pear tariffs on Monday.");
    dyad_xml_record_info(r, &rec);
    assert_int_equal(rec.n_codings, 1);
    assert_string_equal(rec.codings[0].event, "1621");
    /* <Sentence .../> closed at once: the record runs to </Sentence>; entities decoded */
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    assert_string_equal(doc.id, "FIX-02");
    assert_string_equal(doc.text, "The Ruritanian minister met Sylvania & its allies.");
    dyad_xml_record_info(r, &rec);
    assert_int_equal(rec.n_codings, 2);
    assert_true(rec.evaluate);
    /* CDATA */
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    assert_string_equal(doc.text, "Freedonia won the football match against Sylvania.");
    dyad_xml_record_info(r, &rec);
    assert_true(rec.codings[0].noevents);
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    dyad_xml_record_info(r, &rec);
    assert_string_equal(rec.category, "OTHER");
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 0);
    dyad_xml_close(r);
}

/* CONTENT written as DIR/in.xml (DIR a new temporary folder, its path in *dir and the file's in path), open */
static dyad_xml_reader *open_xml(const char *content, char **dir, char *path, size_t pathsz) {
    char err[512];
    *dir = tu_mkdtemp();
    assert_non_null(*dir);
    snprintf(path, pathsz, "%s/in.xml", *dir);
    assert_int_equal(tu_write_file(*dir, "in.xml", content, (size_t)-1), 0);
    dyad_xml_reader *r = dyad_xml_open(path, err, sizeof err);
    assert_non_null(r);
    return r;
}

static void test_xml_errors(void **state) {
    (void)state;
    char *dir, path[1200], err[512];
    /* a bad date and a sentence without text are skipped with file:line; an unclosed comment stops */
    dyad_xml_reader *r = open_xml("<Sentences>\n<Sentence date=\"19951332\" id=\"a\"><Text>X.</Text></Sentence>\n"
                                  "<Sentence date=\"19950101\" id=\"b\">\n</Sentence>\n"
                                  "<Sentence date=\"950102\" id=\"c\"><Text>Y.</Text></Sentence>\n<!-- never closed\n",
                                  &dir, path, sizeof path);
    dyad_doc doc;
    char want[1300];
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:2: ", path);
    assert_memory_equal(err, want, strlen(want));
    assert_non_null(strstr(err, "19951332"));
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:3: ", path);
    assert_memory_equal(err, want, strlen(want));
    assert_non_null(strstr(err, "without <Text>"));
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    assert_string_equal(doc.date, "1995-01-02"); /* PETRARCH's YYMMDD */
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), -2);
    snprintf(want, sizeof want, "%s:6: ", path);
    assert_memory_equal(err, want, strlen(want));
    dyad_xml_close(r);
    tu_rmtree(dir);
    free(dir);
}

/* An empty <Text> with a CoNLL-U <Parse>: the text is the parse's words; a Treebank parse gives none. */
static void test_xml_text_from_parse(void **state) {
    (void)state;
    char *dir, path[1200], err[512];
    dyad_xml_reader *r = open_xml("<Sentences>\n<Sentence date=\"19950101\" id=\"a\">\n<Text>\n</Text>\n<Parse>\n"
                                  "1\tRuritania\tRuritania\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                                  "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                  "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
                                  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                                  "4\tthank\tthank\tVERB\tVB\t_\t0\troot\t_\t_\n"
                                  "5\tFreedonia\tFreedonia\tPROPN\tNNP\t_\t4\tobj\t_\tSpaceAfter=No\n"
                                  "6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n</Parse>\n</Sentence>\n"
                                  "<Sentence date=\"19950101\" id=\"b\"><Text></Text>\n"
                                  "<Parse>(ROOT (S (NP (NNP Sylvania))))</Parse></Sentence>\n</Sentences>\n",
                                  &dir, path, sizeof path);
    dyad_doc doc;
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    assert_string_equal(doc.text, "Ruritania did n't thank Freedonia.");
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 1);
    assert_string_equal(doc.text, "");
    assert_int_equal(dyad_xml_next(r, &doc, err, sizeof err), 0);
    dyad_xml_close(r);
    tu_rmtree(dir);
    free(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures_code),
        cmocka_unit_test(test_petrarch2_rules),
        cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_skipped_lines),
        cmocka_unit_test(test_xml_reader),
        cmocka_unit_test(test_xml_text_from_parse),
        cmocka_unit_test(test_xml_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
