/* SPDX-License-Identifier: MIT */
/* Fuzz target: outage records, probe samples, incidents, announcements
 * and events from CSV.
 *
 * A failure must be SLA_EPARSE with a record whose line and column are
 * where its offset is (line = 1 + the newlines before it, column = the
 * bytes since the last one, plus one, a leading byte-order mark not
 * counted), and the same code without a record. A success must give
 * records with start < end and a known kind, and the same records again
 * from a second parse. */
#include "fuzz.h"

#define FO_CHECK(cond) FUZZ_CHECK(cond, data, size)

/* After a parse: stop on SLA_ENOMEM, or on a failure once its code and
 * place are checked. */
static int stop(int rc, const struct sla_error *err, const uint8_t *data,
                size_t size)
{
    if (rc == SLA_ENOMEM)
        return 1;
    if (rc) {
        FO_CHECK(rc == SLA_EPARSE && err->code == rc);
        fuzz_error_place_check(err, data, size);
        return 1;
    }
    return 0;
}

static void probes(const uint8_t *data, size_t size);
static void incidents(const uint8_t *data, size_t size);
static void announcements(const uint8_t *data, size_t size);
static void events(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    probes(data, size);
    incidents(data, size);
    announcements(data, size);
    events(data, size);
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

/* The same text as probe samples: a failure placed as above, a success
 * with ok 0 or 1, evaluated without error into down time and no data
 * that never overlap. */
static void probes(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_probe *p = NULL;
    struct sla_intervals *down = NULL, *nodata = NULL, *both = NULL;
    struct sla_error err;
    size_t n = 0, i;
    int rc;
    fuzz_error_poison(&err);
    rc = sla_probes_parse_csv(&p, &n, s, size, &err);
    if (stop(rc, &err, data, size))
        return;
    for (i = 0; i < n; i++)
        FO_CHECK(p[i].ok == 0 || p[i].ok == 1);
    if (!sla_intervals_new(&down) && !sla_intervals_new(&nodata) &&
        !sla_intervals_new(&both)) {
        rc = sla_probes_evaluate(down, nodata, p, n, 60000, 5000, 2,
                                 INT64_C(-62135596800000),
                                 INT64_C(253402300800000));
        FO_CHECK(rc == 0 || rc == SLA_ENOMEM || rc == SLA_EOVERFLOW);
        if (rc == 0 && !sla_intervals_intersect(both, down, nodata))
            FO_CHECK(sla_intervals_count(both) == 0);
    }
    sla_intervals_free(down);
    sla_intervals_free(nodata);
    sla_intervals_free(both);
    sla_probes_free(p);
}

/* The same text as incidents: a failure placed as above; a success with
 * records in a possible order whose figures compute. */
static void incidents(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_incident_list *l = NULL;
    struct sla_incident_stats st;
    struct sla_error err;
    const struct sla_incident *x;
    size_t n = 0, i;
    int rc;
    fuzz_error_poison(&err);
    rc = sla_incidents_parse_csv(&l, s, size, &err);
    if (stop(rc, &err, data, size))
        return;
    x = sla_incident_list_items(l, &n);
    for (i = 0; i < n; i++) {
        int64_t late;
        size_t ng;
        FO_CHECK(sla_incident_check(&x[i], NULL) == 0);
        FO_CHECK(sla_incident_list_id(l, i) != NULL);
        FO_CHECK(sla_incident_notification(&late, &x[i], 3600000) == 0 &&
                 late >= 0);
        rc = sla_incident_update_gaps(NULL, 0, &ng, &x[i], 1800000);
        FO_CHECK(rc == 0 || rc == SLA_ENOSPC);
    }
    rc = sla_incidents_stats(&st, x, n, INT64_C(-62135596800000),
                             INT64_C(253402300800000), 3600000, 86400000,
                             NULL);
    FO_CHECK(rc == 0 || rc == SLA_EOVERFLOW || rc == SLA_ENOMEM);
    sla_incident_list_free(l);
}

/* The same text as announcements: a failure placed as above; a success
 * with events at or after their announcements, kinds without spaces, and
 * notice checks that never fail on range. */
static void announcements(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_announcement_list *l = NULL;
    const struct sla_announcement *a;
    struct sla_error err;
    struct sla_zone *utc = NULL;
    size_t n = 0, i;
    int rc;
    fuzz_error_poison(&err);
    rc = sla_announcements_parse_csv(&l, s, size, &err);
    if (stop(rc, &err, data, size))
        return;
    a = sla_announcement_list_items(l, &n);
    FO_CHECK(!sla_zone_open(&utc, "UTC", NULL, NULL));
    for (i = 0; i < n; i++) {
        const char *k = sla_announcement_list_kind(l, i);
        int64_t short_ms;
        FO_CHECK(a[i].announced <= a[i].event);
        FO_CHECK(k && k[0] && !strchr(k, ' '));
        FO_CHECK(sla_announcement_list_id(l, i) != NULL);
        rc = sla_notice_check(&short_ms, utc, a[i].announced, a[i].event, 6,
                              0);
        FO_CHECK(rc == 0 || rc == SLA_EOVERFLOW);
        FO_CHECK(rc || short_ms >= 0);
    }
    sla_zone_unref(utc);
    sla_announcement_list_free(l);
}

/* The same text as events: a failure placed as above; a success whose
 * kinds select every event once, and whose instants give gaps in order
 * that cover no sample. */
static void events(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_event_list *l = NULL;
    struct sla_error err;
    struct sla_interval g[8];
    int64_t *t;
    size_t n, i, k, ng;
    int rc;
    fuzz_error_poison(&err);
    rc = sla_events_parse_csv(&l, s, size, &err);
    if (stop(rc, &err, data, size))
        return;
    n = sla_event_list_count(l);
    t = malloc((n ? n : 1) * sizeof *t);
    if (!t) {
        sla_event_list_free(l);
        return;
    }
    for (i = 0; i < n; i++) {
        const char *kind, *id;
        FO_CHECK(sla_event_list_get(l, i, &t[i], &kind, &id) == 0);
        FO_CHECK(kind[0] && id);
        k = sla_event_list_select(l, kind, NULL, 0);
        FO_CHECK(k >= 1 && k <= n);
    }
    rc = sla_continuity_gaps(g, 8, &ng, t, n, 60000,
                             INT64_C(-62135596800000),
                             INT64_C(253402300800000));
    FO_CHECK(rc == 0 || rc == SLA_ENOSPC);
    for (k = 0; k < ng && k < 8; k++) {
        FO_CHECK(g[k].start < g[k].end);
        FO_CHECK(k == 0 || g[k - 1].end <= g[k].start);
        for (i = 0; i < n; i++)
            FO_CHECK(t[i] <= g[k].start || t[i] >= g[k].end);
    }
    free(t);
    sla_event_list_free(l);
}
