/* SPDX-License-Identifier: MIT */
/* Backups: bases, restore chains, the achieved RPO and retention plans,
 * by hand and against brute-force models. (restic's own rules are checked
 * against the real binary in tests/restic-oracle.py.) */
#include <stdio.h>

#include "testlib.h"

static int64_t at(const char *text)
{
    int64_t t;
    ck_assert_int_eq(sla_rfc3339_parse(&t, NULL, text, strlen(text), NULL), 0);
    return t;
}

static void add(struct sla_catalog *c, const char *id, int32_t kind,
                int32_t status, const char *captured, const char *completed,
                int32_t location, const char *base)
{
    struct sla_backup b;
    memset(&b, 0, sizeof b);
    b.captured = at(captured);
    b.completed = at(completed);
    b.size = -1;
    b.kind = kind;
    b.status = status;
    b.location = location;
    b.encrypted = 1;
    ck_assert_int_eq(sla_catalog_add(c, &b, id, "disk", NULL, base), 0);
}

static size_t idx(const struct sla_catalog *c, const char *id)
{
    size_t i;
    ck_assert_int_eq(sla_catalog_find(c, id, &i), 0);
    return i;
}

START_TEST(bases_and_chains)
{
    struct sla_catalog *c;
    struct sla_error err;
    size_t chain[8], n, b;
    ck_assert_int_eq(sla_catalog_new(&c), 0);
    add(c, "F1", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2025-01-01T01:00:00Z",
        "2025-01-01T02:00:00Z", 0, NULL);
    add(c, "D2", SLA_BACKUP_DIFFERENTIAL, SLA_BACKUP_OK,
        "2025-01-02T01:00:00Z", "2025-01-02T01:10:00Z", 0, NULL);
    add(c, "I3", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
        "2025-01-03T01:00:00Z", "2025-01-03T01:05:00Z", 0, NULL);
    add(c, "I4", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
        "2025-01-04T01:00:00Z", "2025-01-04T01:05:00Z", 0, NULL);
    add(c, "D5", SLA_BACKUP_DIFFERENTIAL, SLA_BACKUP_OK,
        "2025-01-05T01:00:00Z", "2025-01-05T01:20:00Z", 0, NULL);
    add(c, "D6", SLA_BACKUP_DIFFERENTIAL, SLA_BACKUP_FAILED,
        "2025-01-06T01:00:00Z", "2025-01-06T01:20:00Z", 0, NULL);
    add(c, "I7", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
        "2025-01-07T01:00:00Z", "2025-01-07T01:05:00Z", 0, NULL);
    /* added, so not resolved: queries refuse */
    ck_assert_int_eq(sla_catalog_base(c, 1, &b), SLA_EINVAL);
    ck_assert_int_eq(sla_catalog_resolve(c, &err), 0);
    ck_assert_int_eq(sla_catalog_base(c, idx(c, "F1"), &b), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_catalog_base(c, idx(c, "D2"), &b), 0);
    ck_assert_uint_eq(b, idx(c, "F1"));
    ck_assert_int_eq(sla_catalog_base(c, idx(c, "I3"), &b), 0);
    ck_assert_uint_eq(b, idx(c, "D2"));
    /* a differential builds on the full, not on the incrementals */
    ck_assert_int_eq(sla_catalog_base(c, idx(c, "D5"), &b), 0);
    ck_assert_uint_eq(b, idx(c, "F1"));
    /* failed backups are never a base */
    ck_assert_int_eq(sla_catalog_base(c, idx(c, "I7"), &b), 0);
    ck_assert_uint_eq(b, idx(c, "D5"));
    ck_assert_int_eq(sla_catalog_restorable(c, idx(c, "D6")), 0);
    ck_assert_int_eq(sla_catalog_restorable(c, idx(c, "I4")), 1);

    ck_assert_int_eq(sla_catalog_chain(chain, 8, &n, c,
                                       at("2025-01-04T12:00:00Z")), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_uint_eq(chain[0], idx(c, "F1"));
    ck_assert_uint_eq(chain[1], idx(c, "D2"));
    ck_assert_uint_eq(chain[2], idx(c, "I3"));
    ck_assert_uint_eq(chain[3], idx(c, "I4"));
    /* the failed night restores the night before */
    ck_assert_int_eq(sla_catalog_chain(chain, 8, &n, c,
                                       at("2025-01-06T12:00:00Z")), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(chain[1], idx(c, "D5"));
    ck_assert_int_eq(sla_catalog_chain(chain, 8, &n, c,
                                       at("2025-01-07T01:00:00Z")), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(chain[2], idx(c, "I7"));
    ck_assert_int_eq(sla_catalog_chain(chain, 2, &n, c,
                                       at("2025-01-07T01:00:00Z")),
                     SLA_ENOSPC);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(chain[0], idx(c, "F1"));
    ck_assert_int_eq(sla_catalog_chain(chain, 8, &n, c,
                                       at("2025-01-01T00:59:59Z")),
                     SLA_ENOTFOUND);

    /* a named base that does not exist, or that completed too late */
    ck_assert_int_eq(sla_catalog_add(c, &(struct sla_backup){0}, "X", NULL,
                                     NULL, "F1"),
                     SLA_EINVAL); /* a full names no base */
    add(c, "D8", SLA_BACKUP_DIFFERENTIAL, SLA_BACKUP_OK,
        "2025-01-08T01:00:00Z", "2025-01-08T01:20:00Z", 0, "nope");
    ck_assert_int_eq(sla_catalog_resolve(c, &err), SLA_EINVAL);
    ck_assert_int_eq(err.offset, (int64_t)idx(c, "D8"));
    ck_assert_ptr_nonnull(strstr(err.message, "not in the catalog"));
    sla_catalog_free(c);

    ck_assert_int_eq(sla_catalog_new(&c), 0);
    add(c, "F1", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2025-01-01T01:00:00Z",
        "2025-01-01T02:00:00Z", 0, NULL);
    add(c, "I2", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
        "2025-01-01T01:30:00Z", "2025-01-01T01:40:00Z", 0, "F1");
    ck_assert_int_eq(sla_catalog_resolve(c, &err), SLA_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "after it was captured"));
    /* zero-length backups at one instant: a named base listed after its
     * backup is possible (it completed by then), a loop is not */
    {
        struct sla_catalog *z;
        size_t bb;
        ck_assert_int_eq(sla_catalog_new(&z), 0);
        add(z, "I", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
            "2025-01-01T01:00:00Z", "2025-01-01T01:00:00Z", 0, "F");
        add(z, "F", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2025-01-01T01:00:00Z",
            "2025-01-01T01:00:00Z", 0, NULL);
        ck_assert_int_eq(sla_catalog_resolve(z, &err), 0);
        ck_assert_int_eq(sla_catalog_base(z, 0, &bb), 0);
        ck_assert_uint_eq(bb, 1);
        ck_assert_int_eq(sla_catalog_restorable(z, 0), 1);
        add(z, "J", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
            "2025-01-01T01:00:00Z", "2025-01-01T01:00:00Z", 0, "K");
        add(z, "K", SLA_BACKUP_INCREMENTAL, SLA_BACKUP_OK,
            "2025-01-01T01:00:00Z", "2025-01-01T01:00:00Z", 0, "J");
        ck_assert_int_eq(sla_catalog_resolve(z, &err), SLA_EINVAL);
        ck_assert_ptr_nonnull(strstr(err.message, "loop"));
        sla_catalog_free(z);
    }
    /* the same id twice */
    ck_assert_int_eq(sla_catalog_add(c, &(struct sla_backup){0}, "F1", NULL,
                                     NULL, NULL),
                     SLA_EINVAL);
    sla_catalog_free(c);
}
END_TEST

/* The RPO case: OK 03-01 01:00-02:00, failed 03-02, OK 03-03
 * 01:00-02:30, OK 03-04 01:00-02:00, over 03-01 02:00 to 03-04 12:00. */
START_TEST(achieved_rpo)
{
    struct sla_catalog *c;
    struct sla_rpo r;
    ck_assert_int_eq(sla_catalog_new(&c), 0);
    add(c, "B1", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-01T01:00:00Z",
        "2024-03-01T02:00:00Z", 0, NULL);
    add(c, "B2", SLA_BACKUP_FULL, SLA_BACKUP_FAILED, "2024-03-02T01:00:00Z",
        "2024-03-02T01:40:00Z", 0, NULL);
    add(c, "B3", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-03T01:00:00Z",
        "2024-03-03T02:30:00Z", 0, NULL);
    add(c, "B4", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-04T01:00:00Z",
        "2024-03-04T02:00:00Z", 0, NULL);
    ck_assert_int_eq(sla_catalog_resolve(c, NULL), 0);
    ck_assert_int_eq(sla_catalog_rpo(&r, c, NULL, at("2024-03-01T02:00:00Z"),
                                     at("2024-03-04T12:00:00Z"),
                                     24 * SLA_MS_PER_HOUR),
                     0);
    ck_assert_int_eq(r.worst_ms, 49 * SLA_MS_PER_HOUR + 30 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(r.worst_at, at("2024-03-03T02:30:00Z"));
    ck_assert_int_eq(r.largest_gap_ms, 48 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(r.gap_from, at("2024-03-01T01:00:00Z"));
    ck_assert_int_eq(r.gap_to, at("2024-03-03T01:00:00Z"));
    /* above 24 h from 03-02 01:00 to 03-03 02:30, and 03-04 01:00-02:00 */
    ck_assert_int_eq(r.over_ms, 26 * SLA_MS_PER_HOUR + 30 * SLA_MS_PER_MINUTE);
    ck_assert_int_eq(r.uncovered_ms, 0);
    ck_assert_int_eq(r.restore_points, 3);
    /* before the first backup completes there is nothing to restore */
    ck_assert_int_eq(sla_catalog_rpo(&r, c, NULL, at("2024-03-01T00:00:00Z"),
                                     at("2024-03-01T03:00:00Z"),
                                     SLA_MS_PER_HOUR),
                     0);
    ck_assert_int_eq(r.uncovered_ms, 2 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(r.worst_ms, 2 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(r.over_ms, 3 * SLA_MS_PER_HOUR);
    ck_assert_int_eq(sla_catalog_rpo(&r, c, NULL, 2, 1, 0), SLA_EINVAL);
    /* a span whose length does not fit in int64 */
    ck_assert_int_eq(sla_catalog_rpo(&r, c, NULL, INT64_MIN, INT64_MAX, 0),
                     SLA_EOVERFLOW);
    sla_catalog_free(c);
    /* no restore point at all: all of it uncovered, no gap */
    ck_assert_int_eq(sla_catalog_new(&c), 0);
    ck_assert_int_eq(sla_catalog_rpo(&r, c, NULL, 0, 1000, 0), 0);
    ck_assert_int_eq(r.uncovered_ms, 1000);
    ck_assert_int_eq(r.over_ms, 1000);
    ck_assert_int_eq(r.gap_from, INT64_MIN);
    sla_catalog_free(c);
}
END_TEST

/* A year of the check sheet: fulls on the 1st, differentials every
 * other night, evaluated on 2024-07-05 12:00 with 7 generations and the
 * fulls kept 6 months. */
static struct sla_catalog *daily_catalog(int last_month, int last_day)
{
    struct sla_catalog *c;
    int m, d;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31};
    ck_assert_int_eq(sla_catalog_new(&c), 0);
    for (m = 1; m <= last_month; m++)
        for (d = 1; d <= days[m - 1]; d++) {
            char id[16], a[48], b[48];
            if (m == last_month && d > last_day)
                break;
            snprintf(id, sizeof id, "%c-%02d%02d", d == 1 ? 'F' : 'D', m, d);
            snprintf(a, sizeof a, "2024-%02d-%02dT01:00:00+09:00", m, d);
            snprintf(b, sizeof b, "2024-%02d-%02dT0%d:00:00+09:00", m, d,
                     d == 1 ? 4 : 2);
            add(c, id, d == 1 ? SLA_BACKUP_FULL : SLA_BACKUP_DIFFERENTIAL,
                SLA_BACKUP_OK, a, b,
                d == 1 ? SLA_BACKUP_OFFSITE : SLA_BACKUP_ONSITE, NULL);
        }
    ck_assert_int_eq(sla_catalog_resolve(c, NULL), 0);
    return c;
}

static struct sla_retention *sheet_policy(struct sla_zone *z)
{
    struct sla_retention *r;
    struct sla_keep_rule k;
    ck_assert_int_eq(sla_retention_new(&r, z), 0);
    memset(&k, 0, sizeof k);
    k.type = SLA_KEEP_GENERATIONS;
    k.count = 7;
    ck_assert_int_eq(sla_retention_add(r, &k), 0);
    memset(&k, 0, sizeof k);
    k.type = SLA_KEEP_AGE;
    k.months = 6;
    k.scope.kinds = 1u << SLA_BACKUP_FULL;
    ck_assert_int_eq(sla_retention_add(r, &k), 0);
    return r;
}

static int has_reason(const struct sla_plan *p, size_t i, const char *text)
{
    size_t k, n = sla_plan_reason_count(p, i);
    struct sla_plan_reason why;
    for (k = 0; k < n; k++) {
        ck_assert_int_eq(sla_plan_reason(p, i, k, &why), 0);
        if (!strcmp(why.text, text))
            return 1;
    }
    return 0;
}

START_TEST(retention_sheet)
{
    struct sla_zone *tokyo;
    struct sla_catalog *c;
    struct sla_retention *r;
    struct sla_plan *p;
    struct sla_plan_reason why;
    size_t i, kept = 0, fulls = 0;
    ck_assert_int_eq(sla_zone_open(&tokyo, "Asia/Tokyo", NULL, NULL), 0);
    c = daily_catalog(7, 5);
    r = sheet_policy(tokyo);
    ck_assert_int_eq(sla_retention_plan(&p, r, c,
                                        at("2024-07-05T12:00:00+09:00"),
                                        NULL),
                     0);
    for (i = 0; i < sla_catalog_count(c); i++) {
        if (sla_plan_keep(p, i) != 1)
            continue;
        kept++;
        fulls += sla_catalog_id(c, i)[0] == 'F';
    }
    ck_assert_uint_eq(kept, 12);
    ck_assert_uint_eq(fulls, 6);
    ck_assert_int_eq(sla_plan_keep(p, idx(c, "F-0101")), 0);
    ck_assert_int_eq(sla_plan_reason(p, idx(c, "F-0101"), 0, &why), 0);
    ck_assert_int_eq(why.why, SLA_REASON_NO_RULE);
    ck_assert_int_eq(sla_plan_keep(p, idx(c, "F-0201")), 1);
    ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0629")), 1);
    ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0628")), 0);
    /* the July full: a generation, within the age, and base of four */
    i = idx(c, "F-0701");
    ck_assert_uint_eq(sla_plan_reason_count(p, i), 6);
    ck_assert_int_eq(sla_plan_reason(p, i, 0, &why), 0);
    ck_assert_str_eq(why.text, "one of the 7 newest restore points");
    ck_assert_int_eq(why.rule, 0);
    ck_assert_int_eq(sla_plan_reason(p, i, 1, &why), 0);
    ck_assert_str_eq(why.text, "captured within 6 months of now");
    ck_assert_int_eq(sla_plan_reason(p, i, 2, &why), 0);
    ck_assert_int_eq(why.why, SLA_REASON_BASE_OF);
    ck_assert_uint_eq(why.other, idx(c, "D-0702"));
    ck_assert_str_eq(why.text, "base of D-0702");
    ck_assert(has_reason(p, idx(c, "F-0601"), "base of D-0629"));
    ck_assert_int_eq(sla_plan_reason(p, i, 6, &why), SLA_EINVAL);
    sla_plan_free(p);
    sla_catalog_free(c);

    /* Two full cycles: the June and July fulls and what is built on them
     * (30 + 5 backups); generations count restore points instead. */
    {
        struct sla_retention *cy;
        struct sla_keep_rule k;
        memset(&k, 0, sizeof k);
        k.type = SLA_KEEP_CYCLES;
        k.count = 2;
        ck_assert_int_eq(sla_retention_new(&cy, tokyo), 0);
        ck_assert_int_eq(sla_retention_add(cy, &k), 0);
        c = daily_catalog(7, 5);
        ck_assert_int_eq(sla_retention_plan(&p, cy, c,
                                            at("2024-07-05T12:00:00+09:00"),
                                            NULL),
                         0);
        for (i = 0, kept = 0; i < sla_catalog_count(c); i++)
            kept += sla_plan_keep(p, i) == 1;
        ck_assert_uint_eq(kept, 35);
        ck_assert_int_eq(sla_plan_keep(p, idx(c, "F-0601")), 1);
        ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0630")), 1);
        ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0531")), 0);
        ck_assert_int_eq(sla_plan_reason(p, idx(c, "D-0602"), 0, &why), 0);
        ck_assert_str_eq(why.text, "in one of the 2 newest full cycles");
        sla_plan_free(p);
        sla_catalog_free(c);
        sla_retention_free(cy);
    }

    /* On-site and off-site apart: the newest restore point of each place
     * (the July full is the newest off-site, D-0705 on-site). */
    {
        struct sla_retention *pl;
        struct sla_keep_rule k;
        memset(&k, 0, sizeof k);
        k.type = SLA_KEEP_GENERATIONS;
        k.count = 1;
        k.per_location = 1;
        ck_assert_int_eq(sla_retention_new(&pl, tokyo), 0);
        ck_assert_int_eq(sla_retention_add(pl, &k), 0);
        c = daily_catalog(7, 5);
        ck_assert_int_eq(sla_retention_plan(&p, pl, c,
                                            at("2024-07-05T12:00:00+09:00"),
                                            NULL),
                         0);
        for (i = 0, kept = 0; i < sla_catalog_count(c); i++)
            kept += sla_plan_keep(p, i) == 1;
        ck_assert_uint_eq(kept, 2);
        ck_assert_int_eq(sla_plan_keep(p, idx(c, "F-0701")), 1);
        ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0705")), 1);
        sla_plan_free(p);
        sla_catalog_free(c);
        k.per_location = 0;
        k.scope.locations = 1u << SLA_BACKUP_OFFSITE;
        ck_assert_int_eq(sla_retention_add(pl, &k), 0);
        sla_retention_free(pl);
    }

    /* Backups stopped on 20 January: the January full is past 6 months,
     * but the 7 newest differentials need it. */
    c = daily_catalog(1, 20);
    ck_assert_int_eq(sla_retention_plan(&p, r, c,
                                        at("2024-07-05T12:00:00+09:00"),
                                        NULL),
                     0);
    i = idx(c, "F-0101");
    ck_assert_int_eq(sla_plan_keep(p, i), 1);
    ck_assert_uint_eq(sla_plan_reason_count(p, i), 7);
    ck_assert_int_eq(sla_plan_reason(p, i, 0, &why), 0);
    ck_assert_str_eq(why.text, "base of D-0114");
    ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0113")), 0);
    ck_assert_int_eq(sla_plan_keep(p, idx(c, "D-0114")), 1);
    sla_plan_free(p);
    sla_catalog_free(c);
    sla_retention_free(r);
    sla_zone_unref(tokyo);
}
END_TEST

static struct sla_retention *one_rule(struct sla_zone *z, int32_t type,
                                      int32_t count, int32_t version)
{
    struct sla_retention *r;
    struct sla_keep_rule k;
    ck_assert_int_eq(sla_retention_new(&r, z), 0);
    ck_assert_int_eq(sla_retention_set_restic(r, version), 0);
    memset(&k, 0, sizeof k);
    k.type = type;
    k.count = count;
    if (type == SLA_KEEP_WITHIN)
        k.months = count;
    ck_assert_int_eq(sla_retention_add(r, &k), 0);
    return r;
}

START_TEST(restic_versions)
{
    struct sla_zone *utc;
    struct sla_catalog *c;
    struct sla_retention *r;
    struct sla_plan *p;
    struct sla_plan_reason why;
    int64_t now = at("2025-01-01T00:00:00Z");
    ck_assert_int_eq(sla_zone_open(&utc, "UTC", NULL, NULL), 0);
    ck_assert_int_eq(sla_catalog_new(&c), 0);
    /* three on one day: --keep-daily 10 keeps the newest; restic 0.17
     * also the oldest, as the rule still has budget */
    add(c, "a", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-31T01:00:00Z",
        "2024-03-31T01:00:00Z", 0, NULL);
    add(c, "b", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-31T02:00:00Z",
        "2024-03-31T02:00:00Z", 0, NULL);
    add(c, "c", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-31T03:00:00Z",
        "2024-03-31T03:00:00Z", 0, NULL);
    ck_assert_int_eq(sla_catalog_resolve(c, NULL), 0);
    r = one_rule(utc, SLA_KEEP_DAILY, 10, SLA_RESTIC_0_14);
    ck_assert_int_eq(sla_retention_plan(&p, r, c, now, NULL), 0);
    ck_assert_int_eq(sla_plan_keep(p, 0), 0);
    ck_assert_int_eq(sla_plan_keep(p, 1), 0);
    ck_assert_int_eq(sla_plan_keep(p, 2), 1);
    ck_assert_int_eq(sla_plan_reason(p, 2, 0, &why), 0);
    ck_assert_str_eq(why.text, "daily snapshot");
    ck_assert_int_eq(sla_plan_reason(p, 1, 0, &why), 0);
    ck_assert_int_eq(why.why, SLA_REASON_NO_RULE);
    sla_plan_free(p);
    sla_retention_free(r);
    r = one_rule(utc, SLA_KEEP_DAILY, 10, SLA_RESTIC_0_17);
    ck_assert_int_eq(sla_retention_plan(&p, r, c, now, NULL), 0);
    ck_assert_int_eq(sla_plan_keep(p, 0), 1);
    ck_assert_int_eq(sla_plan_keep(p, 1), 0);
    ck_assert_int_eq(sla_plan_keep(p, 2), 1);
    /* kept as the oldest only: current restic says so */
    ck_assert_int_eq(sla_plan_reason(p, 0, 0, &why), 0);
    ck_assert_str_eq(why.text, "oldest daily snapshot");
    ck_assert_int_eq(sla_plan_reason(p, 2, 0, &why), 0);
    ck_assert_str_eq(why.text, "daily snapshot");
    sla_plan_free(p);
    sla_retention_free(r);
    /* --keep-last 1: the budget is gone before the oldest, in both */
    r = one_rule(utc, SLA_KEEP_LAST, 1, SLA_RESTIC_0_17);
    ck_assert_int_eq(sla_retention_plan(&p, r, c, now, NULL), 0);
    ck_assert_int_eq(sla_plan_keep(p, 2), 1);
    ck_assert_int_eq(sla_plan_keep(p, 0), 0);
    sla_plan_free(p);
    sla_retention_free(r);
    /* --keep-within 1m from 31 March 03:00: Go's AddDate gives 31
     * February, which is 2 March 03:00 (not 29 February, as clamping
     * would); 2 March 01:00 is not after it, 2 March 04:00 is. */
    add(c, "d", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-02T01:00:00Z",
        "2024-03-02T01:00:00Z", 0, NULL);
    add(c, "e", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2024-03-02T04:00:00Z",
        "2024-03-02T04:00:00Z", 0, NULL);
    ck_assert_int_eq(sla_catalog_resolve(c, NULL), 0);
    r = one_rule(utc, SLA_KEEP_WITHIN, 1, SLA_RESTIC_0_17);
    ck_assert_int_eq(sla_retention_plan(&p, r, c, now, NULL), 0);
    ck_assert_int_eq(sla_plan_keep(p, 3), 0);
    ck_assert_int_eq(sla_plan_keep(p, 4), 1);
    ck_assert_int_eq(sla_plan_reason(p, 4, 0, &why), 0);
    ck_assert_str_eq(why.text, "within 1m");
    sla_plan_free(p);
    /* ... measured from the newest backup before now, not from now */
    ck_assert_int_eq(sla_retention_plan(&p, r, c,
                                        at("2024-03-31T02:30:00Z"), NULL),
                     0);
    ck_assert_int_eq(sla_plan_keep(p, 3), 0);
    ck_assert_int_eq(sla_plan_keep(p, 2), 1);
    ck_assert_int_eq(sla_plan_reason(p, 2, 0, &why), 0);
    ck_assert_int_eq(why.why, SLA_REASON_PENDING);
    sla_plan_free(p);
    sla_retention_free(r);
    /* counts of -1 are restic 0.17's */
    ck_assert_int_eq(sla_retention_new(&r, utc), 0);
    ck_assert_int_eq(sla_retention_set_restic(r, SLA_RESTIC_0_14), 0);
    {
        struct sla_keep_rule k;
        memset(&k, 0, sizeof k);
        k.type = SLA_KEEP_DAILY;
        k.count = -1;
        ck_assert_int_eq(sla_retention_add(r, &k), SLA_EINVAL);
        ck_assert_int_eq(sla_retention_set_restic(r, SLA_RESTIC_0_17), 0);
        ck_assert_int_eq(sla_retention_add(r, &k), 0);
        ck_assert_int_eq(sla_retention_set_restic(r, SLA_RESTIC_0_14),
                         SLA_EINVAL);
        k.type = SLA_KEEP_PIN;
        k.text = "zz";
        ck_assert_int_eq(sla_retention_add(r, &k), 0);
        ck_assert_int_eq(sla_retention_plan(&p, r, c, 0, NULL), SLA_EINVAL);
        k.type = SLA_KEEP_WITHIN;
        k.text = NULL;
        ck_assert_int_eq(sla_retention_add(r, &k), SLA_EINVAL); /* zero */
    }
    sla_retention_free(r);
    sla_catalog_free(c);
    sla_zone_unref(utc);

    /* West of UTC, Go reads a skipped time backwards: --keep-within 1d
     * from 2025-03-10 02:30 EDT reaches 2025-03-09 02:30, which New York
     * skipped; time.Date makes it 01:30 EST, so 01:45 EST is within (as
     * restic 0.14 keeps it). */
    ck_assert_int_eq(sla_zone_open(&utc, "America/New_York", NULL, NULL), 0);
    ck_assert_int_eq(sla_catalog_new(&c), 0);
    add(c, "g1", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2025-03-09T01:45:00-05:00",
        "2025-03-09T01:45:00-05:00", 0, NULL);
    add(c, "g2", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2025-03-10T02:30:00-04:00",
        "2025-03-10T02:30:00-04:00", 0, NULL);
    add(c, "g0", SLA_BACKUP_FULL, SLA_BACKUP_OK, "2025-03-09T01:29:00-05:00",
        "2025-03-09T01:29:00-05:00", 0, NULL);
    ck_assert_int_eq(sla_catalog_resolve(c, NULL), 0);
    ck_assert_int_eq(sla_retention_new(&r, utc), 0);
    {
        struct sla_keep_rule k;
        memset(&k, 0, sizeof k);
        k.type = SLA_KEEP_WITHIN;
        k.days = 1;
        ck_assert_int_eq(sla_retention_add(r, &k), 0);
    }
    ck_assert_int_eq(sla_retention_plan(&p, r, c,
                                        at("2026-01-01T00:00:00Z"), NULL),
                     0);
    ck_assert_int_eq(sla_plan_keep(p, 0), 1);
    ck_assert_int_eq(sla_plan_keep(p, 2), 0);
    sla_plan_free(p);
    sla_retention_free(r);
    sla_catalog_free(c);
    sla_zone_unref(utc);
}
END_TEST

/* ---- brute force -------------------------------------------------------- */

struct mb {
    int64_t cap, done;
    int kind, ok;
};

/* The model's base: scan every backup. */
static int model_base(const struct mb *v, int n, int i)
{
    int j, best = -1;
    if (v[i].kind == SLA_BACKUP_FULL)
        return -1;
    for (j = 0; j < n; j++) {
        if (!v[j].ok || v[j].done >= v[i].cap)
            continue;
        if (v[i].kind == SLA_BACKUP_DIFFERENTIAL &&
            v[j].kind != SLA_BACKUP_FULL)
            continue;
        if (best < 0 || v[j].cap > v[best].cap ||
            (v[j].cap == v[best].cap &&
             (v[j].done > v[best].done ||
              (v[j].done == v[best].done && j > best))))
            best = j;
    }
    return best;
}

static int model_restores(const struct mb *v, int n, int i)
{
    int b;
    if (!v[i].ok)
        return 0;
    if (v[i].kind == SLA_BACKUP_FULL)
        return 1;
    b = model_base(v, n, i);
    return b >= 0 && model_restores(v, n, b);
}

START_TEST(model)
{
    uint64_t seed = 0xbac4u;
    int round;
    for (round = 0; round < 300; round++) {
        struct mb v[14];
        struct sla_catalog *c;
        struct sla_rpo r;
        int n = 1 + (int)sla_test_below(&seed, 14), i;
        int64_t from = (int64_t)sla_test_below(&seed, 100);
        int64_t to = from + (int64_t)sla_test_below(&seed, 400);
        int64_t target = (int64_t)sla_test_below(&seed, 80), t;
        int64_t worst = 0, over = 0, unc = 0, gap = 0;
        int have_gap = 0;
        ck_assert_int_eq(sla_catalog_new(&c), 0);
        for (i = 0; i < n; i++) {
            struct sla_backup b;
            char id[8];
            memset(&b, 0, sizeof b);
            v[i].cap = (int64_t)sla_test_below(&seed, 500);
            v[i].done = v[i].cap + (int64_t)sla_test_below(&seed, 40);
            v[i].kind = (int)sla_test_below(&seed, 3);
            v[i].ok = sla_test_below(&seed, 5) != 0;
            b.captured = v[i].cap;
            b.completed = v[i].done;
            b.kind = v[i].kind;
            b.status = v[i].ok ? SLA_BACKUP_OK : SLA_BACKUP_FAILED;
            b.size = -1;
            snprintf(id, sizeof id, "b%d", i);
            ck_assert_int_eq(sla_catalog_add(c, &b, id, NULL, NULL, NULL), 0);
        }
        ck_assert_int_eq(sla_catalog_resolve(c, NULL), 0);
        for (i = 0; i < n; i++) {
            size_t b;
            int mbase = model_base(v, n, i);
            int rc = sla_catalog_base(c, (size_t)i, &b);
            if (mbase < 0)
                ck_assert_int_eq(rc, SLA_ENOTFOUND);
            else
                ck_assert_msg(rc == 0 && b == (size_t)mbase,
                              "round %d: base of %d", round, i);
            ck_assert_int_eq(sla_catalog_restorable(c, (size_t)i),
                             model_restores(v, n, i));
        }
        /* loss(t) for every millisecond of the span */
        for (t = from; t < to; t++) {
            int64_t best = INT64_MIN;
            for (i = 0; i < n; i++)
                if (model_restores(v, n, i) && v[i].done <= t &&
                    v[i].cap > best)
                    best = v[i].cap;
            if (best == INT64_MIN) {
                unc++;
                over++;
                continue;
            }
            /* the loss just before t + 1 (it rises through the ms) */
            if (t + 1 - best > worst)
                worst = t + 1 - best;
            over += t + 1 - best > target;
        }
        /* gaps between consecutive restore points, the later in the span */
        for (i = 0; i < n; i++) {
            int j, prev = -1;
            if (!model_restores(v, n, i) || v[i].cap < from || v[i].cap >= to)
                continue;
            for (j = 0; j < n; j++)
                if (j != i && model_restores(v, n, j) &&
                    (v[j].cap < v[i].cap ||
                     (v[j].cap == v[i].cap &&
                      (v[j].done < v[i].done ||
                       (v[j].done == v[i].done && j < i)))) &&
                    (prev < 0 || v[j].cap > v[prev].cap ||
                     (v[j].cap == v[prev].cap &&
                      (v[j].done > v[prev].done ||
                       (v[j].done == v[prev].done && j > prev)))))
                    prev = j;
            if (prev >= 0 && (!have_gap || v[i].cap - v[prev].cap > gap)) {
                gap = v[i].cap - v[prev].cap;
                have_gap = 1;
            }
        }
        /* A plan of the k newest restore points complete at now, then
         * every base of what is kept; running ones kept as pending. */
        {
            struct sla_zone *utc;
            struct sla_retention *ret;
            struct sla_plan *p;
            struct sla_keep_rule kr;
            int64_t now = (int64_t)sla_test_below(&seed, 560);
            int k = 1 + (int)sla_test_below(&seed, 4), taken = 0, want[14];
            ck_assert_int_eq(sla_zone_open(&utc, "UTC", NULL, NULL), 0);
            ck_assert_int_eq(sla_retention_new(&ret, utc), 0);
            memset(&kr, 0, sizeof kr);
            kr.type = SLA_KEEP_GENERATIONS;
            kr.count = k;
            ck_assert_int_eq(sla_retention_add(ret, &kr), 0);
            ck_assert_int_eq(sla_retention_plan(&p, ret, c, now, NULL), 0);
            for (i = 0; i < n; i++)
                want[i] = v[i].done > now;
            /* newest first by capture, completion, then catalog order */
            while (taken < k) {
                int best = -1, j;
                for (j = 0; j < n; j++)
                    if (!want[j] && model_restores(v, n, j) &&
                        v[j].done <= now &&
                        (best < 0 || v[j].cap > v[best].cap ||
                         (v[j].cap == v[best].cap &&
                          (v[j].done > v[best].done ||
                           (v[j].done == v[best].done && j > best)))))
                        best = j;
                if (best < 0)
                    break;
                want[best] = 1;
                taken++;
            }
            for (i = 0; i < n; i++) { /* bases, down each chain */
                int j = i;
                while (want[j] && model_base(v, n, j) >= 0) {
                    j = model_base(v, n, j);
                    want[j] = 1;
                }
            }
            for (i = 0; i < n; i++)
                ck_assert_msg(sla_plan_keep(p, (size_t)i) == want[i],
                              "round %d: plan keeps %d: %d, model %d", round,
                              i, sla_plan_keep(p, (size_t)i), want[i]);
            ck_assert_int_eq(sla_plan_keep(p, (size_t)n), SLA_EINVAL);
            ck_assert_uint_eq(sla_plan_reason_count(p, (size_t)n), 0);
            sla_plan_free(p);
            sla_retention_free(ret);
            sla_zone_unref(utc);
        }
        ck_assert_int_eq(sla_catalog_in_scope(c, (size_t)n, NULL), SLA_EINVAL);
        ck_assert_int_eq(sla_catalog_get(c, (size_t)n, &(struct sla_backup){0}),
                         SLA_EINVAL);
        ck_assert_int_eq(sla_catalog_rpo(&r, c, NULL, from, to, target), 0);
        ck_assert_msg(r.uncovered_ms == unc && r.over_ms == over &&
                          r.worst_ms == worst && r.largest_gap_ms == gap,
                      "round %d: unc %lld/%lld over %lld/%lld worst "
                      "%lld/%lld gap %lld/%lld",
                      round, (long long)r.uncovered_ms, (long long)unc,
                      (long long)r.over_ms, (long long)over,
                      (long long)r.worst_ms, (long long)worst,
                      (long long)r.largest_gap_ms, (long long)gap);
        sla_catalog_free(c);
    }
}
END_TEST

START_TEST(catalog_csv)
{
    static const char text[] =
        "id,captured,completed,kind,status,location,encrypted,medium,size,"
        "tags,base\n"
        "F1,2025-01-01T01:00:00Z,2025-01-01T03:00:00Z,full,ok,off-site,yes,"
        "tape,1000,monthly;offsite,\n"
        "D2,2025-01-02T01:00:00Z,2025-01-02T01:30:00Z,differential,,,no,"
        "disk,,daily,F1\n"
        "D3,2025-01-03T01:00:00Z,2025-01-03T01:30:00Z,Differential,failed,"
        "on-site,,,,,\n";
    static const struct {
        const char *text;
        int line, column;
        const char *needle;
    } bad[] = {
        {"id,captured,completed\n", 1, 1, "id, captured, completed and kind"},
        {"id,captured,completed,kind\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T00:00:00Z,full\n",
         2, 24, "at or after captured"},
        {"id,captured,completed,kind\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,fill\n",
         2, 45, "full, differential"},
        {"id,captured,completed,kind\n,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,full\n",
         2, 1, "an id"},
        {"id,captured,completed,kind\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,full\nA,2025-01-02T01:00:00Z,"
         "2025-01-02T02:00:00Z,full\n",
         3, 1, "line 2"},
        {"id,captured,completed,kind,base\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,full,B\n",
         2, 50, "no base for a full"},
        {"id,captured,completed,kind,base\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,differential,Z\n",
         2, 58, "not in the catalog"},
        {"id,captured,completed,kind,size\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,full,12x\n",
         2, 52, "size in bytes"},
        {"id,captured,completed,kind,status\nA,2025-01-01T01:00:00Z,"
         "2025-01-01T02:00:00Z,full,done\n",
         2, 50, "ok, failed or partial"},
    };
    struct sla_catalog *c;
    struct sla_backup b;
    struct sla_error err;
    size_t i, base;
    ck_assert_int_eq(sla_catalog_parse_csv(&c, text, strlen(text), &err), 0);
    ck_assert_uint_eq(sla_catalog_count(c), 3);
    ck_assert_int_eq(sla_catalog_get(c, 0, &b), 0);
    ck_assert_int_eq(b.location, SLA_BACKUP_OFFSITE);
    ck_assert_int_eq(b.encrypted, 1);
    ck_assert_int_eq(b.size, 1000);
    ck_assert_str_eq(sla_catalog_medium(c, 0), "tape");
    ck_assert_str_eq(sla_catalog_tags(c, 0), "monthly,offsite");
    ck_assert_int_eq(sla_catalog_get(c, 1, &b), 0);
    ck_assert_int_eq(b.size, -1);
    ck_assert_int_eq(b.status, SLA_BACKUP_OK);
    ck_assert_int_eq(sla_catalog_base(c, 1, &base), 0);
    ck_assert_uint_eq(base, 0);
    ck_assert_int_eq(sla_catalog_get(c, 2, &b), 0);
    ck_assert_int_eq(b.kind, SLA_BACKUP_DIFFERENTIAL);
    ck_assert_int_eq(b.status, SLA_BACKUP_FAILED);
    ck_assert_int_eq(sla_catalog_restorable(c, 2), 0);
    sla_catalog_free(c);
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        c = (struct sla_catalog *)&c;
        ck_assert_int_eq(sla_catalog_parse_csv(&c, bad[i].text,
                                               strlen(bad[i].text), &err),
                         SLA_EPARSE);
        ck_assert_ptr_eq(c, (struct sla_catalog *)&c);
        ck_assert_msg(err.line == bad[i].line && err.column == bad[i].column &&
                          strstr(err.message, bad[i].needle) != NULL,
                      "case %zu: %d:%d '%s'", i, (int)err.line,
                      (int)err.column, err.message);
    }
}
END_TEST

START_TEST(scopes_and_promises)
{
    static const char text[] =
        "[service]\nzone = Asia/Tokyo\ntarget = 99.99%\n"
        "[backups]\ngenerations = 7\nretention = P6M:full,off-site\n"
        "every-day = any\nevery-month = full,off-site,tag=monthly\n"
        "encrypted = off-site\nrpo = PT26H:differential\n";
    static const struct {
        const char *text;
        int line, column;
        const char *needle;
    } bad[] = {
        {"[backups]\ngenerations = 0\n", 5, 15, "a count"},
        {"[backups]\nretention = P1M2D\n", 5, 13, "not both"},
        {"[backups]\nretention = P6M:fulls\n", 5, 17, "scope of full"},
        {"[backups]\nretention = P6M:\n", 5, 17, "a scope after"},
        {"[backups]\nevery-day =\n", 5, 12, "such as any"},
        {"[backups]\nevery-fortnight = any\n", 5, 1, "a key of [backups]"},
        {"[backups]\nrpo = P1M\n", 5, 7, "rpo:"},
        {"[backups]\nencrypted = off-site,each-location\n", 5, 22,
         "scope of full"},
        {"[backups]\n[backups]\n", 5, 1, "[backups] once"},
    };
    struct sla_service *s;
    struct sla_backup_check ck;
    struct sla_backup_scope sc;
    struct sla_error err;
    char tags[16];
    int32_t each;
    size_t i;
    ck_assert_int_eq(sla_service_parse(&s, text, strlen(text), NULL, NULL,
                                       &err),
                     0);
    ck_assert_uint_eq(sla_service_backup_check_count(s), 6);
    ck_assert_int_eq(sla_service_backup_check(s, 0, &ck), 0);
    ck_assert_int_eq(ck.type, SLA_BACKUP_CHECK_GENERATIONS);
    ck_assert_int_eq(ck.count, 7);
    ck_assert_uint_eq(ck.scope.kinds, 0);
    ck_assert_int_eq(sla_service_backup_check(s, 1, &ck), 0);
    ck_assert_int_eq(ck.type, SLA_BACKUP_CHECK_RETENTION);
    ck_assert_int_eq(ck.months, 6);
    ck_assert_uint_eq(ck.scope.kinds, 1u << SLA_BACKUP_FULL);
    ck_assert_uint_eq(ck.scope.locations, 1u << SLA_BACKUP_OFFSITE);
    ck_assert_int_eq(sla_service_backup_check(s, 3, &ck), 0);
    ck_assert_int_eq(ck.type, SLA_BACKUP_CHECK_CADENCE);
    ck_assert_int_eq(ck.unit, SLA_PERIOD_MONTH);
    ck_assert_str_eq(ck.scope.tags, "monthly");
    ck_assert_int_eq(sla_service_backup_check(s, 5, &ck), 0);
    ck_assert_int_eq(ck.type, SLA_BACKUP_CHECK_RPO);
    ck_assert_int_eq(ck.ms, 26 * SLA_MS_PER_HOUR);
    ck_assert_uint_eq(ck.scope.kinds, 1u << SLA_BACKUP_DIFFERENTIAL);
    ck_assert_int_eq(sla_service_backup_check(s, 6, &ck), SLA_EINVAL);
    memset(&ck, 0, sizeof ck);
    ck.type = SLA_BACKUP_CHECK_RETENTION;
    ck_assert_int_eq(sla_service_add_backup_check(s, &ck), SLA_EINVAL);
    sla_service_free(s);
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "[service]\nzone = UTC\ntarget = 99.9\n%s",
                 bad[i].text);
        s = NULL;
        ck_assert_int_eq(sla_service_parse(&s, buf, strlen(buf), NULL, NULL,
                                           &err),
                         SLA_EPARSE);
        ck_assert_msg(err.line == bad[i].line && err.column == bad[i].column &&
                          strstr(err.message, bad[i].needle) != NULL,
                      "case %zu: %d:%d '%s'", i, (int)err.line,
                      (int)err.column, err.message);
    }
    /* the scope words */
    {
        const char *w = "incremental,on-site,tag=a,tag=b,each-location";
        ck_assert_int_eq(sla_backup_scope_parse(&sc, tags, sizeof tags, &each,
                                                w, strlen(w), &err),
                         0);
    }
    ck_assert_uint_eq(sc.kinds, 1u << SLA_BACKUP_INCREMENTAL);
    ck_assert_uint_eq(sc.locations, 1u << SLA_BACKUP_ONSITE);
    ck_assert_str_eq(sc.tags, "a,b");
    ck_assert_int_eq(each, 1);
    ck_assert_int_eq(sla_backup_scope_parse(&sc, tags, sizeof tags, NULL,
                                            "ANY", 3, &err),
                     0);
    ck_assert_uint_eq(sc.kinds | sc.locations, 0);
    ck_assert_ptr_null(sc.tags);
    ck_assert_int_eq(sla_backup_scope_parse(&sc, tags, sizeof tags, NULL,
                                            "full,,", 6, &err),
                     SLA_EPARSE);
    ck_assert_int_eq(err.offset, 5);
    ck_assert_int_eq(sla_backup_scope_parse(&sc, tags, 4, NULL, "tag=abcd",
                                            8, &err),
                     SLA_ENOSPC);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("backup");
    TCase *tc = sla_tcase("backup");
    tcase_add_test(tc, bases_and_chains);
    tcase_add_test(tc, achieved_rpo);
    tcase_add_test(tc, retention_sheet);
    tcase_add_test(tc, restic_versions);
    tcase_add_test(tc, model);
    tcase_add_test(tc, catalog_csv);
    tcase_add_test(tc, scopes_and_promises);
    suite_add_tcase(su, tc);
    return sla_run_suite(su);
}
