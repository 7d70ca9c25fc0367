/* SPDX-License-Identifier: MIT */
/* Fuzz target: POSIX TZ strings to sla_zone_from_posix.
 *
 *  - A refused string comes with a consistent error record; an accepted
 *    one is exercised by zone-check.h against the promises of sla/zone.h
 *    and against a reference that evaluates the rule directly.
 *  - The reference reads the grammar of sla/zone.h (with libsla's
 *    leniencies: one to three digits of hours, up to four of day numbers)
 *    and must accept exactly what libsla accepts.
 *  - The same string as the footer of a minimal TZif file (no transitions)
 *    gives the same answer: the same error, at the same place in the file,
 *    or the same periods. */
#include "zone-check.h"

/* A version 2 TZif file with one type (UTC, ""), no transitions, and the
 * string as its footer. */
static size_t make_tzif(uint8_t *buf, const uint8_t *tz, size_t len)
{
    size_t n = 0, k;
    for (k = 0; k < 2; k++) {
        memset(buf + n, 0, 44);
        memcpy(buf + n, "TZif2", 5);
        buf[n + 39] = 1; /* typecnt */
        buf[n + 43] = 1; /* charcnt */
        n += 44;
        memset(buf + n, 0, 7); /* utoff 0, isdst 0, abbrind 0; "" */
        n += 7;
    }
    buf[n++] = '\n';
    memcpy(buf + n, tz, len);
    n += len;
    buf[n++] = '\n';
    return n;
}

#define TZIF_PREFIX (2 * (44 + 7) + 1)

static void check_footer(const struct sla_zone *z, int rc,
                         const struct sla_error *err, const uint8_t *data,
                         size_t size, const int64_t *at, size_t nat)
{
    uint8_t *file;
    struct sla_zone *fz = NULL;
    struct sla_error ferr;
    size_t n, i;
    int frc;
    /* An empty footer is allowed: no rule. */
    if (size == 0 || memchr(data, '\n', size))
        return;
    file = malloc(size + TZIF_PREFIX + 1);
    FUZZ_CHECK(file != NULL, data, size);
    n = make_tzif(file, data, size);
    fuzz_error_poison(&ferr);
    frc = sla_zone_from_tzif(&fz, file, n, NULL, &ferr);
    free(file);
    FUZZ_CHECK(frc == rc, data, size);
    if (rc) {
        FUZZ_CHECK(ferr.offset == err->offset + TZIF_PREFIX, data, size);
        FUZZ_CHECK(strcmp(ferr.message, err->message) == 0, data, size);
        return;
    }
    for (i = 0; i < nat; i++) {
        struct sla_zone_period p, q;
        FUZZ_CHECK(sla_zone_period_at(&p, z, at[i]) == 0, data, size);
        FUZZ_CHECK(sla_zone_period_at(&q, fz, at[i]) == 0, data, size);
        FUZZ_CHECK(zc_same_period(&p, &q), data, size);
    }
    sla_zone_unref(fz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t empty[1];
    static const int64_t at[] = {INT64_MIN,
                                 INT64_C(-12622780800000),
                                 0,
                                 INT64_C(1741503600000),
                                 INT64_C(1762059600000),
                                 INT64_C(12622780800000) - 1,
                                 INT64_MAX};
    const char *s;
    struct sla_zone *z = NULL;
    struct sla_error err;
    struct ref_rule rule;
    struct zc zc;
    int64_t extra[8];
    size_t nextra;
    int rc, ref_ok;

    if (!data)
        data = empty;
    s = (const char *)data;
    ref_ok = ref_parse_posix(&rule, s, size) == 0;
    fuzz_error_poison(&err);
    rc = sla_zone_from_posix(&z, s, size, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE, data, size);
        fuzz_error_check(&err, data, size);
        zc_error_check(&err, rc, data, size);
        FUZZ_CHECK(!ref_ok, data, size); /* refused a valid string */
        FUZZ_CHECK(sla_zone_from_posix(&z, s, size, NULL) == rc, data, size);
        check_footer(NULL, rc, &err, data, size, NULL, 0);
        return 0;
    }
    FUZZ_CHECK(ref_ok, data, size); /* accepted an invalid string */
    FUZZ_CHECK(z != NULL, data, size);
    {
        size_t n = size < 255 ? size : 255;
        const char *name = sla_zone_name(z);
        FUZZ_CHECK(strlen(name) == n && memcmp(name, s, n) == 0, data, size);
    }
    check_footer(z, 0, &err, data, size, at, sizeof at / sizeof at[0]);

    memset(&zc, 0, sizeof zc);
    zc.z = z;
    zc.data = data;
    zc.size = size;
    zc.ref = 1;
    zc.has_rule = 1;
    zc.rule = rule;
    zc.from = INT64_MIN;
    nextra = zc_instants_from(data, size, extra, 8);
    zc_zone(&zc, extra, nextra);

    sla_zone_unref(z);
    return 0;
}
