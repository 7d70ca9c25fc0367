/* SPDX-License-Identifier: MIT */
/* ISO 8601 durations, calendar-aware addition, and durations for readers. */
#include <string.h>

#include "sla-private.h"

/* Parts in the order ISO 8601 writes them; the rank forbids going back. */
enum part { P_YEAR, P_MONTH, P_WEEK, P_DAY, P_HOUR, P_MINUTE, P_SECOND };

static int designator(int ch, int in_time)
{
    if (!in_time) {
        switch (ch) {
        case 'Y': return P_YEAR;
        case 'M': return P_MONTH;
        case 'W': return P_WEEK;
        case 'D': return P_DAY;
        }
    } else {
        switch (ch) {
        case 'H': return P_HOUR;
        case 'M': return P_MINUTE;
        case 'S': return P_SECOND;
        }
    }
    return -1;
}

static const char *const part_name[] = {"years", "months", "weeks", "days",
                                        "hours", "minutes", "seconds"};

/* The fraction digits of one part: up to 9 kept, as num / 10^digits. */
struct fraction {
    int64_t num;
    int digits;   /* kept digits */
    int dropped;  /* 1 when there were digits past the ninth */
};

/* Milliseconds of a fraction of one unit, truncated. */
static int64_t fraction_ms(const struct fraction *f, int64_t unit_ms)
{
    int64_t den = 1;
    int i;
    for (i = 0; i < f->digits; i++)
        den *= 10;
    return f->num * unit_ms / den; /* num < 1e9, unit_ms <= 3.6e6 */
}

struct dur_parser {
    const char *s;
    size_t len, pos;
    struct sla_error *err;
};

static int dur_fail(struct dur_parser *p, size_t at, const char *what)
{
    return sla__error_set(p->err, SLA_EPARSE, at, "%s", what);
}

/* Read one "n[.f]X" part. */
static int read_part(struct dur_parser *p, int in_time, int last,
                     int *out_part, uint64_t *out_value, struct fraction *frac,
                     int *has_frac)
{
    size_t at = p->pos;
    uint64_t v = 0;
    int ch, part;
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return dur_fail(p, at, in_time ? "expected a number of hours, "
                                         "minutes or seconds"
                                       : "expected a number, or 'T' before "
                                         "hours, minutes and seconds");
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
        uint64_t digit = (uint64_t)(p->s[p->pos] - '0');
        if (v > ((uint64_t)INT64_MAX - digit) / 10)
            return dur_fail(p, at, "expected a number that fits in 64 bits");
        v = v * 10 + digit;
        p->pos++;
    }
    *has_frac = 0;
    if (p->pos < p->len && (p->s[p->pos] == '.' || p->s[p->pos] == ',')) {
        size_t fat = ++p->pos;
        memset(frac, 0, sizeof *frac);
        while (p->pos < p->len && p->s[p->pos] >= '0' &&
               p->s[p->pos] <= '9') {
            if (frac->digits < 9) {
                frac->num = frac->num * 10 + (p->s[p->pos] - '0');
                frac->digits++;
            } else {
                frac->dropped = 1;
            }
            p->pos++;
        }
        if (p->pos == fat)
            return dur_fail(p, fat, "expected digits after the decimal "
                                    "point");
        *has_frac = 1;
    }
    ch = p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
    part = designator(ch, in_time);
    if (part < 0)
        return dur_fail(p, p->pos, in_time ? "expected H, M or S after the "
                                             "number"
                                           : "expected Y, M, W or D after "
                                             "the number (or 'T' before "
                                             "hours)");
    if (part == last)
        return sla__error_set(p->err, SLA_EPARSE, p->pos,
                              "expected %s only once", part_name[part]);
    if (part < last)
        return sla__error_set(p->err, SLA_EPARSE, p->pos,
                              "expected %s before %s", part_name[part],
                              part_name[last]);
    if (*has_frac && part < P_HOUR)
        return dur_fail(p, p->pos, "expected a whole number: only hours, "
                                   "minutes and seconds may have a fraction");
    if (*has_frac && part != P_SECOND && frac->dropped)
        return dur_fail(p, p->pos, "expected at most 9 fraction digits on "
                                   "hours or minutes");
    p->pos++;
    *out_part = part;
    *out_value = v;
    return 0;
}

SLA_EXPORT int sla_duration_parse(struct sla_duration *out, const char *text,
                                  size_t len, struct sla_error *err)
{
    static const int64_t unit_ms[] = {0, 0, 0, 0, SLA_MS_PER_HOUR,
                                      SLA_MS_PER_MINUTE, SLA_MS_PER_SECOND};
    struct dur_parser p = {text, len, 0, err};
    struct sla_duration d;
    int negative = 0, in_time = 0, last = -1, has_frac = 0, parts = 0;
    size_t t_at = 0;
    if (sla__check_text(err, out, &text, len))
        return SLA_EINVAL;
    memset(&d, 0, sizeof d);
    p.s = text;
    if (p.pos < len && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        p.pos++;
    }
    if (p.pos >= len || text[p.pos] != 'P')
        return dur_fail(&p, p.pos, "expected 'P' to start a duration such "
                                   "as PT2H or P1M");
    p.pos++;
    while (p.pos < len) {
        struct fraction frac;
        uint64_t v = 0;
        int64_t add;
        int part = 0;
        if (text[p.pos] == 'T') {
            if (in_time)
                return dur_fail(&p, p.pos, "expected 'T' only once");
            in_time = 1;
            t_at = p.pos++;
            continue;
        }
        if (has_frac)
            return dur_fail(&p, p.pos, "expected the end: only the last "
                                       "part may have a fraction");
        if (read_part(&p, in_time, last, &part, &v, &frac, &has_frac))
            return SLA_EPARSE;
        last = part;
        parts++;
        switch (part) {
        case P_YEAR: d.years = (int64_t)v; break;
        case P_MONTH: d.months = (int64_t)v; break;
        case P_WEEK:
        case P_DAY:
            if (sla__mul_overflow((int64_t)v, part == P_WEEK ? 7 : 1, &add) ||
                sla__add_overflow(d.days, add, &d.days))
                return dur_fail(&p, p.pos - 1, "expected days that fit in "
                                               "64 bits");
            break;
        default:
            if (sla__mul_overflow((int64_t)v, unit_ms[part], &add) ||
                (has_frac && sla__add_overflow(
                                 add, fraction_ms(&frac, unit_ms[part]),
                                 &add)) ||
                sla__add_overflow(d.ms, add, &d.ms))
                return dur_fail(&p, p.pos - 1, "expected a length that fits "
                                               "in 64-bit milliseconds");
        }
    }
    if (in_time && last < P_HOUR)
        return dur_fail(&p, t_at, "expected hours, minutes or seconds "
                                  "after 'T'");
    if (!parts)
        return dur_fail(&p, p.pos, "expected at least one part, as in PT2H "
                                   "or P1D");
    if (negative) {
        d.years = -d.years;
        d.months = -d.months;
        d.days = -d.days;
        d.ms = -d.ms;
    }
    *out = d;
    return 0;
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* Seconds with a trimmed fraction of milliseconds, e.g. "6.5". */
static size_t put_seconds(char *p, uint64_t ms)
{
    size_t n = sla__put_uint(p, ms / 1000, 0);
    uint64_t f = ms % 1000;
    if (f) {
        int width = 3;
        while (f % 10 == 0) {
            f /= 10;
            width--;
        }
        p[n++] = '.';
        n += sla__put_uint(p + n, f, width);
    }
    return n;
}

SLA_EXPORT int sla_duration_format(char *buf, size_t size,
                                   const struct sla_duration *d)
{
    char tmp[SLA_DURATION_SIZE];
    size_t n = 0;
    uint64_t ms;
    int neg, pos;
    if (!buf || !d || d->years == INT64_MIN || d->months == INT64_MIN ||
        d->days == INT64_MIN || d->ms == INT64_MIN)
        return SLA_EINVAL;
    neg = d->years < 0 || d->months < 0 || d->days < 0 || d->ms < 0;
    pos = d->years > 0 || d->months > 0 || d->days > 0 || d->ms > 0;
    if (neg && pos)
        return SLA_EINVAL;
    if (neg)
        tmp[n++] = '-';
    tmp[n++] = 'P';
    if (d->years) {
        n += sla__put_uint(tmp + n, magnitude(d->years), 0);
        tmp[n++] = 'Y';
    }
    if (d->months) {
        n += sla__put_uint(tmp + n, magnitude(d->months), 0);
        tmp[n++] = 'M';
    }
    if (d->days) {
        n += sla__put_uint(tmp + n, magnitude(d->days), 0);
        tmp[n++] = 'D';
    }
    ms = magnitude(d->ms);
    if (ms || (!d->years && !d->months && !d->days)) {
        tmp[n++] = 'T';
        if (ms >= (uint64_t)SLA_MS_PER_HOUR) {
            n += sla__put_uint(tmp + n, ms / SLA_MS_PER_HOUR, 0);
            tmp[n++] = 'H';
        }
        if (ms / SLA_MS_PER_MINUTE % 60) {
            n += sla__put_uint(tmp + n, ms / SLA_MS_PER_MINUTE % 60, 0);
            tmp[n++] = 'M';
        }
        if (ms % SLA_MS_PER_MINUTE || !ms) {
            n += put_seconds(tmp + n, ms % SLA_MS_PER_MINUTE);
            tmp[n++] = 'S';
        }
    }
    return sla__put_result(buf, size, tmp, n);
}

SLA_EXPORT int sla_duration_to_ms(int64_t *out, const struct sla_duration *d)
{
    int64_t r;
    if (!out || !d || d->years || d->months)
        return SLA_EINVAL;
    if (sla__days_ms(d->days, d->ms, &r))
        return SLA_EOVERFLOW;
    *out = r;
    return 0;
}

SLA_EXPORT int sla_time_add_duration(int64_t *out, int64_t instant,
                                     const struct sla_duration *d,
                                     int64_t offset_ms)
{
    struct sla_civil c;
    struct sla_date date;
    int64_t months, r;
    if (!out || !d)
        return SLA_EINVAL;
    if (d->years || d->months || d->days) {
        if (sla_civil_from_instant(&c, instant, offset_ms) ||
            sla__mul_overflow(d->years, 12, &months) ||
            sla__add_overflow(months, d->months, &months))
            return SLA_EOVERFLOW;
        date.year = c.year;
        date.month = c.month;
        date.day = c.day;
        if (sla_date_add_months(&date, &date, months) ||
            sla_date_add_days(&date, &date, d->days))
            return SLA_EOVERFLOW;
        c.year = date.year;
        c.month = date.month;
        c.day = date.day;
        if (sla_civil_to_instant(&instant, &c, offset_ms))
            return SLA_EOVERFLOW;
    }
    if (sla__add_overflow(instant, d->ms, &r))
        return SLA_EOVERFLOW;
    *out = r;
    return 0;
}

SLA_EXPORT int sla_time_format_seconds(char *buf, size_t size,
                                       int64_t duration_ms)
{
    char tmp[32];
    size_t n = 0;
    if (!buf)
        return SLA_EINVAL;
    if (duration_ms < 0)
        tmp[n++] = '-';
    n += put_seconds(tmp + n, magnitude(duration_ms));
    return sla__put_result(buf, size, tmp, n);
}

SLA_EXPORT int sla_time_format_human(char *buf, size_t size,
                                     int64_t duration_ms)
{
    static const struct {
        uint64_t ms;
        const char *unit;
    } units[] = {{86400000, " d"}, {3600000, " h"}, {60000, " min"}};
    char tmp[64];
    size_t n = 0, i;
    uint64_t ms = magnitude(duration_ms);
    if (!buf)
        return SLA_EINVAL;
    if (duration_ms < 0)
        tmp[n++] = '-';
    for (i = 0; i < sizeof units / sizeof units[0]; i++) {
        uint64_t q = ms / units[i].ms;
        if (q) {
            if (n > 1 || (n == 1 && tmp[0] != '-'))
                tmp[n++] = ' ';
            n += sla__put_uint(tmp + n, q, 0);
            memcpy(tmp + n, units[i].unit, strlen(units[i].unit));
            n += strlen(units[i].unit);
            ms %= units[i].ms;
        }
    }
    if (ms || magnitude(duration_ms) == 0) {
        if (n > 1 || (n == 1 && tmp[0] != '-'))
            tmp[n++] = ' ';
        n += put_seconds(tmp + n, ms);
        tmp[n++] = ' ';
        tmp[n++] = 's';
    }
    return sla__put_result(buf, size, tmp, n);
}
