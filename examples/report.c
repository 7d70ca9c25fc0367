/* SPDX-License-Identifier: MIT */
/* sla report: a service's availability figures, period by period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cli.h"

enum format { F_TEXT, F_JSON, F_CSV, F_MARKDOWN };

struct row {
    char label[32];
    struct sla_figures f;
};

/* A period's name from its local start: 2025-09, 2025-Q3, 2025-W37... */
static void label_of(char *buf, size_t size, const struct sla_zone *z,
                     int unit, int64_t start, int64_t end, int whole)
{
    struct sla_civil c;
    sla_zone_to_civil(&c, NULL, z, start);
    if (!whole) {
        char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE];
        struct sla_civil e;
        sla_zone_to_civil(&e, NULL, z, end);
        sla_civil_format(a, sizeof a, &c);
        sla_civil_format(b, sizeof b, &e);
        snprintf(buf, size, "%.10s..%.10s", a, b);
        return;
    }
    switch (unit) {
    case SLA_PERIOD_YEAR: snprintf(buf, size, "%04d", (int)c.year); break;
    case SLA_PERIOD_QUARTER:
        snprintf(buf, size, "%04d-Q%d", (int)c.year, (int)(c.month + 2) / 3);
        break;
    case SLA_PERIOD_MONTH:
        snprintf(buf, size, "%04d-%02d", (int)c.year, (int)c.month);
        break;
    default:
        snprintf(buf, size, "%04d-%02d-%02d", (int)c.year, (int)c.month,
                 (int)c.day);
        break;
    }
}

/* Milliseconds as seconds with three decimals, exactly. */
static void secs(char *buf, size_t size, int64_t ms)
{
    const char *sign = ms < 0 ? "-" : "";
    uint64_t a = ms < 0 ? (uint64_t)0 - (uint64_t)ms : (uint64_t)ms;
    snprintf(buf, size, "%s%llu.%03u", sign, (unsigned long long)(a / 1000),
             (unsigned)(a % 1000));
}

static void pct(char *buf, size_t size, const struct sla_figures *f)
{
    if (!f->applicable)
        snprintf(buf, size, "n/a");
    else
        snprintf(buf, size, "%.6f", f->availability * 100);
}

static const char *verdict(const struct sla_figures *f)
{
    return f->met < 0 ? "n/a" : f->met ? "met" : "MISSED";
}

static void print_json_row(const struct row *r, int last)
{
    const struct sla_figures *f = &r->f;
    char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE], p[32], c[SLA_PERCENT_SIZE];
    sla_rfc3339_format(a, sizeof a, f->from);
    sla_rfc3339_format(b, sizeof b, f->to);
    sla_ppm_format_percent(c, sizeof c, f->credit_ppm);
    printf("  {\"period\":");
    json_string(r->label);
    printf(",\"from\":\"%s\",\"to\":\"%s\",\"from_ms\":%lld,\"to_ms\":%lld,"
           "\"span_ms\":%lld,\"outside_ms\":%lld,\"maintenance_ms\":%lld,"
           "\"excluded_ms\":%lld,\"nodata_ms\":%lld,\"planned_ms\":%lld,"
           "\"downtime_ms\":%lld,\"budget_ms\":%lld,\"remaining_ms\":%lld,",
           a, b, (long long)f->from, (long long)f->to, (long long)f->span_ms,
           (long long)f->outside_ms, (long long)f->maintenance_ms,
           (long long)f->excluded_ms, (long long)f->nodata_ms,
           (long long)f->planned_ms, (long long)f->downtime_ms,
           (long long)f->budget_ms, (long long)f->remaining_ms);
    if (f->applicable) {
        pct(p, sizeof p, f);
        printf("\"availability_percent\":%s,\"met\":%s,", p,
               f->met ? "true" : "false");
    } else {
        printf("\"availability_percent\":null,\"met\":null,");
    }
    printf("\"credit_percent\":%s,\"planned_to_date_ms\":%lld,"
           "\"downtime_to_date_ms\":%lld,\"allowed_now_ms\":%lld,"
           "\"burn_rate\":%.6f}%s\n",
           c, (long long)f->planned_to_date_ms,
           (long long)f->downtime_to_date_ms, (long long)f->allowed_now_ms,
           f->burn_rate, last ? "" : ",");
}

static const char *source_name(const struct sla_evidence *e, size_t nout)
{
    switch (e->source) {
    case SLA_EVIDENCE_OUTAGE:
        return (size_t)e->index < nout ? "outage" : "probes";
    case SLA_EVIDENCE_MAINTENANCE: return "maintenance";
    case SLA_EVIDENCE_EXCLUSION: return "exclusion";
    default: return "no-data";
    }
}

/* Probe samples: their confirmed failures join the outages (as full
 * ones), their gaps become no data. They speak only for the time from
 * their first sample to what their last one vouches for. */
static int add_probes(const char *path, const struct sla_service *svc,
                      int64_t from, int64_t to,
                      const struct sla_outage *records, size_t nrecords,
                      struct sla_outage **outages, size_t *nout,
                      struct sla_intervals **nodata)
{
    struct sla_probe *p = NULL;
    struct sla_intervals *down = NULL;
    struct sla_error err;
    const struct sla_interval *v;
    int64_t interval, grace, lo = INT64_MAX, hi = INT64_MIN;
    int32_t confirm;
    size_t n = 0, count, i;
    char *text;
    size_t len;
    int rc;
    if ((rc = read_file(path, &text, &len)))
        return rc;
    rc = sla_probes_parse_csv(&p, &n, text, len, &err);
    free(text);
    if (rc) {
        fprintf(stderr, "sla: %s:%d:%d: %s\n", path, (int)err.line,
                (int)err.column, err.message);
        return EXIT_FAILURE;
    }
    sla_service_probes(svc, &interval, &grace, &confirm);
    for (i = 0; i < n; i++) {
        lo = p[i].at < lo ? p[i].at : lo;
        hi = p[i].at > hi ? p[i].at : hi;
    }
    if (n && hi <= INT64_MAX - interval - grace)
        hi += interval + grace;
    if (lo < from)
        lo = from;
    if (hi > to)
        hi = to;
    rc = sla_intervals_new(&down);
    if (!rc)
        rc = sla_intervals_new(nodata);
    if (!rc && n && lo < hi)
        rc = sla_probes_evaluate(down, *nodata, p, n, interval, grace,
                                 confirm, lo, hi);
    if (!rc) {
        struct sla_outage *o;
        v = sla_intervals_view(down, &count);
        o = malloc((nrecords + count + 1) * sizeof *o);
        if (!o) {
            rc = SLA_ENOMEM;
        } else {
            /* The records, then the probes' downtime, in one array the
             * tool owns. */
            if (nrecords)
                memcpy(o, records, nrecords * sizeof *o);
            *outages = o;
            *nout = nrecords;
            for (i = 0; i < count; i++) {
                memset(&o[*nout], 0, sizeof o[*nout]);
                o[*nout].start = v[i].start;
                o[*nout].end = v[i].end;
                o[*nout].kind = SLA_OUTAGE_FULL;
                (*nout)++;
            }
        }
    }
    sla_intervals_free(down);
    sla_probes_free(p);
    if (rc) {
        fprintf(stderr, "sla: %s: %s\n", path, sla_strerror(rc));
        return EXIT_FAILURE;
    }
    return 0;
}

int sla_cli_report(int argc, char **argv)
{
    const char *service_path = NULL, *outages_path = NULL, *period = NULL;
    const char *from_s = NULL, *to_s = NULL, *by = NULL, *format_s = "text";
    const char *tzdir = NULL, *now_s = NULL, *probes_path = NULL;
    const char *rolling = NULL;
    struct sla_intervals *nodata = NULL;
    struct sla_service *svc = NULL;
    struct sla_outage *outages = NULL, *all = NULL;
    size_t nout = 0, nall = 0, nrows = 0, i;
    struct row *rows = NULL, total;
    struct sla_burn_rule rules[SLA_BURN_DEFAULT_RULES];
    struct sla_burn_alert alerts[SLA_BURN_DEFAULT_RULES];
    struct sla_error err;
    const struct sla_zone *z;
    char *text = NULL;
    struct checks_input in;
    struct checks checks;
    int has_checks;
    size_t len;
    int64_t from = 0, to = 0, now = INT64_MAX;
    int rc = EXIT_FAILURE, unit = -1, format, whole_unit = -1, evidence = 0;
    struct sla_evidence *ev = NULL;
    size_t nev = 0;

    memset(&in, 0, sizeof in);
    memset(&checks, 0, sizeof checks);
    for (i = 2; i < (size_t)argc; i++) {
        const char *v;
        int k = (int)i;
        if ((v = option_value(argc, argv, &k, "--service"))) service_path = v;
        else if ((v = option_value(argc, argv, &k, "--outages"))) outages_path = v;
        else if ((v = option_value(argc, argv, &k, "--period"))) period = v;
        else if ((v = option_value(argc, argv, &k, "--from"))) from_s = v;
        else if ((v = option_value(argc, argv, &k, "--to"))) to_s = v;
        else if ((v = option_value(argc, argv, &k, "--by"))) by = v;
        else if ((v = option_value(argc, argv, &k, "--format"))) format_s = v;
        else if ((v = option_value(argc, argv, &k, "--tzdir"))) tzdir = v;
        else if ((v = option_value(argc, argv, &k, "--now"))) now_s = v;
        else if ((v = option_value(argc, argv, &k, "--probes"))) probes_path = v;
        else if ((v = option_value(argc, argv, &k, "--rolling"))) rolling = v;
        else if ((v = option_value(argc, argv, &k, "--incidents")))
            in.incidents = v;
        else if ((v = option_value(argc, argv, &k, "--announcements")))
            in.announcements = v;
        else if ((v = option_value(argc, argv, &k, "--events"))) in.events = v;
        else if ((v = option_value(argc, argv, &k, "--catalog")))
            in.catalog = v;
        else if (!strcmp(argv[k], "--evidence")) evidence = 1;
        else
            return usage_error("report: unknown or incomplete option",
                               argv[i]);
        i = (size_t)k;
    }
    format = !strcmp(format_s, "text")       ? F_TEXT
             : !strcmp(format_s, "json")     ? F_JSON
             : !strcmp(format_s, "csv")      ? F_CSV
             : !strcmp(format_s, "markdown") ? F_MARKDOWN
                                             : -1;
    if (format < 0)
        return usage_error("report: --format must be text, json, csv or "
                           "markdown, not", format_s);
    if (!service_path)
        return usage_error("report: --service is required", NULL);
    has_checks = in.incidents || in.announcements || in.events || in.catalog;
    if (has_checks && format == F_CSV)
        return usage_error("report: --format csv holds the availability "
                           "table only; the check rows of --incidents, "
                           "--announcements, --events and --catalog need "
                           "text, markdown or json", NULL);
    if ((period != NULL) + (from_s || to_s) + (rolling != NULL) != 1 ||
        ((from_s || to_s) && !(from_s && to_s)))
        return usage_error("report: give --period, --from and --to, or "
                           "--rolling", NULL);
    if (rolling && !now_s)
        return usage_error("report: --rolling needs --now (the window ends "
                           "there)", NULL);
    if (by && (unit = period_unit_of(by)) < 0)
        return usage_error("report: --by must be day, week, month, quarter "
                           "or year, not", by);

    if ((rc = load_service(&svc, service_path, tzdir)))
        return rc;
    z = sla_service_zone(svc);
    if (outages_path) {
        if ((rc = read_file(outages_path, &text, &len)))
            goto out;
        rc = sla_outages_parse_csv(&outages, &nout, text, len, &err);
        if (rc) {
            fprintf(stderr, "sla: %s:%d:%d: %s\n", outages_path,
                    (int)err.line, (int)err.column, err.message);
            rc = EXIT_FAILURE;
            goto out;
        }
    }
    /* The span: a named period (2025, 2025-09, 2025-09-14) or bounds. */
    if (period) {
        if ((whole_unit = period_span(period, z, &from, &to)) < 0) {
            rc = usage_error("report: --period must be YYYY, YYYY-MM or "
                             "YYYY-MM-DD, not", period);
            goto out;
        }
    } else if (rolling) {
        /* The window of an exact length that ends at --now. */
        struct sla_duration d;
        int64_t width;
        if (parse_bound(&to, now_s, z, &err)) {
            rc = parse_failed("--now", now_s, &err);
            goto out;
        }
        if (sla_duration_parse(&d, rolling, strlen(rolling), &err)) {
            rc = parse_failed("--rolling", rolling, &err);
            goto out;
        }
        if (sla_duration_to_ms(&width, &d) || width <= 0 ||
            to < INT64_MIN + width) {
            rc = usage_error("report: --rolling must be a positive exact "
                             "length (days, hours; no months), not",
                             rolling);
            goto out;
        }
        from = to - width;
    } else {
        if ((rc = parse_span(&from, &to, from_s, to_s, z, "report")))
            goto out;
    }
    /* Say which record needs a weight the service file does not give. */
    for (i = 0; i < nout; i++) {
        int32_t w;
        if (outages[i].kind != SLA_OUTAGE_FULL &&
            sla_service_weight(svc, outages[i].kind, &w) == SLA_ENOTFOUND) {
            const char *k = outages[i].kind == SLA_OUTAGE_PARTIAL ? "partial"
                                                                  : "degraded";
            fprintf(stderr, "sla: %s: outage record %zu is %s, but %s gives "
                            "%s outages no weight (add [weights] %s = ...)\n",
                    outages_path, i + 1, k, service_path, k, k);
            rc = EXIT_FAILURE;
            goto out;
        }
    }
    if (probes_path) {
        if ((rc = add_probes(probes_path, svc, from, to, outages, nout, &all,
                             &nall, &nodata)))
            goto out;
    } else {
        all = outages;
        nall = nout;
    }
    if (now_s && parse_bound(&now, now_s, z, &err)) {
        rc = parse_failed("--now", now_s, &err);
        goto out;
    }
    /* One row per period of --by, clipped to the span. */
    if (unit >= 0) {
        int64_t t = from;
        while (t < to) {
            struct sla_interval iv;
            struct row *r;
            if (sla_period_at(&iv, z, unit, t)) {
                fprintf(stderr, "sla: report: %s\n",
                        sla_strerror(SLA_EOVERFLOW));
                rc = EXIT_FAILURE;
                goto out;
            }
            r = realloc(rows, (nrows + 1) * sizeof *rows);
            if (!r) {
                fprintf(stderr, "sla: report: %s\n", sla_strerror(SLA_ENOMEM));
                rc = EXIT_FAILURE;
                goto out;
            }
            rows = r;
            r = &rows[nrows++];
            iv.start = iv.start > from ? iv.start : from;
            iv.end = iv.end < to ? iv.end : to;
            label_of(r->label, sizeof r->label, z, unit, iv.start, iv.end,
                     1);
            if ((rc = sla_service_compute(&r->f, svc, all, nall, nodata,
                                          iv.start, iv.end, now))) {
                fprintf(stderr, "sla: report: %s\n", sla_strerror(rc));
                rc = EXIT_FAILURE;
                goto out;
            }
            t = iv.end;
        }
    }
    label_of(total.label, sizeof total.label, z,
             whole_unit >= 0 ? whole_unit : 0, from, to, whole_unit >= 0);
    if ((rc = sla_service_compute(&total.f, svc, all, nall, nodata, from,
                                  to, now))) {
        fprintf(stderr, "sla: report: %s\n", sla_strerror(rc));
        rc = EXIT_FAILURE;
        goto out;
    }

    if (evidence) {
        rc = sla_service_evidence(NULL, 0, &nev, svc, all, nall, nodata, from,
                                  to);
        if (rc == SLA_ENOSPC && !(ev = malloc(nev * sizeof *ev)))
            rc = SLA_ENOMEM;
        if (rc == SLA_ENOSPC)
            rc = sla_service_evidence(ev, nev, &nev, svc, all, nall, nodata,
                                      from, to);
        if (rc) {
            fprintf(stderr, "sla: report: %s\n", sla_strerror(rc));
            rc = EXIT_FAILURE;
            goto out;
        }
    }
    if (now_s) {
        sla_burn_default_rules(rules);
        if ((rc = sla_service_burn_alerts(alerts, svc, rules,
                                          SLA_BURN_DEFAULT_RULES, all, nall,
                                          nodata, now))) {
            fprintf(stderr, "sla: report: %s\n", sla_strerror(rc));
            rc = EXIT_FAILURE;
            goto out;
        }
    }
    /* The check sheet's other rows, over the whole span. */
    if (format != F_CSV) {
        in.svc = svc;
        in.probes = probes_path;
        in.from = from;
        in.to = to;
        in.now = now;
        if ((rc = checks_collect(&checks, &in)))
            goto out;
        has_checks = checks.nrows > 0;
    }
    if (format == F_JSON) {
        char t[SLA_PERCENT_SIZE];
        sla_ppm_format_percent(t, sizeof t, total.f.target_ppm);
        printf("{\"service\":");
        json_string(sla_service_name(svc));
        printf(",\"zone\":");
        json_string(sla_zone_name(z));
        printf(",\"target_percent\":%s,\"target_ppm\":%d,\n \"periods\":[%s",
               t, (int)total.f.target_ppm, nrows ? "\n" : "");
        for (i = 0; i < nrows; i++)
            print_json_row(&rows[i], i + 1 == nrows);
        printf(" ],\n \"total\":\n");
        print_json_row(&total, !now_s && !evidence && !has_checks);
        if (evidence) {
            printf(" \"evidence\":[\n");
            for (i = 0; i < nev; i++) {
                char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE];
                sla_rfc3339_format(a, sizeof a, ev[i].start);
                sla_rfc3339_format(b, sizeof b, ev[i].end);
                printf("  {\"source\":\"%s\",\"index\":%d,\"start\":\"%s\","
                       "\"end\":\"%s\",\"counted_ms\":%lld}%s\n",
                       source_name(&ev[i], nout), (int)ev[i].index, a, b,
                       (long long)ev[i].counted_ms,
                       i + 1 < nev ? "," : "");
            }
            printf(" ]%s\n", now_s || has_checks ? "," : "");
        }
        if (now_s) {
            printf(" \"alerts\":[\n");
            for (i = 0; i < SLA_BURN_DEFAULT_RULES; i++)
                printf("  {\"factor\":%.1f,\"long_ms\":%lld,\"short_ms\":"
                       "%lld,\"long_rate\":%.3f,\"short_rate\":%.3f,"
                       "\"fired\":%s,\"can_fire\":%s}%s\n",
                       alerts[i].rule.factor_milli / 1000.0,
                       (long long)alerts[i].rule.long_ms,
                       (long long)alerts[i].rule.short_ms,
                       alerts[i].long_rate, alerts[i].short_rate,
                       alerts[i].fired ? "true" : "false",
                       alerts[i].can_fire ? "true" : "false",
                       i + 1 < SLA_BURN_DEFAULT_RULES ? "," : "");
            printf(" ]%s\n", has_checks ? "," : "");
        }
        if (has_checks)
            checks_print(&checks, z, CHECKS_JSON, NULL);
        printf("}\n");
    } else {
        static const char *const head[] = {
            "period", "planned (s)", "maintenance (s)", "excluded (s)",
            "downtime (s)", "availability (%)", "verdict", "budget (s)",
            "remaining (s)", "credit (%)"};
        int width[] = {6, 13, 15, 12, 12, 16, 7, 10, 13, 10};
        char t[SLA_PERCENT_SIZE];
        size_t k, nh = sizeof head / sizeof *head;
        sla_ppm_format_percent(t, sizeof t, total.f.target_ppm);
        for (i = 0; i <= nrows; i++) {
            size_t w = strlen(i < nrows ? rows[i].label : total.label) +
                       (i == nrows && nrows ? 8 : 0);
            if ((int)w > width[0])
                width[0] = (int)w;
        }
        if (format == F_TEXT) {
            printf("%s (%s), target %s%%\n\n", sla_service_name(svc)[0]
                                                   ? sla_service_name(svc)
                                                   : "service",
                   sla_zone_name(z), t);
        }
        for (k = 0; k < nh; k++) {
            if (format == F_CSV)
                printf("%s%s", k ? "," : "", head[k]);
            else if (format == F_MARKDOWN)
                printf("| %s ", head[k]);
            else
                printf("%s%-*s", k ? "  " : "", width[k], head[k]);
        }
        printf("%s\n", format == F_MARKDOWN ? "|" : "");
        if (format == F_MARKDOWN) {
            for (k = 0; k < nh; k++)
                printf("|%s", k ? "---:" : "---");
            printf("|\n");
        }
        for (i = 0; i <= nrows; i++) {
            const struct row *r = i < nrows ? &rows[i] : &total;
            char cell[10][48];
            if (i == nrows && nrows && format == F_TEXT)
                printf("\n");
            snprintf(cell[0], sizeof cell[0], "%s%s", r->label,
                     i == nrows && nrows && format != F_CSV ? " (total)" : "");
            secs(cell[1], sizeof cell[1], r->f.planned_ms);
            secs(cell[2], sizeof cell[2], r->f.maintenance_ms);
            secs(cell[3], sizeof cell[3], r->f.excluded_ms);
            secs(cell[4], sizeof cell[4], r->f.downtime_ms);
            pct(cell[5], sizeof cell[5], &r->f);
            snprintf(cell[6], sizeof cell[6], "%s", verdict(&r->f));
            secs(cell[7], sizeof cell[7], r->f.budget_ms);
            secs(cell[8], sizeof cell[8], r->f.remaining_ms);
            sla_ppm_format_percent(cell[9], sizeof cell[9], r->f.credit_ppm);
            for (k = 0; k < nh; k++) {
                if (format == F_CSV)
                    printf("%s%s", k ? "," : "", cell[k]);
                else if (format == F_MARKDOWN)
                    printf("| %s ", cell[k]);
                else if (k == 0)
                    printf("%-*s", width[k], cell[k]);
                else
                    printf("  %*s", width[k], cell[k]);
            }
            printf("%s\n", format == F_MARKDOWN ? "|" : "");
        }
    }
    if (now_s && format != F_JSON && format != F_CSV && total.f.applicable) {
        char d[48], w[48];
        secs(d, sizeof d, total.f.downtime_to_date_ms);
        secs(w, sizeof w, total.f.allowed_now_ms < 0
                              ? -total.f.allowed_now_ms
                              : total.f.allowed_now_ms);
        printf("\nAs of %s: downtime so far %s s; %s %s s%s; burn rate "
               "%.2f.\n",
               now_s, d,
               total.f.allowed_now_ms < 0 ? "the target is already missed by"
                                          : "the span can take",
               w, total.f.allowed_now_ms < 0 ? "" : " more and meet its target",
               total.f.burn_rate);
        for (i = 0; i < SLA_BURN_DEFAULT_RULES; i++) {
            const struct sla_burn_alert *a = &alerts[i];
            printf("Burn alert %.1fx over %lld min and %lld min: %.2fx and "
                   "%.2fx, %s\n",
                   a->rule.factor_milli / 1000.0,
                   (long long)(a->rule.long_ms / SLA_MS_PER_MINUTE),
                   (long long)(a->rule.short_ms / SLA_MS_PER_MINUTE),
                   a->long_rate, a->short_rate,
                   !a->can_fire ? "can never fire at this target"
                   : a->fired   ? "FIRING"
                                : "quiet");
        }
    }
    if (evidence && format != F_JSON) {
        printf("\nEvidence for %s (outages by their record number in the "
               "file, from 1):\n", total.label);
        for (i = 0; i < nev; i++) {
            char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE], c[48];
            sla_rfc3339_format(a, sizeof a, ev[i].start);
            sla_rfc3339_format(b, sizeof b, ev[i].end);
            secs(c, sizeof c, ev[i].counted_ms);
            printf("  %-11s %4d  %s/%s  %s s\n",
                   source_name(&ev[i], nout),
                   ev[i].source == SLA_EVIDENCE_OUTAGE &&
                           (size_t)ev[i].index >= nout
                       ? (int)((size_t)ev[i].index - nout) + 1
                       : (int)ev[i].index + 1,
                   a, b, c);
        }
    }
    if (has_checks && format != F_JSON) {
        char title[96];
        snprintf(title, sizeof title, "%sCheck sheet, %s",
                 format == F_MARKDOWN ? "### " : "", total.label);
        printf("\n");
        checks_print(&checks, z,
                     format == F_MARKDOWN ? CHECKS_MARKDOWN : CHECKS_TEXT,
                     title);
    }
    rc = EXIT_SUCCESS;
out:
    checks_free(&checks);
    free(ev);
    free(text);
    free(rows);
    if (all != outages)
        free(all);
    sla_outages_free(outages);
    sla_intervals_free(nodata);
    sla_service_free(svc);
    return rc;
}
