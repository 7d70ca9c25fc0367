/* SPDX-License-Identifier: MIT */
/* Fuzz target: outage records from CSV.
 *
 * A failure must be SLA_EPARSE with a record whose line and column are
 * where its offset is (line = 1 + the newlines before it, column = the
 * bytes since the last one, plus one, a leading byte-order mark not
 * counted), and the same code without a record. A success must give
 * records with start < end and a known kind, and the same records again
 * from a second parse. */
#include "fuzz.h"

#define FO_CHECK(cond) FUZZ_CHECK(cond, data, size)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_outage *o = NULL, *o2 = NULL;
    struct sla_error err;
    size_t n = 0, n2 = 0, i;
    int rc;
    fuzz_error_poison(&err);
    rc = sla_outages_parse_csv(&o, &n, s, size, &err);
    if (rc == SLA_ENOMEM)
        return 0;
    FO_CHECK(sla_outages_parse_csv(&o2, &n2, s, size, NULL) == rc);
    if (rc) {
        FO_CHECK(rc == SLA_EPARSE && err.code == rc);
        fuzz_error_place_check(&err, data, size);
        return 0;
    }
    FO_CHECK(n == n2);
    for (i = 0; i < n; i++) {
        FO_CHECK(o[i].start < o[i].end);
        FO_CHECK(o[i].kind >= SLA_OUTAGE_FULL && o[i].kind <= SLA_OUTAGE_DEGRADED);
        FO_CHECK(o[i].reserved == 0);
        FO_CHECK(!memcmp(&o[i], &o2[i], sizeof o[i]));
    }
    sla_outages_free(o);
    sla_outages_free(o2);
    return 0;
}
