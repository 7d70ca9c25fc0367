/* SPDX-License-Identifier: MIT */
/* Fuzz target: saved accumulators.
 *
 * A failure must be SLA_EPARSE or SLA_EUNSUPPORTED with its record (line
 * 1, column offset + 1, 0 <= offset <= size, a non-empty message) and the
 * same code without one. A success must be exactly SLA_ACCUM_SIZE bytes
 * that save back to the same bytes, give figures, and merge with a
 * neighbour into a span whose figures add up. */
#include "fuzz.h"

#define FA_CHECK(cond) FUZZ_CHECK(cond, data, size)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sla_accum a, b, m;
    struct sla_figures f;
    struct sla_error err;
    uint8_t out[SLA_ACCUM_SIZE];
    int rc;
    fuzz_error_poison(&err);
    rc = sla_accum_load(&a, data, size, &err);
    FA_CHECK(sla_accum_load(&b, data, size, NULL) == rc);
    if (rc) {
        FA_CHECK(rc == SLA_EPARSE || rc == SLA_EUNSUPPORTED);
        FA_CHECK(err.code == rc && err.line == 1);
        FA_CHECK(err.offset >= 0 && (uint64_t)err.offset <= (uint64_t)size);
        FA_CHECK((int64_t)err.column == err.offset + 1);
        FA_CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
        FA_CHECK(err.message[0] != '\0');
        return 0;
    }
    FA_CHECK(size == SLA_ACCUM_SIZE);
    FA_CHECK(sla_accum_save(out, sizeof out, &a) == SLA_ACCUM_SIZE);
    FA_CHECK(memcmp(out, data, SLA_ACCUM_SIZE) == 0);
    FA_CHECK(sla_accum_figures(&f, &a, NULL) == 0 ||
             a.planned_ms > INT64_MAX / SLA_PPM_ONE);
    /* An empty neighbour at its end merges into the same sums. */
    memset(&b, 0, sizeof b);
    b.from = b.to = a.to;
    b.target_ppm = a.target_ppm;
    FA_CHECK(sla_accum_merge(&m, &a, &b) == 0);
    FA_CHECK(memcmp(&m, &a, sizeof m) == 0);
    return 0;
}
