/* SPDX-License-Identifier: MIT */
/* sla incidents: MTTR, RTO and the notification and update deadlines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* An exact duration option (no years or months). */
static int exact(int64_t *out, const char *opt, const char *s)
{
    struct sla_duration d;
    struct sla_error err;
    if (sla_duration_parse(&d, s, strlen(s), &err))
        return parse_failed(opt, s, &err);
    if (sla_duration_to_ms(out, &d) || *out <= 0)
        return usage_error("incidents: durations must be positive and exact "
                           "(no years or months), not", s);
    return 0;
}

int sla_cli_incidents(int argc, char **argv)
{
    const char *file = NULL, *from_s = NULL, *to_s = NULL, *zone_s = "UTC";
    const char *tzdir = NULL;
    int64_t rto = 4 * SLA_MS_PER_HOUR, lng = SLA_MS_PER_DAY;
    int64_t notify = SLA_MS_PER_HOUR, cadence = 30 * SLA_MS_PER_MINUTE;
    int64_t from, to;
    struct sla_incident_list *list = NULL;
    struct sla_incident_stats st;
    const struct sla_incident *x;
    struct sla_zone *zone = NULL;
    struct sla_error err;
    size_t n = 0, i;
    char *text = NULL;
    size_t len;
    int json = 0, rc, first = 1;

    for (i = 2; i < (size_t)argc; i++) {
        const char *v;
        int k = (int)i;
        if ((v = option_value(argc, argv, &k, "--file"))) file = v;
        else if ((v = option_value(argc, argv, &k, "--from"))) from_s = v;
        else if ((v = option_value(argc, argv, &k, "--to"))) to_s = v;
        else if ((v = option_value(argc, argv, &k, "--zone"))) zone_s = v;
        else if ((v = option_value(argc, argv, &k, "--tzdir"))) tzdir = v;
        else if ((v = option_value(argc, argv, &k, "--rto"))) {
            if ((rc = exact(&rto, "--rto", v)))
                return rc;
        } else if ((v = option_value(argc, argv, &k, "--long"))) {
            if ((rc = exact(&lng, "--long", v)))
                return rc;
        } else if ((v = option_value(argc, argv, &k, "--notify"))) {
            if ((rc = exact(&notify, "--notify", v)))
                return rc;
        } else if ((v = option_value(argc, argv, &k, "--updates"))) {
            if ((rc = exact(&cadence, "--updates", v)))
                return rc;
        } else if (!strcmp(argv[k], "--json"))
            json = 1;
        else
            return usage_error("incidents: unknown or incomplete option",
                               argv[i]);
        i = (size_t)k;
    }
    if (!file || !from_s || !to_s)
        return usage_error("incidents: --file, --from and --to are required",
                           NULL);
    if ((rc = sla_zone_open(&zone, zone_s, tzdir, &err))) {
        fprintf(stderr, "sla: --zone '%s': %s\n", zone_s, err.message);
        return EXIT_FAILURE;
    }
    rc = EXIT_FAILURE;
    if ((rc = parse_span(&from, &to, from_s, to_s, zone, "incidents")))
        goto out;
    if ((rc = read_file(file, &text, &len)))
        goto out;
    if (sla_incidents_parse_csv(&list, text, len, &err)) {
        fprintf(stderr, "sla: %s:%d:%d: %s\n", file, (int)err.line,
                (int)err.column, err.message);
        rc = EXIT_FAILURE;
        goto out;
    }
    x = sla_incident_list_items(list, &n);
    if ((rc = sla_incidents_stats(&st, x, n, from, to, rto, lng, &err))) {
        fprintf(stderr, "sla: incidents: %s\n", sla_strerror(rc));
        rc = EXIT_FAILURE;
        goto out;
    }
    if (json) {
        printf("{\"count\":%lld,\"mttr_ms\":%lld,\"mean_repair_ms\":%lld,"
               "\"mean_resolve_ms\":%lld,\"mttd_ms\":%lld,\"mtta_ms\":%lld,"
               "\"mtbf_ms\":%lld,\"median_ms\":%lld,\"p90_ms\":%lld,"
               "\"max_ms\":%lld,\"long_count\":%lld,\"rto_ms\":%lld,"
               "\"rto_met\":%lld,\"implied_availability_percent\":%.6f,\n"
               " \"incidents\":[",
               (long long)st.count, (long long)st.mttr_ms,
               (long long)st.mean_repair_ms, (long long)st.mean_resolve_ms,
               (long long)st.mttd_ms, (long long)st.mtta_ms,
               (long long)st.mtbf_ms, (long long)st.median_ms,
               (long long)st.p90_ms, (long long)st.max_ms,
               (long long)st.long_count, (long long)rto,
               (long long)st.rto_met, st.implied_availability * 100);
    } else {
        char a[64], b[64], c[64], d[64];
        format_length(a, sizeof a, st.mttr_ms);
        format_length(b, sizeof b, st.mtbf_ms);
        format_length(c, sizeof c, st.median_ms);
        format_length(d, sizeof d, st.max_ms);
        printf("incidents started        %lld\n", (long long)st.count);
        printf("MTTR (recovered-started) %s\n", a);
        printf("MTBF                     %s\n", b);
        printf("implied availability     %.4f%%\n",
               st.implied_availability * 100);
        printf("median / longest         %s / %s\n", c, d);
        printf("recovered within RTO     %lld of %lld\n", (long long)st.rto_met,
               (long long)st.count);
        printf("took a day or more       %lld\n", (long long)st.long_count);
    }
    for (i = 0; i < n; i++) {
        struct sla_interval gaps[16];
        size_t ng = 0, g;
        int64_t late = 0;
        if (x[i].started < from || x[i].started >= to)
            continue;
        sla_incident_notification(&late, &x[i], notify);
        rc = sla_incident_update_gaps(gaps, 16, &ng, &x[i], cadence);
        if (!late && !ng && !json)
            continue;
        if (json) {
            printf("%s\n  {\"id\":", first ? "" : ",");
            json_string(sla_incident_list_id(list, i));
            printf(",\"recovery_ms\":%lld,\"notification_late_ms\":%lld,"
                   "\"update_gaps\":[",
                   (long long)(x[i].recovered - x[i].started),
                   (long long)late);
            for (g = 0; g < ng && g < 16; g++)
                printf("%s[%lld,%lld]", g ? "," : "",
                       (long long)gaps[g].start, (long long)gaps[g].end);
            printf("]}");
        } else {
            const char *id = sla_incident_list_id(list, i);
            char l[40];
            format_length(l, sizeof l, late);
            if (late)
                printf("%s: first notification %s late\n", id[0] ? id : "?",
                       l);
            for (g = 0; g < ng && g < 16; g++) {
                char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE];
                format_bound(a, sizeof a, zone, gaps[g].start, 1);
                format_bound(b, sizeof b, zone, gaps[g].end, 1);
                format_length(l, sizeof l, gaps[g].end - gaps[g].start);
                printf("%s: no update from %s to %s (%s)\n", id[0] ? id : "?",
                       a, b, l);
            }
        }
        first = 0;
    }
    if (json)
        printf("%s]}\n", first ? "" : "\n ");
    rc = EXIT_SUCCESS;
out:
    free(text);
    sla_incident_list_free(list);
    sla_zone_unref(zone);
    return rc;
}
