/* SPDX-License-Identifier: MIT */
/* sla windows: the windows of a recurring schedule in a span. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_EXDATES 256

/* A local date-time, seconds optional (2020-01-01T02:00). */
static int parse_local(struct sla_civil *out, const char *s,
                       struct sla_error *err)
{
    char buf[32];
    size_t n = strlen(s);
    if (n == 16 && n + 3 < sizeof buf) {
        memcpy(buf, s, n);
        memcpy(buf + n, ":00", 4);
        return sla_civil_parse(out, buf, n + 3, err);
    }
    return sla_civil_parse(out, s, n, err);
}

struct win_opts {
    const char *zone, *tzdir, *rule, *start, *end_time, *duration, *from, *to,
        *mode, *ics;
    const char *exdates[MAX_EXDATES];
    int nex, local, json, clamp, skip;
};

static int build(const struct win_opts *o, struct sla_zone **zone,
                 struct sla_schedule **out)
{
    struct sla_error err;
    struct sla_civil start;
    struct sla_rrule *rule = NULL;
    int rc, i;
    int32_t mode = SLA_DISAMBIGUATE_COMPATIBLE;
    if (parse_local(&start, o->start, &err))
        return parse_failed("--start", o->start, &err);
    if (o->rule && (rc = sla_rrule_parse(&rule, o->rule, strlen(o->rule),
                                         &err)))
        return parse_failed("--rule", o->rule, &err);
    if (o->mode) {
        if (!strcmp(o->mode, "earlier"))
            mode = SLA_DISAMBIGUATE_EARLIER;
        else if (!strcmp(o->mode, "later"))
            mode = SLA_DISAMBIGUATE_LATER;
        else if (strcmp(o->mode, "compatible")) {
            sla_rrule_free(rule);
            return usage_error("windows: --disambiguation must be "
                               "compatible, earlier or later, not", o->mode);
        }
    }
    rc = sla_zone_open(zone, o->zone, o->tzdir, &err);
    if (rc) {
        sla_rrule_free(rule);
        fprintf(stderr, "sla: --zone '%s': %s\n", o->zone,
                rc == SLA_ENOMEM ? sla_strerror(rc) : err.message);
        return EXIT_FAILURE;
    }
    rc = sla_schedule_new(out, *zone, &start, rule);
    sla_rrule_free(rule);
    if (rc) {
        fprintf(stderr, "sla: %s\n", sla_strerror(rc));
        return EXIT_FAILURE;
    }
    sla_schedule_set_options(*out, mode, (o->clamp ? SLA_SCHEDULE_CLAMP : 0) |
                                             (o->skip ? SLA_SCHEDULE_SKIP_GAPS : 0));
    if (o->end_time) {
        struct sla_civil t;
        char buf[32];
        snprintf(buf, sizeof buf, "2000-01-01T%s%s", o->end_time,
                 strlen(o->end_time) == 5 ? ":00" : "");
        if (sla_civil_parse(&t, buf, strlen(buf), &err) || t.millisecond)
            return usage_error("windows: --end-time must be HH:MM or "
                               "HH:MM:SS, not", o->end_time);
        sla_schedule_set_end_time(*out, t.hour, t.minute, t.second);
    } else if (o->duration) {
        struct sla_duration d;
        int64_t ms;
        if (sla_duration_parse(&d, o->duration, strlen(o->duration), &err))
            return parse_failed("--duration", o->duration, &err);
        if (sla_duration_to_ms(&ms, &d) || ms <= 0 ||
            sla_schedule_set_duration(*out, ms))
            return usage_error("windows: --duration must be a positive "
                               "exact length (no years or months), not",
                               o->duration);
    }
    for (i = 0; i < o->nex; i++) {
        struct sla_civil c;
        struct sla_date d;
        int whole = strlen(o->exdates[i]) == 10;
        if (whole) {
            if (sla_date_parse(&d, o->exdates[i], 10, &err))
                return parse_failed("--exdate", o->exdates[i], &err);
            memset(&c, 0, sizeof c);
            c.year = d.year;
            c.month = d.month;
            c.day = d.day;
        } else if (parse_local(&c, o->exdates[i], &err)) {
            return parse_failed("--exdate", o->exdates[i], &err);
        }
        if (sla_schedule_add_exdate(*out, &c, whole))
            return EXIT_FAILURE;
    }
    return 0;
}

static int32_t mode_of(const char *m)
{
    return !m || !strcmp(m, "compatible") ? SLA_DISAMBIGUATE_COMPATIBLE
           : !strcmp(m, "earlier")        ? SLA_DISAMBIGUATE_EARLIER
           : !strcmp(m, "later")          ? SLA_DISAMBIGUATE_LATER
                                          : -1;
}

/* The schedules of an iCalendar file; floating times are in --zone. */
static int build_ics(const struct win_opts *o, struct sla_zone **zone,
                     struct sla_ics **out)
{
    struct sla_error err;
    char *text;
    size_t len;
    int rc;
    if (mode_of(o->mode) < 0)
        return usage_error("windows: --disambiguation must be compatible, "
                           "earlier or later, not", o->mode);
    rc = sla_zone_open(zone, o->zone ? o->zone : "UTC", o->tzdir, &err);
    if (rc) {
        fprintf(stderr, "sla: --zone '%s': %s\n", o->zone ? o->zone : "UTC",
                rc == SLA_ENOMEM ? sla_strerror(rc) : err.message);
        return EXIT_FAILURE;
    }
    if ((rc = read_file(o->ics, &text, &len)))
        return rc;
    rc = sla_ics_parse(out, text, len, o->zone ? *zone : NULL, o->tzdir, &err);
    free(text);
    if (rc) {
        if (rc == SLA_ENOMEM)
            fprintf(stderr, "sla: %s: %s\n", o->ics, sla_strerror(rc));
        else
            fprintf(stderr, "sla: %s:%d:%d: %s\n", o->ics, (int)err.line,
                    (int)err.column, err.message);
        return EXIT_FAILURE;
    }
    sla_ics_set_options(*out, mode_of(o->mode),
                        (o->clamp ? SLA_SCHEDULE_CLAMP : 0) |
                            (o->skip ? SLA_SCHEDULE_SKIP_GAPS : 0));
    return 0;
}

static void print_flags(int32_t flags, int json)
{
    static const struct {
        int32_t bit;
        const char *name;
    } names[] = {{SLA_WINDOW_DST_LENGTH, "dst-length"},
                 {SLA_WINDOW_SHIFTED, "shifted"},
                 {SLA_WINDOW_ONE_OFF, "one-off"}};
    size_t i;
    int first = 1;
    for (i = 0; i < 3; i++)
        if (flags & names[i].bit) {
            if (json)
                printf("%s\"%s\"", first ? "" : ",", names[i].name);
            else
                printf(" %s", names[i].name);
            first = 0;
        }
}

int sla_cli_windows(int argc, char **argv)
{
    struct win_opts o;
    struct sla_zone *zone = NULL;
    struct sla_schedule *sched = NULL;
    struct sla_ics *ics = NULL;
    struct sla_schedule_iter **its = NULL;
    struct sla_window *next = NULL, w;
    int *has = NULL;
    size_t nsrc, k;
    struct sla_error err;
    int64_t from, to;
    int i, rc, n = 0;
    memset(&o, 0, sizeof o);
    for (i = 2; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--zone"))) o.zone = v;
        else if ((v = option_value(argc, argv, &i, "--tzdir"))) o.tzdir = v;
        else if ((v = option_value(argc, argv, &i, "--rule"))) o.rule = v;
        else if ((v = option_value(argc, argv, &i, "--start"))) o.start = v;
        else if ((v = option_value(argc, argv, &i, "--end-time"))) o.end_time = v;
        else if ((v = option_value(argc, argv, &i, "--duration"))) o.duration = v;
        else if ((v = option_value(argc, argv, &i, "--from"))) o.from = v;
        else if ((v = option_value(argc, argv, &i, "--to"))) o.to = v;
        else if ((v = option_value(argc, argv, &i, "--disambiguation"))) o.mode = v;
        else if ((v = option_value(argc, argv, &i, "--ics"))) o.ics = v;
        else if ((v = option_value(argc, argv, &i, "--exdate"))) {
            if (o.nex == MAX_EXDATES)
                return usage_error("windows: too many --exdate options", NULL);
            o.exdates[o.nex++] = v;
        } else if (!strcmp(argv[i], "--local")) o.local = 1;
        else if (!strcmp(argv[i], "--json")) o.json = 1;
        else if (!strcmp(argv[i], "--clamp")) o.clamp = 1;
        else if (!strcmp(argv[i], "--skip-gaps")) o.skip = 1;
        else
            return usage_error("windows: unknown or incomplete option", argv[i]);
    }
    if (o.ics && (o.start || o.rule || o.end_time || o.duration || o.nex))
        return usage_error("windows: --ics takes the schedule from the file; "
                           "give no --start, --rule, --end-time, --duration "
                           "or --exdate with it", NULL);
    if (!o.ics && (!o.zone || !o.start))
        return usage_error("windows: --zone and --start (or --ics) are "
                           "required", NULL);
    if (!o.from || !o.to)
        return usage_error("windows: --from and --to are required", NULL);
    if (o.end_time && o.duration)
        return usage_error("windows: give --end-time or --duration, not both",
                           NULL);
    if ((rc = o.ics ? build_ics(&o, &zone, &ics) : build(&o, &zone, &sched)))
        goto out;
    nsrc = ics ? sla_ics_count(ics) : 1;
    if (parse_bound(&from, o.from, zone, &err)) {
        rc = parse_failed("--from", o.from, &err);
        goto out;
    }
    if (parse_bound(&to, o.to, zone, &err)) {
        rc = parse_failed("--to", o.to, &err);
        goto out;
    }
    if (from > to) {
        rc = usage_error("windows: --from must not be after --to", NULL);
        goto out;
    }
    its = calloc(nsrc ? nsrc : 1, sizeof *its);
    next = calloc(nsrc ? nsrc : 1, sizeof *next);
    has = calloc(nsrc ? nsrc : 1, sizeof *has);
    if (!its || !next || !has) {
        fprintf(stderr, "sla: windows: %s\n", sla_strerror(SLA_ENOMEM));
        rc = EXIT_FAILURE;
        goto out;
    }
    for (k = 0; k < nsrc; k++) {
        rc = sla_schedule_iter_new(&its[k], ics ? sla_ics_schedule(ics, k)
                                                : sched, from, to);
        if (rc == 0 && (rc = sla_schedule_iter_next(&next[k], its[k])) == 0)
            has[k] = 1;
        if (rc && rc != SLA_ENOTFOUND) {
            fprintf(stderr, "sla: windows: %s\n", sla_strerror(rc));
            rc = EXIT_FAILURE;
            goto out;
        }
    }
    if (o.json)
        printf("[");
    for (;;) {
        char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE], l[SLA_RFC3339_SIZE];
        size_t best = nsrc;
        /* The earliest pending window of all the schedules. */
        for (k = 0; k < nsrc; k++)
            if (has[k] && (best == nsrc || next[k].start < next[best].start))
                best = k;
        if (best == nsrc) {
            rc = SLA_ENOTFOUND;
            break;
        }
        w = next[best];
        rc = sla_schedule_iter_next(&next[best], its[best]);
        has[best] = rc == 0;
        if (rc && rc != SLA_ENOTFOUND)
            break;
        if (format_bound(a, sizeof a, zone, w.start, o.local) < 0 ||
            format_bound(b, sizeof b, zone, w.end, o.local) < 0 ||
            sla_civil_format(l, sizeof l, &w.local) < 0) {
            rc = SLA_ERANGE;
            break;
        }
        if (o.json) {
            printf("%s\n {\"start\":\"%s\",\"end\":\"%s\",\"start_ms\":%lld,"
                   "\"end_ms\":%lld,\"local_start\":\"%s\",\"flags\":[",
                   n ? "," : "", a, b, (long long)w.start, (long long)w.end, l);
            print_flags(w.flags, 1);
            printf("]");
            if (ics) {
                printf(",\"uid\":");
                json_string(sla_ics_uid(ics, best));
                printf(",\"summary\":");
                json_string(sla_ics_summary(ics, best));
            }
            printf("}");
        } else {
            printf("%s/%s", a, b);
            print_flags(w.flags, 0);
            printf("\n");
        }
        n++;
    }
    if (o.json)
        printf("%s]\n", n ? "\n" : "");
    if (rc != SLA_ENOTFOUND) {
        fprintf(stderr, "sla: windows: %s\n", sla_strerror(rc));
        rc = EXIT_FAILURE;
    } else {
        rc = EXIT_SUCCESS;
    }
out:
    for (k = 0; its && k < nsrc; k++)
        sla_schedule_iter_free(its[k]);
    free(its);
    free(next);
    free(has);
    sla_ics_free(ics);
    sla_schedule_free(sched);
    sla_zone_unref(zone);
    return rc;
}
