/* SPDX-License-Identifier: MIT */
/* Fuzz target: the service-definition file.
 *
 * Inputs naming an ics file are skipped: they would make the target read
 * files of the machine. A failure must come with a record of the same
 * code (SLA_EPARSE, or SLA_ENOTFOUND/SLA_EIO for an unknown zone), a
 * NUL-terminated non-empty message, line and column from 1, and, when the
 * offset is not 0 (errors about a whole section point at its header),
 * the line and column where the offset is. The same code comes without a
 * record. A success must compute a month with a full and a degraded
 * outage without error (or refuse the degraded one, SLA_EINVAL, when the
 * file gives it no weight), with planned time within the month. */
#include "fuzz.h"

#define FS_CHECK(cond) FUZZ_CHECK(cond, data, size)

static int names_ics(const uint8_t *data, size_t size)
{
    size_t i;
    for (i = 0; i + 3 <= size; i++)
        if ((data[i] | 32) == 'i' && (data[i + 1] | 32) == 'c' &&
            (data[i + 2] | 32) == 's')
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_service *svc = NULL, *svc2 = NULL;
    struct sla_error err;
    struct sla_figures f;
    struct sla_outage o[2];
    int rc;
    if (names_ics(data, size))
        return 0;
    fuzz_error_poison(&err);
    rc = sla_service_parse(&svc, s, size, "/nonexistent", NULL, &err);
    if (rc == SLA_ENOMEM)
        return 0;
    FS_CHECK(sla_service_parse(&svc2, s, size, "/nonexistent", NULL, NULL) ==
             rc);
    sla_service_free(svc2);
    if (rc) {
        FS_CHECK(rc == SLA_EPARSE || rc == SLA_ENOTFOUND || rc == SLA_EIO);
        FS_CHECK(err.code == rc);
        FS_CHECK(err.line >= 1 && err.column >= 1);
        if (err.offset > 0)
            fuzz_error_place_check(&err, data, size);
        FS_CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
        FS_CHECK(err.message[0] != '\0');
        return 0;
    }
    memset(o, 0, sizeof o);
    o[0].start = INT64_C(1735700000000);
    o[0].end = o[0].start + 3600000;
    o[1].start = o[0].start + 1800000;
    o[1].end = o[1].start + 7200000;
    o[1].kind = SLA_OUTAGE_DEGRADED;
    rc = sla_service_compute(&f, svc, o, 1, NULL, INT64_C(1735689600000),
                             INT64_C(1738368000000), INT64_MAX);
    FS_CHECK(rc == 0 || rc == SLA_ENOMEM);
    if (rc == 0) {
        FS_CHECK(f.planned_ms >= 0 && f.planned_ms <= f.span_ms);
        FS_CHECK(f.downtime_ms <= f.planned_ms);
        FS_CHECK(f.outside_ms + f.maintenance_ms + f.excluded_ms +
                     f.nodata_ms + f.planned_ms >= f.span_ms);
    }
    rc = sla_service_compute(&f, svc, o, 2, NULL, INT64_C(1735689600000),
                             INT64_C(1738368000000), INT64_MAX);
    FS_CHECK(rc == 0 || rc == SLA_EINVAL || rc == SLA_ENOMEM);
    sla_service_free(svc);
    return 0;
}
