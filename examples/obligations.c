/* SPDX-License-Identifier: MIT */
/* sla obligations: notice periods, cadences and monitoring continuity
 * against what the service file promises. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cli.h"

int sla_cli_obligations(int argc, char **argv)
{
    const char *service_path = NULL, *period = NULL, *from_s = NULL;
    const char *to_s = NULL, *now_s = NULL, *tzdir = NULL;
    struct checks_input in;
    struct checks c;
    struct sla_service *svc = NULL;
    struct sla_error err;
    const struct sla_zone *z;
    char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE], title[128];
    int json = 0, rc, i;

    memset(&in, 0, sizeof in);
    memset(&c, 0, sizeof c);
    in.now = INT64_MAX;
    for (i = 2; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--service"))) service_path = v;
        else if ((v = option_value(argc, argv, &i, "--announcements")))
            in.announcements = v;
        else if ((v = option_value(argc, argv, &i, "--events"))) in.events = v;
        else if ((v = option_value(argc, argv, &i, "--probes"))) in.probes = v;
        else if ((v = option_value(argc, argv, &i, "--period"))) period = v;
        else if ((v = option_value(argc, argv, &i, "--from"))) from_s = v;
        else if ((v = option_value(argc, argv, &i, "--to"))) to_s = v;
        else if ((v = option_value(argc, argv, &i, "--now"))) now_s = v;
        else if ((v = option_value(argc, argv, &i, "--tzdir"))) tzdir = v;
        else if (!strcmp(argv[i], "--json")) json = 1;
        else
            return usage_error("obligations: unknown or incomplete option",
                               argv[i]);
    }
    if (!service_path)
        return usage_error("obligations: --service is required", NULL);
    if (!in.announcements && !in.events && !in.probes)
        return usage_error("obligations: give --announcements, --events or "
                           "--probes (or several)", NULL);
    if ((period != NULL) == (from_s || to_s) ||
        ((from_s || to_s) && !(from_s && to_s)))
        return usage_error("obligations: give --period, or --from and --to",
                           NULL);
    if ((rc = load_service(&svc, service_path, tzdir)))
        return rc;
    in.svc = svc;
    z = sla_service_zone(svc);
    rc = EXIT_FAILURE;
    if (period) {
        if (period_span(period, z, &in.from, &in.to) < 0) {
            rc = usage_error("obligations: --period must be YYYY, YYYY-MM or "
                             "YYYY-MM-DD, not", period);
            goto out;
        }
    } else {
        if ((rc = parse_span(&in.from, &in.to, from_s, to_s, z, "obligations")))
            goto out;
    }
    if (now_s && parse_bound(&in.now, now_s, z, &err)) {
        rc = parse_failed("--now", now_s, &err);
        goto out;
    }
    if ((rc = checks_collect(&c, &in)))
        goto out;
    format_bound(a, sizeof a, z, in.from, 1);
    format_bound(b, sizeof b, z, in.to, 1);
    if (json) {
        printf("{\"service\":");
        json_string(sla_service_name(svc));
        printf(",\"zone\":");
        json_string(sla_zone_name(z));
        printf(",\"from\":\"%s\",\"to\":\"%s\",\n", a, b);
        checks_print(&c, z, CHECKS_JSON, NULL);
        printf("}\n");
    } else {
        snprintf(title, sizeof title, "Obligations of %s, %s to %s",
                 sla_service_name(svc)[0] ? sla_service_name(svc)
                                          : "the service",
                 a, b);
        checks_print(&c, z, CHECKS_TEXT, title);
    }
    rc = EXIT_SUCCESS;
out:
    checks_free(&c);
    sla_service_free(svc);
    return rc;
}
