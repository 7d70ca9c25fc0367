/* SPDX-License-Identifier: MIT */
/* The check-sheet rows of incidents and obligations. Every figure comes
 * from the library; this file reads the files, asks, and prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cli.h"

static const char *const unit_names[] = {"day", "week", "month", "quarter",
                                         "year"};

static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 8;
    void *p;
    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    if (!(p = realloc(*v, n * size)))
        return -1;
    *v = p;
    *cap = n;
    return 0;
}

static int no_memory(void)
{
    fprintf(stderr, "sla: %s\n", sla_strerror(SLA_ENOMEM));
    return EXIT_FAILURE;
}

/* Cut a string that snprintf may have cut inside a UTF-8 character back
 * to the character's start, so JSON stays valid. */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), j = n, len;
    unsigned char lead;
    while (j > 0 && ((unsigned char)s[j - 1] & 0xC0) == 0x80)
        j--;
    if (j == 0)
        return;
    lead = (unsigned char)s[j - 1];
    len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (j - 1 + len > n)
        s[j - 1] = '\0';
}

/* ASCII case does not matter in kinds. */
static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

static int same_kind(const char *a, const char *b)
{
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

/* A new row, all its strings empty; NULL when out of memory. */
static struct check_row *row(struct checks *c, const char *item,
                             const char *verdict, int64_t value,
                             const char *unit)
{
    struct check_row *r;
    if (grow((void **)&c->rows, &c->caprows, c->nrows + 1, sizeof *c->rows))
        return NULL;
    r = &c->rows[c->nrows++];
    memset(r, 0, sizeof *r);
    snprintf(r->item, sizeof r->item, "%s", item);
    utf8_trim(r->item);
    r->verdict = verdict;
    r->value = value;
    r->unit = unit;
    return r;
}

static int finding(struct checks *c, const char *item, const char *id,
                   const char *what, int64_t start, int64_t end)
{
    struct check_finding *f;
    size_t n = strlen(id);
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, id, n + 1);
    if (grow((void **)&c->found, &c->capfound, c->nfound + 1,
             sizeof *c->found)) {
        free(copy);
        return -1;
    }
    f = &c->found[c->nfound++];
    snprintf(f->item, sizeof f->item, "%s", item);
    f->id = copy;
    snprintf(f->what, sizeof f->what, "%s", what);
    utf8_trim(f->what);
    f->start = start;
    f->end = end;
    return 0;
}

static int parse_error(const char *path, const struct sla_error *e)
{
    fprintf(stderr, "sla: %s:%d:%d: %s\n", path, (int)e->line,
            (int)e->column, e->message);
    return EXIT_FAILURE;
}

/* ---- incidents ---------------------------------------------------------- */

static int incident_rows(struct checks *c, const struct checks_input *in)
{
    struct sla_incident_policy pol;
    struct sla_incident_list *list = NULL;
    struct sla_incident_stats st;
    const struct sla_incident *x;
    struct sla_error err;
    struct check_row *r;
    char a[40], b[40], item[64];
    char *text = NULL;
    size_t len, n = 0, i, late = 0, gaps = 0, with_gaps = 0;
    int rc;
    sla_service_incident_policy(in->svc, &pol);
    if ((rc = read_file(in->incidents, &text, &len)))
        return rc;
    rc = sla_incidents_parse_csv(&list, text, len, &err);
    free(text);
    if (rc)
        return parse_error(in->incidents, &err);
    x = sla_incident_list_items(list, &n);
    rc = sla_incidents_stats(&st, x, n, in->from, in->to,
                             pol.rto_ms ? pol.rto_ms : INT64_MAX, pol.long_ms,
                             &err);
    if (rc) {
        fprintf(stderr, "sla: %s: %s\n", in->incidents, sla_strerror(rc));
        sla_incident_list_free(list);
        return EXIT_FAILURE;
    }
    rc = EXIT_FAILURE;
    if (!(r = row(c, "failures", "-", st.count, "count")))
        goto oom;
    snprintf(r->figure, sizeof r->figure, "%lld", (long long)st.count);
    snprintf(r->target, sizeof r->target, "-");
    format_length(a, sizeof a, pol.long_ms);
    if (pol.long_ms % SLA_MS_PER_DAY == 0)
        snprintf(a, sizeof a, "%lld day%s",
                 (long long)(pol.long_ms / SLA_MS_PER_DAY),
                 pol.long_ms == SLA_MS_PER_DAY ? "" : "s");
    snprintf(item, sizeof item, "recoveries of %s or more", a);
    if (!(r = row(c, item, "-", st.long_count, "count")))
        goto oom;
    snprintf(r->figure, sizeof r->figure, "%lld", (long long)st.long_count);
    snprintf(r->target, sizeof r->target, "-");

    if (!(r = row(c, "MTTR (recovered - started)",
                  !pol.mttr_ms || !st.count  ? "-"
                  : st.mttr_ms <= pol.mttr_ms ? "met"
                                              : "MISSED",
                  st.mttr_ms, "ms")))
        goto oom;
    format_length(a, sizeof a, st.mttr_ms);
    snprintf(r->figure, sizeof r->figure, "%s", st.count ? a : "none");
    format_length(b, sizeof b, pol.mttr_ms);
    snprintf(r->target, sizeof r->target, pol.mttr_ms ? "at most %s" : "-",
             b);
    if (!(r = row(c, "MTBF", "-", st.mtbf_ms, "ms")))
        goto oom;
    format_length(a, sizeof a, st.mtbf_ms);
    if (st.count)
        snprintf(r->figure, sizeof r->figure,
                 "%s (implied availability %.4f%%)", a,
                 st.implied_availability * 100);
    else
        snprintf(r->figure, sizeof r->figure, "none");
    snprintf(r->target, sizeof r->target, "-");

    if (!(r = row(c, "RTO",
                  !pol.rto_ms                ? "-"
                  : st.rto_met == st.count ? "met"
                                             : "MISSED",
                  st.count - st.rto_met, "breaches")))
        goto oom;
    format_length(b, sizeof b, pol.rto_ms);
    format_length(a, sizeof a, st.max_ms);
    if (pol.rto_ms)
        snprintf(r->figure, sizeof r->figure, "%lld of %lld within it",
                 (long long)st.rto_met, (long long)st.count);
    else
        snprintf(r->figure, sizeof r->figure, "longest %s",
                 st.count ? a : "none");
    snprintf(r->target, sizeof r->target, pol.rto_ms ? "%s each" : "none set",
             b);

    /* The deadlines, incident by incident. */
    for (i = 0; i < n; i++) {
        const char *id = sla_incident_list_id(list, i);
        struct sla_interval *g = NULL;
        int64_t breach;
        size_t ng = 0, k;
        if (x[i].started < in->from || x[i].started >= in->to)
            continue;
        if (pol.rto_ms && x[i].recovered - x[i].started > pol.rto_ms &&
            finding(c, "RTO", id, "recovery longer than the RTO",
                    x[i].started, x[i].recovered))
            goto oom;
        sla_incident_notification(&breach, &x[i], pol.notify_ms);
        if (breach) {
            /* late by breach at the notification, or, with none, at
             * recovery: the deadline is that much before */
            int64_t end = x[i].notified != SLA_TIME_NONE ? x[i].notified
                                                         : x[i].recovered;
            late++;
            if (finding(c, "first notification", id,
                        x[i].notified != SLA_TIME_NONE
                            ? "notified after the deadline"
                            : "never notified before recovery",
                        end - breach, end))
                goto oom;
        }
        if (sla_incident_update_gaps(NULL, 0, &ng, &x[i], pol.update_ms) ==
                SLA_ENOSPC &&
            (!(g = malloc(ng * sizeof *g)) ||
             sla_incident_update_gaps(g, ng, &ng, &x[i], pol.update_ms))) {
            free(g);
            goto oom;
        }
        with_gaps += ng != 0;
        gaps += ng;
        for (k = 0; k < ng; k++)
            if (finding(c, "status updates", id, "no status update",
                        g[k].start, g[k].end)) {
                free(g);
                goto oom;
            }
        free(g);
    }
    if (!(r = row(c, "first notification", late ? "MISSED" : "met",
                  (int64_t)late, "breaches")))
        goto oom;
    format_length(a, sizeof a, pol.notify_ms);
    snprintf(r->figure, sizeof r->figure, "%zu of %lld late", late,
             (long long)st.count);
    snprintf(r->target, sizeof r->target, "within %s of detection", a);
    if (!(r = row(c, "status updates", gaps ? "MISSED" : "met", (int64_t)gaps,
                  "breaches")))
        goto oom;
    format_length(a, sizeof a, pol.update_ms);
    snprintf(r->figure, sizeof r->figure, "%zu gap%s in %zu incident%s",
             gaps, gaps == 1 ? "" : "s", with_gaps, with_gaps == 1 ? "" : "s");
    snprintf(r->target, sizeof r->target, "every %s until recovery", a);
    rc = 0;
oom:
    sla_incident_list_free(list);
    return rc ? no_memory() : 0;
}

/* ---- notice periods ----------------------------------------------------- */

static int notice_rows(struct checks *c, const struct checks_input *in)
{
    struct sla_announcement_list *list = NULL;
    const struct sla_announcement *x;
    const struct sla_zone *z = sla_service_zone(in->svc);
    struct sla_error err;
    char *text = NULL;
    size_t len, n = 0, i, j, rows = 0;
    int rc;
    if ((rc = read_file(in->announcements, &text, &len)))
        return rc;
    rc = sla_announcements_parse_csv(&list, text, len, &err);
    free(text);
    if (rc)
        return parse_error(in->announcements, &err);
    x = sla_announcement_list_items(list, &n);
    /* Every kind needs its promise, whether or not it is in the span. */
    for (i = 0; i < n; i++) {
        const char *kind = sla_announcement_list_kind(list, i);
        int32_t months;
        int64_t ms;
        if (sla_service_notice(in->svc, kind, &months, &ms)) {
            const char *id = sla_announcement_list_id(list, i);
            fprintf(stderr,
                    "sla: %s:%d: announcement %s%sis of kind '%s', but the "
                    "service promises no notice for it (add [notice] %s = "
                    "P6M or the like)\n",
                    in->announcements,
                    (int)sla_announcement_list_line(list, i), id,
                    id[0] ? " " : "", kind, kind);
            sla_announcement_list_free(list);
            return EXIT_FAILURE;
        }
    }
    /* One row a kind, in the order kinds first appear; announcements
     * count in the span their event is in. */
    for (i = 0; i < n; i++) {
        const char *kind = sla_announcement_list_kind(list, i);
        size_t total = 0, ok = 0;
        int32_t months;
        int64_t ms;
        struct check_row *r;
        char item[64], a[40];
        for (j = 0; j < i; j++)
            if (same_kind(sla_announcement_list_kind(list, j), kind))
                break;
        if (j < i)
            continue;
        sla_service_notice(in->svc, kind, &months, &ms);
        for (j = i; j < n; j++) {
            int64_t short_ms, end;
            if (!same_kind(sla_announcement_list_kind(list, j), kind) ||
                x[j].event < in->from || x[j].event >= in->to)
                continue;
            total++;
            if ((rc = sla_notice_check(&short_ms, z, x[j].announced,
                                       x[j].event, months, ms))) {
                fprintf(stderr, "sla: %s:%d: %s\n", in->announcements,
                        (int)sla_announcement_list_line(list, j),
                        sla_strerror(rc));
                sla_announcement_list_free(list);
                return EXIT_FAILURE;
            }
            if (!short_ms)
                ok++;
            else if (finding(c, "notice", sla_announcement_list_id(list, j),
                             "announced too late for the event", x[j].event,
                             __builtin_add_overflow(x[j].event, short_ms,
                                                    &end)
                                 ? INT64_MAX
                                 : end))
                goto oom;
        }
        if (!total)
            continue;
        snprintf(item, sizeof item, "notice: %s", kind);
        rows++;
        if (!(r = row(c, item, ok == total ? "met" : "MISSED",
                      (int64_t)(total - ok), "breaches")))
            goto oom;
        snprintf(r->figure, sizeof r->figure, "%zu of %zu in time", ok,
                 total);
        format_length(a, sizeof a, ms);
        if (months)
            snprintf(r->target, sizeof r->target, "%d month%s ahead",
                     (int)months, months == 1 ? "" : "s");
        else
            snprintf(r->target, sizeof r->target, "%s ahead", a);
    }
    if (!rows) {
        /* the file was given: say it held nothing to judge */
        struct check_row *r = row(c, "notice", "-", 0, "breaches");
        if (!r)
            goto oom;
        snprintf(r->figure, sizeof r->figure,
                 "no announced event in the span");
        snprintf(r->target, sizeof r->target, "-");
    }
    sla_announcement_list_free(list);
    return 0;
oom:
    sla_announcement_list_free(list);
    return no_memory();
}

/* ---- cadences and monitoring -------------------------------------------- */

/* The part of the span that is due: from the service's start, up to now. */
static void due_span(const struct checks_input *in, int64_t *a, int64_t *b)
{
    int64_t start;
    *a = in->from;
    *b = in->to < in->now ? in->to : in->now;
    if (!sla_service_start(in->svc, &start) && start > *a)
        *a = start;
    if (*a > *b)
        *a = *b;
}

/* The periods a cadence is judged on: those that end in the span (up to
 * now), each whole, from the service's start. A period still running at
 * the span's end is judged with the span it ends in. */
static int whole_periods(const struct checks_input *in,
                         const struct sla_zone *z, int32_t unit, int64_t *a,
                         int64_t *b)
{
    struct sla_interval p;
    int64_t start;
    int rc;
    *b = in->to < in->now ? in->to : in->now;
    if ((rc = sla_period_at(&p, z, unit, in->from)))
        return rc;
    *a = p.start;
    if ((rc = sla_period_at(&p, z, unit, *b)))
        return rc;
    *b = p.start;
    if (!sla_service_start(in->svc, &start) && start > *a)
        *a = start;
    if (*a > *b)
        *a = *b;
    return 0;
}

/* A cadence judged: the whole periods it covers, how many, and those
 * with no event (*miss, malloc'd, or NULL). A library error code. */
static int judge_cadence(const struct checks_input *in,
                         const struct sla_zone *z, int32_t unit,
                         const int64_t *t, size_t nt,
                         struct sla_interval **miss, size_t *nmiss,
                         size_t *periods)
{
    int64_t a, b, s;
    int rc;
    *miss = NULL;
    *nmiss = *periods = 0;
    if ((rc = whole_periods(in, z, unit, &a, &b)))
        return rc;
    /* the periods, to say "11 of 12" */
    for (s = a; s < b; ++*periods) {
        struct sla_interval p;
        if ((rc = sla_period_at(&p, z, unit, s)))
            return rc;
        s = p.end;
    }
    rc = sla_cadence_missed(NULL, 0, nmiss, z, unit, t, nt, a, b);
    if (rc == SLA_ENOSPC) {
        if (!(*miss = malloc(*nmiss * sizeof **miss)))
            return SLA_ENOMEM;
        rc = sla_cadence_missed(*miss, *nmiss, nmiss, z, unit, t, nt, a, b);
    }
    if (rc) {
        free(*miss);
        *miss = NULL;
    }
    return rc;
}

static int cadence_rows(struct checks *c, const struct checks_input *in)
{
    struct sla_event_list *list = NULL;
    const struct sla_zone *z = sla_service_zone(in->svc);
    struct sla_interval *miss = NULL;
    struct sla_error err;
    int64_t *t = NULL;
    char *text = NULL;
    size_t len, k, nc = sla_service_cadence_count(in->svc);
    int rc;
    if ((rc = read_file(in->events, &text, &len)))
        return rc;
    rc = sla_events_parse_csv(&list, text, len, &err);
    free(text);
    if (rc)
        return parse_error(in->events, &err);
    if (!nc) {
        fprintf(stderr, "sla: %s: the service promises no cadence to check "
                        "the events against (add [cadence] patch = month or "
                        "the like)\n",
                in->events);
        sla_event_list_free(list);
        return EXIT_FAILURE;
    }
    if (!(t = malloc((sla_event_list_count(list) + 1) * sizeof *t)))
        goto oom;
    for (k = 0; k < nc; k++) {
        const char *kind;
        int32_t unit;
        size_t ne, nmiss = 0, periods = 0, m;
        struct check_row *r;
        char item[64];
        sla_service_cadence(in->svc, k, &kind, &unit);
        ne = sla_event_list_select(list, kind, t, sla_event_list_count(list));
        free(miss);
        if ((rc = judge_cadence(in, z, unit, t, ne, &miss, &nmiss, &periods)))
            goto fail;
        for (m = 0; m < nmiss; m++) {
            char what[64];
            snprintf(what, sizeof what, "no %s in the %s", kind,
                     unit_names[unit]);
            if (finding(c, "cadence", "", what, miss[m].start, miss[m].end))
                goto oom;
        }
        snprintf(item, sizeof item, "cadence: %s", kind);
        if (!(r = row(c, item, !periods ? "-" : nmiss ? "MISSED" : "met",
                      (int64_t)nmiss, "breaches")))
            goto oom;
        if (periods)
            snprintf(r->figure, sizeof r->figure, "%zu of %zu %s%s",
                     periods - nmiss, periods, unit_names[unit],
                     periods == 1 ? "" : "s");
        else
            snprintf(r->figure, sizeof r->figure, "no whole %s ends in the "
                                                  "span",
                     unit_names[unit]);
        snprintf(r->target, sizeof r->target, "one every %s",
                 unit_names[unit]);
    }
    rc = 0;
    goto done;
oom:
    rc = no_memory();
    goto done;
fail:
    fprintf(stderr, "sla: %s: %s\n", in->events, sla_strerror(rc));
    rc = EXIT_FAILURE;
done:
    free(miss);
    free(t);
    sla_event_list_free(list);
    return rc;
}

static int monitoring_row(struct checks *c, const struct checks_input *in)
{
    struct sla_probe *p = NULL;
    struct sla_interval *g = NULL;
    struct sla_error err;
    struct check_row *r;
    int64_t *t = NULL, interval, grace, a, b, longest = 0;
    int32_t confirm;
    char *text = NULL, x[40], y[40];
    size_t len, n = 0, ng = 0, i, inside;
    int rc;
    if ((rc = read_file(in->probes, &text, &len)))
        return rc;
    rc = sla_probes_parse_csv(&p, &n, text, len, &err);
    free(text);
    if (rc)
        return parse_error(in->probes, &err);
    sla_service_probes(in->svc, &interval, &grace, &confirm);
    due_span(in, &a, &b);
    if (!(t = malloc((n + 1) * sizeof *t)))
        goto oom;
    for (i = 0; i < n; i++)
        t[i] = p[i].at;
    /* A probe may come up to the grace late, as in the availability. */
    rc = sla_continuity_gaps(NULL, 0, &ng, t, n, interval + grace, a, b);
    if (rc == SLA_ENOSPC) {
        if (!(g = malloc(ng * sizeof *g)))
            goto oom;
        rc = sla_continuity_gaps(g, ng, &ng, t, n, interval + grace, a, b);
    }
    if (rc == SLA_ENOMEM)
        goto oom;
    for (i = 0; i < ng; i++) {
        if (g[i].end - g[i].start > longest)
            longest = g[i].end - g[i].start;
        if (finding(c, "monitoring", "", "no probe sample", g[i].start,
                    g[i].end))
            goto oom;
    }
    if (!(r = row(c, "monitoring", a == b ? "-" : ng ? "MISSED" : "met",
                  (int64_t)ng, "breaches")))
        goto oom;
    format_length(x, sizeof x, longest);
    for (i = 0, inside = 0; i < n; i++)
        inside += t[i] >= a && t[i] < b;
    if (a == b)
        snprintf(r->figure, sizeof r->figure, "nothing to watch in the span");
    else if (ng)
        snprintf(r->figure, sizeof r->figure, "%zu gap%s, longest %s", ng,
                 ng == 1 ? "" : "s", x);
    else
        snprintf(r->figure, sizeof r->figure, "no gaps in %zu samples",
                 inside);
    format_length(x, sizeof x, interval);
    format_length(y, sizeof y, grace);
    snprintf(r->target, sizeof r->target, grace ? "a probe every %s (+%s)"
                                                : "a probe every %s",
             x, y);
    rc = 0;
    goto done;
oom:
    rc = no_memory();
done:
    free(g);
    free(t);
    sla_probes_free(p);
    return rc;
}

/* ---- backups ------------------------------------------------------------ */

/* "full, off-site, tag monthly" for a row's name; "" for every backup. */
static void scope_words(char *buf, size_t size,
                        const struct sla_backup_scope *s)
{
    static const char *const words[] = {"full", "differential",
                                        "incremental", "on-site",
                                        "off-site"};
    size_t n = 0;
    int k;
    buf[0] = '\0';
    for (k = 0; k < 5; k++)
        if ((k < 3 ? s->kinds >> k : s->locations >> (k - 3)) & 1u)
            n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
                                  n ? ", " : "", words[k]);
    if (s->tags && n < size)
        snprintf(buf + n, size - n, "%stag %s", n ? ", " : "", s->tags);
    utf8_trim(buf);
}

static int backup_rows(struct checks *c, const struct checks_input *in)
{
    static const char *const every[] = {"day", "week", "month", "quarter",
                                        "year"};
    const struct sla_zone *z = sla_service_zone(in->svc);
    struct sla_catalog *cat = NULL;
    struct sla_error err;
    int64_t *t = NULL, end = in->to < in->now ? in->to : in->now, start;
    char *text = NULL, item[64], sw[64], a[40], b[40], when[SLA_RFC3339_SIZE];
    size_t len, n, k, i, nc = sla_service_backup_check_count(in->svc);
    int rc;
    if (!nc) {
        fprintf(stderr, "sla: %s: the service promises nothing about "
                        "backups to check the catalog against (add "
                        "[backups] generations = 7 or the like)\n",
                in->catalog);
        return EXIT_FAILURE;
    }
    if ((rc = read_file(in->catalog, &text, &len)))
        return rc;
    rc = sla_catalog_parse_csv(&cat, text, len, &err);
    free(text);
    if (rc)
        return parse_error(in->catalog, &err);
    n = sla_catalog_count(cat);
    start = in->from;
    {
        int64_t s0;
        if (!sla_service_start(in->svc, &s0) && s0 > start)
            start = s0;
        if (start > end)
            start = end;
    }
    if (!(t = malloc((n + 1) * sizeof *t)))
        goto oom;
    for (k = 0; k < nc; k++) {
        struct sla_backup_check ck;
        struct check_row *r;
        sla_service_backup_check(in->svc, k, &ck);
        scope_words(sw, sizeof sw, &ck.scope);
        switch (ck.type) {
        case SLA_BACKUP_CHECK_GENERATIONS: {
            size_t have = 0;
            for (i = 0; i < n; i++) {
                struct sla_backup x;
                sla_catalog_get(cat, i, &x);
                have += sla_catalog_restorable(cat, i) == 1 &&
                        x.completed <= end &&
                        sla_catalog_in_scope(cat, i, &ck.scope) == 1;
            }
            snprintf(item, sizeof item, "backup generations%s%s%s",
                     sw[0] ? " (" : "", sw, sw[0] ? ")" : "");
            if (!(r = row(c, item, have >= (size_t)ck.count ? "met" : "MISSED",
                          (int64_t)have, "count")))
                goto oom;
            format_bound(when, sizeof when, z, end, 1);
            snprintf(r->figure, sizeof r->figure, "%zu restorable at the end",
                     have);
            snprintf(r->target, sizeof r->target, "at least %d",
                     (int)ck.count);
            break;
        }
        case SLA_BACKUP_CHECK_RETENTION: {
            size_t oldest = SIZE_MAX;
            int64_t short_ms = 1;
            struct sla_backup x, o;
            for (i = 0; i < n; i++) {
                sla_catalog_get(cat, i, &x);
                if (sla_catalog_restorable(cat, i) == 1 &&
                    x.completed <= end &&
                    sla_catalog_in_scope(cat, i, &ck.scope) == 1 &&
                    (oldest == SIZE_MAX || x.captured < o.captured)) {
                    oldest = i;
                    o = x;
                }
            }
            /* old enough: the age counted forward from it reaches the
             * end, as a notice period would */
            if (oldest != SIZE_MAX &&
                sla_notice_check(&short_ms, z, o.captured, end, ck.months,
                                 ck.ms))
                short_ms = 1;
            snprintf(item, sizeof item, "backup retention%s%s%s",
                     sw[0] ? " (" : "", sw, sw[0] ? ")" : "");
            if (!(r = row(c, item, short_ms ? "MISSED" : "met",
                          oldest == SIZE_MAX ? 0 : end - o.captured, "ms")))
                goto oom;
            if (oldest == SIZE_MAX) {
                snprintf(r->figure, sizeof r->figure, "no restore point");
            } else {
                format_bound(when, sizeof when, z, o.captured, 1);
                format_length(a, sizeof a, end - o.captured);
                snprintf(r->figure, sizeof r->figure, "oldest %s, %s old",
                         sla_catalog_id(cat, oldest), a);
            }
            format_length(b, sizeof b, ck.ms);
            if (ck.months)
                snprintf(r->target, sizeof r->target, "kept %d month%s",
                         (int)ck.months, ck.months == 1 ? "" : "s");
            else
                snprintf(r->target, sizeof r->target, "kept %s", b);
            break;
        }
        case SLA_BACKUP_CHECK_CADENCE: {
            struct sla_interval *miss = NULL;
            size_t nt = 0, nmiss = 0, periods = 0, m;
            for (i = 0; i < n; i++) {
                struct sla_backup x;
                sla_catalog_get(cat, i, &x);
                if (sla_catalog_restorable(cat, i) == 1 &&
                    sla_catalog_in_scope(cat, i, &ck.scope) == 1)
                    t[nt++] = x.captured;
            }
            if ((rc = judge_cadence(in, z, ck.unit, t, nt, &miss, &nmiss,
                                    &periods)))
                goto fail;
            for (m = 0; m < nmiss; m++) {
                char what[96];
                snprintf(what, sizeof what, "no restorable %s%sbackup in "
                                            "the %s",
                         sw, sw[0] ? " " : "", every[ck.unit]);
                if (finding(c, "backup cadence", "", what, miss[m].start,
                            miss[m].end)) {
                    free(miss);
                    goto oom;
                }
            }
            free(miss);
            snprintf(item, sizeof item, "backups every %s%s%s%s",
                     every[ck.unit], sw[0] ? " (" : "", sw, sw[0] ? ")" : "");
            if (!(r = row(c, item, !periods ? "-" : nmiss ? "MISSED" : "met",
                          (int64_t)nmiss, "breaches")))
                goto oom;
            snprintf(r->figure, sizeof r->figure, "%zu of %zu %s%s",
                     periods - nmiss, periods, every[ck.unit],
                     periods == 1 ? "" : "s");
            snprintf(r->target, sizeof r->target, "one every %s",
                     every[ck.unit]);
            break;
        }
        case SLA_BACKUP_CHECK_ENCRYPTED: {
            size_t all = 0, bad = 0;
            for (i = 0; i < n; i++) {
                struct sla_backup x;
                sla_catalog_get(cat, i, &x);
                if (x.status != SLA_BACKUP_OK || x.captured < start ||
                    x.captured >= end ||
                    sla_catalog_in_scope(cat, i, &ck.scope) != 1)
                    continue;
                all++;
                if (!x.encrypted) {
                    bad++;
                    if (finding(c, "backup encryption",
                                sla_catalog_id(cat, i), "not encrypted",
                                x.captured, x.completed))
                        goto oom;
                }
            }
            snprintf(item, sizeof item, "backup encryption%s%s%s",
                     sw[0] ? " (" : "", sw, sw[0] ? ")" : "");
            if (!(r = row(c, item, !all ? "-" : bad ? "MISSED" : "met",
                          (int64_t)bad, "breaches")))
                goto oom;
            snprintf(r->figure, sizeof r->figure, "%zu of %zu encrypted",
                     all - bad, all);
            snprintf(r->target, sizeof r->target, "every copy");
            break;
        }
        default: {
            struct sla_rpo rp;
            if ((rc = sla_catalog_rpo(&rp, cat, &ck.scope, start, end,
                                      ck.ms)))
                goto fail;
            snprintf(item, sizeof item, "achieved RPO%s%s%s",
                     sw[0] ? " (" : "", sw, sw[0] ? ")" : "");
            if (!(r = row(c, item,
                          start == end ? "-"
                          : rp.uncovered_ms || rp.worst_ms > ck.ms
                              ? "MISSED"
                              : "met",
                          rp.worst_ms, "ms")))
                goto oom;
            format_length(a, sizeof a, rp.worst_ms);
            format_length(b, sizeof b, rp.uncovered_ms);
            if (rp.uncovered_ms)
                snprintf(r->figure, sizeof r->figure,
                         "%s; no restore point for %s", a, b);
            else
                snprintf(r->figure, sizeof r->figure, "%s", a);
            format_length(a, sizeof a, ck.ms);
            snprintf(r->target, sizeof r->target, "at most %s", a);
            if (rp.worst_ms > ck.ms &&
                finding(c, "achieved RPO", "", "worst data loss",
                        rp.worst_at - rp.worst_ms, rp.worst_at))
                goto oom;
            break;
        }
        }
    }
    rc = 0;
    goto done;
oom:
    rc = no_memory();
    goto done;
fail:
    fprintf(stderr, "sla: %s: %s\n", in->catalog, sla_strerror(rc));
    rc = EXIT_FAILURE;
done:
    free(t);
    sla_catalog_free(cat);
    return rc;
}

int checks_collect(struct checks *c, const struct checks_input *in)
{
    int rc = 0;
    memset(c, 0, sizeof *c);
    if (in->incidents && (rc = incident_rows(c, in)))
        return rc;
    if (in->announcements && (rc = notice_rows(c, in)))
        return rc;
    if (in->events && (rc = cadence_rows(c, in)))
        return rc;
    if (in->probes && (rc = monitoring_row(c, in)))
        return rc;
    if (in->catalog && (rc = backup_rows(c, in)))
        return rc;
    return 0;
}

void checks_free(struct checks *c)
{
    size_t i;
    for (i = 0; i < c->nfound; i++)
        free(c->found[i].id);
    free(c->rows);
    free(c->found);
    memset(c, 0, sizeof *c);
}

void checks_print(const struct checks *c, const struct sla_zone *z,
                  int format, const char *title)
{
    size_t i, w[3] = {4, 6, 6};
    if (format == CHECKS_JSON) {
        printf(" \"checks\":[\n");
        for (i = 0; i < c->nrows; i++) {
            const struct check_row *r = &c->rows[i];
            printf("  {\"item\":");
            json_string(r->item);
            printf(",\"figure\":");
            json_string(r->figure);
            printf(",\"target\":");
            json_string(r->target);
            printf(",\"verdict\":\"%s\",\"value\":%lld,\"unit\":\"%s\"}%s\n",
                   r->verdict, (long long)r->value, r->unit,
                   i + 1 < c->nrows ? "," : "");
        }
        printf(" ],\n \"findings\":[\n");
        for (i = 0; i < c->nfound; i++) {
            const struct check_finding *f = &c->found[i];
            char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE];
            format_bound(a, sizeof a, z, f->start, 1);
            format_bound(b, sizeof b, z, f->end, 1);
            printf("  {\"item\":");
            json_string(f->item);
            printf(",\"id\":");
            json_string(f->id);
            printf(",\"what\":");
            json_string(f->what);
            printf(",\"start\":\"%s\",\"end\":\"%s\",\"length_ms\":%lld}%s\n",
                   a, b, (long long)(f->end - f->start),
                   i + 1 < c->nfound ? "," : "");
        }
        printf(" ]\n");
        return;
    }
    if (format == CHECKS_MARKDOWN) {
        printf("%s\n\n| item | figure | target | verdict |\n"
               "|---|---|---|---|\n",
               title);
        for (i = 0; i < c->nrows; i++)
            printf("| %s | %s | %s | %s |\n", c->rows[i].item,
                   c->rows[i].figure, c->rows[i].target, c->rows[i].verdict);
    } else {
        for (i = 0; i < c->nrows; i++) {
            size_t a = strlen(c->rows[i].item), b = strlen(c->rows[i].figure),
                   d = strlen(c->rows[i].target);
            w[0] = a > w[0] ? a : w[0];
            w[1] = b > w[1] ? b : w[1];
            w[2] = d > w[2] ? d : w[2];
        }
        printf("%s\n\n%-*s  %-*s  %-*s  verdict\n", title, (int)w[0], "item",
               (int)w[1], "figure", (int)w[2], "target");
        for (i = 0; i < c->nrows; i++)
            printf("%-*s  %-*s  %-*s  %s\n", (int)w[0], c->rows[i].item,
                   (int)w[1], c->rows[i].figure, (int)w[2], c->rows[i].target,
                   c->rows[i].verdict);
    }
    if (c->nfound)
        printf("\nFindings:\n\n");
    for (i = 0; i < c->nfound; i++) {
        const struct check_finding *f = &c->found[i];
        char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE], l[64];
        format_bound(a, sizeof a, z, f->start, 1);
        format_bound(b, sizeof b, z, f->end, 1);
        format_length(l, sizeof l, f->end - f->start);
        printf("%s%s: %s%s%s, %s to %s (%s)\n",
               format == CHECKS_MARKDOWN ? "- " : "  ", f->item, f->id,
               f->id[0] ? " " : "", f->what, a, b, l);
    }
}
