/* SPDX-License-Identifier: MIT */
/* RFC 5545 recurrence rules: the subset for maintenance windows. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

enum freq { F_DAILY, F_WEEKLY, F_MONTHLY, F_YEARLY };
enum until_kind { U_DATE, U_LOCAL, U_UTC };

#define MAX_ORD 53
#define MAX_SETPOS 366

struct ordday {
    int8_t ord; /* -53..-1, 1..53 */
    uint8_t wd; /* ISO weekday 1..7 */
};

struct sla_rrule {
    int32_t freq, interval, wkst;
    int64_t count; /* 0: none */
    int has_until, until_kind;
    int64_t until_day, until_ms; /* day number and ms of day */
    uint32_t seen;               /* parts given, by bit */
    uint16_t bymonth;            /* bit m for month m */
    uint32_t md_pos, md_neg;     /* bit d for day d, or -d */
    uint8_t wd_plain;            /* bit w for weekday w without ordinal */
    size_t nord;
    struct ordday ord[7 * 2 * MAX_ORD];
    size_t nsetpos;
    int16_t setpos[2 * MAX_SETPOS];
};

enum part {
    P_FREQ, P_INTERVAL, P_COUNT, P_UNTIL, P_WKST, P_BYMONTH, P_BYMONTHDAY,
    P_BYDAY, P_BYSETPOS, P_COUNT_OF_PARTS
};

static const char *const part_names[] = {
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYMONTH", "BYMONTHDAY",
    "BYDAY", "BYSETPOS"};

static const char *const unsupported[] = {
    "BYWEEKNO", "BYYEARDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "RSCALE",
    "SKIP"};

static const char *const freq_names[] = {"DAILY", "WEEKLY", "MONTHLY",
                                         "YEARLY"};

static const char wd_codes[8][3] = {"", "MO", "TU", "WE", "TH",
                                    "FR", "SA", "SU"};

/* ---- parsing ------------------------------------------------------------ */

struct rp {
    const char *s;
    size_t len, pos;
    struct sla_error *err;
};

static int fail(struct rp *p, size_t at, const char *what)
{
    return sla__error_set(p->err, SLA_EPARSE, at, "RRULE: expected %s", what);
}

/* A signed decimal integer in [lo, hi] at s[a..b). */
static int int_in(const char *s, size_t a, size_t b, int64_t lo, int64_t hi,
                  int64_t *out)
{
    int64_t v = 0, sign = 1;
    if (a < b && (s[a] == '+' || s[a] == '-')) {
        sign = s[a] == '-' ? -1 : 1;
        a++;
    }
    if (a == b || b - a > 10)
        return -1;
    for (; a < b; a++) {
        if (s[a] < '0' || s[a] > '9')
            return -1;
        v = v * 10 + (s[a] - '0');
    }
    v *= sign;
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int weekday_code(const char *s, size_t n)
{
    int w;
    for (w = 1; w <= 7; w++)
        if (sla__word_is(s, n, wd_codes[w]))
            return w;
    return 0;
}

/* UNTIL: YYYYMMDD, or with THHMMSS, optionally Z. */
static int parse_until(struct rp *p, struct sla_rrule *r, size_t a, size_t b)
{
    const char *s = p->s;
    struct sla_civil c;
    size_t n = b - a, i;
    memset(&c, 0, sizeof c);
    for (i = 0; i < n; i++) {
        int digit = s[a + i] >= '0' && s[a + i] <= '9';
        if ((i == 8 && sla__upper((unsigned char)s[a + i]) != 'T') ||
            (i == 15 && sla__upper((unsigned char)s[a + i]) != 'Z') ||
            (i != 8 && i != 15 && !digit))
            return fail(p, a + i, "UNTIL as YYYYMMDD or YYYYMMDDTHHMMSS[Z]");
    }
    if (n != 8 && n != 15 && n != 16)
        return fail(p, a, "UNTIL as YYYYMMDD or YYYYMMDDTHHMMSS[Z]");
#define D(k) (s[a + (k)] - '0')
    c.year = D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3);
    c.month = D(4) * 10 + D(5);
    c.day = D(6) * 10 + D(7);
    if (n > 8) {
        c.hour = D(9) * 10 + D(10);
        c.minute = D(11) * 10 + D(12);
        c.second = D(13) * 10 + D(14);
    }
#undef D
    if (sla_civil_check(&c))
        return fail(p, a, "an UNTIL date and time that exist");
    r->has_until = 1;
    r->until_kind = n == 8 ? U_DATE : n == 15 ? U_LOCAL : U_UTC;
    r->until_day = sla__days_from_civil(c.year, c.month, c.day);
    r->until_ms = ((c.hour * 60 + c.minute) * 60 + c.second) * SLA_MS_PER_SECOND;
    if (r->until_kind == U_DATE)
        r->until_ms = SLA_MS_PER_DAY - 1; /* the whole day */
    return 0;
}

static int add_byday(struct rp *p, struct sla_rrule *r, size_t a, size_t b)
{
    size_t k = b;
    int w;
    int64_t ord = 0;
    size_t i;
    if (b - a < 2)
        return fail(p, a, "a weekday such as MO, 2TU or -1SU");
    k = b - 2;
    w = weekday_code(p->s + k, 2);
    if (!w)
        return fail(p, k, "a weekday MO, TU, WE, TH, FR, SA or SU");
    if (k == a) {
        r->wd_plain |= (uint8_t)(1u << w);
        return 0;
    }
    if (int_in(p->s, a, k, -MAX_ORD, MAX_ORD, &ord) || ord == 0)
        return fail(p, a, "a weekday ordinal from 1 to 53 or -1 to -53");
    for (i = 0; i < r->nord; i++)
        if (r->ord[i].ord == ord && r->ord[i].wd == w)
            return 0;
    r->ord[r->nord].ord = (int8_t)ord;
    r->ord[r->nord].wd = (uint8_t)w;
    r->nord++;
    return 0;
}

/* One value of a list part. */
static int list_value(struct rp *p, struct sla_rrule *r, int part, size_t a,
                      size_t b)
{
    int64_t v;
    size_t i;
    switch (part) {
    case P_BYMONTH:
        if (int_in(p->s, a, b, 1, 12, &v))
            return fail(p, a, "a month 1-12 in BYMONTH");
        r->bymonth |= (uint16_t)(1u << v);
        return 0;
    case P_BYMONTHDAY:
        if (int_in(p->s, a, b, -31, 31, &v) || v == 0)
            return fail(p, a, "a day 1 to 31 or -1 to -31 in BYMONTHDAY");
        if (v > 0)
            r->md_pos |= 1u << v;
        else
            r->md_neg |= 1u << -v;
        return 0;
    case P_BYDAY:
        return add_byday(p, r, a, b);
    default: /* P_BYSETPOS */
        if (int_in(p->s, a, b, -MAX_SETPOS, MAX_SETPOS, &v) || v == 0)
            return fail(p, a, "a position 1 to 366 or -1 to -366 in "
                              "BYSETPOS");
        for (i = 0; i < r->nsetpos; i++)
            if (r->setpos[i] == v)
                return 0;
        r->setpos[r->nsetpos++] = (int16_t)v;
        return 0;
    }
}

static int parse_value(struct rp *p, struct sla_rrule *r, int part, size_t a,
                       size_t b)
{
    int64_t v;
    int f;
    switch (part) {
    case P_FREQ:
        for (f = 0; f < 4; f++)
            if (sla__word_is(p->s + a, b - a, freq_names[f])) {
                r->freq = f;
                return 0;
            }
        if (sla__word_is(p->s + a, b - a, "HOURLY") ||
            sla__word_is(p->s + a, b - a, "MINUTELY") ||
            sla__word_is(p->s + a, b - a, "SECONDLY"))
            return sla__error_set(p->err, SLA_EUNSUPPORTED, a,
                                  "RRULE: FREQ=%.*s is not supported: "
                                  "libsla repeats by day, week, month or "
                                  "year", (int)(b - a), p->s + a);
        return fail(p, a, "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY");
    case P_INTERVAL:
        if (int_in(p->s, a, b, 1, 1000000, &v))
            return fail(p, a, "an INTERVAL from 1 to 1000000");
        r->interval = (int32_t)v;
        return 0;
    case P_COUNT:
        if (int_in(p->s, a, b, 1, INT32_MAX, &v))
            return fail(p, a, "a COUNT from 1 to 2147483647");
        r->count = v;
        return 0;
    case P_UNTIL:
        return parse_until(p, r, a, b);
    case P_WKST:
        r->wkst = weekday_code(p->s + a, b - a);
        if (!r->wkst)
            return fail(p, a, "WKST=MO, TU, WE, TH, FR, SA or SU");
        return 0;
    default: {
        size_t i = a, j;
        for (;;) {
            for (j = i; j < b && p->s[j] != ','; j++)
                ;
            if (list_value(p, r, part, i, j))
                return SLA_EPARSE;
            if (j == b)
                return 0;
            i = j + 1;
        }
    }
    }
}

static int check_rule(struct rp *p, const struct sla_rrule *r)
{
    uint32_t seen = r->seen;
    if (!(seen & (1u << P_FREQ)))
        return fail(p, p->len, "FREQ, the one part every rule has");
    if ((seen & (1u << P_COUNT)) && (seen & (1u << P_UNTIL)))
        return fail(p, 0, "COUNT or UNTIL, not both (RFC 5545)");
    if (r->nord && (r->freq == F_DAILY || r->freq == F_WEEKLY))
        return fail(p, 0, "BYDAY without ordinals for DAILY and WEEKLY "
                          "(RFC 5545)");
    if ((seen & (1u << P_BYMONTHDAY)) && r->freq == F_WEEKLY)
        return fail(p, 0, "no BYMONTHDAY with FREQ=WEEKLY (RFC 5545)");
    if ((seen & (1u << P_BYSETPOS)) &&
        !(seen & ((1u << P_BYMONTH) | (1u << P_BYMONTHDAY) | (1u << P_BYDAY))))
        return fail(p, 0, "BYSETPOS with another BY part (RFC 5545)");
    return 0;
}

SLA_EXPORT int sla_rrule_parse(struct sla_rrule **out, const char *text,
                               size_t len, struct sla_error *err)
{
    struct rp p;
    struct sla_rrule *r;
    size_t i;
    int rc;
    if (sla__check_text(err, out, &text, len))
        return SLA_EINVAL;
    p.s = text;
    p.len = len;
    p.pos = 0;
    p.err = err;
    r = calloc(1, sizeof *r);
    if (!r)
        return SLA_ENOMEM;
    r->interval = 1;
    r->wkst = 1;
    if (len >= 6 && sla__word_is(text, 6, "RRULE:"))
        p.pos = 6;
    while (p.pos < len) {
        size_t a = p.pos, eq, end;
        int part = -1;
        for (end = a; end < len && text[end] != ';'; end++)
            ;
        for (eq = a; eq < end && text[eq] != '='; eq++)
            ;
        if (eq == end || eq == a || eq + 1 == end) {
            rc = fail(&p, a, "a part NAME=VALUE");
            goto bad;
        }
        for (i = 0; i < P_COUNT_OF_PARTS; i++)
            if (sla__word_is(text + a, eq - a, part_names[i]))
                part = (int)i;
        if (part < 0) {
            for (i = 0; i < sizeof unsupported / sizeof *unsupported; i++)
                if (sla__word_is(text + a, eq - a, unsupported[i])) {
                    rc = sla__error_set(err, SLA_EUNSUPPORTED, a,
                                        "RRULE: %s is not supported by "
                                        "libsla", unsupported[i]);
                    goto bad;
                }
            rc = sla__error_set(err, SLA_EPARSE, a,
                                "RRULE: unknown rule part '%.*s'",
                                (int)(eq - a > 40 ? 40 : eq - a), text + a);
            goto bad;
        }
        if (r->seen & (1u << part)) {
            rc = sla__error_set(err, SLA_EPARSE, a,
                                "RRULE: expected %s only once",
                                part_names[part]);
            goto bad;
        }
        r->seen |= 1u << part;
        if ((rc = parse_value(&p, r, part, eq + 1, end)))
            goto bad;
        p.pos = end < len ? end + 1 : end;
    }
    if ((rc = check_rule(&p, r)))
        goto bad;
    *out = r;
    return 0;
bad:
    free(r);
    return rc;
}

SLA_EXPORT void sla_rrule_free(struct sla_rrule *rule)
{
    free(rule);
}

int sla__rrule_take_utc_until(struct sla_rrule *rule, int64_t *until)
{
    if (!rule->has_until || rule->until_kind != U_UTC)
        return 0;
    /* Both parts come from a parsed date and time, so no overflow. */
    *until = rule->until_day * SLA_MS_PER_DAY + rule->until_ms;
    rule->has_until = 0;
    return 1;
}

struct sla_rrule *sla__rrule_copy(const struct sla_rrule *rule)
{
    struct sla_rrule *r = malloc(sizeof *r);
    if (r)
        *r = *rule;
    return r;
}

/* ---- formatting ------------------------------------------------------- */

struct out {
    char *b;
    size_t n, size;
};

static void put(struct out *o, const char *s)
{
    size_t k = strlen(s);
    if (o->n + k < o->size)
        memcpy(o->b + o->n, s, k);
    o->n += k;
}

static void put_int(struct out *o, int64_t v)
{
    char t[24];
    size_t k = 0;
    if (v < 0) {
        t[k++] = '-';
        v = -v;
    }
    k += sla__put_uint(t + k, (uint64_t)v, 0);
    t[k] = '\0';
    put(o, t);
}

static int ord_cmp(const void *pa, const void *pb)
{
    const struct ordday *a = pa, *b = pb;
    if (a->wd != b->wd)
        return a->wd - b->wd;
    return a->ord - b->ord;
}

static int pos_cmp(const void *pa, const void *pb)
{
    return *(const int16_t *)pa - *(const int16_t *)pb;
}

SLA_EXPORT int sla_rrule_format(char *buf, size_t size,
                                const struct sla_rrule *r)
{
    char tmp[SLA_RRULE_SIZE];
    struct out o = {tmp, 0, sizeof tmp};
    struct ordday ord[7 * 2 * MAX_ORD];
    int16_t setpos[2 * MAX_SETPOS];
    size_t i, first = 1;
    int v;
    if (!buf || !r)
        return SLA_EINVAL;
    put(&o, "FREQ=");
    put(&o, freq_names[r->freq]);
    if (r->interval != 1) {
        put(&o, ";INTERVAL=");
        put_int(&o, r->interval);
    }
    if (r->count) {
        put(&o, ";COUNT=");
        put_int(&o, r->count);
    }
    if (r->has_until) {
        struct sla_date d;
        char t[24];
        size_t k;
        int64_t s = r->until_ms / 1000;
        sla_date_from_days(&d, r->until_day);
        k = sla__put_uint(t, (uint64_t)d.year, 4);
        k += sla__put_uint(t + k, (uint64_t)d.month, 2);
        k += sla__put_uint(t + k, (uint64_t)d.day, 2);
        if (r->until_kind != U_DATE) {
            t[k++] = 'T';
            k += sla__put_uint(t + k, (uint64_t)(s / 3600), 2);
            k += sla__put_uint(t + k, (uint64_t)(s / 60 % 60), 2);
            k += sla__put_uint(t + k, (uint64_t)(s % 60), 2);
            if (r->until_kind == U_UTC)
                t[k++] = 'Z';
        }
        t[k] = '\0';
        put(&o, ";UNTIL=");
        put(&o, t);
    }
    if (r->bymonth) {
        put(&o, ";BYMONTH=");
        for (v = 1, first = 1; v <= 12; v++)
            if (r->bymonth & (1u << v)) {
                if (!first)
                    put(&o, ",");
                put_int(&o, v);
                first = 0;
            }
    }
    if (r->md_pos || r->md_neg) {
        put(&o, ";BYMONTHDAY=");
        first = 1;
        for (v = 31; v >= 1; v--)
            if (r->md_neg & (1u << v)) {
                if (!first)
                    put(&o, ",");
                put_int(&o, -v);
                first = 0;
            }
        for (v = 1; v <= 31; v++)
            if (r->md_pos & (1u << v)) {
                if (!first)
                    put(&o, ",");
                put_int(&o, v);
                first = 0;
            }
    }
    if (r->wd_plain || r->nord) {
        put(&o, ";BYDAY=");
        first = 1;
        memcpy(ord, r->ord, r->nord * sizeof *ord);
        qsort(ord, r->nord, sizeof *ord, ord_cmp);
        for (v = 1; v <= 7; v++) {
            if (r->wd_plain & (1u << v)) {
                if (!first)
                    put(&o, ",");
                put(&o, wd_codes[v]);
                first = 0;
            }
            for (i = 0; i < r->nord; i++)
                if (ord[i].wd == v) {
                    if (!first)
                        put(&o, ",");
                    put_int(&o, ord[i].ord);
                    put(&o, wd_codes[v]);
                    first = 0;
                }
        }
    }
    if (r->nsetpos) {
        put(&o, ";BYSETPOS=");
        memcpy(setpos, r->setpos, r->nsetpos * sizeof *setpos);
        qsort(setpos, r->nsetpos, sizeof *setpos, pos_cmp);
        for (i = 0; i < r->nsetpos; i++) {
            if (i)
                put(&o, ",");
            put_int(&o, setpos[i]);
        }
    }
    if (r->wkst != 1) {
        put(&o, ";WKST=");
        put(&o, wd_codes[r->wkst]);
    }
    if (o.n >= o.size)
        return SLA_ENOSPC;
    return sla__put_result(buf, size, tmp, o.n);
}

/* ---- expansion ----------------------------------------------------------- */

struct sla_rrule_iter {
    const struct sla_rrule *r;
    int flags;
    int64_t start_day, time_ms;
    /* The filters, with RFC 5545's defaults from the start filled in. */
    uint16_t bymonth;
    uint32_t md_pos, md_neg;
    uint8_t wd_plain;
    int ord_in_year; /* YEARLY ordinals count in the year, not the month */
    /* Periods: number k starts at base + k * interval (in the period's
     * unit: years, months, days of a week start, or days). */
    int64_t base, k;
    int64_t buf[366];
    size_t nbuf, pos;
    int64_t emitted, empty;
    int done;
};

SLA_EXPORT int sla_rrule_iter_new(struct sla_rrule_iter **out,
                                  const struct sla_rrule *r,
                                  const struct sla_civil *start,
                                  int32_t flags)
{
    struct sla_rrule_iter *it;
    int32_t wd;
    if (!out || !r || sla_civil_check(start) || (flags & ~SLA_RRULE_CLAMP))
        return SLA_EINVAL;
    it = calloc(1, sizeof *it);
    if (!it)
        return SLA_ENOMEM;
    it->r = r;
    it->flags = flags;
    it->start_day = sla__days_from_civil(start->year, start->month, start->day);
    it->time_ms = ((start->hour * INT64_C(60) + start->minute) * 60 +
                   start->second) * 1000 + start->millisecond;
    wd = sla__weekday(it->start_day);
    it->bymonth = r->bymonth;
    it->md_pos = r->md_pos;
    it->md_neg = r->md_neg;
    it->wd_plain = r->wd_plain;
    it->ord_in_year = r->freq == F_YEARLY && !r->bymonth;
    if (!r->md_pos && !r->md_neg && !r->wd_plain && !r->nord) {
        /* RFC 5545: what the rule leaves open comes from the start. */
        if (r->freq == F_YEARLY) {
            if (!it->bymonth)
                it->bymonth = (uint16_t)(1u << start->month);
            it->md_pos = 1u << start->day;
        } else if (r->freq == F_MONTHLY) {
            it->md_pos = 1u << start->day;
        } else if (r->freq == F_WEEKLY) {
            it->wd_plain = (uint8_t)(1u << wd);
        }
    }
    switch (r->freq) {
    case F_YEARLY: it->base = start->year; break;
    case F_MONTHLY:
        it->base = (int64_t)start->year * 12 + start->month - 1;
        break;
    case F_WEEKLY:
        it->base = it->start_day - sla__floor_mod(wd - r->wkst, 7);
        break;
    default: it->base = it->start_day; break;
    }
    *out = it;
    return 0;
}

SLA_EXPORT void sla_rrule_iter_free(struct sla_rrule_iter *it)
{
    free(it);
}

/* Does BYMONTHDAY select day dom of a month of dim days? With clamping,
 * days the month lacks land on its last (or, negative, first) day. The
 * masks are widened to 64 bits: dim + 1 can be 32. */
static int month_day_hit(const struct sla_rrule_iter *it, int dom, int dim)
{
    if ((it->md_pos >> dom & 1) || (it->md_neg >> (dim - dom + 1) & 1))
        return 1;
    return (it->flags & SLA_RRULE_CLAMP) &&
           ((dom == dim && ((uint64_t)it->md_pos >> (dim + 1)) != 0) ||
            (dom == 1 && ((uint64_t)it->md_neg >> (dim + 1)) != 0));
}

/* Does the day (date y-m-dom, day number d) pass the filters? */
static int day_matches(const struct sla_rrule_iter *it, int64_t y, int m,
                       int dom, int64_t d)
{
    const struct sla_rrule *r = it->r;
    int dim;
    if (it->bymonth && !(it->bymonth & (1u << m)))
        return 0;
    dim = sla_month_days((int32_t)y, m);
    if ((it->md_pos || it->md_neg) && !month_day_hit(it, dom, dim))
        return 0;
    if (it->wd_plain || r->nord) {
        int wd = sla__weekday(d);
        size_t i;
        if (it->wd_plain >> wd & 1)
            return 1;
        for (i = 0; i < r->nord; i++) {
            int64_t nth, from_end;
            if (r->ord[i].wd != wd)
                continue;
            if (it->ord_in_year) {
                int64_t jan1 = sla__days_from_civil(y, 1, 1);
                int64_t ylen = sla_year_is_leap((int32_t)y) ? 366 : 365;
                nth = (d - jan1) / 7 + 1;
                from_end = -((jan1 + ylen - 1 - d) / 7 + 1);
            } else {
                nth = (dom - 1) / 7 + 1;
                from_end = -((dim - dom) / 7 + 1);
            }
            if (r->ord[i].ord == nth || r->ord[i].ord == from_end)
                return 1;
        }
        return 0;
    }
    return 1;
}

static int cmp_days(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* The days of one month (or, for month 0, of every month of year y)
 * that the month-day filters select, in order, into it->buf. first is the
 * period's first day. */
static size_t month_days_of_period(struct sla_rrule_iter *it, int64_t y,
                                   int month, int64_t first)
{
    size_t n = 0;
    int m0 = month ? month : 1, m1 = month ? month : 12, m;
    int64_t day0 = first;
    for (m = m0; m <= m1; m++) {
        int dim = sla_month_days((int32_t)y, m), dom;
        if (!month)
            day0 = sla__days_from_civil(y, m, 1);
        if (it->bymonth && !(it->bymonth & (1u << m)))
            continue;
        for (dom = 1; dom <= dim; dom++)
            if (month_day_hit(it, dom, dim))
                it->buf[n++] = day0 + dom - 1;
    }
    return n;
}

/* Fill buf with the matching days of period k. Returns -1 past the end of
 * the calendar. */
static int fill_period(struct sla_rrule_iter *it)
{
    const struct sla_rrule *r = it->r;
    int64_t p, first, ndays, d, y;
    size_t n = 0, i;
    int m, dom;
    /* Weekly periods are counted in days from a week's first day. */
    if (__builtin_mul_overflow(it->k, (int64_t)r->interval *
                                          (r->freq == F_WEEKLY ? 7 : 1),
                               &p) ||
        __builtin_add_overflow(it->base, p, &p))
        return -1;
    switch (r->freq) {
    case F_YEARLY:
        if (p > INT32_MAX)
            return -1;
        y = p;
        first = sla__days_from_civil(y, 1, 1);
        ndays = sla_year_is_leap((int32_t)y) ? 366 : 365;
        m = 1;
        dom = 1;
        break;
    case F_MONTHLY:
        y = sla__floor_div(p, 12);
        if (y > INT32_MAX)
            return -1;
        m = (int)sla__floor_mod(p, 12) + 1;
        first = sla__days_from_civil(y, m, 1);
        ndays = sla_month_days((int32_t)y, m);
        dom = 1;
        break;
    default:
        first = p;
        if (first > SLA_DAYS_MAX)
            return -1;
        ndays = r->freq == F_WEEKLY ? 7 : 1;
        if (ndays > SLA_DAYS_MAX - first + 1)
            ndays = SLA_DAYS_MAX - first + 1; /* the calendar's last week */
        {
            int32_t mm, dd;
            sla__civil_from_days(first, &y, &mm, &dd);
            m = mm;
            dom = dd;
        }
        break;
    }
    if (r->freq >= F_MONTHLY && !it->wd_plain && !r->nord &&
        (it->md_pos || it->md_neg)) {
        /* Month days only: pick them from each month instead of testing
         * every day of the period. */
        n = month_days_of_period(it, y, r->freq == F_MONTHLY ? m : 0, first);
        ndays = 0;
    }
    for (d = first; d < first + ndays; d++) {
        if (day_matches(it, y, m, dom, d))
            it->buf[n++] = d;
        if (++dom > sla_month_days((int32_t)y, m)) {
            dom = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    if (r->nsetpos && n) {
        int64_t sel[2 * MAX_SETPOS];
        size_t ns = 0, w = 0;
        for (i = 0; i < r->nsetpos; i++) {
            int64_t at = r->setpos[i] > 0 ? r->setpos[i] - 1
                                          : (int64_t)n + r->setpos[i];
            if (at >= 0 && at < (int64_t)n)
                sel[ns++] = it->buf[at];
        }
        qsort(sel, ns, sizeof *sel, cmp_days);
        for (i = 0; i < ns; i++)
            if (!w || sel[i] != it->buf[w - 1])
                it->buf[w++] = sel[i];
        n = w;
    }
    it->nbuf = n;
    it->pos = 0;
    it->k++;
    return 0;
}

/* Periods in one 400-year cycle: after that many empty periods in a row,
 * the rule can never match again. */
static int64_t cycle_periods(int freq)
{
    switch (freq) {
    case F_YEARLY: return 400;
    case F_MONTHLY: return 4800;
    case F_WEEKLY: return 20871;
    default: return 146097;
    }
}

SLA_EXPORT int sla_rrule_iter_next(struct sla_civil *out,
                                   struct sla_rrule_iter *it)
{
    const struct sla_rrule *r;
    if (!out || !it)
        return SLA_EINVAL;
    r = it->r;
    while (!it->done) {
        int64_t d, y;
        int32_t m, dd;
        if (it->pos == it->nbuf) {
            if (fill_period(it)) {
                it->done = 1;
                break;
            }
            if (it->nbuf)
                it->empty = 0;
            else if (++it->empty > cycle_periods(r->freq))
                it->done = 1;
            continue;
        }
        d = it->buf[it->pos++];
        if (d < it->start_day)
            continue;
        if (r->has_until && (d > r->until_day ||
                             (d == r->until_day && it->time_ms > r->until_ms))) {
            it->done = 1;
            break;
        }
        if (r->count && it->emitted >= r->count) {
            it->done = 1;
            break;
        }
        it->emitted++;
        sla__civil_from_days(d, &y, &m, &dd);
        out->year = (int32_t)y;
        out->month = m;
        out->day = dd;
        out->hour = (int32_t)(it->time_ms / SLA_MS_PER_HOUR);
        out->minute = (int32_t)(it->time_ms / SLA_MS_PER_MINUTE % 60);
        out->second = (int32_t)(it->time_ms / 1000 % 60);
        out->millisecond = (int32_t)(it->time_ms % 1000);
        return 0;
    }
    return SLA_ENOTFOUND;
}
