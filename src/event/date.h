/* date.h -- resolving the dates that news text gives relative to the document's own date.
 *
 * Recognises "yesterday", "today", "last night", weekdays ("on Tuesday", "last Tuesday"), "N days/weeks/
 * months/years ago" (numbers in words or digits), "last week/month/year", month-day dates ("February 3",
 * "3 February", "Feb. 3", with or without a year) and "this coming April" / "next April" (future). Dates
 * are yyyymmdd integers; 0 means none. */
#ifndef DYAD_DATE_H
#define DYAD_DATE_H
#include "token/token.h"
#include <stdint.h>

int32_t date_parse_iso(const char *s);                  /* "1999-02-05" -> 19990205, 0 if invalid */
void date_format(int32_t d, char out[11]);              /* 19990205 -> "1999-02-05" ("" for 0) */
int32_t date_add_days(int32_t d, int days);
int32_t date_add_months(int32_t d, int months);
int date_weekday(int32_t d);                            /* 0 Sunday .. 6 Saturday */

/* Try to read a date expression starting at token i (tokens [i, end)). On success returns the number of
 * tokens used and sets *out to the resolved date (which may lie after doc_date for future expressions). */
int date_expr_read(const token *t, size_t i, size_t end, int32_t doc_date, int32_t *out);
static inline int date_expr(const token *t, size_t i, size_t end, int32_t doc_date, int32_t *out) {
    /* quick rejection, inline: it runs on every token, and only numbers and the words the tokenizer marked
       (TF_DATE) can start a date expression */
    if (t[i].kind != TK_NUM && (t[i].kind != TK_WORD || !(t[i].flags & TF_DATE))) return 0;
    return date_expr_read(t, i, end, doc_date, out);
}

#endif
