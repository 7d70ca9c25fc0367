/* SPDX-License-Identifier: MIT */
/* Retention plans: our rules (generations, cycles, age, pins), restic's
 * forget rules exactly as restic applies them, and the bases kept ones
 * need. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup-private.h"

#define NONE SIZE_MAX

struct rule {
    struct sla_keep_rule r;
    char *text, *tags, *reason;
};

struct sla_retention {
    struct sla_zone *zone;
    struct rule *rules;
    size_t n, cap;
    int32_t restic;
};

SLA_EXPORT int sla_retention_new(struct sla_retention **out,
                                 struct sla_zone *zone)
{
    struct sla_retention *r;
    if (!out || !zone)
        return SLA_EINVAL;
    if (!(r = calloc(1, sizeof *r)))
        return SLA_ENOMEM;
    r->zone = sla_zone_ref(zone);
    r->restic = SLA_RESTIC_0_17;
    *out = r;
    return 0;
}

SLA_EXPORT void sla_retention_free(struct sla_retention *r)
{
    size_t i;
    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        free(r->rules[i].text);
        free(r->rules[i].tags);
        free(r->rules[i].reason);
    }
    free(r->rules);
    sla_zone_unref(r->zone);
    free(r);
}

SLA_EXPORT int sla_retention_set_restic(struct sla_retention *r,
                                        int32_t version)
{
    size_t i;
    if (!r || (version != SLA_RESTIC_0_17 && version != SLA_RESTIC_0_14))
        return SLA_EINVAL;
    if (version == SLA_RESTIC_0_14)
        for (i = 0; i < r->n; i++)
            if (r->rules[i].r.count < 0)
                return SLA_EINVAL;
    r->restic = version;
    return 0;
}

static int is_bucket(int32_t t)
{
    return t >= SLA_KEEP_LAST && t <= SLA_KEEP_YEARLY;
}

static int is_within(int32_t t)
{
    return t >= SLA_KEEP_WITHIN && t <= SLA_KEEP_WITHIN_YEARLY;
}

/* restic's duration: "1y6m", nonzero parts only. */
static void restic_duration(char *buf, size_t size,
                            const struct sla_keep_rule *r)
{
    size_t n = 0;
    buf[0] = '\0';
    if (r->years && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%dy", (int)r->years);
    if (r->months && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%dm", (int)r->months);
    if (r->days && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%dd", (int)r->days);
    if (r->hours && n < size)
        snprintf(buf + n, size - n, "%dh", (int)r->hours);
}

/* "has tags [a, b]", as restic prints a tag list. */
static char *tags_reason(const char *tags)
{
    size_t n = strlen(tags), i, k = 0;
    char *s = malloc(n * 2 + 16);
    if (!s)
        return NULL;
    memcpy(s, "has tags [", 10);
    k = 10;
    for (i = 0; i < n; i++) {
        if (tags[i] == ',') {
            s[k++] = ',';
            s[k++] = ' ';
        } else {
            s[k++] = tags[i];
        }
    }
    s[k++] = ']';
    s[k] = '\0';
    return s;
}

static char *reason_of(const struct sla_keep_rule *r, const char *tags)
{
    static const char *const bucket[] = {"last", "hourly", "daily", "weekly",
                                         "monthly", "yearly"};
    char buf[160], d[64];
    switch (r->type) {
    case SLA_KEEP_GENERATIONS:
        snprintf(buf, sizeof buf, "one of the %d newest restore points",
                 (int)r->count);
        break;
    case SLA_KEEP_CYCLES:
        snprintf(buf, sizeof buf, "in one of the %d newest full cycles",
                 (int)r->count);
        break;
    case SLA_KEEP_AGE:
        if (r->months)
            snprintf(buf, sizeof buf, "captured within %d month%s of now",
                     (int)r->months, r->months == 1 ? "" : "s");
        else {
            struct sla_duration du;
            memset(&du, 0, sizeof du);
            du.ms = r->ms;
            sla_duration_format(d, sizeof d, &du);
            snprintf(buf, sizeof buf, "captured within %s of now", d);
        }
        break;
    case SLA_KEEP_TAG: return tags_reason(tags);
    case SLA_KEEP_PIN: snprintf(buf, sizeof buf, "pinned"); break;
    case SLA_KEEP_WITHIN:
        restic_duration(d, sizeof d, r);
        snprintf(buf, sizeof buf, "within %s", d);
        break;
    default:
        if (is_bucket(r->type)) {
            snprintf(buf, sizeof buf, "%s snapshot",
                     bucket[r->type - SLA_KEEP_LAST]);
        } else {
            restic_duration(d, sizeof d, r);
            snprintf(buf, sizeof buf, "%s within %s",
                     bucket[r->type - SLA_KEEP_WITHIN_HOURLY + 1], d);
        }
        break;
    }
    {
        size_t n = strlen(buf);
        char *s = malloc(n + 1);
        if (s)
            memcpy(s, buf, n + 1);
        return s;
    }
}

SLA_EXPORT int sla_retention_add(struct sla_retention *r,
                                 const struct sla_keep_rule *rule)
{
    struct rule x;
    int32_t t;
    if (!r || !rule)
        return SLA_EINVAL;
    t = rule->type;
    if (t < SLA_KEEP_GENERATIONS || t > SLA_KEEP_PIN ||
        rule->per_location < 0 || rule->per_location > 1 ||
        rule->scope.kinds >= (1u << 3) || rule->scope.locations >= (1u << 2))
        return SLA_EINVAL;
    if ((t == SLA_KEEP_GENERATIONS || t == SLA_KEEP_CYCLES) &&
        rule->count <= 0)
        return SLA_EINVAL;
    if (is_bucket(t) &&
        (rule->count == 0 || rule->count < -1 ||
         (rule->count < 0 && r->restic == SLA_RESTIC_0_14)))
        return SLA_EINVAL;
    if (t == SLA_KEEP_AGE &&
        (rule->months < 0 || rule->ms < 0 || (rule->months && rule->ms) ||
         (!rule->months && !rule->ms) || rule->months > 120000))
        return SLA_EINVAL;
    if (is_within(t) &&
        (rule->years < 0 || rule->months < 0 || rule->days < 0 ||
         rule->hours < 0 ||
         !(rule->years || rule->months || rule->days || rule->hours) ||
         rule->years > 100000 || rule->months > 1200000 ||
         rule->days > 36500000 || rule->hours > 876000000))
        return SLA_EINVAL;
    if ((t == SLA_KEEP_TAG || t == SLA_KEEP_PIN) &&
        (!rule->text || !rule->text[0]))
        return SLA_EINVAL;
    memset(&x, 0, sizeof x);
    x.r = *rule;
    x.r.text = NULL;
    x.r.scope.tags = NULL;
    if (t == SLA_KEEP_TAG && !(x.text = sla__tag_list(rule->text)))
        goto oom;
    if (t == SLA_KEEP_PIN) {
        /* an id is kept as it is */
        if (!(x.text = malloc(strlen(rule->text) + 1)))
            goto oom;
        strcpy(x.text, rule->text);
    }
    if (rule->scope.tags && rule->scope.tags[0] &&
        !(x.tags = sla__tag_list(rule->scope.tags)))
        goto oom;
    if (!(x.reason = reason_of(&x.r, x.text)))
        goto oom;
    if (sla__grow((void **)&r->rules, &r->cap, r->n + 1, sizeof *r->rules))
        goto oom;
    r->rules[r->n++] = x;
    return 0;
oom:
    free(x.text);
    free(x.tags);
    free(x.reason);
    return SLA_ENOMEM;
}

/* ---- the plan ----------------------------------------------------------- */

struct rec {
    size_t idx, other;
    int32_t why, rule;
    uint32_t order;
    size_t text; /* into the plan's texts, or NONE with pool offset */
    size_t pool; /* offset of a "base of" text in the pool */
};

struct sla_plan {
    size_t n;
    unsigned char *keep;
    size_t *start; /* reasons of i: r[start[i] .. start[i + 1]) */
    struct rec *r;
    size_t nr, capr;
    char **texts; /* the rules' reasons, then fixed words */
    size_t ntexts;
    char *pool;
    size_t npool, cappool;
};

SLA_EXPORT void sla_plan_free(struct sla_plan *p)
{
    size_t i;
    if (!p)
        return;
    for (i = 0; i < p->ntexts; i++)
        free(p->texts[i]);
    free(p->texts);
    free(p->keep);
    free(p->start);
    free(p->r);
    free(p->pool);
    free(p);
}

/* restic's order of reasons, then ours. */
static uint32_t rank_of(int32_t type)
{
    static const unsigned char rank[] = {
        /* GENERATIONS */ 13, /* CYCLES */ 14, /* AGE */ 15, /* LAST */ 2,
        /* HOURLY */ 3,       /* DAILY */ 4,   /* WEEKLY */ 5,
        /* MONTHLY */ 6,      /* YEARLY */ 7,  /* WITHIN */ 1,
        /* WITHIN_HOURLY */ 8, 9, 10, 11, 12,  /* TAG */ 0, /* PIN */ 16};
    return rank[type];
}

enum { T_PENDING, T_FAILED, T_PARTIAL, T_NO_BASE, T_NO_RULE, T_FIXED };

static int push(struct sla_plan *p, size_t idx, int32_t why, int32_t rule,
                uint32_t order, size_t text, size_t other, size_t pool)
{
    struct rec *x;
    if (sla__grow((void **)&p->r, &p->capr, p->nr + 1, sizeof *p->r))
        return SLA_ENOMEM;
    x = &p->r[p->nr++];
    x->idx = idx;
    x->other = other;
    x->why = why;
    x->rule = rule;
    x->order = order;
    x->text = text;
    x->pool = pool;
    return 0;
}

/* A text in the pool; its offset. */
static int pool_add(struct sla_plan *p, const char *a, const char *b,
                    size_t *off)
{
    size_t la = strlen(a), lb = strlen(b);
    if (sla__grow((void **)&p->pool, &p->cappool, p->npool + la + lb + 1, 1))
        return SLA_ENOMEM;
    *off = p->npool;
    memcpy(p->pool + p->npool, a, la);
    memcpy(p->pool + p->npool + la, b, lb + 1);
    p->npool += la + lb + 1;
    return 0;
}

/* The local calendar of a restore point, for restic's buckets. */
struct cal {
    int64_t ymdh, ymd, yw, ym, y;
};

static int calendar(struct cal *out, const struct sla_zone *z, int64_t t)
{
    struct sla_civil c;
    int64_t days, thu;
    int32_t wd;
    struct sla_date d;
    if (sla_zone_to_civil(&c, NULL, z, t))
        return SLA_EOVERFLOW;
    out->y = c.year;
    out->ym = (int64_t)c.year * 100 + c.month;
    out->ymd = out->ym * 100 + c.day;
    out->ymdh = out->ymd * 100 + c.hour;
    /* ISO week: the week's Thursday gives its year */
    days = sla__days_from_civil(c.year, c.month, c.day);
    wd = sla__weekday(days);
    thu = days - (wd - 1) + 3;
    if (sla_date_from_days(&d, thu))
        return SLA_EOVERFLOW;
    out->yw = (int64_t)d.year * 100 +
              (thu - sla__days_from_civil(d.year, 1, 1)) / 7 + 1;
    return 0;
}

/* Go's t.AddDate(-y, -m, -d).Add(-h): the civil date moved with months
 * and days overflowing into the next (31 March less a month is 3 March),
 * read in the zone as Go's time.Date reads it, then hours taken off
 * exactly. time.Date takes the offset in force at the local time read as
 * if it were UTC, and, if the instant that gives lies in another period
 * of the zone, the offset in force there: a skipped or repeated time
 * lands on one side or the other depending on which way the zone lies
 * from UTC, so it is computed, not chosen. */
static int go_back(int64_t *out, const struct sla_zone *z, int64_t t,
                   const struct sla_keep_rule *r)
{
    struct sla_civil c;
    int64_t y, m, days, local, off1, off2, tod;
    if (sla_zone_to_civil(&c, NULL, z, t))
        return SLA_EOVERFLOW;
    y = (int64_t)c.year - r->years;
    m = (int64_t)c.month - 1 - r->months;
    y += m >= 0 ? m / 12 : -((11 - m) / 12);
    m = ((m % 12) + 12) % 12 + 1;
    if (y < INT32_MIN || y > INT32_MAX)
        return SLA_EOVERFLOW;
    days = sla__days_from_civil(y, m, 1) + c.day - 1 - r->days;
    tod = ((c.hour * INT64_C(60) + c.minute) * 60 + c.second) * 1000 +
          c.millisecond;
    if (sla__days_ms(days, tod, &local) ||
        sla_zone_offset(&off1, z, local) ||
        sla__sub_overflow(local, off1, &t) || sla_zone_offset(&off2, z, t) ||
        sla__sub_overflow(local, off2, &t))
        return SLA_EOVERFLOW;
    return sla__sub_overflow(t, (int64_t)r->hours * SLA_MS_PER_HOUR, out)
               ? SLA_EOVERFLOW
               : 0;
}

static int64_t bucket_of(const struct cal *c, int32_t type, size_t nr)
{
    switch (type) {
    case SLA_KEEP_HOURLY:
    case SLA_KEEP_WITHIN_HOURLY: return c->ymdh;
    case SLA_KEEP_DAILY:
    case SLA_KEEP_WITHIN_DAILY: return c->ymd;
    case SLA_KEEP_WEEKLY:
    case SLA_KEEP_WITHIN_WEEKLY: return c->yw;
    case SLA_KEEP_MONTHLY:
    case SLA_KEEP_WITHIN_MONTHLY: return c->ym;
    case SLA_KEEP_YEARLY:
    case SLA_KEEP_WITHIN_YEARLY: return c->y;
    default: return (int64_t)nr; /* last: every one its own */
    }
}

struct ctx {
    const struct sla_retention *ret;
    const struct sla_catalog *c;
    struct sla_plan *p;
    int64_t now;
    struct cal *cal; /* by catalog index, for candidates */
    size_t *tmp;     /* room for a candidate list */
    unsigned char *mark; /* by catalog index, zero between rules */
};

static int keep(struct ctx *x, size_t idx, size_t rule)
{
    x->p->keep[idx] = 1;
    return push(x->p, idx, SLA_REASON_RULE, (int32_t)rule,
                (rank_of(x->ret->rules[rule].r.type) << 24) | (uint32_t)rule,
                rule, 0, 0);
}

/* The oldest backup, kept by a count rule with budget left although its
 * bucket is the last one kept: "oldest daily snapshot". */
static int keep_oldest(struct ctx *x, size_t idx, size_t rule)
{
    size_t off;
    x->p->keep[idx] = 1;
    if (pool_add(x->p, "oldest ", x->ret->rules[rule].reason, &off))
        return SLA_ENOMEM;
    return push(x->p, idx, SLA_REASON_RULE, (int32_t)rule,
                (rank_of(x->ret->rules[rule].r.type) << 24) | (uint32_t)rule,
                NONE, 0, off);
}

/* One rule over its candidates L[0 .. n), newest first. */
static int apply(struct ctx *x, size_t ri, const size_t *L, size_t n)
{
    const struct sla_keep_rule *r = &x->ret->rules[ri].r;
    const struct sla_catalog *c = x->c;
    size_t i;
    int rc = 0;
    if (!n)
        return 0;
    switch (r->type) {
    case SLA_KEEP_GENERATIONS:
        for (i = 0; i < n && i < (size_t)r->count; i++)
            if ((rc = keep(x, L[i], ri)))
                return rc;
        return 0;
    case SLA_KEEP_CYCLES: {
        /* the fulls the candidates start at, newest first (restore-point
         * order, read backwards), the first count of them kept */
        unsigned char *mark = x->mark;
        size_t k = 0, j;
        for (i = 0; i < n; i++)
            if (c->root[L[i]] != NONE)
                mark[c->root[L[i]]] = 1;
        for (j = c->n; j-- > 0;) {
            size_t f = c->order[j];
            if (mark[f] == 1)
                mark[f] = k++ < (size_t)r->count ? 2 : 3;
        }
        for (i = 0; i < n; i++)
            if (c->root[L[i]] != NONE && mark[c->root[L[i]]] == 2 &&
                (rc = keep(x, L[i], ri)))
                break;
        for (i = 0; i < n; i++)
            if (c->root[L[i]] != NONE)
                mark[c->root[L[i]]] = 0;
        return rc;
    }
    case SLA_KEEP_AGE: {
        int64_t edge;
        if (r->months) {
            /* before the zone's range: every backup is within */
            if (sla__local_add_months(&edge, x->ret->zone, x->now,
                                      -(int64_t)r->months))
                edge = INT64_MIN;
        } else if (sla__sub_overflow(x->now, r->ms, &edge)) {
            edge = INT64_MIN;
        }
        for (i = 0; i < n; i++)
            if (c->v[L[i]].captured >= edge && (rc = keep(x, L[i], ri)))
                return rc;
        return 0;
    }
    case SLA_KEEP_TAG:
        for (i = 0; i < n; i++)
            if (sla__tags_have(c->tags[L[i]], x->ret->rules[ri].text) &&
                (rc = keep(x, L[i], ri)))
                return rc;
        return 0;
    default:
        break;
    }
    if (is_bucket(r->type)) {
        int64_t last = 0;
        int have = 0, count = r->count;
        for (i = 0; i < n; i++) {
            int64_t val;
            if (!(count > 0 || count == -1))
                break;
            /* last: every backup its own bucket (no calendar needed) */
            val = r->type == SLA_KEEP_LAST ? (int64_t)i
                                            : bucket_of(&x->cal[L[i]],
                                                        r->type, i);
            if (!have || val != last ||
                (x->ret->restic == SLA_RESTIC_0_17 && i == n - 1)) {
                /* kept only as the oldest: current restic says so */
                if ((rc = have && val == last ? keep_oldest(x, L[i], ri)
                                              : keep(x, L[i], ri)))
                    return rc;
                last = val;
                have = 1;
                if (count > 0)
                    count--;
            }
        }
        return 0;
    }
    {
        /* within: newer than the newest backup before now, less the
         * duration; with none before now, restic's zero time keeps all */
        int64_t latest = 0, edge = INT64_MIN, last = 0;
        int have_latest = 0, have = 0;
        for (i = 0; i < n; i++)
            if (c->v[L[i]].captured < x->now &&
                (!have_latest || c->v[L[i]].captured > latest)) {
                latest = c->v[L[i]].captured;
                have_latest = 1;
            }
        if (have_latest && (rc = go_back(&edge, x->ret->zone, latest, r)))
            return rc;
        for (i = 0; i < n; i++) {
            int64_t val;
            if (have_latest && c->v[L[i]].captured <= edge)
                continue;
            if (r->type == SLA_KEEP_WITHIN) {
                if ((rc = keep(x, L[i], ri)))
                    return rc;
                continue;
            }
            val = bucket_of(&x->cal[L[i]], r->type, i);
            if (!have || val != last) {
                if ((rc = keep(x, L[i], ri)))
                    return rc;
                last = val;
                have = 1;
            }
        }
        return 0;
    }
}

static int rec_order(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return (x->other > y->other) - (x->other < y->other);
}

SLA_EXPORT int sla_retention_plan(struct sla_plan **out,
                                  const struct sla_retention *ret,
                                  const struct sla_catalog *c, int64_t now,
                                  struct sla_error *err)
{
    static const char *const fixed[] = {
        "not complete at now", "failed", "partial",
        "no good backup to build on", "no rule keeps it"};
    struct sla_plan *p;
    struct ctx x;
    size_t *all = NULL, nall = 0, i, k, ri, *pins = NULL, nfixed;
    struct rec *sorted = NULL;
    int rc = SLA_ENOMEM, need_cal = 0;
    if (!out || !ret || !c)
        return sla__error_set(err, SLA_EINVAL, -1, "no policy or catalog");
    if (!sla__catalog_ready(c))
        return sla__error_set(err, SLA_EINVAL, -1,
                              "the catalog is not resolved");
    if (!(p = calloc(1, sizeof *p)))
        return sla__error_set(err, SLA_ENOMEM, -1, "out of memory");
    memset(&x, 0, sizeof x);
    p->n = c->n;
    nfixed = sizeof fixed / sizeof *fixed;
    if (!(p->keep = calloc(c->n + 1, 1)) ||
        !(p->start = calloc(c->n + 1, sizeof *p->start)) ||
        !(p->texts = calloc(ret->n + nfixed, sizeof *p->texts)) ||
        !(all = malloc((c->n + 1) * sizeof *all)) ||
        !(pins = malloc((ret->n + 1) * sizeof *pins)) ||
        !(x.tmp = malloc((2 * c->n + 1) * sizeof *x.tmp)) ||
        !(x.mark = calloc(c->n + 1, 1)))
        goto out;
    for (i = 0; i < ret->n; i++) {
        const char *s = ret->rules[i].reason;
        if (!(p->texts[p->ntexts] = malloc(strlen(s) + 1)))
            goto out;
        strcpy(p->texts[p->ntexts++], s);
    }
    for (i = 0; i < nfixed; i++) {
        if (!(p->texts[p->ntexts] = malloc(strlen(fixed[i]) + 1)))
            goto out;
        strcpy(p->texts[p->ntexts++], fixed[i]);
    }
    /* pins name backups of the catalog */
    for (ri = 0; ri < ret->n; ri++) {
        if (ret->rules[ri].r.type != SLA_KEEP_PIN)
            continue;
        if (sla_catalog_find(c, ret->rules[ri].text, &pins[ri])) {
            rc = sla__error_set(err, SLA_EINVAL, (int64_t)ri,
                                "rule %zu pins '%.60s', which is not in "
                                "the catalog",
                                ri + 1, ret->rules[ri].text);
            goto out;
        }
    }
    for (ri = 0; ri < ret->n; ri++)
        if ((is_bucket(ret->rules[ri].r.type) &&
             ret->rules[ri].r.type != SLA_KEEP_LAST) ||
            (is_within(ret->rules[ri].r.type) &&
             ret->rules[ri].r.type != SLA_KEEP_WITHIN))
            need_cal = 1;
    /* the candidates: restore points complete at now, newest first */
    for (k = c->n; k-- > 0;) {
        size_t j = c->order[k];
        if (c->ok[j] && c->v[j].completed <= now)
            all[nall++] = j;
    }
    x.ret = ret;
    x.c = c;
    x.p = p;
    x.now = now;
    if (need_cal) {
        if (!(x.cal = malloc((c->n + 1) * sizeof *x.cal)))
            goto out;
        for (i = 0; i < nall; i++)
            if ((rc = calendar(&x.cal[all[i]], ret->zone,
                               c->v[all[i]].captured))) {
                sla__error_set(err, rc, -1, "a backup's time is out of "
                                            "range in the zone");
                goto out;
            }
    }
    rc = 0;
    for (ri = 0; ri < ret->n && !rc; ri++) {
        const struct rule *r = &ret->rules[ri];
        struct sla_backup_scope s = r->r.scope;
        int loc;
        if (r->r.type == SLA_KEEP_PIN) {
            rc = keep(&x, pins[ri], ri);
            continue;
        }
        s.tags = r->tags;
        for (loc = 0; loc < (r->r.per_location ? 2 : 1) && !rc; loc++) {
            size_t n = 0;
            for (i = 0; i < nall; i++)
                if (sla__in_scope(c, all[i], &s) &&
                    (!r->r.per_location ||
                     c->v[all[i]].location == loc))
                    x.tmp[n++] = all[i];
            rc = apply(&x, ri, x.tmp, n);
        }
    }
    if (rc) {
        sla__error_set(err, rc, -1, "%s", sla_strerror(rc));
        goto out;
    }
    rc = SLA_ENOMEM;
    /* backups still running at now are not the plan's to prune */
    for (i = 0; i < c->n; i++)
        if (c->v[i].completed > now) {
            p->keep[i] = 1;
            if (push(p, i, SLA_REASON_PENDING, -1, 17u << 24,
                     ret->n + T_PENDING, 0, 0))
                goto out;
        }
    /* the bases of what is kept, down each chain; every kept backup's
     * link to its base is followed once (walked[j]) */
    {
        unsigned char *walked = calloc(c->n + 1, 1);
        if (!walked)
            goto out;
        for (k = c->n; k-- > 0;) {
            size_t j = c->order[k], off;
            while (p->keep[j] && c->base[j] != NONE && !walked[j]) {
                size_t b = c->base[j];
                walked[j] = 1;
                p->keep[b] = 1;
                if (pool_add(p, "base of ", c->id[j], &off) ||
                    push(p, b, SLA_REASON_BASE_OF, -1, 18u << 24, NONE, j,
                         off)) {
                    free(walked);
                    goto out;
                }
                j = b;
            }
        }
        free(walked);
    }
    for (i = 0; i < c->n; i++) {
        size_t t;
        if (p->keep[i])
            continue;
        if (c->v[i].status == SLA_BACKUP_FAILED)
            t = T_FAILED;
        else if (c->v[i].status == SLA_BACKUP_PARTIAL)
            t = T_PARTIAL;
        else if (!c->ok[i])
            t = T_NO_BASE;
        else
            t = T_NO_RULE;
        if (t == T_NO_BASE && c->base[i] != NONE) {
            size_t off;
            if (pool_add(p, "its base does not restore: ",
                         c->id[c->base[i]], &off) ||
                push(p, i, SLA_REASON_BROKEN, -1, 0, NONE, c->base[i], off))
                goto out;
            continue;
        }
        if (push(p, i,
                 t == T_NO_RULE   ? SLA_REASON_NO_RULE
                 : t == T_NO_BASE ? SLA_REASON_BROKEN
                                  : SLA_REASON_FAILED,
                 -1, 0, ret->n + t, 0, 0))
            goto out;
    }
    /* group the reasons by backup, each group in its order */
    if (!(sorted = malloc((p->nr + 1) * sizeof *sorted)))
        goto out;
    for (i = 0; i < p->nr; i++)
        p->start[p->r[i].idx + 1]++;
    for (i = 0; i < c->n; i++)
        p->start[i + 1] += p->start[i];
    {
        size_t *fill = x.tmp; /* n + 1 counters */
        memcpy(fill, p->start, (c->n + 1) * sizeof *fill);
        for (i = 0; i < p->nr; i++)
            sorted[fill[p->r[i].idx]++] = p->r[i];
    }
    for (i = 0; i < c->n; i++)
        if (p->start[i + 1] - p->start[i] > 1)
            qsort(sorted + p->start[i], p->start[i + 1] - p->start[i],
                  sizeof *sorted, rec_order);
    free(p->r);
    p->r = sorted;
    p->capr = p->nr;
    sorted = NULL;
    rc = 0;
out:
    if (rc == SLA_ENOMEM)
        sla__error_set(err, rc, -1, "out of memory");
    free(sorted);
    free(all);
    free(pins);
    free(x.cal);
    free(x.tmp);
    free(x.mark);
    if (rc) {
        sla_plan_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

SLA_EXPORT int sla_plan_keep(const struct sla_plan *p, size_t i)
{
    if (!p || i >= p->n)
        return SLA_EINVAL;
    return p->keep[i];
}

SLA_EXPORT size_t sla_plan_reason_count(const struct sla_plan *p, size_t i)
{
    return p && i < p->n ? p->start[i + 1] - p->start[i] : 0;
}

SLA_EXPORT int sla_plan_reason(const struct sla_plan *p, size_t i, size_t k,
                               struct sla_plan_reason *out)
{
    const struct rec *x;
    if (!p || !out || i >= p->n || k >= p->start[i + 1] - p->start[i])
        return SLA_EINVAL;
    x = &p->r[p->start[i] + k];
    out->why = x->why;
    out->rule = x->rule;
    out->other = x->why == SLA_REASON_BASE_OF ? x->other : 0;
    out->text = x->text == NONE ? p->pool + x->pool : p->texts[x->text];
    return 0;
}
