/* SPDX-License-Identifier: MIT */
/* Availability: every figure from the interval algebra, exact in ppm-ms. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "service-private.h"

#define KINDS 3
#define NO_WEIGHT (-1)

struct credit {
    int32_t below, credit;
};

struct sla_service {
    struct sla_zone *zone;
    int32_t target, nodata;
    int32_t weight[KINDS];
    int has_start;
    int64_t start;
    const struct sla_business *hours;
    struct sla_business *owned_hours;
    char *name;
    int64_t probe_interval, probe_grace;
    int32_t probe_confirm;
    struct sla_schedule **maint;
    size_t nmaint, capmaint;
    struct sla_intervals *excl;
    struct credit *credits;
    size_t ncredits, capcredits;
    /* what it promises beyond availability */
    struct sla_incident_policy policy;
    struct promise {
        char *kind;
        int32_t months, unit; /* months for a notice, unit for a cadence */
        int64_t ms;
    } *notices, *cadences;
    size_t nnotices, capnotices, ncadences, capcadences;
    struct sla_backup_check *bchecks; /* scope.tags owned */
    size_t nbchecks, capbchecks;
};

SLA_EXPORT int sla_service_new(struct sla_service **out,
                               struct sla_zone *zone, int32_t target_ppm)
{
    struct sla_service *s;
    if (!out || !zone || target_ppm < 0 || target_ppm > SLA_PPM_ONE)
        return SLA_EINVAL;
    s = calloc(1, sizeof *s);
    if (!s)
        return SLA_ENOMEM;
    if (sla_intervals_new(&s->excl)) {
        free(s);
        return SLA_ENOMEM;
    }
    s->zone = sla_zone_ref(zone);
    s->target = target_ppm;
    s->nodata = SLA_NODATA_EXCLUDE;
    s->probe_interval = SLA_MS_PER_MINUTE;
    s->probe_confirm = 1;
    s->weight[SLA_OUTAGE_FULL] = SLA_PPM_ONE;
    s->weight[SLA_OUTAGE_PARTIAL] = NO_WEIGHT;
    s->weight[SLA_OUTAGE_DEGRADED] = NO_WEIGHT;
    sla_incident_policy_default(&s->policy);
    *out = s;
    return 0;
}

SLA_EXPORT void sla_service_free(struct sla_service *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->nmaint; i++)
        sla_schedule_unref(s->maint[i]);
    free(s->maint);
    free(s->credits);
    for (i = 0; i < s->nnotices; i++)
        free(s->notices[i].kind);
    for (i = 0; i < s->ncadences; i++)
        free(s->cadences[i].kind);
    free(s->notices);
    free(s->cadences);
    for (i = 0; i < s->nbchecks; i++)
        free((char *)s->bchecks[i].scope.tags);
    free(s->bchecks);
    free(s->name);
    sla_business_free(s->owned_hours);
    sla_intervals_free(s->excl);
    sla_zone_unref(s->zone);
    free(s);
}

SLA_EXPORT const struct sla_zone *sla_service_zone(const struct sla_service *s)
{
    return s ? s->zone : NULL;
}

SLA_EXPORT int sla_service_set_name(struct sla_service *s, const char *name)
{
    char *copy;
    size_t n;
    if (!s || !name)
        return SLA_EINVAL;
    n = strlen(name);
    if (!(copy = malloc(n + 1)))
        return SLA_ENOMEM;
    memcpy(copy, name, n + 1);
    free(s->name);
    s->name = copy;
    return 0;
}

SLA_EXPORT const char *sla_service_name(const struct sla_service *s)
{
    return !s ? NULL : s->name ? s->name : "";
}

struct sla_business *sla__service_hours(struct sla_service *s)
{
    return s->owned_hours;
}

int sla__service_own_hours(struct sla_service *s, struct sla_business *b)
{
    sla_business_free(s->owned_hours);
    s->owned_hours = b;
    s->hours = b;
    return 0;
}

int sla__service_add_ics(struct sla_service *s, const char *path,
                         const char *basedir, struct sla_zone *zone,
                         const char *tzdir, int32_t line,
                         struct sla_error *err)
{
    char full[4096];
    struct sla_error e;
    struct sla_ics *ics;
    char *buf = NULL;
    size_t n = 0, cap = 0, i;
    FILE *f;
    int rc = 0;
    if (path[0] != '/' && basedir && basedir[0])
        snprintf(full, sizeof full, "%s/%s", basedir, path);
    else
        snprintf(full, sizeof full, "%s", path);
    f = fopen(full, "rb");
    if (!f)
        return sla__error_at(err, SLA_EIO, 0, line, 1, "%s: %s", full,
                             strerror(errno));
    for (;;) {
        size_t got;
        if (n == cap) {
            char *b;
            if (cap >= (size_t)64 << 20) {
                rc = sla__error_at(err, SLA_EIO, 0, line, 1,
                                   "%s: expected an .ics file of at most "
                                   "64 MiB",
                                   full);
                break;
            }
            b = realloc(buf, cap ? cap * 2 : 65536);
            if (!b) {
                rc = SLA_ENOMEM;
                break;
            }
            buf = b;
            cap = cap ? cap * 2 : 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (!rc && ferror(f))
        rc = sla__error_at(err, SLA_EIO, 0, line, 1, "%s: read error",
                           full);
    fclose(f);
    if (rc) {
        free(buf);
        return rc;
    }
    rc = sla_ics_parse(&ics, buf, n, zone, tzdir, &e);
    free(buf);
    if (rc == SLA_ENOMEM)
        return rc;
    if (rc)
        return sla__error_at(err, rc, 0, line, 1, "%s:%d:%d: %s", full,
                             (int)e.line, (int)e.column, e.message);
    for (i = 0; i < sla_ics_count(ics) && !rc; i++)
        rc = sla_service_add_maintenance(
            s, (struct sla_schedule *)sla_ics_schedule(ics, i));
    sla_ics_free(ics); /* the service holds the schedules it needs */
    return rc;
}

SLA_EXPORT int sla_service_set_hours(struct sla_service *s,
                                     const struct sla_business *hours)
{
    if (!s)
        return SLA_EINVAL;
    s->hours = hours;
    return 0;
}

SLA_EXPORT int sla_service_add_maintenance(struct sla_service *s,
                                           struct sla_schedule *schedule)
{
    if (!s || !schedule)
        return SLA_EINVAL;
    if (sla__grow((void **)&s->maint, &s->capmaint, s->nmaint + 1,
                  sizeof *s->maint))
        return SLA_ENOMEM;
    s->maint[s->nmaint++] = sla_schedule_ref(schedule);
    return 0;
}

SLA_EXPORT int sla_service_add_exclusion(struct sla_service *s, int64_t start,
                                         int64_t end)
{
    if (!s || start >= end)
        return SLA_EINVAL;
    return sla_intervals_add(s->excl, start, end);
}

SLA_EXPORT int sla_service_set_start(struct sla_service *s, int64_t start)
{
    if (!s)
        return SLA_EINVAL;
    s->has_start = 1;
    s->start = start;
    return 0;
}

SLA_EXPORT int sla_service_start(const struct sla_service *s, int64_t *start)
{
    if (!s || !start)
        return SLA_EINVAL;
    if (!s->has_start)
        return SLA_ENOTFOUND;
    *start = s->start;
    return 0;
}

SLA_EXPORT int sla_service_weight(const struct sla_service *s, int32_t kind,
                                  int32_t *out)
{
    if (!s || !out || kind < 0 || kind >= KINDS)
        return SLA_EINVAL;
    if (s->weight[kind] == NO_WEIGHT)
        return SLA_ENOTFOUND;
    *out = s->weight[kind];
    return 0;
}

SLA_EXPORT int sla_service_set_weight(struct sla_service *s, int32_t kind,
                                      int32_t weight_ppm)
{
    if (!s || kind < 0 || kind >= KINDS || weight_ppm < 0 ||
        weight_ppm > SLA_PPM_ONE)
        return SLA_EINVAL;
    s->weight[kind] = weight_ppm;
    return 0;
}

SLA_EXPORT int sla_service_set_probes(struct sla_service *s,
                                      int64_t interval_ms, int64_t grace_ms,
                                      int32_t confirm)
{
    if (!s || interval_ms <= 0 || grace_ms < 0 || confirm < 1 ||
        grace_ms > INT64_MAX - interval_ms)
        return SLA_EINVAL;
    s->probe_interval = interval_ms;
    s->probe_grace = grace_ms;
    s->probe_confirm = confirm;
    return 0;
}

SLA_EXPORT int sla_service_probes(const struct sla_service *s,
                                  int64_t *interval_ms, int64_t *grace_ms,
                                  int32_t *confirm)
{
    if (!s || !interval_ms || !grace_ms || !confirm)
        return SLA_EINVAL;
    *interval_ms = s->probe_interval;
    *grace_ms = s->probe_grace;
    *confirm = s->probe_confirm;
    return 0;
}

/* ---- promises: incidents, notice periods, cadences --------------------- */

SLA_EXPORT void sla_incident_policy_default(struct sla_incident_policy *p)
{
    if (!p)
        return;
    memset(p, 0, sizeof *p);
    p->notify_ms = SLA_MS_PER_HOUR;
    p->update_ms = 30 * SLA_MS_PER_MINUTE;
    p->long_ms = SLA_MS_PER_DAY;
}

SLA_EXPORT int
sla_service_set_incident_policy(struct sla_service *s,
                                const struct sla_incident_policy *p)
{
    if (!s || !p || p->rto_ms < 0 || p->mttr_ms < 0 || p->notify_ms <= 0 ||
        p->update_ms <= 0 || p->long_ms <= 0)
        return SLA_EINVAL;
    s->policy = *p;
    memset(s->policy.reserved, 0, sizeof s->policy.reserved);
    return 0;
}

SLA_EXPORT int sla_service_incident_policy(const struct sla_service *s,
                                           struct sla_incident_policy *p)
{
    if (!s || !p)
        return SLA_EINVAL;
    *p = s->policy;
    return 0;
}

static int same_kind(const char *a, const char *b)
{
    return sla__same_ci(a, b);
}

/* Add or replace the promise for a kind. */
static int promise(struct promise **v, size_t *n, size_t *cap,
                   const char *kind, int32_t months, int32_t unit, int64_t ms)
{
    size_t i, len = strlen(kind);
    char *copy;
    for (i = 0; i < *n; i++)
        if (same_kind((*v)[i].kind, kind))
            break;
    if (i == *n && sla__grow((void **)v, cap, *n + 1, sizeof **v))
        return SLA_ENOMEM;
    if (!(copy = malloc(len + 1)))
        return SLA_ENOMEM;
    memcpy(copy, kind, len + 1);
    if (i == *n)
        (*n)++;
    else
        free((*v)[i].kind);
    (*v)[i].kind = copy;
    (*v)[i].months = months;
    (*v)[i].unit = unit;
    (*v)[i].ms = ms;
    return 0;
}

SLA_EXPORT int sla_service_add_notice(struct sla_service *s, const char *kind,
                                      int32_t months, int64_t duration_ms)
{
    if (!s || !kind || !kind[0] || months < 0 || months > 12000 ||
        (months == 0 && duration_ms <= 0) || (months > 0 && duration_ms))
        return SLA_EINVAL;
    return promise(&s->notices, &s->nnotices, &s->capnotices, kind, months,
                   0, months ? 0 : duration_ms);
}

SLA_EXPORT int sla_service_notice(const struct sla_service *s,
                                  const char *kind, int32_t *months,
                                  int64_t *duration_ms)
{
    size_t i;
    if (!s || !kind || !months || !duration_ms)
        return SLA_EINVAL;
    for (i = 0; i < s->nnotices; i++)
        if (same_kind(s->notices[i].kind, kind)) {
            *months = s->notices[i].months;
            *duration_ms = s->notices[i].ms;
            return 0;
        }
    return SLA_ENOTFOUND;
}

SLA_EXPORT int sla_service_add_cadence(struct sla_service *s,
                                       const char *kind, int32_t unit)
{
    if (!s || !kind || !kind[0] || unit < SLA_PERIOD_DAY ||
        unit > SLA_PERIOD_YEAR)
        return SLA_EINVAL;
    return promise(&s->cadences, &s->ncadences, &s->capcadences, kind, 0,
                   unit, 0);
}

SLA_EXPORT size_t sla_service_cadence_count(const struct sla_service *s)
{
    return s ? s->ncadences : 0;
}

SLA_EXPORT int sla_service_cadence(const struct sla_service *s, size_t index,
                                   const char **kind, int32_t *unit)
{
    if (!s || index >= s->ncadences || !kind || !unit)
        return SLA_EINVAL;
    *kind = s->cadences[index].kind;
    *unit = s->cadences[index].unit;
    return 0;
}

SLA_EXPORT int sla_service_add_backup_check(struct sla_service *s,
                                            const struct sla_backup_check *c)
{
    struct sla_backup_check x;
    if (!s || !c || c->type < SLA_BACKUP_CHECK_GENERATIONS ||
        c->type > SLA_BACKUP_CHECK_RPO || c->scope.kinds >= (1u << 3) ||
        c->scope.locations >= (1u << 2))
        return SLA_EINVAL;
    if ((c->type == SLA_BACKUP_CHECK_GENERATIONS && c->count <= 0) ||
        (c->type == SLA_BACKUP_CHECK_RETENTION &&
         (c->months < 0 || c->months > 120000 || c->ms < 0 ||
          (c->months > 0) == (c->ms > 0))) ||
        (c->type == SLA_BACKUP_CHECK_CADENCE &&
         (c->unit < SLA_PERIOD_DAY || c->unit > SLA_PERIOD_YEAR)) ||
        (c->type == SLA_BACKUP_CHECK_RPO && c->ms <= 0))
        return SLA_EINVAL;
    x = *c;
    memset(x.reserved, 0, sizeof x.reserved);
    x.scope.tags = NULL;
    if (c->scope.tags && c->scope.tags[0] &&
        !(x.scope.tags = sla__tag_list(c->scope.tags)))
        return SLA_ENOMEM;
    if (sla__grow((void **)&s->bchecks, &s->capbchecks, s->nbchecks + 1,
                  sizeof *s->bchecks)) {
        free((char *)x.scope.tags);
        return SLA_ENOMEM;
    }
    s->bchecks[s->nbchecks++] = x;
    return 0;
}

SLA_EXPORT size_t sla_service_backup_check_count(const struct sla_service *s)
{
    return s ? s->nbchecks : 0;
}

SLA_EXPORT int sla_service_backup_check(const struct sla_service *s,
                                        size_t i, struct sla_backup_check *c)
{
    if (!s || !c || i >= s->nbchecks)
        return SLA_EINVAL;
    *c = s->bchecks[i];
    return 0;
}

SLA_EXPORT int sla_service_set_nodata(struct sla_service *s, int32_t policy)
{
    if (!s || policy < SLA_NODATA_EXCLUDE || policy > SLA_NODATA_DOWN)
        return SLA_EINVAL;
    s->nodata = policy;
    return 0;
}

SLA_EXPORT int sla_service_add_credit(struct sla_service *s, int32_t below_ppm,
                                      int32_t credit_ppm)
{
    if (!s || below_ppm < 1 || below_ppm > SLA_PPM_ONE || credit_ppm < 0 ||
        credit_ppm > SLA_PPM_ONE)
        return SLA_EINVAL;
    if (sla__grow((void **)&s->credits, &s->capcredits, s->ncredits + 1,
                  sizeof *s->credits))
        return SLA_ENOMEM;
    s->credits[s->ncredits].below = below_ppm;
    s->credits[s->ncredits].credit = credit_ppm;
    s->ncredits++;
    return 0;
}

/* ---- computing ---------------------------------------------------------- */

/* The scratch sets of one computation. */
enum {
    S_SERVICE, S_MAINT, S_EXCL, S_PLANNED, S_NODATA, S_COVERED, S_KIND,
    S_PART, S_TMP, S_COUNT
};

/* ceil(a / b) and floor(a / b) for b > 0. */
static int64_t div_ceil(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}

static int64_t div_floor(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Weighted downtime in ppm-ms over planned, and over planned before now:
 * each instant counts the largest weight of the outages covering it. */
static int weighted_downtime(struct sla_intervals **t,
                             const struct sla_service *s,
                             const struct sla_outage *o, size_t n,
                             struct sla_interval *buf, int8_t *kinds,
                             int64_t from, int64_t to, int64_t now,
                             int64_t *w_all, int64_t *w_now)
{
    int32_t order[KINDS + 1], weight[KINDS + 1];
    size_t nk = 0, i, k, rel = 0, done = 0;
    int rc;
    *w_all = *w_now = 0;
    /* One pass over the records: those meeting the span, clipped to it,
     * so a month of a ten-year record sorts its own outages only. */
    for (i = 0; i < n; i++) {
        /* Every record is checked, also those outside the span. */
        if (o[i].start >= o[i].end || o[i].kind < 0 || o[i].kind >= KINDS ||
            s->weight[o[i].kind] == NO_WEIGHT)
            return SLA_EINVAL;
        if (o[i].end > from && o[i].start < to) {
            buf[rel].start = o[i].start > from ? o[i].start : from;
            buf[rel].end = o[i].end < to ? o[i].end : to;
            kinds[rel] = (int8_t)o[i].kind;
            rel++;
        }
    }
    /* Kinds in decreasing weight; no data counted down is one more kind,
     * a full one. */
    for (k = 0; k <= KINDS; k++) {
        int32_t w = k == KINDS ? (s->nodata == SLA_NODATA_DOWN ? SLA_PPM_ONE
                                                               : 0)
                               : s->weight[k];
        if (w <= 0)
            continue;
        for (i = nk; i > 0 && weight[i - 1] < w; i--) {
            weight[i] = weight[i - 1];
            order[i] = order[i - 1];
        }
        weight[i] = w;
        order[i] = (int32_t)k;
        nk++;
    }
    sla_intervals_clear(t[S_COVERED]);
    for (k = 0; k < nk; k++) {
        int64_t m_all, m_now, add;
        sla_intervals_clear(t[S_KIND]);
        if (order[k] == KINDS) {
            if ((rc = sla_intervals_copy(t[S_KIND], t[S_NODATA])))
                return rc;
        } else {
            /* Move this kind's to the front of what is left. */
            size_t m = done;
            for (i = done; i < rel; i++)
                if (kinds[i] == order[k]) {
                    struct sla_interval x = buf[m];
                    int8_t y = kinds[m];
                    buf[m] = buf[i];
                    kinds[m] = kinds[i];
                    buf[i] = x;
                    kinds[i] = y;
                    m++;
                }
            if ((rc = sla_intervals_add_many(t[S_KIND], buf + done,
                                             m - done)))
                return rc;
            done = m;
        }
        if ((rc = sla_intervals_intersect(t[S_PART], t[S_KIND],
                                          t[S_PLANNED])) ||
            (rc = sla_intervals_subtract(t[S_TMP], t[S_PART],
                                         t[S_COVERED])) ||
            (rc = sla_intervals_measure(&m_all, t[S_TMP])) ||
            (rc = sla_intervals_measure_within(&m_now, t[S_TMP], INT64_MIN,
                                               now)))
            return rc;
        if (sla__mul_overflow(m_all, weight[k], &add) ||
            sla__add_overflow(*w_all, add, w_all) ||
            sla__mul_overflow(m_now, weight[k], &add) ||
            sla__add_overflow(*w_now, add, w_now))
            return SLA_EOVERFLOW;
        if ((rc = sla_intervals_union(t[S_TMP], t[S_COVERED], t[S_PART])) ||
            (rc = sla_intervals_copy(t[S_COVERED], t[S_TMP])))
            return rc;
    }
    return 0;
}

/* The figures of a span from its exact sums; the service gives the
 * credit tiers. planned x 10^6 must fit (checked by the callers). */
static void figures_of(struct sla_figures *f, const struct sla_accum *a,
                       const struct sla_service *s)
{
    int64_t scaled = a->planned_ms * SLA_PPM_ONE;
    int64_t allow = a->planned_ms * (SLA_PPM_ONE - a->target_ppm);
    int64_t w = a->downtime_ppm_ms;
    size_t i;
    memset(f, 0, sizeof *f);
    f->from = a->from;
    f->to = a->to;
    f->span_ms = a->to - a->from;
    f->outside_ms = a->outside_ms;
    f->maintenance_ms = a->maintenance_ms;
    f->excluded_ms = a->excluded_ms;
    f->nodata_ms = a->nodata_ms;
    f->planned_ms = a->planned_ms;
    f->target_ppm = a->target_ppm;
    f->downtime_ms = div_ceil(w, SLA_PPM_ONE);
    /* allow: the downtime the target permits, in ppm-ms (exact). */
    f->budget_ms = allow / SLA_PPM_ONE;
    f->remaining_ms = div_floor(allow - w, SLA_PPM_ONE);
    f->allowed_now_ms = f->remaining_ms;
    f->planned_to_date_ms = a->planned_ms;
    f->downtime_to_date_ms = f->downtime_ms;
    f->applicable = a->planned_ms > 0;
    f->met = -1;
    if (!f->applicable)
        return;
    f->met = w <= allow;
    f->availability = (double)(scaled - w) / (double)scaled;
    f->availability_to_date = f->availability;
    if (a->target_ppm < SLA_PPM_ONE)
        f->burn_rate = (double)w / ((double)a->planned_ms *
                                    (SLA_PPM_ONE - a->target_ppm));
    /* Credit: the largest of the tiers whose threshold the availability
     * is strictly below; (scaled - w) / scaled < below / 10^6 is
     * scaled - w < below x planned, exactly. */
    for (i = 0; s && i < s->ncredits; i++) {
        int64_t bar = (int64_t)s->credits[i].below * a->planned_ms;
        if (scaled - w < bar && s->credits[i].credit > f->credit_ppm)
            f->credit_ppm = s->credits[i].credit;
    }
}

static int compute(struct sla_figures *f, const struct sla_service *s,
                   const struct sla_outage *o, size_t n,
                   const struct sla_intervals *nodata, int64_t from,
                   int64_t to, int64_t now, struct sla_intervals **t,
                   struct sla_interval *buf, int8_t *kinds,
                   struct sla_accum *accum)
{
    int64_t service, maint, excl, planned, planned_now, w_all, w_now;
    int64_t scaled;
    struct sla_accum acc;
    size_t i;
    int rc;

    /* Service time: the span within service hours, after the start. */
    if (s->hours) {
        if ((rc = sla_business_expand(t[S_SERVICE], s->hours, from, to)))
            return rc;
    } else if (from < to && (rc = sla_intervals_add(t[S_SERVICE], from, to))) {
        return rc;
    }
    if (s->has_start &&
        (rc = sla_intervals_clip(t[S_SERVICE], s->start > from ? s->start
                                                               : from,
                                 to > s->start ? to : s->start)))
        return rc;
    if ((rc = sla_intervals_clip(t[S_SERVICE], from, to)) ||
        (rc = sla_intervals_measure(&service, t[S_SERVICE])))
        return rc;
    /* Maintenance, then one-off exclusions, within service time. */
    for (i = 0; i < s->nmaint; i++)
        if ((rc = sla_schedule_expand(t[S_TMP], s->maint[i], from, to)))
            return rc;
    if ((rc = sla_intervals_intersect(t[S_MAINT], t[S_TMP], t[S_SERVICE])) ||
        (rc = sla_intervals_measure(&maint, t[S_MAINT])) ||
        (rc = sla_intervals_subtract(t[S_TMP], t[S_SERVICE], t[S_MAINT])) ||
        (rc = sla_intervals_intersect(t[S_EXCL], s->excl, t[S_TMP])) ||
        (rc = sla_intervals_measure(&excl, t[S_EXCL])) ||
        (rc = sla_intervals_subtract(t[S_PLANNED], t[S_TMP], t[S_EXCL])))
        return rc;
    /* Time with no data, within what is left. */
    sla_intervals_clear(t[S_NODATA]);
    if (nodata &&
        (rc = sla_intervals_intersect(t[S_NODATA], nodata, t[S_PLANNED])))
        return rc;
    if ((rc = sla_intervals_measure(&f->nodata_ms, t[S_NODATA])))
        return rc;
    if (s->nodata == SLA_NODATA_EXCLUDE) {
        if ((rc = sla_intervals_subtract(t[S_TMP], t[S_PLANNED],
                                         t[S_NODATA])) ||
            (rc = sla_intervals_copy(t[S_PLANNED], t[S_TMP])))
            return rc;
    }
    if ((rc = sla_intervals_measure(&planned, t[S_PLANNED])) ||
        (rc = sla_intervals_measure_within(&planned_now, t[S_PLANNED],
                                           INT64_MIN, now)))
        return rc;
    /* Exact figures need planned × 10^6 within int64_t. */
    if (sla__mul_overflow(planned, SLA_PPM_ONE, &scaled))
        return SLA_EOVERFLOW;
    if ((rc = weighted_downtime(t, s, o, n, buf, kinds, from, to, now,
                                &w_all, &w_now)))
        return rc;

    memset(&acc, 0, sizeof acc);
    acc.from = from;
    acc.to = to;
    acc.outside_ms = (to - from) - service;
    acc.maintenance_ms = maint;
    acc.excluded_ms = excl;
    acc.nodata_ms = f->nodata_ms;
    acc.planned_ms = planned;
    acc.downtime_ppm_ms = w_all;
    acc.target_ppm = s->target;
    figures_of(f, &acc, s);
    f->availability_to_date = 0.0;
    f->burn_rate = 0.0;
    f->planned_to_date_ms = planned_now;
    f->downtime_to_date_ms = div_ceil(w_now, SLA_PPM_ONE);
    f->allowed_now_ms =
        div_floor(planned * (SLA_PPM_ONE - s->target) - w_now, SLA_PPM_ONE);
    if (planned_now > 0) {
        /* The same expression as the availability, so that a finished
         * span's two figures are the same double. */
        f->availability_to_date =
            (double)(planned_now * SLA_PPM_ONE - w_now) /
            (double)(planned_now * SLA_PPM_ONE);
        if (s->target < SLA_PPM_ONE)
            f->burn_rate = (double)w_now / ((double)planned_now *
                                            (SLA_PPM_ONE - s->target));
    }
    if (accum)
        *accum = acc;
    return 0;
}

static int compute_all(struct sla_figures *out, struct sla_accum *accum,
                       const struct sla_service *s,
                       const struct sla_outage *o, size_t n,
                       const struct sla_intervals *nodata, int64_t from,
                       int64_t to, int64_t now)
{
    struct sla_intervals *t[S_COUNT];
    struct sla_interval *buf;
    int8_t *kinds;
    struct sla_figures f;
    size_t i;
    int rc = 0;
    int64_t span;
    if (!out || !s || (!o && n) || from > to)
        return SLA_EINVAL;
    if (sla__sub_overflow(to, from, &span))
        return SLA_EOVERFLOW;
    if (now < from)
        now = from;
    if (now > to)
        now = to;
    memset(&f, 0, sizeof f);
    memset(t, 0, sizeof t);
    buf = n > SIZE_MAX / sizeof *buf ? NULL : malloc((n ? n : 1) * sizeof *buf);
    kinds = malloc(n ? n : 1);
    if (!buf || !kinds) {
        free(buf);
        free(kinds);
        return SLA_ENOMEM;
    }
    for (i = 0; i < S_COUNT && rc == 0; i++)
        rc = sla_intervals_new(&t[i]);
    if (rc == 0)
        rc = compute(&f, s, o, n, nodata, from, to, now, t, buf, kinds,
                     accum);
    for (i = 0; i < S_COUNT; i++)
        sla_intervals_free(t[i]);
    free(buf);
    free(kinds);
    if (rc == 0)
        *out = f;
    return rc;
}

SLA_EXPORT int sla_service_compute(struct sla_figures *out,
                                   const struct sla_service *s,
                                   const struct sla_outage *o, size_t n,
                                   const struct sla_intervals *nodata,
                                   int64_t from, int64_t to, int64_t now)
{
    return compute_all(out, NULL, s, o, n, nodata, from, to, now);
}

SLA_EXPORT int sla_service_accumulate(struct sla_accum *out,
                                      const struct sla_service *s,
                                      const struct sla_outage *o, size_t n,
                                      const struct sla_intervals *nodata,
                                      int64_t from, int64_t to)
{
    struct sla_figures f;
    if (!out)
        return SLA_EINVAL;
    return compute_all(&f, out, s, o, n, nodata, from, to, INT64_MAX);
}

SLA_EXPORT int sla_accum_figures(struct sla_figures *out,
                                 const struct sla_accum *a,
                                 const struct sla_service *s)
{
    int64_t scaled;
    if (!out || !a || sla__accum_check(a) ||
        sla__mul_overflow(a->planned_ms, SLA_PPM_ONE, &scaled))
        return SLA_EINVAL;
    figures_of(out, a, s);
    return 0;
}

/* ---- evidence ------------------------------------------------------------ */

struct ev_list {
    struct sla_evidence *out;
    size_t cap, count;
};

static void ev_put(struct ev_list *l, int32_t source, int32_t index,
                   int64_t start, int64_t end, int64_t ms, int64_t ppm_ms)
{
    if (l->count < l->cap) {
        struct sla_evidence *e = &l->out[l->count];
        memset(e, 0, sizeof *e);
        e->source = source;
        e->index = index;
        e->start = start;
        e->end = end;
        e->counted_ms = ms;
        e->counted_ppm_ms = ppm_ms;
    }
    l->count++;
}

/* A point where an outage (or the no-data pseudo-outage) starts or ends. */
struct ev_point {
    int64_t at;
    size_t who; /* index into the outages; n for no data */
    int starts;
};

static int cmp_point(const void *pa, const void *pb)
{
    const struct ev_point *a = pa, *b = pb;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    return a->starts - b->starts; /* ends first */
}

/* Min-heaps of active indices, one per weight class, deleted lazily. */
struct heap {
    size_t *v, n;
};

static void heap_push(struct heap *h, size_t x)
{
    size_t i = h->n++;
    while (i > 0 && h->v[(i - 1) / 2] > x) {
        h->v[i] = h->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->v[i] = x;
}

static void heap_pop(struct heap *h)
{
    size_t x = h->v[--h->n], i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->v[c + 1] < h->v[c])
            c++;
        if (h->v[c] >= x)
            break;
        h->v[i] = h->v[c];
        i = c;
    }
    if (h->n)
        h->v[i] = x;
}

/* Outages and no data counted down: each instant of planned time to the
 * heaviest active one, the first among equals. */
static int outage_evidence(struct ev_list *l, const struct sla_service *s,
                           const struct sla_outage *o, size_t n,
                           const struct sla_intervals *planned,
                           const struct sla_intervals *nodata_down,
                           int64_t from, int64_t to)
{
    struct ev_point *pt = NULL;
    struct heap hp[KINDS + 1];
    int64_t *got = NULL;
    unsigned char *active = NULL;
    const struct sla_interval *nd;
    size_t nnd, npt = 0, i, k, m;
    int rc = SLA_ENOMEM;
    nd = nodata_down ? sla_intervals_view(nodata_down, &nnd) : NULL;
    if (!nd)
        nnd = 0;
    memset(hp, 0, sizeof hp);
    m = 2 * (n + nnd);
    if (m / 2 != n + nnd || m > SIZE_MAX / sizeof *pt ||
        !(pt = malloc((m ? m : 1) * sizeof *pt)) ||
        !(got = calloc(n + 1, sizeof *got)) ||
        !(active = calloc(n + 1, 1)))
        goto out;
    /* Each record is pushed once; the no-data class once per gap. */
    for (k = 0; k <= KINDS; k++)
        if (!(hp[k].v = malloc(((k == KINDS ? nnd : n) + 1) *
                               sizeof *hp[k].v)))
            goto out;
    for (i = 0; i < n; i++)
        if (o[i].end > from && o[i].start < to) {
            pt[npt].at = o[i].start > from ? o[i].start : from;
            pt[npt].who = i;
            pt[npt++].starts = 1;
            pt[npt].at = o[i].end < to ? o[i].end : to;
            pt[npt].who = i;
            pt[npt++].starts = 0;
        }
    for (i = 0; i < nnd; i++) {
        pt[npt].at = nd[i].start;
        pt[npt].who = n;
        pt[npt++].starts = 1;
        pt[npt].at = nd[i].end;
        pt[npt].who = n;
        pt[npt++].starts = 0;
    }
    qsort(pt, npt, sizeof *pt, cmp_point);
    for (i = 0; i < npt; i++) {
        size_t who = pt[i].who;
        int cls = who == n ? KINDS : o[who].kind;
        if (pt[i].starts) {
            /* Gaps of no data do not overlap each other; records may
             * repeat, and each is active from its start to its end. */
            active[who]++;
            heap_push(&hp[cls], who);
        } else {
            active[who]--;
        }
        if (i + 1 < npt && pt[i + 1].at > pt[i].at) {
            /* The segment to the next point: the heaviest class with an
             * active member, its first member. */
            int32_t best_w = 0;
            size_t best = SIZE_MAX;
            int c;
            for (c = 0; c <= KINDS; c++) {
                int32_t w = c == KINDS ? SLA_PPM_ONE : s->weight[c];
                while (hp[c].n && !active[hp[c].v[0]])
                    heap_pop(&hp[c]);
                if (hp[c].n && w > 0 &&
                    (w > best_w || (w == best_w && hp[c].v[0] < best))) {
                    best_w = w;
                    best = hp[c].v[0];
                }
            }
            if (best != SIZE_MAX) {
                int64_t len, add;
                if ((rc = sla_intervals_measure_within(&len, planned,
                                                       pt[i].at,
                                                       pt[i + 1].at)))
                    goto out;
                if (sla__mul_overflow(len, best_w, &add) ||
                    sla__add_overflow(got[best], add, &got[best])) {
                    rc = SLA_EOVERFLOW;
                    goto out;
                }
            }
        }
    }
    for (i = 0; i < n; i++)
        if (o[i].end > from && o[i].start < to)
            ev_put(l, SLA_EVIDENCE_OUTAGE, i > INT32_MAX ? INT32_MAX : (int32_t)i,
                   o[i].start > from ? o[i].start : from,
                   o[i].end < to ? o[i].end : to,
                   div_ceil(got[i], SLA_PPM_ONE), got[i]);
    if (got[n])
        ev_put(l, SLA_EVIDENCE_NODATA, -1, from, to,
               div_ceil(got[n], SLA_PPM_ONE), got[n]);
    rc = 0;
out:
    for (k = 0; k <= KINDS; k++)
        free(hp[k].v);
    free(pt);
    free(got);
    free(active);
    return rc;
}

struct ev_window {
    int64_t start, end;
    size_t sched;
};

static int cmp_window(const void *pa, const void *pb)
{
    const struct ev_window *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->sched > b->sched) - (a->sched < b->sched);
}

/* Windows in order of start; each takes the service time not taken yet. */
static int window_evidence(struct ev_list *l, const struct sla_service *s,
                           const struct sla_intervals *service, int64_t from,
                           int64_t to)
{
    struct ev_window *w = NULL;
    size_t nw = 0, cap = 0, i;
    int64_t frontier = from;
    int rc = 0;
    for (i = 0; i < s->nmaint && !rc; i++) {
        struct sla_schedule_iter *it;
        struct sla_window win;
        if ((rc = sla_schedule_iter_new(&it, s->maint[i], from, to)))
            break;
        while ((rc = sla_schedule_iter_next(&win, it)) == 0) {
            if (sla__grow((void **)&w, &cap, nw + 1, sizeof *w)) {
                rc = SLA_ENOMEM;
                break;
            }
            w[nw].start = win.start > from ? win.start : from;
            w[nw].end = win.end < to ? win.end : to;
            w[nw].sched = i;
            nw++;
        }
        sla_schedule_iter_free(it);
        if (rc == SLA_ENOTFOUND)
            rc = 0;
    }
    if (!rc) {
        if (nw)
            qsort(w, nw, sizeof *w, cmp_window);
        for (i = 0; i < nw && !rc; i++) {
            int64_t a = w[i].start > frontier ? w[i].start : frontier, len;
            if (a >= w[i].end)
                continue;
            if ((rc = sla_intervals_measure_within(&len, service, a,
                                                   w[i].end)))
                break;
            frontier = w[i].end;
            if (len > 0)
                ev_put(l, SLA_EVIDENCE_MAINTENANCE,
                       w[i].sched > INT32_MAX ? INT32_MAX : (int32_t)w[i].sched,
                       w[i].start, w[i].end, len, 0);
        }
    }
    free(w);
    return rc;
}

SLA_EXPORT int sla_service_evidence(struct sla_evidence *out, size_t cap,
                                    size_t *count,
                                    const struct sla_service *s,
                                    const struct sla_outage *o, size_t n,
                                    const struct sla_intervals *nodata,
                                    int64_t from, int64_t to)
{
    struct sla_intervals *t[S_COUNT];
    struct sla_interval *buf = NULL;
    int8_t *kinds = NULL;
    struct sla_figures f;
    struct ev_list l;
    size_t i, nex;
    int rc = 0;
    int64_t span;
    if ((!out && cap) || !count || !s || (!o && n) || from > to)
        return SLA_EINVAL;
    if (sla__sub_overflow(to, from, &span))
        return SLA_EOVERFLOW;
    memset(t, 0, sizeof t);
    l.out = out;
    l.cap = cap;
    l.count = 0;
    buf = n > SIZE_MAX / sizeof *buf ? NULL : malloc((n ? n : 1) * sizeof *buf);
    kinds = malloc(n ? n : 1);
    if (!buf || !kinds)
        rc = SLA_ENOMEM;
    for (i = 0; i < S_COUNT && rc == 0; i++)
        rc = sla_intervals_new(&t[i]);
    if (rc == 0)
        rc = compute(&f, s, o, n, nodata, from, to, INT64_MAX, t, buf, kinds,
                     NULL);
    /* compute left the sets: service time, maintenance and exclusions
     * within it, planned time, and no data within it. */
    if (rc == 0)
        rc = outage_evidence(&l, s, o, n, t[S_PLANNED],
                             s->nodata == SLA_NODATA_DOWN ? t[S_NODATA]
                                                          : NULL,
                             from, to);
    if (rc == 0)
        rc = window_evidence(&l, s, t[S_SERVICE], from, to);
    if (rc == 0) {
        const struct sla_interval *ex = sla_intervals_view(s->excl, &nex);
        for (i = 0; i < nex && rc == 0; i++) {
            int64_t len;
            if (ex[i].end <= from || ex[i].start >= to)
                continue;
            rc = sla_intervals_measure_within(&len, t[S_EXCL], ex[i].start,
                                              ex[i].end);
            if (rc == 0 && len > 0)
                ev_put(&l, SLA_EVIDENCE_EXCLUSION,
                       i > INT32_MAX ? INT32_MAX : (int32_t)i,
                       ex[i].start > from ? ex[i].start : from,
                       ex[i].end < to ? ex[i].end : to, len, 0);
        }
    }
    for (i = 0; i < S_COUNT; i++)
        sla_intervals_free(t[i]);
    free(buf);
    free(kinds);
    if (rc)
        return rc;
    *count = l.count;
    return l.count > cap ? SLA_ENOSPC : 0;
}
