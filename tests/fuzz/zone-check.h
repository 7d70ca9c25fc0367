/* SPDX-License-Identifier: MIT */
/* Checks shared by the time-zone fuzz targets (fuzz-tzif, fuzz-posixtz).
 *
 * zc_zone() exercises a zone that a parser accepted and aborts when one of
 * the promises of sla/zone.h breaks:
 *  - sla_zone_period_at(t) gives start <= t and t < end (end == INT64_MAX
 *    meaning "no end", so t == INT64_MAX is inside too); the period keeps
 *    one offset: the period of its first and last instants is the same
 *    period; the neighbouring periods meet it exactly and differ from it in
 *    offset, abbreviation or DST flag (a transition is a change);
 *  - sla_zone_offset(t) is the period's offset, a whole number of seconds
 *    within SLA_ZONE_MAX_OFFSET_MS; the abbreviation is NUL-terminated;
 *  - next/prev transition are the period's end/start, strictly after /
 *    before t, SLA_ENOTFOUND exactly when there is none;
 *  - sla_zone_to_civil(t) is the civil time at t + offset, failing only
 *    when that leaves int64_t;
 *  - sla_zone_to_instant() in all four modes: the same candidates in each
 *    mode, the documented choice, earlier <= later; UNIQUE and FOLD
 *    candidates read back as the civil time, GAP candidates do not and
 *    earlier < later; the civil time of an instant is never a gap and its
 *    candidates include that instant; the candidates equal those found by
 *    walking the periods within SLA_ZONE_MAX_OFFSET_MS of the civil time;
 *    SLA_EOVERFLOW only when the civil time is within the largest offset
 *    of the ends of int64_t;
 *  - optionally, the offset, DST flag and abbreviation equal those of a
 *    small independent reference: a transition table and a POSIX TZ rule
 *    evaluated directly for the year at hand (no 400-year cycle, no
 *    tables), for instants within +-2^62 ms.
 */
#ifndef SLA_ZONE_CHECK_H
#define SLA_ZONE_CHECK_H

#include <inttypes.h>

#include "fuzz.h"

/* ---- Reference POSIX TZ rules ------------------------------------------ */

struct ref_type {
    int64_t offset_ms;
    int32_t is_dst;
    char abbr[SLA_ZONE_ABBR_SIZE];
};

struct ref_date {
    int kind; /* 'J', 'N' or 'M' */
    int64_t month, week, weekday, day;
    int64_t time_ms;
};

struct ref_rule {
    struct ref_type std, dst;
    int has_dst;
    struct ref_date start, end;
};

struct ref_text {
    const char *s;
    size_t len, pos;
};

static int ref_peek(const struct ref_text *t)
{
    return t->pos < t->len ? (unsigned char)t->s[t->pos] : -1;
}

static int ref_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int ref_is_alpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Three to fifteen letters, or <...> around three to fifteen letters,
 * digits, '+' and '-'. */
static int ref_name(struct ref_text *t, char *out)
{
    size_t n = 0;
    int quoted = ref_peek(t) == '<';
    if (quoted)
        t->pos++;
    for (;;) {
        int c = ref_peek(t);
        if (!(ref_is_alpha(c) ||
              (quoted && (ref_is_digit(c) || c == '+' || c == '-'))))
            break;
        if (n == SLA_ZONE_ABBR_SIZE - 1)
            return -1;
        out[n++] = (char)c;
        t->pos++;
    }
    if (quoted) {
        if (ref_peek(t) != '>')
            return -1;
        t->pos++;
    }
    if (n < 3)
        return -1;
    out[n] = '\0';
    return 0;
}

/* Exactly n digits. */
static int ref_digits(struct ref_text *t, int n, int64_t *out)
{
    int64_t v = 0;
    int i;
    for (i = 0; i < n; i++) {
        if (!ref_is_digit(ref_peek(t)))
            return -1;
        v = v * 10 + (ref_peek(t) - '0');
        t->pos++;
    }
    *out = v;
    return 0;
}

/* [+-]h[h[h]][:mm[:ss]], hours at most max_h, as signed milliseconds. */
static int ref_hms(struct ref_text *t, int64_t max_h, int64_t *out)
{
    int64_t sign = 1, h = 0, m = 0, s = 0;
    int n = 0;
    if (ref_peek(t) == '+' || ref_peek(t) == '-') {
        sign = ref_peek(t) == '-' ? -1 : 1;
        t->pos++;
    }
    while (ref_is_digit(ref_peek(t))) {
        if (++n > 3)
            return -1;
        h = h * 10 + (ref_peek(t) - '0');
        t->pos++;
    }
    if (n == 0 || h > max_h)
        return -1;
    if (ref_peek(t) == ':') {
        t->pos++;
        if (ref_digits(t, 2, &m) || m > 59)
            return -1;
        if (ref_peek(t) == ':') {
            t->pos++;
            if (ref_digits(t, 2, &s) || s > 59)
                return -1;
        }
    }
    *out = sign * ((h * 3600 + m * 60 + s) * SLA_MS_PER_SECOND);
    return 0;
}

/* One to four digits, within [lo, hi]. */
static int ref_num(struct ref_text *t, int64_t lo, int64_t hi, int64_t *out)
{
    int64_t v = 0;
    int n = 0;
    while (n < 4 && ref_is_digit(ref_peek(t))) {
        v = v * 10 + (ref_peek(t) - '0');
        n++;
        t->pos++;
    }
    if (n == 0 || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int ref_date(struct ref_text *t, struct ref_date *d)
{
    memset(d, 0, sizeof *d);
    if (ref_peek(t) == 'M') {
        t->pos++;
        d->kind = 'M';
        if (ref_num(t, 1, 12, &d->month) || ref_peek(t) != '.')
            return -1;
        t->pos++;
        if (ref_num(t, 1, 5, &d->week) || ref_peek(t) != '.')
            return -1;
        t->pos++;
        if (ref_num(t, 0, 6, &d->weekday))
            return -1;
    } else if (ref_peek(t) == 'J') {
        t->pos++;
        d->kind = 'J';
        if (ref_num(t, 1, 365, &d->day))
            return -1;
    } else {
        d->kind = 'N';
        if (ref_num(t, 0, 365, &d->day))
            return -1;
    }
    d->time_ms = 2 * SLA_MS_PER_HOUR;
    if (ref_peek(t) == '/') {
        t->pos++;
        if (ref_hms(t, 167, &d->time_ms))
            return -1;
    }
    return 0;
}

/* std offset [dst [offset] ,date[/time],date[/time]]; 0 or -1. */
static int ref_parse_posix(struct ref_rule *r, const char *s, size_t len)
{
    struct ref_text t = {s, len, 0};
    int64_t off;
    memset(r, 0, sizeof *r);
    if (ref_name(&t, r->std.abbr) || ref_hms(&t, 24, &off))
        return -1;
    r->std.offset_ms = -off;
    if (t.pos == len)
        return 0;
    if (ref_name(&t, r->dst.abbr))
        return -1;
    r->has_dst = 1;
    r->dst.is_dst = 1;
    r->dst.offset_ms = r->std.offset_ms + SLA_MS_PER_HOUR;
    if (ref_peek(&t) != ',') {
        if (ref_hms(&t, 24, &off))
            return -1;
        r->dst.offset_ms = -off;
    }
    if (ref_peek(&t) != ',')
        return -1;
    t.pos++;
    if (ref_date(&t, &r->start) || ref_peek(&t) != ',')
        return -1;
    t.pos++;
    if (ref_date(&t, &r->end) || t.pos != len)
        return -1;
    return 0;
}

static int64_t ref_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return a % b < 0 ? q - 1 : q;
}

static int ref_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t ref_days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = ref_floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int64_t ref_year_of_days(int64_t days)
{
    int64_t z = days + 719468, era = ref_floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    return yoe + era * 400 + (mp >= 10);
}

static int64_t ref_month_days(int64_t y, int64_t m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && ref_leap(y) ? 29 : len[m - 1];
}

/* Day number of a rule date in year y. */
static int64_t ref_rule_day(const struct ref_date *d, int64_t y)
{
    int64_t jan1 = ref_days_from_civil(y, 1, 1);
    if (d->kind == 'J')
        return jan1 + d->day - 1 + (d->day >= 60 && ref_leap(y));
    if (d->kind == 'N')
        return jan1 + d->day;
    {
        int64_t first = ref_days_from_civil(y, d->month, 1);
        /* 1970-01-01 was a Thursday (4). */
        int64_t wd = ((first + 4) % 7 + 7) % 7;
        int64_t day = ((d->weekday - wd) % 7 + 7) % 7 + (d->week - 1) * 7;
        if (day >= ref_month_days(y, d->month))
            day -= 7;
        return first + day;
    }
}

/* The rule's state at t (|t| <= 2^62): 1 for DST, 0 for standard time;
 * *last is the instant of the latest change at or before t. Changes at
 * one instant: the logically later wins, as libsla chooses (the years in
 * order; within a year the earlier instant first, and on a tie the start
 * first, so that standard time wins). */
static int ref_rule_state_since(const struct ref_rule *r, int64_t t,
                                int64_t ymin, int64_t *last)
{
    int64_t y0 = ref_year_of_days(ref_floor_div(t, SLA_MS_PER_DAY)), y;
    int64_t best_at = 0, best_key = 0;
    int best = -1;
    for (y = y0 - 2 > ymin ? y0 - 2 : ymin; y <= y0 + 2; y++) {
        int64_t s = ref_rule_day(&r->start, y) * SLA_MS_PER_DAY +
                    r->start.time_ms - r->std.offset_ms;
        int64_t e = ref_rule_day(&r->end, y) * SLA_MS_PER_DAY +
                    r->end.time_ms - r->dst.offset_ms;
        int64_t ks = 2 * y + (e < s), ke = 2 * y + !(e < s);
        if (s <= t && (best < 0 || s > best_at ||
                       (s == best_at && ks > best_key))) {
            best = 1;
            best_at = s;
            best_key = ks;
        }
        if (e <= t && (best < 0 || e > best_at ||
                       (e == best_at && ke > best_key))) {
            best = 0;
            best_at = e;
            best_key = ke;
        }
    }
    *last = best_at;
    return best;
}

static int ref_rule_state(const struct ref_rule *r, int64_t t, int64_t *last)
{
    return ref_rule_state_since(r, t, INT64_MIN, last);
}

/* Known bug 5 (see below): libsla takes the rule's state at 1970-01-01,
 * where its table of one 400-year cycle starts, from the changes of the
 * local years 1969 on, and misses a change of 1968 that falls after them. */
static int ref_cycle_state_bug(const struct ref_rule *r)
{
    int64_t last;
    int lib;
    if (!r->has_dst)
        return 0;
    lib = ref_rule_state_since(r, -1, 1969, &last);
    return (lib < 0 ? 0 : lib) != ref_rule_state(r, -1, &last);
}

/* ---- The checker ---------------------------------------------------------- */

#define ZC_REF_LIMIT (INT64_C(1) << 62)

/* Known libsla bugs, reported with the inputs of the corpus that show
 * them. By default the checker steps around them, so that the fuzzer can
 * look for other bugs; build with -DZC_STRICT=1 to check them too.
 *  1. TZif data with a DST footer rule that libsla builds a cycle table
 *     for but never uses (cycle_from stays INT64_MAX, the "no cycle" mark:
 *     the data end after INT64_MAX - 800 years, or past the range): at the
 *     instant INT64_MAX alone, period() and offset_at() answer from the
 *     rule instead of the data ("t < cycle_from" is false there). The
 *     checker then stops at INT64_MAX - 1 for that zone. (Without a cycle
 *     table this read a NULL pointer; fixed in 51e301f.)
 *  2. (Fixed in 51e301f: sla_zone_to_instant() could not return
 *     INT64_MAX.)
 *  3. sla_zone_to_instant() computes a gap's candidates (local - offset)
 *     without overflow checks: signed overflow near the ends of int64_t
 *     (wrong results; UBSan reports it). For zones with a transition
 *     within three times the largest offset of an end of the range, the
 *     checker skips civil times that near the ends.
 *  4. TZif data with a footer rule whose changes are years apart (DST only
 *     around February 29): when the rule's last change before the first
 *     repeated 400-year cycle is not a transition of the table (it falls
 *     before the end of the data, or changes nothing there), the periods
 *     of the cycle's start still begin at it: one stretch of one offset
 *     is reported as two periods with different starts, and
 *     prev_transition() returns an instant where nothing changes.
 *  5. A DST rule whose changes of one year can fall after the first
 *     change of the next (times past 24 h or negative, as RFC 8536
 *     allows: "XXX3EDT4,0/0,J365/28"): the 400-year cycle table starts
 *     from a wrong state, so every year 1970 + 400k (1570, 1970, 2370)
 *     loses its first change and has a no-op transition instead. Zones
 *     whose rule has this property skip the "a transition is a change"
 *     and reference checks.
 *  6. A signed overflow building zones from TZif data that end past the
 *     range with a DST footer that never changes: see fuzz-tzif.c. */
#ifndef ZC_STRICT
#define ZC_STRICT 1
#endif
#define ZC_NEAR (3 * SLA_ZONE_MAX_OFFSET_MS)

struct zc {
    const struct sla_zone *z;
    const uint8_t *data; /* the input, for reports */
    size_t size;
    /* Reference (when ref is set): a transition table, then the rule. */
    int ref;
    const int64_t *tr_ms;     /* in-range transitions, increasing */
    const size_t *tr_type;    /* their types */
    size_t ntr;
    const struct ref_type *types;
    size_t initial;           /* type before the first transition */
    int has_rule;
    struct ref_rule rule;
    int64_t from;             /* the rule governs after this instant */
    int bug5;                 /* known bug 5 applies (when tolerated) */
    int bug3;                 /* known bug 3 may apply (when tolerated) */
    int64_t max;              /* the largest instant asked about (bug 1) */
    /* What is being checked, for reports. */
    const char *op;
    int64_t at;
};

static void zc_fail(const struct zc *zc, const char *what, int line)
{
    fprintf(stderr, "zone-check.h:%d: %s at %" PRId64 " (zone \"%s\")\n", line,
            zc->op ? zc->op : "?", zc->at, sla_zone_name(zc->z));
    fuzz_fail(what, zc->data, zc->size);
}

#define ZC_CHECK(zc, cond)                                                  \
    do {                                                                    \
        if (!(cond))                                                        \
            zc_fail((zc), #cond, __LINE__);                                 \
    } while (0)

/* The error record of a failed parse with code rc on input of size. */
static void zc_error_check(const struct sla_error *err, int rc,
                           const uint8_t *data, size_t size)
{
    FUZZ_CHECK(err->code == rc, data, size);
    FUZZ_CHECK(err->offset >= 0, data, size);
    FUZZ_CHECK((uint64_t)err->offset <= (uint64_t)size, data, size);
    FUZZ_CHECK(err->line == 1, data, size);
    FUZZ_CHECK((int64_t)err->column == err->offset + 1, data, size);
    FUZZ_CHECK(err->reserved == 0, data, size);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL, data,
               size);
    FUZZ_CHECK(err->message[0] != '\0', data, size);
}

static int zc_same_period(const struct sla_zone_period *a,
                          const struct sla_zone_period *b)
{
    return a->start == b->start && a->end == b->end &&
           a->utc_offset_ms == b->utc_offset_ms && a->is_dst == b->is_dst &&
           strcmp(a->abbreviation, b->abbreviation) == 0;
}

static int zc_same_type(const struct sla_zone_period *a,
                        const struct sla_zone_period *b)
{
    return a->utc_offset_ms == b->utc_offset_ms && a->is_dst == b->is_dst &&
           strcmp(a->abbreviation, b->abbreviation) == 0;
}

/* Two answers for one period: 1 if equal, 2 if they differ only in
 * their start (known bug 4, when tolerated), else 0. */
static int zc_one_period(const struct sla_zone_period *a,
                         const struct sla_zone_period *b)
{
    if (zc_same_period(a, b))
        return 1;
    if (!ZC_STRICT && a->end == b->end && zc_same_type(a, b))
        return 2;
    return 0;
}

static int zc_is_type(const struct sla_zone_period *p,
                      const struct ref_type *t)
{
    return p->utc_offset_ms == t->offset_ms && p->is_dst == t->is_dst &&
           strcmp(p->abbreviation, t->abbr) == 0;
}

static int zc_same_civil(const struct sla_civil *a, const struct sla_civil *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute &&
           a->second == b->second && a->millisecond == b->millisecond;
}

/* The period of t, with the checks that need nothing else. */
static void zc_period(struct zc *zc, int64_t t, struct sla_zone_period *p)
{
    int64_t off;
    memset(p, 0x5a, sizeof *p);
    ZC_CHECK(zc, sla_zone_period_at(p, zc->z, t) == 0);
    ZC_CHECK(zc, p->start <= t);
    ZC_CHECK(zc, t < p->end || p->end == INT64_MAX);
    ZC_CHECK(zc, p->start < p->end);
    ZC_CHECK(zc, p->utc_offset_ms >= -SLA_ZONE_MAX_OFFSET_MS &&
                     p->utc_offset_ms <= SLA_ZONE_MAX_OFFSET_MS);
    ZC_CHECK(zc, p->utc_offset_ms % SLA_MS_PER_SECOND == 0);
    ZC_CHECK(zc, p->is_dst == 0 || p->is_dst == 1);
    ZC_CHECK(zc, p->reserved == 0);
    ZC_CHECK(zc, memchr(p->abbreviation, '\0', sizeof p->abbreviation) !=
                     NULL);
    off = INT64_C(0x5a5a5a5a5a5a5a5a);
    ZC_CHECK(zc, sla_zone_offset(&off, zc->z, t) == 0);
    ZC_CHECK(zc, off == p->utc_offset_ms);
}

/* The reference's type at t: 1 and *a (and *b, an equally acceptable
 * answer) when it has one. */
static int zc_ref_type(const struct zc *zc, int64_t t,
                       const struct ref_type **a, const struct ref_type **b)
{
    size_t lo = 0, hi = zc->ntr;
    const struct ref_type *table;
    /* Table: the last transition at or before t. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (zc->tr_ms[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    table = zc->types ? &zc->types[lo ? zc->tr_type[lo - 1] : zc->initial]
                      : NULL;
    if (!zc->has_rule || (t <= zc->from && zc->from != INT64_MIN)) {
        *a = *b = table;
        return table != NULL;
    }
    if (t < -ZC_REF_LIMIT || t > ZC_REF_LIMIT)
        return 0;
    if (!zc->rule.has_dst) {
        *a = *b = &zc->rule.std;
        return 1;
    }
    {
        int64_t last;
        int dst = ref_rule_state(&zc->rule, t, &last);
        *a = *b = dst ? &zc->rule.dst : &zc->rule.std;
        /* Until the rule's first change after the data, libsla keeps the
         * data's last type (a rule that never changes takes over at once):
         * valid data agree, so either is right. */
        if (last <= zc->from && table)
            *b = table;
    }
    return 1;
}

/* A civil time: sla_zone_to_instant in every mode, against the periods.
 * When must is set, the instant t reads this civil time. */
static void zc_civil(struct zc *zc, const struct sla_civil *c, int must,
                     int64_t t)
{
    struct sla_zone_resolution r[4];
    int rc[4], m, n = 0;
    int64_t local, first = 0, last = 0, walk;
    int64_t gap_e = 0, gap_l = 0, prev_off = 0;
    int gap = 0, have_prev = 0;
    struct sla_civil back;

    zc->op = "sla_zone_to_instant";
    ZC_CHECK(zc, sla_civil_to_instant(&local, c, 0) == 0);
    zc->at = local;
    if (zc->bug3 && (local < INT64_MIN + ZC_NEAR || local > INT64_MAX - ZC_NEAR))
        return; /* known bug 3 */
    for (m = 0; m < 4; m++) {
        memset(&r[m], 0x5a, sizeof r[m]);
        rc[m] = sla_zone_to_instant(&r[m], zc->z, c, m);
    }
    if (rc[0] == SLA_EOVERFLOW) {
        ZC_CHECK(zc, local < INT64_MIN + SLA_ZONE_MAX_OFFSET_MS ||
                         local > INT64_MAX - SLA_ZONE_MAX_OFFSET_MS - 1000);
        ZC_CHECK(zc, !must);
        for (m = 1; m < 4; m++)
            ZC_CHECK(zc, rc[m] == SLA_EOVERFLOW);
        return;
    }
    ZC_CHECK(zc, rc[0] == 0 && rc[1] == 0 && rc[2] == 0);
    ZC_CHECK(zc, r[0].kind == SLA_LOCAL_UNIQUE || r[0].kind == SLA_LOCAL_GAP ||
                     r[0].kind == SLA_LOCAL_FOLD);
    ZC_CHECK(zc, r[0].reserved == 0);
    ZC_CHECK(zc, r[0].earlier <= r[0].later);
    for (m = 1; m < 4; m++)
        ZC_CHECK(zc, r[m].kind == r[0].kind && r[m].earlier == r[0].earlier &&
                         r[m].later == r[0].later && r[m].reserved == 0);
    ZC_CHECK(zc, r[0].instant ==
                     (r[0].kind == SLA_LOCAL_GAP ? r[0].later : r[0].earlier));
    ZC_CHECK(zc, r[1].instant == r[0].earlier);
    ZC_CHECK(zc, r[2].instant == r[0].later);
    ZC_CHECK(zc, rc[3] == (r[0].kind == SLA_LOCAL_UNIQUE ? 0
                                                          : SLA_EAMBIGUOUS));
    ZC_CHECK(zc, r[3].instant == r[0].instant);

    if (r[0].kind == SLA_LOCAL_GAP) {
        int64_t next;
        ZC_CHECK(zc, r[0].earlier < r[0].later);
        ZC_CHECK(zc, (uint64_t)r[0].later - (uint64_t)r[0].earlier <=
                         (uint64_t)(2 * SLA_ZONE_MAX_OFFSET_MS));
        ZC_CHECK(zc, sla_zone_next_transition(&next, zc->z, r[0].earlier) ==
                         0);
        ZC_CHECK(zc, next <= r[0].later);
        if (sla_zone_to_civil(&back, NULL, zc->z, r[0].earlier) == 0)
            ZC_CHECK(zc, !zc_same_civil(&back, c));
        if (sla_zone_to_civil(&back, NULL, zc->z, r[0].later) == 0)
            ZC_CHECK(zc, !zc_same_civil(&back, c));
        ZC_CHECK(zc, !must);
    } else {
        ZC_CHECK(zc, r[0].kind == SLA_LOCAL_UNIQUE
                         ? r[0].earlier == r[0].later
                         : r[0].earlier < r[0].later);
        ZC_CHECK(zc, sla_zone_to_civil(&back, NULL, zc->z, r[0].earlier) == 0);
        ZC_CHECK(zc, zc_same_civil(&back, c));
        ZC_CHECK(zc, sla_zone_to_civil(&back, NULL, zc->z, r[0].later) == 0);
        ZC_CHECK(zc, zc_same_civil(&back, c));
        if (must) {
            ZC_CHECK(zc, r[0].earlier <= t && t <= r[0].later);
            if (r[0].kind == SLA_LOCAL_UNIQUE)
                ZC_CHECK(zc, r[0].earlier == t);
        }
    }

    /* The candidates from the periods within the largest offset. */
    if (local < INT64_MIN + 2 * SLA_ZONE_MAX_OFFSET_MS ||
        local > INT64_MAX - 2 * SLA_ZONE_MAX_OFFSET_MS)
        return;
    walk = local - SLA_ZONE_MAX_OFFSET_MS;
    for (;;) {
        struct sla_zone_period p;
        int64_t cand;
        ZC_CHECK(zc, sla_zone_period_at(&p, zc->z, walk) == 0);
        if (have_prev && !gap && n == 0 &&
            p.start + prev_off <= local && local < p.start + p.utc_offset_ms) {
            gap = 1;
            gap_e = local - p.utc_offset_ms;
            gap_l = local - prev_off;
        }
        cand = local - p.utc_offset_ms;
        if (cand >= p.start && (cand < p.end || p.end == INT64_MAX)) {
            if (n++ == 0)
                first = cand;
            last = cand;
        }
        if (p.end == INT64_MAX || p.end > local + SLA_ZONE_MAX_OFFSET_MS)
            break;
        prev_off = p.utc_offset_ms;
        have_prev = 1;
        walk = p.end;
    }
    if (n) {
        ZC_CHECK(zc, r[0].kind ==
                         (n == 1 ? SLA_LOCAL_UNIQUE : SLA_LOCAL_FOLD));
        ZC_CHECK(zc, r[0].earlier == first && r[0].later == last);
    } else {
        ZC_CHECK(zc, gap);
        ZC_CHECK(zc, r[0].kind == SLA_LOCAL_GAP);
        ZC_CHECK(zc, r[0].earlier == gap_e && r[0].later == gap_l);
    }
}

/* The civil time local (as UTC milliseconds), if it is one. */
static void zc_local(struct zc *zc, int64_t base, int64_t delta)
{
    struct sla_civil c;
    int64_t local;
    if (__builtin_add_overflow(base, delta, &local))
        return;
    if (sla_civil_from_instant(&c, local, 0) == 0)
        zc_civil(zc, &c, 0, 0);
}

/* Everything about one instant. */
static void zc_instant(struct zc *zc, int64_t t)
{
    struct sla_zone_period p, q;
    struct sla_civil c, c2;
    int64_t x, off, local;
    int rc, stale = 0;

    if (t > zc->max)
        t = zc->max; /* known bug 1 */
    zc->op = "sla_zone_period_at";
    zc->at = t;
    zc_period(zc, t, &p);

    /* One period: its first, last and middle instants agree. */
    zc_period(zc, p.start, &q);
    ZC_CHECK(zc, (rc = zc_one_period(&p, &q)) != 0);
    stale |= rc == 2 && q.start < p.start;
    zc_period(zc, p.end == INT64_MAX ? zc->max : p.end - 1, &q);
    ZC_CHECK(zc, (rc = zc_one_period(&p, &q)) != 0);
    stale |= rc == 2 && q.start < p.start;
    zc_period(zc, (int64_t)((uint64_t)p.start +
                            ((uint64_t)p.end - (uint64_t)p.start) / 2),
              &q);
    ZC_CHECK(zc, (rc = zc_one_period(&p, &q)) != 0);
    stale |= rc == 2 && q.start < p.start;

    /* Its neighbours meet it and differ from it. */
    if (p.start != INT64_MIN && !stale) {
        zc_period(zc, p.start - 1, &q);
        ZC_CHECK(zc, q.end == p.start);
        ZC_CHECK(zc, zc->bug5 || !zc_same_type(&p, &q));
        /* The civil times around the change: gaps and folds. */
        zc->at = p.start;
        if (!__builtin_add_overflow(p.start, q.utc_offset_ms, &local)) {
            zc_local(zc, local, -1);
            zc_local(zc, local, 0);
            zc_local(zc, local, (p.utc_offset_ms - q.utc_offset_ms) / 2);
        }
        if (!__builtin_add_overflow(p.start, p.utc_offset_ms, &local)) {
            zc_local(zc, local, -1);
            zc_local(zc, local, 0);
        }
        zc->op = "sla_zone_period_at";
        zc->at = t;
    }
    if (p.end != INT64_MAX) {
        zc_period(zc, p.end, &q);
        ZC_CHECK(zc, q.start == p.end);
        ZC_CHECK(zc, zc->bug5 || !zc_same_type(&p, &q));
    }

    /* Transitions. */
    zc->op = "sla_zone_next_transition";
    x = INT64_C(0x5a5a5a5a5a5a5a5a);
    rc = sla_zone_next_transition(&x, zc->z, t);
    if (p.end == INT64_MAX) {
        ZC_CHECK(zc, rc == SLA_ENOTFOUND);
    } else {
        ZC_CHECK(zc, rc == 0);
        ZC_CHECK(zc, x == p.end && x > t);
    }
    zc->op = "sla_zone_prev_transition";
    x = INT64_C(0x5a5a5a5a5a5a5a5a);
    rc = sla_zone_prev_transition(&x, zc->z, t);
    {
        int64_t want = p.start;
        if (want == t) {
            if (t == INT64_MIN) {
                want = INT64_MIN;
            } else {
                zc_period(zc, t - 1, &q);
                want = q.start;
            }
        }
        if (stale) {
            ZC_CHECK(zc, rc == 0 && x < t);
        } else if (want == INT64_MIN) {
            ZC_CHECK(zc, rc == SLA_ENOTFOUND);
        } else {
            ZC_CHECK(zc, rc == 0);
            ZC_CHECK(zc, x == want && x < t);
        }
    }

    /* The reference. */
    if (zc->ref && !zc->bug5) {
        const struct ref_type *a, *b;
        zc->op = "reference";
        if (zc_ref_type(zc, t, &a, &b))
            ZC_CHECK(zc, zc_is_type(&p, a) || zc_is_type(&p, b));
    }

    /* Civil time. */
    zc->op = "sla_zone_to_civil";
    memset(&c, 0x5a, sizeof c);
    off = INT64_C(0x5a5a5a5a5a5a5a5a);
    rc = sla_zone_to_civil(&c, &off, zc->z, t);
    if (__builtin_add_overflow(t, p.utc_offset_ms, &local)) {
        ZC_CHECK(zc, rc == SLA_EOVERFLOW);
        return;
    }
    ZC_CHECK(zc, rc == 0);
    ZC_CHECK(zc, off == p.utc_offset_ms);
    ZC_CHECK(zc, sla_civil_from_instant(&c2, t, off) == 0);
    ZC_CHECK(zc, zc_same_civil(&c, &c2));
    ZC_CHECK(zc, sla_zone_to_civil(&c2, NULL, zc->z, t) == 0);
    ZC_CHECK(zc, zc_same_civil(&c, &c2));
    zc_civil(zc, &c, 1, t);
    zc->at = t;
    zc_local(zc, local, -SLA_MS_PER_HOUR);
    zc_local(zc, local, SLA_MS_PER_HOUR);
}

/* Check the instants of an array, then walk transitions from some. */
static void zc_zone(struct zc *zc, const int64_t *extra, size_t nextra)
{
    static const int64_t fixed[] = {
        INT64_MIN,
        INT64_MIN + 1,
        INT64_MIN + 808,
        INT64_C(-4611686018427387904), /* -2^62 */
        INT64_C(-12622780800000),      /* 400 years before 1970 */
        INT64_C(-2147483648000),       /* 1901-12-13, INT32_MIN seconds */
        INT64_C(-1099511627776),       /* -2^40 */
        -1,
        0,
        1,
        INT64_C(1099511627776),          /* 2^40, 2004-11-03 */
        INT64_C(1741503600000),          /* 2025-03-09T07:00:00Z */
        INT64_C(1762059600000),          /* 2025-11-02T05:00:00Z */
        INT64_C(2147483648000),          /* 2038-01-19, 2^31 seconds */
        INT64_C(12622780800000),         /* 2370-01-01, one 400-year cycle */
        INT64_C(9007199254740992),       /* 2^53 */
        INT64_C(4611686018427387904),    /* 2^62 */
        INT64_C(9223372036854775000) - 1,
        INT64_MAX - 1,
        INT64_MAX,
    };
    static const int64_t walk_from[] = {INT64_MIN, 0, INT64_C(1099511627776),
                                        INT64_MAX};
    size_t i;
    int k;

    zc->bug5 = !ZC_STRICT && zc->has_rule && ref_cycle_state_bug(&zc->rule);
    zc->max = INT64_MAX;
    zc->bug3 = 0;
    if (!ZC_STRICT) {
        struct sla_zone_period a, b;
        int64_t x;
        ZC_CHECK(zc, sla_zone_period_at(&a, zc->z, INT64_MAX - 1) == 0);
        ZC_CHECK(zc, sla_zone_period_at(&b, zc->z, INT64_MAX) == 0);
        if (a.end == INT64_MAX && !zc_same_period(&a, &b))
            zc->max = INT64_MAX - 1;
        zc->bug3 = (sla_zone_next_transition(&x, zc->z, INT64_MIN) == 0 &&
                    x < INT64_MIN + ZC_NEAR) ||
                   (sla_zone_prev_transition(&x, zc->z, zc->max) == 0 &&
                    x > INT64_MAX - ZC_NEAR);
    }
    for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        zc_instant(zc, fixed[i]);
    for (i = 0; i < nextra; i++)
        zc_instant(zc, extra[i]);
    for (i = 0; i < sizeof walk_from / sizeof walk_from[0] + nextra; i++) {
        int64_t t0 = i < sizeof walk_from / sizeof walk_from[0]
                         ? walk_from[i]
                         : extra[i - sizeof walk_from / sizeof walk_from[0]];
        int64_t t = t0 > zc->max ? zc->max : t0, x;
        int steps = i < sizeof walk_from / sizeof walk_from[0] ? 6 : 2;
        for (k = 0; k < steps; k++) {
            if (sla_zone_next_transition(&x, zc->z, t) != 0)
                break;
            zc->op = "walking forward";
            zc->at = t;
            ZC_CHECK(zc, x > t);
            t = x;
            zc_instant(zc, t);
        }
        t = t0 > zc->max ? zc->max : t0;
        for (k = 0; k < steps; k++) {
            if (sla_zone_prev_transition(&x, zc->z, t) != 0)
                break;
            zc->op = "walking back";
            zc->at = t;
            ZC_CHECK(zc, x < t);
            t = x;
            zc_instant(zc, t);
            if (t != INT64_MIN)
                zc_instant(zc, t - 1);
        }
    }

    /* The argument checks. */
    zc->op = "NULL arguments";
    zc->at = 0;
    {
        struct sla_zone_period p;
        struct sla_zone_resolution r;
        struct sla_civil c = {2000, 1, 1, 0, 0, 0, 0};
        int64_t x;
        ZC_CHECK(zc, sla_zone_period_at(NULL, zc->z, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_period_at(&p, NULL, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_offset(NULL, zc->z, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_to_civil(NULL, NULL, zc->z, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_to_instant(&r, zc->z, NULL, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_to_instant(&r, zc->z, &c, 4) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_to_instant(&r, zc->z, &c, -1) == SLA_EINVAL);
        c.day = 30;
        c.month = 2;
        ZC_CHECK(zc, sla_zone_to_instant(&r, zc->z, &c, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_next_transition(NULL, zc->z, 0) == SLA_EINVAL);
        ZC_CHECK(zc, sla_zone_prev_transition(&x, NULL, 0) == SLA_EINVAL);
    }
}

/* Instants read from the input: big-endian 8 bytes at a few places, and
 * the same shifted down to years near ours. */
static size_t zc_instants_from(const uint8_t *data, size_t size, int64_t *out,
                               size_t max)
{
    size_t n = 0, i, at;
    for (i = 0; i < 3 && n + 2 <= max; i++) {
        uint64_t v = 0;
        size_t k;
        if (size < 8 * (i + 1))
            break;
        at = size - 8 * (i + 1);
        for (k = 0; k < 8; k++)
            v = v << 8 | data[at + k];
        out[n++] = (int64_t)v;
        /* About +-2^43 ms: 1691 to 2249. */
        out[n++] = (int64_t)v >> 20;
    }
    if (n < max) {
        /* FNV-1a of the whole input, over 1900-2100. */
        uint64_t h = UINT64_C(14695981039346656037);
        for (i = 0; i < size; i++)
            h = (h ^ data[i]) * UINT64_C(1099511628211);
        out[n++] = (int64_t)(h % UINT64_C(6311433600000)) -
                   INT64_C(2208988800000);
    }
    return n;
}

#endif /* SLA_ZONE_CHECK_H */
