/* SPDX-License-Identifier: MIT */
/* sla periods: the calendar periods of a unit in a zone that meet a span. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int sla_cli_periods(int argc, char **argv)
{
    const char *zone_spec = NULL, *tzdir = NULL, *unit_s = NULL;
    const char *from_s = NULL, *to_s = NULL;
    int json = 0, local = 0, i, unit, rc, n = 0;
    int64_t from, to, t;
    struct sla_zone *zone;
    struct sla_error err;
    for (i = 2; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--zone")))
            zone_spec = v;
        else if ((v = option_value(argc, argv, &i, "--tzdir")))
            tzdir = v;
        else if ((v = option_value(argc, argv, &i, "--unit")))
            unit_s = v;
        else if ((v = option_value(argc, argv, &i, "--from")))
            from_s = v;
        else if ((v = option_value(argc, argv, &i, "--to")))
            to_s = v;
        else if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--local") == 0)
            local = 1;
        else
            return usage_error("periods: unknown or incomplete option",
                               argv[i]);
    }
    if (!zone_spec || !unit_s || !from_s || !to_s)
        return usage_error("periods: --zone, --unit, --from and --to are "
                           "required", NULL);
    unit = period_unit_of(unit_s);
    if (unit < 0)
        return usage_error("periods: --unit must be day, week, month, "
                           "quarter or year, not", unit_s);
    if (sla_rfc3339_parse(&from, NULL, from_s, strlen(from_s), &err))
        return parse_failed("--from", from_s, &err);
    if (sla_rfc3339_parse(&to, NULL, to_s, strlen(to_s), &err))
        return parse_failed("--to", to_s, &err);
    rc = sla_zone_open(&zone, zone_spec, tzdir, &err);
    if (rc) {
        fprintf(stderr, "sla: --zone '%s': %s\n", zone_spec,
                rc == SLA_ENOMEM ? sla_strerror(rc) : err.message);
        return EXIT_FAILURE;
    }
    if (json)
        printf("[");
    /* Every period that meets [from, to), in order. */
    for (t = from; t < to;) {
        struct sla_interval p;
        char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE];
        if (sla_period_at(&p, zone, unit, t) ||
            format_bound(a, sizeof a, zone, p.start, local) < 0 ||
            format_bound(b, sizeof b, zone, p.end, local) < 0) {
            fprintf(stderr, "sla: a period is outside years 0000-9999\n");
            sla_zone_unref(zone);
            return EXIT_FAILURE;
        }
        if (json)
            printf("%s\n {\"start\":\"%s\",\"end\":\"%s\",\"start_ms\":%lld,"
                   "\"end_ms\":%lld,\"length_ms\":%lld}",
                   n ? "," : "", a, b, (long long)p.start, (long long)p.end,
                   (long long)(p.end - p.start));
        else
            printf("%s/%s\n", a, b);
        n++;
        t = p.end;
    }
    if (json)
        printf("%s]\n", n ? "\n" : "");
    sla_zone_unref(zone);
    return EXIT_SUCCESS;
}
