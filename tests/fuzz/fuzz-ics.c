/* SPDX-License-Identifier: MIT */
/* Fuzz target: iCalendar import.
 *
 * The bytes go to sla_ics_parse with a fixed zone for floating times. A
 * failure must come with a proper error record: the same code (EPARSE or
 * ENOTFOUND, for a TZID naming no zone), a NUL-terminated non-empty
 * message, and a place that is where the offset is: 0 <= offset <= size,
 * line = 1 + the newlines before the offset, column = the bytes since the
 * last one, plus one (a leading byte-order mark does not count). The same
 * code comes without an error record.
 *
 * A success must:
 *  - give as many UIDs and summaries as schedules, and NULL past them;
 *  - give, for each schedule, windows over 1900-2100 (at most FI_WINDOWS
 *    each) that are non-empty, meet the span and come in order of their
 *    starts, ending with SLA_ENOTFOUND (or SLA_EOVERFLOW);
 *  - expand into a set over one year without error, covering no more
 *    than the year;
 *  - parse the same with every LF turned into CRLF, window for window;
 *  - parse without a floating zone only if the floating times it needed
 *    were none, with the same schedules then. */
#include "fuzz.h"

#define FI_WINDOWS 40

struct fi_in {
    const uint8_t *data;
    size_t size;
};

#define FI_CHECK(in, cond) FUZZ_CHECK(cond, (in)->data, (in)->size)

static void fi_error_check(const struct fi_in *in, int rc,
                           const struct sla_error *err)
{
    FI_CHECK(in, rc == SLA_EPARSE || rc == SLA_ENOTFOUND);
    FI_CHECK(in, err->code == rc);
    fuzz_error_place_check(err, in->data, in->size);
}

/* The windows of one schedule, as a list of start/end pairs. */
static size_t fi_windows(const struct fi_in *in, const struct sla_schedule *s,
                         int64_t *out)
{
    const int64_t from = INT64_C(-2208988800000); /* 1900-01-01 */
    const int64_t to = INT64_C(4102444800000);    /* 2100-01-01 */
    struct sla_schedule_iter *it = NULL;
    struct sla_window w;
    size_t n = 0;
    int rc;
    rc = sla_schedule_iter_new(&it, s, from, to);
    if (rc == SLA_ENOMEM)
        return 0;
    FI_CHECK(in, rc == 0);
    while (n < FI_WINDOWS) {
        rc = sla_schedule_iter_next(&w, it);
        if (rc != 0) {
            FI_CHECK(in, rc == SLA_ENOTFOUND || rc == SLA_EOVERFLOW);
            break;
        }
        FI_CHECK(in, w.start < w.end);
        FI_CHECK(in, w.end > from && w.start < to);
        FI_CHECK(in, n == 0 || w.start >= out[2 * n - 2]);
        out[2 * n] = w.start;
        out[2 * n + 1] = w.end;
        n++;
    }
    sla_schedule_iter_free(it);
    return n;
}

/* Both parses give the same schedules, window for window. */
static void fi_same(const struct fi_in *in, const struct sla_ics *a,
                    const struct sla_ics *b)
{
    static int64_t wa[2 * FI_WINDOWS], wb[2 * FI_WINDOWS];
    size_t i, na, nb;
    FI_CHECK(in, sla_ics_count(a) == sla_ics_count(b));
    for (i = 0; i < sla_ics_count(a); i++) {
        FI_CHECK(in, !strcmp(sla_ics_uid(a, i), sla_ics_uid(b, i)));
        na = fi_windows(in, sla_ics_schedule(a, i), wa);
        nb = fi_windows(in, sla_ics_schedule(b, i), wb);
        FI_CHECK(in, na == nb);
        FI_CHECK(in, !memcmp(wa, wb, 2 * na * sizeof *wa));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct fi_in in = {data, size};
    const char *s = data ? (const char *)data : "";
    static int64_t w[2 * FI_WINDOWS];
    struct sla_zone *floating = NULL;
    struct sla_ics *ics = NULL, *other = NULL;
    struct sla_intervals *set = NULL;
    struct sla_error err;
    size_t i, n;
    int rc;

    if (sla_zone_from_offset(&floating, 9 * SLA_MS_PER_HOUR))
        return 0;
    fuzz_error_poison(&err);
    rc = sla_ics_parse(&ics, s, size, floating, NULL, &err);
    if (rc == SLA_ENOMEM)
        goto out;
    FI_CHECK(&in, sla_ics_parse(&other, s, size, floating, NULL, NULL) == rc);
    sla_ics_free(other);
    other = NULL;
    if (rc) {
        fi_error_check(&in, rc, &err);
        goto out;
    }
    n = sla_ics_count(ics);
    for (i = 0; i < n; i++) {
        FI_CHECK(&in, sla_ics_schedule(ics, i) != NULL);
        FI_CHECK(&in, sla_ics_uid(ics, i) != NULL);
        FI_CHECK(&in, sla_ics_summary(ics, i) != NULL);
        fi_windows(&in, sla_ics_schedule(ics, i), w);
    }
    FI_CHECK(&in, sla_ics_schedule(ics, n) == NULL);
    FI_CHECK(&in, sla_ics_uid(ics, n) == NULL);
    FI_CHECK(&in, sla_ics_summary(ics, n) == NULL);

    if (sla_intervals_new(&set) == 0) {
        const int64_t a = INT64_C(1577836800000); /* 2020-01-01 */
        const int64_t b = a + 366 * SLA_MS_PER_DAY;
        int64_t total = 0;
        rc = sla_ics_expand(set, ics, a, b);
        FI_CHECK(&in, rc == 0 || rc == SLA_ENOMEM || rc == SLA_EOVERFLOW);
        if (rc == 0) {
            FI_CHECK(&in, sla_intervals_measure(&total, set) == 0);
            FI_CHECK(&in, total >= 0 && total <= b - a);
        }
        sla_intervals_free(set);
    }

    /* CRLF line ends read the same. */
    if (size < 8192) {
        char *crlf = malloc(2 * size + 1);
        size_t k = 0;
        if (crlf) {
            for (i = 0; i < size; i++) {
                if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
                    crlf[k++] = '\r';
                crlf[k++] = s[i];
            }
            rc = sla_ics_parse(&other, crlf, k, floating, NULL, NULL);
            if (rc != SLA_ENOMEM) {
                FI_CHECK(&in, rc == 0);
                fi_same(&in, ics, other);
            }
            sla_ics_free(other);
            other = NULL;
            free(crlf);
        }
    }

    /* Without a floating zone: refused, or the same. */
    rc = sla_ics_parse(&other, s, size, NULL, NULL, &err);
    if (rc == 0)
        fi_same(&in, ics, other);
    else if (rc != SLA_ENOMEM)
        fi_error_check(&in, rc, &err);
    sla_ics_free(other);
out:
    sla_ics_free(ics);
    sla_zone_unref(floating);
    return 0;
}
