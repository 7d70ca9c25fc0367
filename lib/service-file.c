/* SPDX-License-Identifier: MIT */
/* The service-definition file: INI sections mapped one to one onto the
 * sla_service_* calls. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "service-private.h"

enum section { SEC_NONE, SEC_SERVICE, SEC_WEIGHTS, SEC_HOURS, SEC_MAINT,
               SEC_EXCL, SEC_CREDIT, SEC_PROBES, SEC_INCIDENTS, SEC_NOTICE,
               SEC_CADENCE, SEC_BACKUPS };

static const char *const section_names[] = {
    "", "SERVICE", "WEIGHTS", "HOURS", "MAINTENANCE", "EXCLUSION", "CREDIT",
    "PROBES", "INCIDENTS", "NOTICE", "CADENCE", "BACKUPS"};

/* A [maintenance] section, collected until the next section. */
struct maint {
    int present, has_start, has_end_time, has_duration, clamp, skip, mode;
    int has_opts;
    struct sla_civil start;
    char rule[1024];
    int32_t end_h, end_m, end_s;
    int64_t duration_ms;
    char ics[512];
    struct sla_civil ex[64];
    int32_t ex_whole[64];
    size_t nex;
    int32_t line; /* of the section header */
};

struct fp {
    const char *s;
    size_t len, pos;
    int32_t line;
    size_t line_start;
    struct sla_error *err;
    const char *basedir, *tzdir;
    struct sla_service *svc;
    struct sla_zone *zone;
    int32_t target;
    int has_target;
    /* [exclusion] and [credit] pairs */
    int has_from, has_to, has_below, has_credit;
    int64_t from, to;
    int32_t below, credit;
    int32_t sec_line;
    char seen[64][64]; /* keys of the current section */
    unsigned once; /* single sections seen, by bit */
    size_t nseen;
    struct maint m;
    /* settings kept until the zone is known */
    struct settings {
        char name[256];
        int has_start, nodata;
        int64_t start;
        int32_t weight[3];
        int has_weight[3];
    } st;
};

static int fail_at(struct fp *p, size_t off, const char *fmt, ...)
    SLA_PRINTF(3, 4);

static int fail_at(struct fp *p, size_t off, const char *fmt, ...)
{
    char msg[192];
    va_list ap;
    size_t col = off - p->line_start + 1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return sla__error_at(p->err, SLA_EPARSE, off, p->line,
                         col < INT32_MAX ? (int32_t)col : INT32_MAX, "%s",
                         msg);
}

static int is_space(int c)
{
    return c == ' ' || c == '\t';
}

/* A value as a NUL-terminated copy (values are short). */
static int copy_value(struct fp *p, size_t a, size_t n, char *buf,
                      size_t size)
{
    if (n >= size)
        return fail_at(p, a, "expected a value of at most %zu bytes",
                       size - 1);
    memcpy(buf, p->s + a, n);
    buf[n] = '\0';
    return 0;
}

/* Map a parser's error in a value at a to this file. */
static int value_fail(struct fp *p, size_t a, const struct sla_error *e,
                      const char *key)
{
    size_t at = a + (e->offset > 0 ? (size_t)e->offset : 0);
    return fail_at(p, at, "%s: %s", key, e->message);
}

static int percent(struct fp *p, size_t a, size_t n, const char *key,
                   int32_t *out)
{
    struct sla_error e;
    if (n && p->s[a + n - 1] == '%')
        n--;
    if (sla_ppm_parse_percent(out, p->s + a, n, &e))
        return value_fail(p, a, &e, key);
    return 0;
}

static int instant(struct fp *p, size_t a, size_t n, const char *key,
                   int64_t *out)
{
    struct sla_error e;
    if (sla_rfc3339_parse(out, NULL, p->s + a, n, &e))
        return value_fail(p, a, &e, key);
    return 0;
}

/* HH:MM or HH:MM:SS as ms of the day; 24:00 allowed when end is set. */
static int time_of_day(struct fp *p, size_t a, size_t n, int end,
                       int64_t *out)
{
    const char *s = p->s + a;
    int h, m, sec = 0;
    if ((n != 5 && n != 8) || s[2] != ':' || (n == 8 && s[5] != ':'))
        return fail_at(p, a, "expected a time as HH:MM or HH:MM:SS");
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    if (n == 8)
        sec = (s[6] - '0') * 10 + (s[7] - '0');
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[3] < '0' ||
        s[3] > '9' || s[4] < '0' || s[4] > '9' ||
        (n == 8 && (s[6] < '0' || s[6] > '9' || s[7] < '0' || s[7] > '9')) ||
        m > 59 || sec > 59 || h > 24 || (h == 24 && (!end || m || sec)))
        return fail_at(p, a, "expected a time as HH:MM or HH:MM:SS that "
                             "exists%s",
                       end ? " (24:00 for midnight)" : "");
    *out = ((h * INT64_C(60) + m) * 60 + sec) * 1000;
    return 0;
}

/* A local date-time, seconds optional. */
static int local_time(struct fp *p, size_t a, size_t n, const char *key,
                      struct sla_civil *out)
{
    char buf[40];
    struct sla_error e;
    if (n > 30)
        return fail_at(p, a, "%s: expected a local date-time", key);
    memcpy(buf, p->s + a, n);
    if (n == 16)
        memcpy(buf + n, ":00", 3), n += 3;
    if (sla_civil_parse(out, buf, n, &e))
        return value_fail(p, a, &e, key);
    return 0;
}

static int boolean(struct fp *p, size_t a, size_t n, int *out)
{
    if (sla__word_is(p->s + a, n, "TRUE") || sla__word_is(p->s + a, n, "YES"))
        *out = 1;
    else if (sla__word_is(p->s + a, n, "FALSE") ||
             sla__word_is(p->s + a, n, "NO"))
        *out = 0;
    else
        return fail_at(p, a, "expected true or false");
    return 0;
}

static int need_zone(struct fp *p, size_t a)
{
    if (p->zone)
        return 0;
    return fail_at(p, a, "expected 'zone' in [service] before this "
                         "(local times need a zone)");
}

/* ---- sections ----------------------------------------------------------- */

static int key_service(struct fp *p, const char *k, size_t a, size_t n)
{
    int rc;
    if (!strcmp(k, "ZONE")) {
        char name[256];
        struct sla_error e;
        if (p->zone)
            return fail_at(p, a, "expected one zone");
        if ((rc = copy_value(p, a, n, name, sizeof name)))
            return rc;
        rc = sla_zone_open(&p->zone, name, p->tzdir, &e);
        if (rc == SLA_ENOMEM)
            return rc;
        if (rc)
            return fail_at(p, a, "zone: %s", e.message);
        return 0;
    }
    if (!strcmp(k, "TARGET")) {
        p->has_target = 1;
        return percent(p, a, n, "target", &p->target);
    }
    if (!strcmp(k, "NAME"))
        return copy_value(p, a, n, p->st.name, sizeof p->st.name);
    if (!strcmp(k, "START")) {
        p->st.has_start = 1;
        return instant(p, a, n, "start", &p->st.start);
    }
    if (!strcmp(k, "NODATA")) {
        if (sla__word_is(p->s + a, n, "EXCLUDE"))
            p->st.nodata = SLA_NODATA_EXCLUDE;
        else if (sla__word_is(p->s + a, n, "UP"))
            p->st.nodata = SLA_NODATA_UP;
        else if (sla__word_is(p->s + a, n, "DOWN"))
            p->st.nodata = SLA_NODATA_DOWN;
        else
            return fail_at(p, a, "expected nodata = exclude, up or down");
        return 0;
    }
    return -1;
}

static int key_weights(struct fp *p, const char *k, size_t a, size_t n)
{
    int kind = !strcmp(k, "FULL")       ? SLA_OUTAGE_FULL
               : !strcmp(k, "PARTIAL")  ? SLA_OUTAGE_PARTIAL
               : !strcmp(k, "DEGRADED") ? SLA_OUTAGE_DEGRADED
                                        : -1;
    if (kind < 0)
        return -1;
    static const char *const names[] = {"full", "partial", "degraded"};
    p->st.has_weight[kind] = 1;
    return percent(p, a, n, names[kind], &p->st.weight[kind]);
}

/* An exact positive duration (no years or months). */
static int exact(struct fp *p, size_t a, size_t n, const char *key,
                 int zero_ok, int64_t *out)
{
    struct sla_duration d;
    struct sla_error e;
    if (sla_duration_parse(&d, p->s + a, n, &e))
        return value_fail(p, a, &e, key);
    if (sla_duration_to_ms(out, &d) || *out < 0 || (*out == 0 && !zero_ok))
        return fail_at(p, a, "%s: expected a positive exact duration (no "
                             "years or months)",
                       key);
    return 0;
}

static int key_probes(struct fp *p, const char *k, size_t a, size_t n)
{
    int64_t interval, grace;
    int32_t confirm;
    sla_service_probes(p->svc, &interval, &grace, &confirm);
    if (!strcmp(k, "INTERVAL")) {
        int rc = exact(p, a, n, "interval", 0, &interval);
        if (rc)
            return rc;
    } else if (!strcmp(k, "GRACE")) {
        int rc = exact(p, a, n, "grace", 1, &grace);
        if (rc)
            return rc;
    } else if (!strcmp(k, "CONFIRM")) {
        int64_t v = 0;
        size_t i;
        for (i = 0; i < n && p->s[a + i] >= '0' && p->s[a + i] <= '9' &&
                    v < 1000000;
             i++)
            v = v * 10 + (p->s[a + i] - '0');
        if (n == 0 || i != n || v < 1 || v > 1000000)
            return fail_at(p, a, "expected confirm as a count of failed "
                                 "probes, 1 or more");
        confirm = (int32_t)v;
    } else {
        return -1;
    }
    if (sla_service_set_probes(p->svc, interval, grace, confirm))
        return fail_at(p, a, "expected an interval and grace that fit "
                             "together");
    return 0;
}

/* A key of [notice] or [cadence] names a kind of record: lower case. */
static void kind_name(char *buf, const char *k)
{
    size_t i;
    for (i = 0; k[i]; i++)
        buf[i] = k[i] >= 'A' && k[i] <= 'Z' ? (char)(k[i] + 32) : k[i];
    buf[i] = '\0';
}

static int key_incidents(struct fp *p, const char *k, size_t a, size_t n)
{
    static const char *const keys[] = {"rto", "mttr", "notify", "updates",
                                       "long"};
    struct sla_incident_policy pol;
    int64_t *slot[5];
    char lower[64];
    int i, rc;
    sla_service_incident_policy(p->svc, &pol);
    slot[0] = &pol.rto_ms;
    slot[1] = &pol.mttr_ms;
    slot[2] = &pol.notify_ms;
    slot[3] = &pol.update_ms;
    slot[4] = &pol.long_ms;
    kind_name(lower, k);
    for (i = 0; i < 5 && strcmp(lower, keys[i]); i++)
        ;
    if (i == 5)
        return -1;
    if ((rc = exact(p, a, n, keys[i], 0, slot[i])))
        return rc;
    return sla_service_set_incident_policy(p->svc, &pol);
}

static int key_notice(struct fp *p, const char *k, size_t a, size_t n)
{
    struct sla_duration d;
    struct sla_error e;
    char kind[64];
    int64_t ms = 0, months;
    int rc;
    kind_name(kind, k);
    if (sla_duration_parse(&d, p->s + a, n, &e))
        return value_fail(p, a, &e, kind);
    if (d.years > 1000 || d.months > 12000)
        return fail_at(p, a, "%s: expected a notice period up to 1000 "
                             "years",
                       kind);
    months = d.years * 12 + d.months;
    if (months && (d.days || d.ms))
        return fail_at(p, a, "%s: expected whole months (P6M) or an exact "
                             "length (P30D), not both",
                       kind);
    if (months > 12000 ||
        (!months && (sla_duration_to_ms(&ms, &d) || ms <= 0)))
        return fail_at(p, a, "%s: expected a notice period above zero and "
                             "up to 1000 years",
                       kind);
    rc = sla_service_add_notice(p->svc, kind, (int32_t)months, ms);
    return rc == SLA_EINVAL ? fail_at(p, a, "%s: expected a notice period",
                                      kind)
                            : rc;
}

static int key_cadence(struct fp *p, const char *k, size_t a, size_t n)
{
    static const char *const units[] = {"DAY", "WEEK", "MONTH", "QUARTER",
                                        "YEAR"};
    char kind[64];
    int u;
    kind_name(kind, k);
    for (u = 0; u < 5; u++)
        if (sla__word_is(p->s + a, n, units[u]))
            break;
    if (u == 5)
        return fail_at(p, a, "%s: expected day, week, month, quarter or "
                             "year",
                       kind);
    return sla_service_add_cadence(p->svc, kind, SLA_PERIOD_DAY + u);
}

/* [backups]: "7", "P6M:full,off-site", "any", "off-site", "PT26H". */
static int key_backups(struct fp *p, const char *k, size_t a, size_t n)
{
    static const char *const every[] = {"EVERY-DAY", "EVERY-WEEK",
                                        "EVERY-MONTH", "EVERY-QUARTER",
                                        "EVERY-YEAR"};
    struct sla_backup_check c;
    struct sla_error e;
    char tags[256], lower[64];
    size_t colon = 0, sa, sn;
    int u, rc, has_colon = 0;
    memset(&c, 0, sizeof c);
    kind_name(lower, k);
    for (u = 0; u < 5 && strcmp(k, every[u]); u++)
        ;
    if (u < 5) {
        c.type = SLA_BACKUP_CHECK_CADENCE;
        c.unit = SLA_PERIOD_DAY + u;
        sa = a;
        sn = n;
    } else if (!strcmp(k, "ENCRYPTED")) {
        c.type = SLA_BACKUP_CHECK_ENCRYPTED;
        sa = a;
        sn = n;
    } else {
        if (!strcmp(k, "GENERATIONS"))
            c.type = SLA_BACKUP_CHECK_GENERATIONS;
        else if (!strcmp(k, "RETENTION"))
            c.type = SLA_BACKUP_CHECK_RETENTION;
        else if (!strcmp(k, "RPO"))
            c.type = SLA_BACKUP_CHECK_RPO;
        else
            return -1;
        while (colon < n && p->s[a + colon] != ':')
            colon++;
        has_colon = colon < n;
        sa = a + colon + (colon < n);
        sn = colon < n ? n - colon - 1 : 0;
        n = colon;
        if (c.type == SLA_BACKUP_CHECK_GENERATIONS) {
            int64_t v = 0;
            size_t i;
            for (i = 0; i < n && p->s[a + i] >= '0' && p->s[a + i] <= '9' &&
                        v < 1000000;
                 i++)
                v = v * 10 + (p->s[a + i] - '0');
            if (!n || i != n || v < 1 || v > 1000000)
                return fail_at(p, a, "generations: expected a count, 1 or "
                                     "more");
            c.count = (int32_t)v;
        } else if (c.type == SLA_BACKUP_CHECK_RPO) {
            if ((rc = exact(p, a, n, "rpo", 0, &c.ms)))
                return rc;
        } else {
            struct sla_duration d;
            if (sla_duration_parse(&d, p->s + a, n, &e))
                return value_fail(p, a, &e, "retention");
            if (d.years > 10000 || d.months > 120000 ||
                ((d.years || d.months) && (d.days || d.ms)))
                return fail_at(p, a, "retention: expected whole months "
                                     "(P6M) or an exact length (P30D), not "
                                     "both");
            c.months = (int32_t)(d.years * 12 + d.months);
            if (!c.months && (sla_duration_to_ms(&c.ms, &d) || c.ms <= 0))
                return fail_at(p, a, "retention: expected a length above "
                                     "zero");
        }
    }
    if (sn && (rc = sla_backup_scope_parse(&c.scope, tags, sizeof tags, NULL,
                                           p->s + sa, sn, &e))) {
        if (rc == SLA_ENOMEM)
            return rc;
        return value_fail(p, sa, &e, lower);
    }
    if (has_colon && !sn)
        return fail_at(p, sa, "%s: expected a scope after ':'", lower);
    if (!sn && (c.type == SLA_BACKUP_CHECK_CADENCE ||
                c.type == SLA_BACKUP_CHECK_ENCRYPTED))
        return fail_at(p, a, "%s: expected a scope, such as any or "
                             "full,off-site",
                       lower);
    rc = sla_service_add_backup_check(p->svc, &c);
    return rc == SLA_EINVAL ? fail_at(p, a, "%s: expected a possible "
                                            "promise",
                                      lower)
                            : rc;
}

static int key_hours(struct fp *p, const char *k, size_t a, size_t n)
{
    static const char *const days[] = {"MONDAY", "TUESDAY", "WEDNESDAY",
                                       "THURSDAY", "FRIDAY", "SATURDAY",
                                       "SUNDAY"};
    struct sla_business *b = sla__service_hours(p->svc);
    int wd, rc;
    if ((rc = need_zone(p, a)))
        return rc;
    if (!b) {
        if ((rc = sla_business_new(&b, p->zone)))
            return rc;
        if ((rc = sla__service_own_hours(p->svc, b))) {
            sla_business_free(b);
            return rc;
        }
    }
    if (!strcmp(k, "HOLIDAY")) {
        struct sla_date d;
        struct sla_error e;
        if (sla_date_parse(&d, p->s + a, n, &e))
            return value_fail(p, a, &e, "holiday");
        return sla_business_add_holiday(b, &d);
    }
    for (wd = 0; wd < 7; wd++)
        if (!strcmp(k, days[wd]))
            break;
    if (wd == 7)
        return -1;
    /* 09:00-12:00, 13:00-18:00 */
    if (n == 0)
        return fail_at(p, a, "expected hours as HH:MM-HH:MM");
    while (n) {
        size_t e = 0, dash, b0;
        int64_t open, close;
        while (e < n && p->s[a + e] != ',')
            e++;
        b0 = e;
        while (b0 > 0 && is_space(p->s[a + b0 - 1]))
            b0--;
        for (dash = 0; dash < b0 && p->s[a + dash] != '-'; dash++)
            ;
        if (dash == b0)
            return fail_at(p, a, "expected hours as HH:MM-HH:MM");
        if ((rc = time_of_day(p, a, dash, 0, &open)) ||
            (rc = time_of_day(p, a + dash + 1, b0 - dash - 1, 1, &close)))
            return rc;
        if (close <= open ||
            sla_business_add_hours(b, wd + 1, open, close))
            return fail_at(p, a, "expected hours that close after they "
                                 "open and do not overlap others of the "
                                 "day");
        if (e == n)
            break;
        a += e + 1;
        n -= e + 1;
        while (n && is_space(p->s[a]))
            a++, n--;
        if (n == 0)
            return fail_at(p, a, "expected more hours after ','");
    }
    return 0;
}

static int key_maint(struct fp *p, const char *k, size_t a, size_t n)
{
    struct maint *m = &p->m;
    int rc;
    if (!strcmp(k, "NAME"))
        return 0;
    if (!strcmp(k, "ICS")) {
        if (m->ics[0])
            return fail_at(p, a, "expected one ics");
        return copy_value(p, a, n, m->ics, sizeof m->ics);
    }
    if (!strcmp(k, "START")) {
        m->has_start = 1;
        return local_time(p, a, n, "start", &m->start);
    }
    if (!strcmp(k, "RULE")) {
        struct sla_rrule *r;
        struct sla_error e;
        if ((rc = copy_value(p, a, n, m->rule, sizeof m->rule)))
            return rc;
        rc = sla_rrule_parse(&r, p->s + a, n, &e);
        if (rc == SLA_ENOMEM)
            return rc;
        if (rc)
            return value_fail(p, a, &e, "rule");
        sla_rrule_free(r);
        return 0;
    }
    if (!strcmp(k, "END-TIME")) {
        int64_t t;
        if ((rc = time_of_day(p, a, n, 0, &t)))
            return rc;
        m->has_end_time = 1;
        m->end_h = (int32_t)(t / SLA_MS_PER_HOUR);
        m->end_m = (int32_t)(t / SLA_MS_PER_MINUTE % 60);
        m->end_s = (int32_t)(t / 1000 % 60);
        return 0;
    }
    if (!strcmp(k, "DURATION")) {
        struct sla_duration d;
        struct sla_error e;
        if (sla_duration_parse(&d, p->s + a, n, &e))
            return value_fail(p, a, &e, "duration");
        if (sla_duration_to_ms(&m->duration_ms, &d) || m->duration_ms <= 0)
            return fail_at(p, a, "expected a positive exact duration (no "
                                 "years or months)");
        m->has_duration = 1;
        return 0;
    }
    if (!strcmp(k, "EXDATE")) {
        if (m->nex == sizeof m->ex / sizeof *m->ex)
            return fail_at(p, a, "expected at most %zu exdates",
                           sizeof m->ex / sizeof *m->ex);
        if (n == 10) {
            struct sla_date d;
            struct sla_error e;
            if (sla_date_parse(&d, p->s + a, n, &e))
                return value_fail(p, a, &e, "exdate");
            memset(&m->ex[m->nex], 0, sizeof m->ex[m->nex]);
            m->ex[m->nex].year = d.year;
            m->ex[m->nex].month = d.month;
            m->ex[m->nex].day = d.day;
            m->ex_whole[m->nex++] = 1;
            return 0;
        }
        m->ex_whole[m->nex] = 0;
        return local_time(p, a, n, "exdate", &m->ex[m->nex++]);
    }
    if (!strcmp(k, "CLAMP")) {
        m->has_opts = 1;
        return boolean(p, a, n, &m->clamp);
    }
    if (!strcmp(k, "SKIP-GAPS")) {
        m->has_opts = 1;
        return boolean(p, a, n, &m->skip);
    }
    return -1;
}

/* The end of a [maintenance] section: build its schedule(s). */
static int end_maint(struct fp *p)
{
    struct maint *m = &p->m;
    struct sla_schedule *s = NULL;
    struct sla_rrule *r = NULL;
    size_t i;
    int rc;
    if (!m->present)
        return 0;
    m->present = 0;
    if (!p->zone)
        return sla__error_at(p->err, SLA_EPARSE, 0, m->line, 1,
                             "expected 'zone' in [service] before "
                             "[maintenance]");
    if (m->ics[0]) {
        if (m->has_start || m->rule[0] || m->has_end_time ||
            m->has_duration || m->nex || m->has_opts)
            return sla__error_at(p->err, SLA_EPARSE, 0, m->line, 1,
                                 "expected either ics or start, rule, "
                                 "end-time, duration, exdate, clamp and "
                                 "skip-gaps in this [maintenance]");
        return sla__service_add_ics(p->svc, m->ics, p->basedir, p->zone,
                                    p->tzdir, m->line, p->err);
    }
    if (!m->has_start)
        return sla__error_at(p->err, SLA_EPARSE, 0, m->line, 1,
                             "expected 'start' (or 'ics') in this "
                             "[maintenance]");
    if (m->has_end_time && m->has_duration)
        return sla__error_at(p->err, SLA_EPARSE, 0, m->line, 1,
                             "expected end-time or duration in this "
                             "[maintenance], not both");
    if (m->rule[0] && (rc = sla_rrule_parse(&r, m->rule, strlen(m->rule),
                                            NULL)))
        return rc;
    rc = sla_schedule_new(&s, p->zone, &m->start, r);
    sla_rrule_free(r);
    if (rc)
        return rc == SLA_ENOMEM ? rc
                                : sla__error_at(p->err, SLA_EPARSE, 0,
                                                m->line, 1,
                                                "expected a start that "
                                                "exists");
    if (m->has_end_time)
        sla_schedule_set_end_time(s, m->end_h, m->end_m, m->end_s);
    else if (m->has_duration)
        sla_schedule_set_duration(s, m->duration_ms);
    sla_schedule_set_options(s, SLA_DISAMBIGUATE_COMPATIBLE,
                             (m->clamp ? SLA_SCHEDULE_CLAMP : 0) |
                                 (m->skip ? SLA_SCHEDULE_SKIP_GAPS : 0));
    for (i = 0; i < m->nex; i++)
        if ((rc = sla_schedule_add_exdate(s, &m->ex[i], m->ex_whole[i])))
            break;
    if (!rc)
        rc = sla_service_add_maintenance(p->svc, s);
    sla_schedule_unref(s);
    return rc;
}

static int end_pair(struct fp *p, int sec)
{
    int rc = 0;
    if (sec == SEC_EXCL) {
        if (!p->has_from || !p->has_to || p->to <= p->from)
            return sla__error_at(p->err, SLA_EPARSE, 0, p->sec_line, 1,
                                 "expected 'from' and 'to', to after from, "
                                 "in this [exclusion]");
        rc = sla_service_add_exclusion(p->svc, p->from, p->to);
    } else if (sec == SEC_CREDIT) {
        if (!p->has_below || !p->has_credit || p->below == 0)
            return sla__error_at(p->err, SLA_EPARSE, 0, p->sec_line, 1,
                                 "expected 'below' (above 0%%) and "
                                 "'credit' in this [credit]");
        rc = sla_service_add_credit(p->svc, p->below, p->credit);
    } else if (sec == SEC_MAINT) {
        rc = end_maint(p);
    }
    p->has_from = p->has_to = p->has_below = p->has_credit = 0;
    return rc;
}

static int key_pair(struct fp *p, int sec, const char *k, size_t a, size_t n)
{
    if (sec == SEC_EXCL) {
        if (!strcmp(k, "NAME"))
            return 0;
        if (!strcmp(k, "FROM")) {
            p->has_from = 1;
            return instant(p, a, n, "from", &p->from);
        }
        if (!strcmp(k, "TO")) {
            p->has_to = 1;
            return instant(p, a, n, "to", &p->to);
        }
    } else {
        if (!strcmp(k, "BELOW")) {
            p->has_below = 1;
            return percent(p, a, n, "below", &p->below);
        }
        if (!strcmp(k, "CREDIT")) {
            p->has_credit = 1;
            return percent(p, a, n, "credit", &p->credit);
        }
    }
    return -1;
}

/* The service itself is made at the first section after [service]. */
static int make_service(struct fp *p, size_t at)
{
    int rc;
    if (p->svc)
        return 0;
    if (!p->zone)
        return fail_at(p, at, "expected 'zone' in [service] before this");
    if (!p->has_target)
        return fail_at(p, at, "expected 'target' in [service] before this");
    return (rc = sla_service_new(&p->svc, p->zone, p->target)) ? rc : 0;
}

static int parse(struct fp *p)
{
    int sec = SEC_NONE, rc;
    while (p->pos < p->len) {
        const char *nl = memchr(p->s + p->pos, '\n', p->len - p->pos);
        size_t e = nl ? (size_t)(nl - p->s) : p->len, a = p->pos, b, i;
        size_t next = nl ? e + 1 : p->len;
        p->line_start = a;
        if (e > a && p->s[e - 1] == '\r')
            e--;
        for (i = a; i < e; i++)
            if ((unsigned char)p->s[i] < 0x20 && p->s[i] != '\t')
                return fail_at(p, i, "expected text, not a control byte");
        while (a < e && is_space(p->s[a]))
            a++;
        b = e;
        while (b > a && is_space(p->s[b - 1]))
            b--;
        if (a == b || p->s[a] == '#' || p->s[a] == ';') {
            /* empty or a comment */
        } else if (p->s[a] == '[') {
            size_t c = a + 1, d;
            int s2;
            if (p->s[b - 1] != ']')
                return fail_at(p, b, "expected ']' to end the section name");
            d = b - 1;
            while (c < d && is_space(p->s[c]))
                c++;
            while (d > c && is_space(p->s[d - 1]))
                d--;
            for (s2 = 1; s2 <= SEC_BACKUPS; s2++)
                if (sla__word_is(p->s + c, d - c, section_names[s2]))
                    break;
            if (s2 > SEC_BACKUPS)
                return fail_at(p, c, "expected a section of service, "
                                     "weights, hours, maintenance, "
                                     "exclusion, credit, probes, "
                                     "incidents, notice, cadence or "
                                     "backups");
            if (sec != SEC_NONE && (rc = end_pair(p, sec)))
                return rc;
            if (s2 == SEC_SERVICE && sec != SEC_NONE)
                return fail_at(p, a, "expected [service] first, and once");
            /* These say one thing each: a second would override the
             * first in silence. */
            if (s2 == SEC_WEIGHTS || s2 == SEC_PROBES ||
                s2 == SEC_INCIDENTS || s2 == SEC_NOTICE ||
                s2 == SEC_CADENCE || s2 == SEC_BACKUPS) {
                char sn[64];
                if (p->once & (1u << s2)) {
                    kind_name(sn, section_names[s2]);
                    return fail_at(p, a, "expected [%s] once", sn);
                }
                p->once |= 1u << s2;
            }
            if (s2 != SEC_SERVICE && (rc = make_service(p, a)))
                return rc;
            sec = s2;
            p->sec_line = p->line;
            p->nseen = 0;
            if (sec == SEC_MAINT) {
                memset(&p->m, 0, sizeof p->m);
                p->m.present = 1;
                p->m.line = p->line;
            }
        } else {
            char key[64];
            size_t k = a, eq, v;
            if (sec == SEC_NONE)
                return fail_at(p, a, "expected a section, such as "
                                     "[service], before the first key");
            while (k < b && p->s[k] != '=' && !is_space(p->s[k]))
                k++;
            eq = k;
            while (eq < b && is_space(p->s[eq]))
                eq++;
            if (eq >= b || p->s[eq] != '=')
                return fail_at(p, eq, "expected 'key = value'");
            if (k - a >= sizeof key)
                return fail_at(p, a, "expected a known key");
            for (i = 0; i < k - a; i++)
                key[i] = (char)sla__upper((unsigned char)p->s[a + i]);
            key[k - a] = '\0';
            v = eq + 1;
            while (v < b && is_space(p->s[v]))
                v++;
            /* A key given twice in a section would silently keep one of
             * two values; only lists may repeat. */
            if (strcmp(key, "HOLIDAY") && strcmp(key, "EXDATE") &&
                sec != SEC_HOURS) {
                size_t j;
                for (j = 0; j < p->nseen; j++)
                    if (!strcmp(p->seen[j], key))
                        return fail_at(p, a, "expected '%.31s' once in this "
                                             "section",
                                       key);
                if (p->nseen == sizeof p->seen / sizeof *p->seen)
                    return fail_at(p, a, "expected at most %zu keys in a "
                                         "section",
                                   sizeof p->seen / sizeof *p->seen);
                memcpy(p->seen[p->nseen++], key, sizeof key);
            }
            switch (sec) {
            case SEC_SERVICE: rc = key_service(p, key, v, b - v); break;
            case SEC_WEIGHTS: rc = key_weights(p, key, v, b - v); break;
            case SEC_HOURS: rc = key_hours(p, key, v, b - v); break;
            case SEC_MAINT: rc = key_maint(p, key, v, b - v); break;
            case SEC_PROBES: rc = key_probes(p, key, v, b - v); break;
            case SEC_INCIDENTS: rc = key_incidents(p, key, v, b - v); break;
            case SEC_NOTICE: rc = key_notice(p, key, v, b - v); break;
            case SEC_CADENCE: rc = key_cadence(p, key, v, b - v); break;
            case SEC_BACKUPS: rc = key_backups(p, key, v, b - v); break;
            default: rc = key_pair(p, sec, key, v, b - v); break;
            }
            if (rc == -1) {
                char sn[64], kn[64];
                kind_name(sn, section_names[sec]);
                kind_name(kn, key);
                return fail_at(p, a, "expected a key of [%s], not '%s'", sn,
                               kn);
            }
            if (rc)
                return rc;
        }
        p->pos = next;
        if (nl) {
            p->line++;
            p->line_start = next;
        }
    }
    if (sec != SEC_NONE && (rc = end_pair(p, sec)))
        return rc;
    if (!p->svc && (rc = make_service(p, p->pos)))
        return rc;
    return 0;
}

SLA_EXPORT int sla_service_parse(struct sla_service **out, const char *text,
                                 size_t len, const char *basedir,
                                 const char *tzdir, struct sla_error *err)
{
    struct fp p;
    int rc, k;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = len;
    p.line = 1;
    p.err = err;
    p.basedir = basedir;
    p.tzdir = tzdir;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        p.pos = p.line_start = 3;
    rc = parse(&p);
    if (rc == 0) {
        if (p.st.name[0])
            rc = sla_service_set_name(p.svc, p.st.name);
        if (p.st.has_start)
            sla_service_set_start(p.svc, p.st.start);
        sla_service_set_nodata(p.svc, p.st.nodata);
        for (k = 0; k < 3; k++)
            if (p.st.has_weight[k])
                sla_service_set_weight(p.svc, k, p.st.weight[k]);
    }
    if (rc == SLA_ENOMEM)
        sla__error_set(err, rc, 0, "out of memory");
    sla_zone_unref(p.zone);
    if (rc) {
        sla_service_free(p.svc);
        return rc;
    }
    *out = p.svc;
    return 0;
}
