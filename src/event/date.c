/* date.c -- relative date resolution (see date.h). */
#include "date.h"
#include "util/words.h"
#include "dyad.h"
#include <stdlib.h>
#include <string.h>

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int mdays(int y, int m) {
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : D[m - 1];
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

int dyad_date_valid(const char *s) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

int32_t date_parse_iso(const char *s) {
    if (!dyad_date_valid(s)) return 0;
    return digits(s, 4) * 10000 + digits(s + 5, 2) * 100 + digits(s + 8, 2);
}

void date_format(int32_t d, char out[11]) {
    if (d <= 0) { out[0] = 0; return; }
    int y = d / 10000, m = d / 100 % 100, dd = d % 100;
    out[0] = (char)('0' + y / 1000 % 10), out[1] = (char)('0' + y / 100 % 10), out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10), out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
    out[7] = '-', out[8] = (char)('0' + dd / 10), out[9] = (char)('0' + dd % 10), out[10] = 0;
}

/* days since 0000-03-01 (civil calendar arithmetic) */
static long to_days(int32_t d) {
    long y = d / 10000, m = d / 100 % 100, dd = d % 100;
    if (m <= 2) y--, m += 12;
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + dd - 1;
}
static int32_t from_days(long n) {
    long y = (10000 * n + 14780) / 3652425;
    long ddd = n - (365 * y + y / 4 - y / 100 + y / 400);
    if (ddd < 0) { y--; ddd = n - (365 * y + y / 4 - y / 100 + y / 400); }
    long mi = (100 * ddd + 52) / 3060;
    long mm = (mi + 2) % 12 + 1;
    y = y + (mi + 2) / 12;
    long dd = ddd - (mi * 306 + 5) / 10 + 1;
    return (int32_t)(y * 10000 + mm * 100 + dd);
}

int32_t date_add_days(int32_t d, int days) { return d ? from_days(to_days(d) + days) : 0; }

int32_t date_add_months(int32_t d, int months) {
    if (!d) return 0;
    int y = d / 10000, m = d / 100 % 100, dd = d % 100;
    int t = y * 12 + (m - 1) + months;
    y = t / 12, m = t % 12 + 1;
    if (dd > mdays(y, m)) dd = mdays(y, m);
    return y * 10000 + m * 100 + dd;
}

int date_weekday(int32_t d) { return (int)((to_days(d) + 3) % 7); } /* 0000-03-01 was a Wednesday */

/* Month and weekday names are among the words the tokenizer marked TF_DATE: others are turned away
 * before any string comparison (these run for every number and every marked word). */
static int month_of(const token *k) {
    if (!(k->flags & TF_DATE) || k->lowlen < 3) return 0; /* "a", "an" are marked too ("a week ago") */
    const char *w = k->low;
    switch (w[0]) {
    case 'j': case 'f': case 'm': case 'a': case 's': case 'o': case 'n': case 'd': break;
    default: return 0;
    }
    static const char *const M[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december"};
    static const char *const A[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sep.", "oct.",
                                    "nov.", "dec."};
    for (int i = 0; i < 12; i++)
        if (same_word(w, M[i]) || same_word(w, A[i])) return i + 1;
    if (!strcmp(w, "sept.")) return 9;
    return 0;
}

static int weekday_of(const token *k) {
    if (!(k->flags & TF_DATE) || k->lowlen < 6) return -1;
    const char *w = k->low;
    if (w[0] != 's' && w[0] != 'm' && w[0] != 't' && w[0] != 'w' && w[0] != 'f') return -1;
    static const char *const W[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    for (int i = 0; i < 7; i++)
        if (!strcmp(w, W[i])) return i;
    return -1;
}

static int number_of(const token *k) {
    static const char *const N[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                    "nine", "ten", "eleven", "twelve"};
    if (k->kind == TK_NUM) {
        int v = atoi(k->low);
        return v > 0 && v < 1000 ? v : -1;
    }
    if (!strcmp(k->low, "a") || !strcmp(k->low, "an")) return 1;
    if (!strcmp(k->low, "several") || !strcmp(k->low, "few")) return 3;
    for (int i = 0; i < 13; i++)
        if (!strcmp(k->low, N[i])) return i;
    return -1;
}

static int unit_of(const char *w) { /* days per unit, months as -1, years as -12 */
    if (!strcmp(w, "day") || !strcmp(w, "days")) return 1;
    if (!strcmp(w, "week") || !strcmp(w, "weeks")) return 7;
    if (!strcmp(w, "month") || !strcmp(w, "months")) return -1;
    if (!strcmp(w, "year") || !strcmp(w, "years")) return -12;
    return 0;
}

static int32_t shift(int32_t d, int n, int unit) {
    return unit > 0 ? date_add_days(d, -n * unit) : date_add_months(d, n * unit);
}

/* Month and day, and an optional year: "February 3", "3 February", "Feb. 3, 1999" */
static int month_day(const token *t, size_t i, size_t end, int32_t doc, int future, int32_t *out) {
    int m = month_of(&t[i]), day = 0, used = 0;
    if (m && i + 1 < end && t[i + 1].kind == TK_NUM) {
        day = atoi(t[i + 1].low);
        used = 2;
    } else if (t[i].kind == TK_NUM && i + 1 < end && (m = month_of(&t[i + 1])) != 0) {
        day = atoi(t[i].low);
        used = 2;
    } else return 0;
    if (day < 1 || day > 31) return 0;
    int y = doc ? doc / 10000 : 0;
    size_t j = i + (size_t)used;
    if (j + 1 < end && !strcmp(t[j].low, ",") && t[j + 1].kind == TK_NUM && t[j + 1].lowlen == 4) {
        y = atoi(t[j + 1].low);
        used += 2;
    } else if (j < end && t[j].kind == TK_NUM && t[j].lowlen == 4) {
        y = atoi(t[j].low);
        used++;
    } else if (doc) {
        int32_t cand = y * 10000 + m * 100 + day;
        if (!future && cand > doc) y--;
        if (future && cand < doc) y++;
    }
    if (!y || day > mdays(y, m)) return 0;
    *out = y * 10000 + m * 100 + day;
    return used;
}

int date_expr_read(const token *t, size_t i, size_t end, int32_t doc, int32_t *out) {
    const char *w = t[i].low;
    if (!doc) {
        int32_t d;
        int n = month_day(t, i, end, 0, 0, &d);
        if (n && d / 10000) { *out = d; return n; }
        return 0;
    }
    if (w[0] == 'a' || t[i].kind == TK_NUM) goto numbers; /* "a", "an", "april", "august", digits */
    if (!strcmp(w, "yesterday")) { *out = date_add_days(doc, -1); return 1; }
    if (!strcmp(w, "today") || !strcmp(w, "tonight")) { *out = doc; return 1; }
    if (!strcmp(w, "tomorrow")) { *out = date_add_days(doc, 1); return 1; }
    int wd = weekday_of(&t[i]);
    if (wd >= 0) { /* the most recent such day, on or before the document date */
        int back = (date_weekday(doc) - wd + 7) % 7;
        *out = date_add_days(doc, -back);
        return 1;
    }
    if (!strcmp(w, "last") || !strcmp(w, "next") || !strcmp(w, "this")) {
        size_t j = i + 1;
        int coming = 0;
        if (j < end && !strcmp(t[j].low, "coming")) { coming = 1; j++; }
        if (j >= end) return 0;
        const char *x = t[j].low;
        int sign = !strcmp(w, "last") ? -1 : (!strcmp(w, "next") || coming) ? 1 : 0;
        if (!strcmp(w, "last") && !strcmp(x, "night")) { *out = date_add_days(doc, -1); return 2; }
        int wd2 = weekday_of(&t[j]);
        if (wd2 >= 0) {
            int back = (date_weekday(doc) - wd2 + 7) % 7;
            if (sign < 0) { if (back == 0) back = 7; *out = date_add_days(doc, -back); }
            else if (sign > 0) { int fwd = (wd2 - date_weekday(doc) + 7) % 7; *out = date_add_days(doc, fwd ? fwd : 7); }
            else *out = date_add_days(doc, -back);
            return (int)(j - i + 1);
        }
        int m = month_of(&t[j]);
        if (m) {
            int y = doc / 10000, dm = doc / 100 % 100;
            if (sign > 0) { if (m <= dm) y++; }
            else if (sign < 0) { if (m >= dm) y--; }
            *out = y * 10000 + m * 100 + 1;
            return (int)(j - i + 1);
        }
        int u = unit_of(x);
        if (u && sign) { *out = sign < 0 ? shift(doc, 1, u) : shift(doc, -1, u); return (int)(j - i + 1); }
        if (u && !sign) { *out = doc; return (int)(j - i + 1); }
        return 0;
    }
numbers:
    /* "two weeks ago": "ago" is looked at first, as the cheapest test that turns most numbers and "a" away */
    if (i + 2 < end && t[i + 2].lowlen == 3 && !memcmp(t[i + 2].low, "ago", 3) && unit_of(t[i + 1].low) && number_of(&t[i]) >= 0) {
        int n = number_of(&t[i]);
        *out = shift(doc, n, unit_of(t[i + 1].low));
        return 3;
    }
    return month_day(t, i, end, doc, 0, out);
}
