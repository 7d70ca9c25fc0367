/* SPDX-License-Identifier: MIT */
/* POSIX TZ strings, as in TZ="EST5EDT,M3.2.0,M11.1.0" and TZif footers
 * (RFC 8536 section 3.3, with its extensions: transition times from -167
 * to 167 hours, DST offsets on either side of standard time). */
#include <string.h>

#include "zone-private.h"

struct tzp {
    const char *s;
    size_t len, pos, base;
    struct sla_error *err;
};

static int tz_peek(const struct tzp *p)
{
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static int tz_fail(struct tzp *p, const char *what)
{
    return sla__error_set(p->err, SLA_EPARSE, p->base + p->pos,
                          "expected %s in the POSIX TZ string", what);
}

static int is_alpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* A zone abbreviation: three or more letters, or <...> with letters,
 * digits, '+' and '-'. */
static int parse_name(struct tzp *p, char *out, const char *which)
{
    size_t n = 0, at = p->pos;
    if (tz_peek(p) == '<') {
        p->pos++;
        while (p->pos < p->len && (is_alpha(tz_peek(p)) || is_digit(tz_peek(p)) ||
                                   tz_peek(p) == '+' || tz_peek(p) == '-')) {
            if (n + 1 >= SLA_ZONE_ABBR_SIZE)
                return tz_fail(p, "an abbreviation of at most 15 characters");
            out[n++] = (char)tz_peek(p);
            p->pos++;
        }
        if (tz_peek(p) != '>')
            return tz_fail(p, "'>' closing the quoted abbreviation");
        p->pos++;
    } else {
        while (is_alpha(tz_peek(p))) {
            if (n + 1 >= SLA_ZONE_ABBR_SIZE)
                return tz_fail(p, "an abbreviation of at most 15 characters");
            out[n++] = (char)tz_peek(p);
            p->pos++;
        }
    }
    if (n < 3) {
        p->pos = at;
        return sla__error_set(p->err, SLA_EPARSE, p->base + at,
                              "expected the %s time abbreviation (3 or more "
                              "letters, or <...>) in the POSIX TZ string",
                              which);
    }
    out[n] = '\0';
    return 0;
}

/* Two digits from 00 to 59. */
static int read_sixty(struct tzp *p, int64_t *out, const char *what)
{
    if (p->pos + 1 >= p->len || !is_digit(tz_peek(p)) ||
        !is_digit((unsigned char)p->s[p->pos + 1]))
        return tz_fail(p, what);
    *out = (p->s[p->pos] - '0') * 10 + (p->s[p->pos + 1] - '0');
    if (*out > 59)
        return tz_fail(p, what);
    p->pos += 2;
    return 0;
}

/* [+-]h[h[h]][:mm[:ss]] as milliseconds; hours up to max_hours. */
static int parse_hms(struct tzp *p, int32_t max_hours, int64_t *out)
{
    int64_t sign = 1, h = 0, m = 0, s = 0;
    int digits = 0;
    if (tz_peek(p) == '+' || tz_peek(p) == '-') {
        sign = tz_peek(p) == '-' ? -1 : 1;
        p->pos++;
    }
    while (is_digit(tz_peek(p)) && digits < 3) {
        h = h * 10 + (tz_peek(p) - '0');
        digits++;
        p->pos++;
    }
    if (!digits || is_digit(tz_peek(p)) || h > max_hours)
        return tz_fail(p, max_hours == 24 ? "an offset of hours 0-24"
                                          : "a time of hours 0-167");
    if (tz_peek(p) == ':') {
        p->pos++;
        if (read_sixty(p, &m, "minutes 00-59"))
            return SLA_EPARSE;
        if (tz_peek(p) == ':') {
            p->pos++;
            if (read_sixty(p, &s, "seconds 00-59"))
                return SLA_EPARSE;
        }
    }
    *out = sign * ((h * 3600 + m * 60 + s) * SLA_MS_PER_SECOND);
    return 0;
}

static int parse_number(struct tzp *p, int32_t lo, int32_t hi, int32_t *out,
                        const char *what)
{
    int32_t v = 0;
    int digits = 0;
    while (is_digit(tz_peek(p)) && digits < 4) {
        v = v * 10 + (tz_peek(p) - '0');
        digits++;
        p->pos++;
    }
    if (!digits || v < lo || v > hi)
        return tz_fail(p, what);
    *out = v;
    return 0;
}

static int parse_date(struct tzp *p, struct posix_date *d)
{
    memset(d, 0, sizeof *d);
    if (tz_peek(p) == 'M') {
        p->pos++;
        d->kind = 'M';
        if (parse_number(p, 1, 12, &d->month, "a month 1-12 after 'M'"))
            return SLA_EPARSE;
        if (tz_peek(p) != '.')
            return tz_fail(p, "'.' after the month");
        p->pos++;
        if (parse_number(p, 1, 5, &d->week, "a week 1-5"))
            return SLA_EPARSE;
        if (tz_peek(p) != '.')
            return tz_fail(p, "'.' after the week");
        p->pos++;
        if (parse_number(p, 0, 6, &d->weekday, "a weekday 0-6 (0 is Sunday)"))
            return SLA_EPARSE;
    } else if (tz_peek(p) == 'J') {
        p->pos++;
        d->kind = 'J';
        if (parse_number(p, 1, 365, &d->day, "a day 1-365 after 'J'"))
            return SLA_EPARSE;
    } else {
        d->kind = 'N';
        if (parse_number(p, 0, 365, &d->day,
                         "a date: Mm.w.d, Jn (1-365) or n (0-365)"))
            return SLA_EPARSE;
    }
    d->time_ms = 2 * SLA_MS_PER_HOUR;
    if (tz_peek(p) == '/') {
        p->pos++;
        if (parse_hms(p, 167, &d->time_ms))
            return SLA_EPARSE;
    }
    return 0;
}

int sla__posix_parse(struct posix_rule *out, const char *s, size_t len,
                     size_t base, struct sla_error *err)
{
    struct tzp p = {s, len, 0, base, err};
    struct posix_rule r;
    int64_t off;
    memset(&r, 0, sizeof r);
    if (parse_name(&p, r.std.abbr, "standard") || parse_hms(&p, 24, &off))
        return SLA_EPARSE;
    r.std.offset_ms = -off; /* POSIX counts west of UTC as positive */
    if (p.pos == len) {
        *out = r;
        return 0;
    }
    if (parse_name(&p, r.dst.abbr, "daylight-saving"))
        return SLA_EPARSE;
    r.has_dst = 1;
    r.dst.is_dst = 1;
    r.dst.offset_ms = r.std.offset_ms + SLA_MS_PER_HOUR;
    if (tz_peek(&p) != ',' && p.pos < len) {
        if (parse_hms(&p, 24, &off))
            return SLA_EPARSE;
        r.dst.offset_ms = -off;
    }
    if (tz_peek(&p) != ',')
        return tz_fail(&p, "',' and the rule of when daylight-saving time "
                           "starts and ends");
    p.pos++;
    if (parse_date(&p, &r.start))
        return SLA_EPARSE;
    if (tz_peek(&p) != ',')
        return tz_fail(&p, "',' before the date daylight-saving time ends");
    p.pos++;
    if (parse_date(&p, &r.end))
        return SLA_EPARSE;
    if (p.pos != len)
        return tz_fail(&p, "the end");
    *out = r;
    return 0;
}
