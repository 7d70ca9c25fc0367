/* SPDX-License-Identifier: MIT */
/* Fuzz target: backup catalogs from CSV.
 *
 * A failure must be SLA_EPARSE with a record whose line and column are
 * where its offset is (as for every reader), and the same code without a
 * record. A success must give a resolved catalog whose bases come before
 * their backups, whose restorable backups have restorable bases, whose
 * chains end at what they restore, and whose RPO and a plan over every
 * rule compute without error, keeping every base of what they keep. */
#include "fuzz.h"

#define FC_CHECK(cond) FUZZ_CHECK(cond, data, size)

static void plan(const struct sla_catalog *c, const uint8_t *data,
                 size_t size)
{
    struct sla_zone *z = NULL;
    struct sla_retention *r = NULL;
    struct sla_plan *p = NULL;
    struct sla_keep_rule k;
    size_t i, n = sla_catalog_count(c);
    int rc;
    if (sla_zone_open(&z, "UTC", NULL, NULL) || sla_retention_new(&r, z))
        goto out;
    memset(&k, 0, sizeof k);
    for (k.type = SLA_KEEP_GENERATIONS; k.type <= SLA_KEEP_TAG; k.type++) {
        k.count = k.type == SLA_KEEP_DAILY ? -1 : 2;
        k.months = k.type == SLA_KEEP_AGE || k.type >= SLA_KEEP_WITHIN;
        k.days = k.type >= SLA_KEEP_WITHIN;
        k.text = k.type == SLA_KEEP_TAG ? "a" : NULL;
        k.per_location = k.type == SLA_KEEP_WEEKLY;
        FC_CHECK(sla_retention_add(r, &k) == 0);
    }
    rc = sla_retention_plan(&p, r, c, INT64_C(1767225600000), NULL);
    FC_CHECK(rc == 0 || rc == SLA_ENOMEM || rc == SLA_EOVERFLOW);
    for (i = 0; p && i < n; i++) {
        size_t b;
        FC_CHECK(sla_plan_reason_count(p, i) >= 1);
        if (sla_plan_keep(p, i) == 1 && sla_catalog_base(c, i, &b) == 0)
            FC_CHECK(sla_plan_keep(p, b) == 1);
    }
out:
    sla_plan_free(p);
    sla_retention_free(r);
    sla_zone_unref(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_catalog *c = NULL, *c2 = NULL;
    struct sla_error err;
    struct sla_rpo rpo;
    size_t n, i, chain[64], len;
    int rc;
    fuzz_error_poison(&err);
    rc = sla_catalog_parse_csv(&c, s, size, &err);
    if (rc == SLA_ENOMEM)
        return 0;
    FC_CHECK(sla_catalog_parse_csv(&c2, s, size, NULL) == rc);
    sla_catalog_free(c2);
    if (rc) {
        FC_CHECK(rc == SLA_EPARSE && err.code == rc);
        fuzz_error_place_check(&err, data, size);
        return 0;
    }
    n = sla_catalog_count(c);
    for (i = 0; i < n; i++) {
        struct sla_backup x, y;
        size_t b;
        FC_CHECK(sla_catalog_get(c, i, &x) == 0);
        FC_CHECK(x.completed >= x.captured);
        FC_CHECK(sla_catalog_id(c, i) && sla_catalog_id(c, i)[0]);
        rc = sla_catalog_base(c, i, &b);
        FC_CHECK(rc == 0 || rc == SLA_ENOTFOUND);
        if (rc == 0) {
            FC_CHECK(b != i && b < n);
            FC_CHECK(sla_catalog_get(c, b, &y) == 0);
            FC_CHECK(y.completed <= x.captured);
            if (sla_catalog_restorable(c, i) == 1)
                FC_CHECK(sla_catalog_restorable(c, b) == 1);
        }
        rc = sla_catalog_chain(chain, 64, &len, c, x.captured);
        FC_CHECK(rc == 0 || rc == SLA_ENOTFOUND || rc == SLA_ENOSPC);
        if (rc == 0) {
            FC_CHECK(len >= 1 && sla_catalog_get(c, chain[0], &y) == 0 &&
                     y.kind == SLA_BACKUP_FULL);
            FC_CHECK(sla_catalog_restorable(c, chain[len - 1]) == 1);
        }
    }
    rc = sla_catalog_rpo(&rpo, c, NULL, INT64_C(-62135596800000),
                         INT64_C(253402300800000), 3600000);
    FC_CHECK(rc == 0 || rc == SLA_ENOMEM || rc == SLA_EOVERFLOW);
    if (rc == 0)
        FC_CHECK(rpo.over_ms >= rpo.uncovered_ms && rpo.worst_ms >= 0);
    plan(c, data, size);
    sla_catalog_free(c);
    return 0;
}
