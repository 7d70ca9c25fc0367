/* SPDX-License-Identifier: MIT */
/* Fuzz target: RFC 3339 timestamps, local date-times and dates.
 *
 * The same bytes go to sla_rfc3339_parse, sla_civil_parse and
 * sla_date_parse. Each result is checked against
 *  - the error record contract when parsing fails;
 *  - a format/parse round trip when it succeeds;
 *  - a small independent reading of the grammar and the calendar below
 *    (fixed positions, a naive day count), in both directions: what the
 *    reference reads the library must read to the same value, and what
 *    the library reads the reference must accept. */
#include "fuzz.h"

/* ---- Reference ------------------------------------------------------ */

struct ref_civil {
    int64_t year, month, day, hour, minute, second, ms;
};

static int ref_digit(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1;
}

/* n digits at s[i..]; -1 if any is missing. */
static int64_t ref_number(const char *s, size_t len, size_t i, int n)
{
    int64_t v = 0;
    int k;
    for (k = 0; k < n; k++) {
        int d = ref_digit(s, len, i + (size_t)k);
        if (d < 0)
            return -1;
        v = v * 10 + d;
    }
    return v;
}

static int ref_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int64_t ref_month_length(int64_t y, int64_t m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && ref_leap(y) ? 29 : len[m - 1];
}

/* Days since 0000-01-01 of a date of years 0-9999 (moved 400 years on,
 * a whole Gregorian cycle, so that every count is positive). */
static int64_t ref_count(int64_t y, int64_t m, int64_t d)
{
    static const int before[12] = {0,   31,  59,  90,  120, 151,
                                   181, 212, 243, 273, 304, 334};
    int64_t yy = y + 400;
    /* Leap years in [0, yy): multiples of 4, less of 100, plus of 400. */
    int64_t leaps = (yy + 3) / 4 - (yy + 99) / 100 + (yy + 399) / 400;
    return yy * 365 + leaps + before[m - 1] + (m > 2 && ref_leap(yy)) + d -
           1;
}

static int64_t ref_days(int64_t y, int64_t m, int64_t d)
{
    return ref_count(y, m, d) - ref_count(1970, 1, 1);
}

/* YYYY-MM-DD at s[0..10); 1 if it is an existing date. */
static int ref_date(const char *s, size_t len, struct ref_civil *c)
{
    c->year = ref_number(s, len, 0, 4);
    c->month = ref_number(s, len, 5, 2);
    c->day = ref_number(s, len, 8, 2);
    return len >= 10 && s[4] == '-' && s[7] == '-' && c->year >= 0 &&
           c->month >= 1 && c->month <= 12 && c->day >= 1 &&
           c->day <= ref_month_length(c->year, c->month);
}

/* YYYY-MM-DDTHH:MM:SS[.f+] at the start of s; the length read, or 0. */
static size_t ref_civil_prefix(const char *s, size_t len, struct ref_civil *c)
{
    size_t i = 19;
    if (!ref_date(s, len, c) || len < 19 ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':')
        return 0;
    c->hour = ref_number(s, len, 11, 2);
    c->minute = ref_number(s, len, 14, 2);
    c->second = ref_number(s, len, 17, 2);
    if (c->hour < 0 || c->hour > 23 || c->minute < 0 || c->minute > 59 ||
        c->second < 0 || c->second > 59)
        return 0;
    c->ms = 0;
    if (i < len && s[i] == '.') {
        int n = 0;
        i++;
        while (ref_digit(s, len, i) >= 0) {
            if (n++ < 3)
                c->ms = c->ms * 10 + ref_digit(s, len, i);
            i++;
        }
        if (n == 0)
            return 0;
        for (; n < 3; n++)
            c->ms *= 10;
    }
    return i;
}

static int64_t ref_instant(const struct ref_civil *c, int64_t offset_ms)
{
    return ref_days(c->year, c->month, c->day) * SLA_MS_PER_DAY +
           c->hour * SLA_MS_PER_HOUR + c->minute * SLA_MS_PER_MINUTE +
           c->second * SLA_MS_PER_SECOND + c->ms - offset_ms;
}

/* A whole RFC 3339 timestamp; 1 if valid, with its instant and offset. */
static int ref_rfc3339(const char *s, size_t len, int64_t *instant,
                       int64_t *offset_ms)
{
    struct ref_civil c;
    size_t i = ref_civil_prefix(s, len, &c);
    int64_t h, m, sec = 0;
    if (i == 0 || i >= len)
        return 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        if (i + 1 != len)
            return 0;
        *offset_ms = 0;
    } else if (s[i] == '+' || s[i] == '-') {
        h = ref_number(s, len, i + 1, 2);
        m = ref_number(s, len, i + 4, 2);
        if (len < i + 6 || s[i + 3] != ':' || h < 0 || h > 23 || m < 0 ||
            m > 59)
            return 0;
        if (len != i + 6) {
            sec = ref_number(s, len, i + 7, 2);
            if (len != i + 9 || s[i + 6] != ':' || sec < 0 || sec > 59)
                return 0;
        }
        *offset_ms = (h * 3600 + m * 60 + sec) * SLA_MS_PER_SECOND;
        if (s[i] == '-')
            *offset_ms = -*offset_ms;
    } else {
        return 0;
    }
    *instant = ref_instant(&c, *offset_ms);
    return 1;
}

/* ---- Checks --------------------------------------------------------- */

static void check_rfc3339(const char *s, const uint8_t *data, size_t size)
{
    struct sla_error err;
    int64_t instant = 0, offset = 0, instant2 = 0, offset2 = 0;
    int64_t want_instant = 0, want_offset = 0;
    char buf[SLA_RFC3339_SIZE], buf2[SLA_RFC3339_SIZE];
    int rc, n, n2, valid;

    valid = ref_rfc3339(s, size, &want_instant, &want_offset);
    fuzz_error_poison(&err);
    rc = sla_rfc3339_parse(&instant, &offset, s, size, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE, data, size);
        fuzz_error_check(&err, data, size);
        FUZZ_CHECK(!valid, data, size); /* refused a valid timestamp */
        return;
    }
    FUZZ_CHECK(valid, data, size); /* accepted an invalid timestamp */
    FUZZ_CHECK(instant == want_instant, data, size);
    FUZZ_CHECK(offset == want_offset, data, size);

    /* The offset pointer is optional and changes nothing. */
    FUZZ_CHECK(sla_rfc3339_parse(&instant2, NULL, s, size, NULL) == 0, data,
               size);
    FUZZ_CHECK(instant2 == instant, data, size);

    /* Round trip at the parsed offset. */
    n = sla_rfc3339_format_offset(buf, sizeof buf, instant, offset);
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf, data, size);
    FUZZ_CHECK(strlen(buf) == (size_t)n, data, size);
    fuzz_error_poison(&err);
    FUZZ_CHECK(sla_rfc3339_parse(&instant2, &offset2, buf, (size_t)n,
                                 &err) == 0,
               data, size);
    FUZZ_CHECK(instant2 == instant && offset2 == offset, data, size);
    /* The canonical text is a fixed point. */
    n2 = sla_rfc3339_format_offset(buf2, sizeof buf2, instant2, offset2);
    FUZZ_CHECK(n2 == n && memcmp(buf, buf2, (size_t)n) == 0, data, size);

    /* In UTC, when the UTC year is still writable (0000-9999). */
    n = sla_rfc3339_format(buf, sizeof buf, instant);
    if (n == SLA_ERANGE)
        return;
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf && buf[n - 1] == 'Z', data,
               size);
    FUZZ_CHECK(sla_rfc3339_parse(&instant2, &offset2, buf, (size_t)n,
                                 NULL) == 0,
               data, size);
    FUZZ_CHECK(instant2 == instant && offset2 == 0, data, size);
}

static void check_civil(const char *s, const uint8_t *data, size_t size)
{
    struct sla_error err;
    struct sla_civil c, c2;
    struct ref_civil want;
    char buf[SLA_RFC3339_SIZE];
    int64_t instant = 0;
    int rc, n, valid;

    valid = ref_civil_prefix(s, size, &want) == size && size > 0;
    fuzz_error_poison(&err);
    rc = sla_civil_parse(&c, s, size, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE, data, size);
        fuzz_error_check(&err, data, size);
        FUZZ_CHECK(!valid, data, size);
        return;
    }
    FUZZ_CHECK(valid, data, size);
    FUZZ_CHECK(c.year == want.year && c.month == want.month &&
                   c.day == want.day && c.hour == want.hour &&
                   c.minute == want.minute && c.second == want.second &&
                   c.millisecond == want.ms,
               data, size);
    FUZZ_CHECK(sla_civil_check(&c) == 0, data, size);
    FUZZ_CHECK(sla_civil_to_instant(&instant, &c, 0) == 0, data, size);
    FUZZ_CHECK(instant == ref_instant(&want, 0), data, size);

    n = sla_civil_format(buf, sizeof buf, &c);
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf, data, size);
    FUZZ_CHECK(strlen(buf) == (size_t)n, data, size);
    fuzz_error_poison(&err);
    FUZZ_CHECK(sla_civil_parse(&c2, buf, (size_t)n, &err) == 0, data, size);
    FUZZ_CHECK(c2.year == c.year && c2.month == c.month && c2.day == c.day &&
                   c2.hour == c.hour && c2.minute == c.minute &&
                   c2.second == c.second && c2.millisecond == c.millisecond,
               data, size);
}

static void check_date(const char *s, const uint8_t *data, size_t size)
{
    struct sla_error err;
    struct sla_date d, d2;
    struct ref_civil want;
    char buf[16];
    int64_t days = 0;
    int rc, n, valid;

    valid = size == 10 && ref_date(s, size, &want);
    fuzz_error_poison(&err);
    rc = sla_date_parse(&d, s, size, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE, data, size);
        fuzz_error_check(&err, data, size);
        FUZZ_CHECK(!valid, data, size);
        return;
    }
    FUZZ_CHECK(valid, data, size);
    FUZZ_CHECK(d.year == want.year && d.month == want.month &&
                   d.day == want.day,
               data, size);
    FUZZ_CHECK(sla_date_check(&d) == 0, data, size);
    FUZZ_CHECK(sla_date_to_days(&days, &d) == 0, data, size);
    FUZZ_CHECK(days == ref_days(want.year, want.month, want.day), data, size);

    n = sla_date_format(buf, sizeof buf, &d);
    FUZZ_CHECK(n == 10 && strlen(buf) == 10, data, size);
    fuzz_error_poison(&err);
    FUZZ_CHECK(sla_date_parse(&d2, buf, (size_t)n, &err) == 0, data, size);
    FUZZ_CHECK(d2.year == d.year && d2.month == d.month && d2.day == d.day,
               data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The parsers refuse a NULL text even when it is empty. */
    const char *s = data ? (const char *)data : "";
    check_rfc3339(s, data, size);
    check_civil(s, data, size);
    check_date(s, data, size);
    return 0;
}
