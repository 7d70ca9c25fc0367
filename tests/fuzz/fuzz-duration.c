/* SPDX-License-Identifier: MIT */
/* Fuzz target: ISO 8601 durations.
 *
 * The bytes go to sla_duration_parse. A failure must fill the error record
 * properly; a success must survive sla_duration_format and a second parse
 * unchanged. A small independent reading of the documented grammar checks
 * the values, in both directions: what the library accepts the reference
 * must accept with the same parts, and what the reference accepts with
 * parts that fit int64_t the library must accept. */
#include "fuzz.h"

/* ---- Reference ------------------------------------------------------ */

enum { R_YEAR, R_MONTH, R_WEEK, R_DAY, R_HOUR, R_MINUTE, R_SECOND };

struct ref_result {
    int64_t years, months, days, ms;
    /* 1: valid and in range; 0: not a duration; -1: valid text, but a part
     * does not fit int64_t. */
    int status;
    /* The text has more than 9 fraction digits (trailing zeros) on hours
     * or minutes, a case the documentation leaves open. */
    int open_case;
};

static int ref_is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int ref_rank(char ch, int in_time)
{
    if (!in_time)
        return ch == 'Y' ? R_YEAR
             : ch == 'M' ? R_MONTH
             : ch == 'W' ? R_WEEK
             : ch == 'D' ? R_DAY
                         : -1;
    return ch == 'H' ? R_HOUR : ch == 'M' ? R_MINUTE : ch == 'S' ? R_SECOND : -1;
}

static void ref_parse(const char *s, size_t len, struct ref_result *r)
{
    static const int64_t unit[] = {0, 0, 0, 0, SLA_MS_PER_HOUR,
                                   SLA_MS_PER_MINUTE, SLA_MS_PER_SECOND};
    size_t i = 0;
    int neg = 0, in_time = 0, last = -1, parts = 0, time_parts = 0;
    int had_fraction = 0, overflow = 0;
    int64_t y = 0, mo = 0, d = 0, ms = 0;

    memset(r, 0, sizeof *r);
    if (i < len && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (i >= len || s[i] != 'P')
        return;
    i++;
    while (i < len) {
        uint64_t v = 0;
        int big = 0, rank;
        size_t fstart = 0, flen = 0, k;
        int64_t add = 0, whole = 0;

        if (s[i] == 'T') {
            if (in_time)
                return;
            in_time = 1;
            i++;
            continue;
        }
        if (had_fraction || !ref_is_digit(s[i]))
            return;
        for (; i < len && ref_is_digit(s[i]); i++) {
            unsigned dg = (unsigned)(s[i] - '0');
            if (v > (UINT64_MAX - dg) / 10)
                big = 1;
            else
                v = v * 10 + dg;
        }
        if (i < len && (s[i] == '.' || s[i] == ',')) {
            fstart = ++i;
            while (i < len && ref_is_digit(s[i]))
                i++;
            flen = i - fstart;
            if (flen == 0)
                return;
            had_fraction = 1;
        }
        if (i >= len)
            return;
        rank = ref_rank(s[i], in_time);
        if (rank < 0 || rank <= last)
            return;
        i++;
        last = rank;
        parts++;
        time_parts += rank >= R_HOUR;
        if (had_fraction && rank < R_HOUR)
            return;
        if (big || v > (uint64_t)INT64_MAX) {
            overflow = 1;
            v = 0;
        }
        switch (rank) {
        case R_YEAR: y = (int64_t)v; break;
        case R_MONTH: mo = (int64_t)v; break;
        case R_WEEK:
        case R_DAY:
            if (__builtin_mul_overflow((int64_t)v, rank == R_WEEK ? 7 : 1,
                                       &add) ||
                __builtin_add_overflow(d, add, &d))
                overflow = 1;
            break;
        default:
            if (had_fraction) {
                /* The fraction as nine digits, or three for seconds. */
                int64_t num = 0, scale = rank == R_SECOND ? 1000 : 1000000000;
                int keep = rank == R_SECOND ? 3 : 9;
                for (k = 0; k < (size_t)keep; k++)
                    num = num * 10 + (k < flen ? s[fstart + k] - '0' : 0);
                for (k = (size_t)keep; rank != R_SECOND && k < flen; k++) {
                    if (s[fstart + k] != '0')
                        return; /* finer than the nanosecond */
                    r->open_case = 1;
                }
                add = num * unit[rank] / scale;
            }
            if (__builtin_mul_overflow((int64_t)v, unit[rank], &whole) ||
                __builtin_add_overflow(whole, add, &add) ||
                __builtin_add_overflow(ms, add, &ms))
                overflow = 1;
        }
    }
    if (parts == 0 || (in_time && time_parts == 0))
        return;
    if (overflow) {
        r->status = -1;
        return;
    }
    r->years = neg ? -y : y;
    r->months = neg ? -mo : mo;
    r->days = neg ? -d : d;
    r->ms = neg ? -ms : ms;
    r->status = 1;
}

/* ---- Checks --------------------------------------------------------- */

static int same(const struct sla_duration *a, const struct sla_duration *b)
{
    return a->years == b->years && a->months == b->months &&
           a->days == b->days && a->ms == b->ms;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_error err;
    struct sla_duration d, d2;
    struct ref_result want;
    char buf[SLA_DURATION_SIZE], buf2[SLA_DURATION_SIZE];
    int rc, n, n2;

    ref_parse(s, size, &want);
    fuzz_error_poison(&err);
    rc = sla_duration_parse(&d, s, size, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE, data, size);
        fuzz_error_check(&err, data, size);
        /* Refused a duration the documented grammar accepts. */
        FUZZ_CHECK(want.status != 1 || want.open_case, data, size);
        return 0;
    }
    /* Accepted text that is not a duration, or whose parts overflow. */
    FUZZ_CHECK(want.status == 1, data, size);
    FUZZ_CHECK(d.years == want.years, data, size);
    FUZZ_CHECK(d.months == want.months, data, size);
    FUZZ_CHECK(d.days == want.days, data, size);
    FUZZ_CHECK(d.ms == want.ms, data, size);

    /* Every part has the text's sign, so formatting cannot refuse. */
    FUZZ_CHECK((d.years >= 0 && d.months >= 0 && d.days >= 0 && d.ms >= 0) ||
                   (d.years <= 0 && d.months <= 0 && d.days <= 0 &&
                    d.ms <= 0),
               data, size);
    n = sla_duration_format(buf, sizeof buf, &d);
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf, data, size);
    FUZZ_CHECK(strlen(buf) == (size_t)n, data, size);
    fuzz_error_poison(&err);
    FUZZ_CHECK(sla_duration_parse(&d2, buf, (size_t)n, &err) == 0, data,
               size);
    FUZZ_CHECK(same(&d, &d2), data, size);
    /* The canonical text is a fixed point. */
    n2 = sla_duration_format(buf2, sizeof buf2, &d2);
    FUZZ_CHECK(n2 == n && memcmp(buf, buf2, (size_t)n) == 0, data, size);
    return 0;
}
