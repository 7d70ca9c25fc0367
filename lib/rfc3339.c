/* SPDX-License-Identifier: MIT */
/* RFC 3339 timestamps, local date-times and dates, as text. */
#include "sla-private.h"

/* A read position in caller text that need not be NUL-terminated. */
struct cursor {
    const char *s;
    size_t len;
    size_t pos;
};

static int peek(const struct cursor *c)
{
    return c->pos < c->len ? (unsigned char)c->s[c->pos] : -1;
}

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

/* Read exactly n digits; on failure leave pos at the first bad byte. */
static int read_digits(struct cursor *c, int n, int32_t *out)
{
    int32_t v = 0;
    int i;
    for (i = 0; i < n; i++) {
        int ch = peek(c);
        if (!is_digit(ch))
            return -1;
        v = v * 10 + (ch - '0');
        c->pos++;
    }
    *out = v;
    return 0;
}

static int expect_char(struct cursor *c, char ch, struct sla_error *err,
                       const char *what)
{
    if (peek(c) != ch)
        return sla__error_set(err, SLA_EPARSE, c->pos, "expected %s", what);
    c->pos++;
    return 0;
}

/* A 2-digit field with an upper bound; 'what' names it in the error. */
static int read_field(struct cursor *c, int32_t max, int32_t *out,
                      struct sla_error *err, const char *what)
{
    size_t at = c->pos;
    if (read_digits(c, 2, out) || *out > max) {
        c->pos = at;
        return sla__error_set(err, SLA_EPARSE, at, "expected %s", what);
    }
    return 0;
}

static int parse_date(struct cursor *c, struct sla_date *d,
                      struct sla_error *err)
{
    size_t at = c->pos;
    int dim;
    if (read_digits(c, 4, &d->year))
        return sla__error_set(err, SLA_EPARSE, c->pos,
                              "expected a 4-digit year");
    if (expect_char(c, '-', err, "'-' after the year"))
        return SLA_EPARSE;
    at = c->pos;
    if (read_digits(c, 2, &d->month) || d->month < 1 || d->month > 12)
        return sla__error_set(err, SLA_EPARSE, at,
                              "expected a month 01-12");
    if (expect_char(c, '-', err, "'-' after the month"))
        return SLA_EPARSE;
    at = c->pos;
    dim = sla_month_days(d->year, d->month);
    if (read_digits(c, 2, &d->day) || d->day < 1)
        return sla__error_set(err, SLA_EPARSE, at, "expected a day 01-%d",
                              dim);
    if (d->day > dim)
        return sla__error_set(err, SLA_EPARSE, at,
                              "expected a day 01-%d (%04d-%02d has %d days)",
                              dim, (int)d->year, (int)d->month, dim);
    return 0;
}

/* Digits of a fraction of a second after the '.', truncated to ms. */
static int parse_fraction(struct cursor *c, int32_t *ms,
                          struct sla_error *err)
{
    int32_t v = 0;
    int n = 0;
    while (is_digit(peek(c))) {
        if (n < 3)
            v = v * 10 + (peek(c) - '0');
        n++;
        c->pos++;
    }
    if (n == 0)
        return sla__error_set(err, SLA_EPARSE, c->pos,
                              "expected digits after the decimal point");
    for (; n < 3; n++)
        v *= 10;
    *ms = v;
    return 0;
}

static int parse_time(struct cursor *c, struct sla_civil *t,
                      struct sla_error *err)
{
    size_t at;
    if (read_field(c, 23, &t->hour, err, "an hour 00-23") ||
        expect_char(c, ':', err, "':' after the hour") ||
        read_field(c, 59, &t->minute, err, "a minute 00-59") ||
        expect_char(c, ':', err, "':' after the minute"))
        return SLA_EPARSE;
    at = c->pos;
    if (read_field(c, 60, &t->second, err, "a second 00-59"))
        return SLA_EPARSE;
    if (t->second == 60)
        return sla__error_set(err, SLA_EPARSE, at,
                              "expected a second 00-59: leap second 60 is "
                              "not supported (libsla counts time as POSIX "
                              "does)");
    t->millisecond = 0;
    if (peek(c) == '.') {
        c->pos++;
        if (parse_fraction(c, &t->millisecond, err))
            return SLA_EPARSE;
    }
    return 0;
}

static int parse_datetime(struct cursor *c, struct sla_civil *t,
                          struct sla_error *err)
{
    struct sla_date d;
    int ch;
    if (parse_date(c, &d, err))
        return SLA_EPARSE;
    ch = peek(c);
    if (ch != 'T' && ch != 't' && ch != ' ')
        return sla__error_set(err, SLA_EPARSE, c->pos,
                              "expected 'T' between the date and the time");
    c->pos++;
    t->year = d.year;
    t->month = d.month;
    t->day = d.day;
    return parse_time(c, t, err);
}

static int expect_end(const struct cursor *c, struct sla_error *err,
                      const char *what)
{
    if (c->pos != c->len)
        return sla__error_set(err, SLA_EPARSE, c->pos,
                              "expected the end of the %s", what);
    return 0;
}

static int parse_offset(struct cursor *c, int64_t *offset_ms,
                        struct sla_error *err)
{
    int ch = peek(c);
    int32_t h, m, s = 0;
    int64_t v;
    if (ch == 'Z' || ch == 'z') {
        c->pos++;
        *offset_ms = 0;
        return 0;
    }
    if (ch != '+' && ch != '-')
        return sla__error_set(err, SLA_EPARSE, c->pos,
                              "expected 'Z' or a UTC offset like +09:00");
    c->pos++;
    if (read_field(c, 23, &h, err, "an offset hour 00-23") ||
        expect_char(c, ':', err, "':' in the offset") ||
        read_field(c, 59, &m, err, "offset minutes 00-59"))
        return SLA_EPARSE;
    if (peek(c) == ':') {
        c->pos++;
        if (read_field(c, 59, &s, err, "offset seconds 00-59"))
            return SLA_EPARSE;
    }
    v = (h * INT64_C(3600) + m * INT64_C(60) + s) * SLA_MS_PER_SECOND;
    *offset_ms = ch == '-' ? -v : v;
    return 0;
}

SLA_EXPORT int sla_rfc3339_parse(int64_t *out, int64_t *out_offset_ms,
                                 const char *text, size_t len,
                                 struct sla_error *err)
{
    struct cursor c;
    struct sla_civil t;
    int64_t offset = 0, instant = 0;
    if (sla__check_text(err, out, &text, len))
        return SLA_EINVAL;
    c.s = text;
    c.len = len;
    c.pos = 0;
    if (parse_datetime(&c, &t, err) || parse_offset(&c, &offset, err) ||
        expect_end(&c, err, "timestamp"))
        return SLA_EPARSE;
    /* Years 0000-9999 and offsets under a day cannot overflow. */
    sla_civil_to_instant(&instant, &t, offset);
    *out = instant;
    if (out_offset_ms)
        *out_offset_ms = offset;
    return 0;
}

SLA_EXPORT int sla_civil_parse(struct sla_civil *out, const char *text,
                               size_t len, struct sla_error *err)
{
    struct cursor c;
    struct sla_civil t;
    if (sla__check_text(err, out, &text, len))
        return SLA_EINVAL;
    c.s = text;
    c.len = len;
    c.pos = 0;
    if (parse_datetime(&c, &t, err) ||
        expect_end(&c, err, "local date-time (no offset is allowed here)"))
        return SLA_EPARSE;
    *out = t;
    return 0;
}

SLA_EXPORT int sla_date_parse(struct sla_date *out, const char *text,
                              size_t len, struct sla_error *err)
{
    struct cursor c;
    struct sla_date d;
    if (sla__check_text(err, out, &text, len))
        return SLA_EINVAL;
    c.s = text;
    c.len = len;
    c.pos = 0;
    if (parse_date(&c, &d, err) || expect_end(&c, err, "date"))
        return SLA_EPARSE;
    *out = d;
    return 0;
}

/* Formatting. Every writer fills a local buffer, then copies it out. */

static size_t put_date(char *p, int32_t y, int32_t m, int32_t d)
{
    sla__put_uint(p, (uint64_t)y, 4);
    p[4] = '-';
    sla__put_uint(p + 5, (uint64_t)m, 2);
    p[7] = '-';
    sla__put_uint(p + 8, (uint64_t)d, 2);
    return 10;
}

static size_t put_civil(char *p, const struct sla_civil *t)
{
    size_t n = put_date(p, t->year, t->month, t->day);
    p[n++] = 'T';
    n += sla__put_uint(p + n, (uint64_t)t->hour, 2);
    p[n++] = ':';
    n += sla__put_uint(p + n, (uint64_t)t->minute, 2);
    p[n++] = ':';
    n += sla__put_uint(p + n, (uint64_t)t->second, 2);
    if (t->millisecond) {
        p[n++] = '.';
        n += sla__put_uint(p + n, (uint64_t)t->millisecond, 3);
    }
    return n;
}

static int format_at(char *buf, size_t size, int64_t instant,
                     int64_t offset_ms, int with_z)
{
    struct sla_civil t;
    char tmp[SLA_RFC3339_SIZE];
    size_t n;
    uint64_t a;
    if (!buf)
        return SLA_EINVAL;
    if (offset_ms % SLA_MS_PER_SECOND != 0 || offset_ms <= -SLA_MS_PER_DAY ||
        offset_ms >= SLA_MS_PER_DAY)
        return SLA_EINVAL;
    if (sla_civil_from_instant(&t, instant, offset_ms) || t.year < 0 ||
        t.year > 9999)
        return SLA_ERANGE;
    n = put_civil(tmp, &t);
    if (with_z) {
        tmp[n++] = 'Z';
    } else {
        tmp[n++] = offset_ms < 0 ? '-' : '+';
        a = (uint64_t)(offset_ms < 0 ? -offset_ms : offset_ms) / 1000;
        n += sla__put_uint(tmp + n, a / 3600, 2);
        tmp[n++] = ':';
        n += sla__put_uint(tmp + n, a / 60 % 60, 2);
        if (a % 60) {
            tmp[n++] = ':';
            n += sla__put_uint(tmp + n, a % 60, 2);
        }
    }
    return sla__put_result(buf, size, tmp, n);
}

SLA_EXPORT int sla_rfc3339_format(char *buf, size_t size, int64_t instant)
{
    return format_at(buf, size, instant, 0, 1);
}

SLA_EXPORT int sla_rfc3339_format_offset(char *buf, size_t size,
                                         int64_t instant, int64_t offset_ms)
{
    return format_at(buf, size, instant, offset_ms, 0);
}

SLA_EXPORT int sla_civil_format(char *buf, size_t size,
                                const struct sla_civil *civil)
{
    char tmp[SLA_RFC3339_SIZE];
    if (!buf || sla_civil_check(civil))
        return SLA_EINVAL;
    if (civil->year < 0 || civil->year > 9999)
        return SLA_ERANGE;
    return sla__put_result(buf, size, tmp, put_civil(tmp, civil));
}

SLA_EXPORT int sla_date_format(char *buf, size_t size,
                               const struct sla_date *date)
{
    char tmp[12];
    if (!buf || sla_date_check(date))
        return SLA_EINVAL;
    if (date->year < 0 || date->year > 9999)
        return SLA_ERANGE;
    return sla__put_result(buf, size, tmp,
                           put_date(tmp, date->year, date->month, date->day));
}
