/* SPDX-License-Identifier: MIT */
/* sla: the command-line face of libsla. It parses arguments, calls the
 * library and prints; every number comes from the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sla.h>

#include "cli.h"

static const char usage_text[] =
    "usage: sla <command> [options]\n"
    "\n"
    "commands:\n"
    "  version                      print the tool's and the library's version\n"
    "  budget --target PCT --span DURATION [--start RFC3339] [--json]\n"
    "                               downtime a target allows over a span,\n"
    "                               e.g. sla budget --target 99.99 --span P30D\n"
    "  tz to-local --zone ZONE [INSTANT...]\n"
    "                               RFC 3339 instants as local time in a zone\n"
    "  tz to-utc --zone ZONE [--disambiguation compatible|earlier|later|reject]\n"
    "            [LOCAL...]         local date-times in a zone as UTC instants\n"
    "  tz transitions --zone ZONE --from RFC3339 --to RFC3339\n"
    "                               the zone's changes of offset in a span\n"
    "                               (tz commands read standard input, one per\n"
    "                               line, when given no values; --tzdir DIR\n"
    "                               sets the zone directory)\n"
    "  periods --zone ZONE --unit day|week|month|quarter|year\n"
    "          --from RFC3339 --to RFC3339 [--local] [--json]\n"
    "                               calendar periods in a zone meeting a span\n"
    "  windows --zone ZONE --start LOCAL [--rule RRULE]\n"
    "          [--end-time HH:MM | --duration PT2H] [--exdate LOCAL|DATE]...\n"
    "          --from DATE|RFC3339 --to DATE|RFC3339 [--clamp] [--skip-gaps]\n"
    "          [--disambiguation MODE] [--local] [--json]\n"
    "                               the windows of a recurring schedule\n"
    "  windows --ics FILE [--zone ZONE] --from DATE|RFC3339 --to DATE|RFC3339\n"
    "          [--clamp] [--skip-gaps] [--disambiguation MODE] [--local] [--json]\n"
    "                               the windows of an iCalendar file's events\n"
    "                               (FILE - is standard input; --zone is the\n"
    "                               zone of floating times and of the output)\n"
    "  report --service FILE [--outages FILE] [--probes FILE]\n"
    "         [--incidents CSV] [--announcements CSV] [--events CSV]\n"
    "         [--catalog CSV]\n"
    "         --period YYYY|YYYY-MM|YYYY-MM-DD | --from DATE|RFC3339 --to ...\n"
    "         | --rolling P30D --now RFC3339\n"
    "         [--by day|week|month|quarter|year] [--now DATE|RFC3339]\n"
    "         [--format text|json|csv|markdown] [--evidence]\n"
    "                               a service's availability, period by\n"
    "                               period, with budgets and credits\n"
    "  incidents --file CSV --from DATE|RFC3339 --to DATE|RFC3339 [--zone Z]\n"
    "            [--rto PT4H] [--long P1D] [--notify PT1H] [--updates PT30M]\n"
    "            [--json]           MTTR, MTBF, RTO and the notification and\n"
    "                               update deadlines of the incidents\n"
    "  obligations --service FILE [--announcements CSV] [--events CSV]\n"
    "              [--probes CSV] --period YYYY|YYYY-MM | --from ... --to ...\n"
    "              [--now DATE|RFC3339] [--json]\n"
    "                               notice periods, cadences and monitoring\n"
    "                               gaps against the service file's promises\n"
    "  backup plan --catalog CSV [--zone Z] [--now T] RULE... [--restic-0.14]\n"
    "              [--json]         keep or prune every backup, with reasons;\n"
    "                               RULE: --keep-generations N, --keep-cycles N,\n"
    "                               --keep-within P6M (from now) or 1y6m\n"
    "                               (restic's, from the newest), --keep-last,\n"
    "                               -hourly, -daily, -weekly, -monthly, -yearly\n"
    "                               N, --keep-within-daily 7d (and hourly ...\n"
    "                               yearly), --keep-tag a,b, --pin ID; a value\n"
    "                               may end ':SCOPE' (full, off-site, tag=T,\n"
    "                               each-location, ...)\n"
    "  backup rpo --catalog CSV --from DATE|RFC3339 --to ... [--target PT24H]\n"
    "             [--scope SCOPE] [--zone Z] [--json]\n"
    "                               the worst data loss the catalog allowed\n"
    "  backup restore-chain --catalog CSV --at DATE|RFC3339 [--zone Z] [--json]\n"
    "                               what to restore, in order, for an instant\n"
    "  help                         print this text\n";

static int cmd_version(void)
{
    printf("sla %s (libsla %s)\n", SLA_VERSION_STRING, sla_version_string());
    return EXIT_SUCCESS;
}

static int cmd_budget(int argc, char **argv)
{
    const char *target_text = NULL, *span_text = NULL, *start_text = NULL;
    int json = 0, i, rc;
    int32_t ppm;
    int64_t span_ms, allowed, start = 0, end = 0, offset = 0;
    struct sla_duration span;
    struct sla_error err;
    char pct[SLA_PERCENT_SIZE], secs[32], human[64];
    char from[SLA_RFC3339_SIZE], to[SLA_RFC3339_SIZE];

    for (i = 2; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--target")))
            target_text = v;
        else if ((v = option_value(argc, argv, &i, "--span")))
            span_text = v;
        else if ((v = option_value(argc, argv, &i, "--start")))
            start_text = v;
        else if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else
            return usage_error("budget: unknown or incomplete option",
                               argv[i]);
    }
    if (!target_text)
        return usage_error("budget: --target is required, e.g. 99.99", NULL);
    if (!span_text)
        return usage_error("budget: --span is required, e.g. P30D", NULL);
    if (sla_ppm_parse_percent(&ppm, target_text, strlen(target_text), &err))
        return parse_failed("--target", target_text, &err);
    if (sla_duration_parse(&span, span_text, strlen(span_text), &err))
        return parse_failed("--span", span_text, &err);
    if (start_text) {
        if (sla_rfc3339_parse(&start, &offset, start_text, strlen(start_text),
                              &err))
            return parse_failed("--start", start_text, &err);
        rc = sla_time_add_duration(&end, start, &span, offset);
        if (rc == 0)
            rc = sla_time_sub(&span_ms, end, start);
    } else {
        rc = sla_duration_to_ms(&span_ms, &span);
        if (rc == SLA_EINVAL) {
            fprintf(stderr, "sla: --span '%s' has calendar years or months, "
                            "whose length depends on where they start: "
                            "give --start too\n", span_text);
            return EXIT_FAILURE;
        }
    }
    if (rc == 0 && span_ms < 0)
        rc = SLA_EINVAL;
    if (rc == 0)
        rc = sla_budget_compute(&allowed, span_ms, ppm);
    if (rc) {
        fprintf(stderr, "sla: --span '%s': %s\n", span_text,
                rc == SLA_EINVAL ? "expected a span that is not negative"
                                 : sla_strerror(rc));
        return EXIT_FAILURE;
    }
    sla_ppm_format_percent(pct, sizeof pct, ppm);
    sla_time_format_seconds(secs, sizeof secs, allowed);
    sla_time_format_human(human, sizeof human, allowed);
    if (start_text) {
        /* Echo the start's own style: Z stays Z, an offset stays. */
        size_t n = strlen(start_text);
        int zulu = start_text[n - 1] == 'Z' || start_text[n - 1] == 'z';
        if ((zulu ? sla_rfc3339_format(from, sizeof from, start)
                  : sla_rfc3339_format_offset(from, sizeof from, start,
                                              offset)) < 0 ||
            (zulu ? sla_rfc3339_format(to, sizeof to, end)
                  : sla_rfc3339_format_offset(to, sizeof to, end, offset)) < 0) {
            fprintf(stderr, "sla: --start '%s': the span ends after year "
                            "9999\n", start_text);
            return EXIT_FAILURE;
        }
    }
    if (json) {
        printf("{\"target_percent\":\"%s\",\"target_ppm\":%ld,"
               "\"span\":\"%s\",",
               pct, (long)ppm, span_text);
        if (start_text)
            printf("\"start\":\"%s\",\"end\":\"%s\",", from, to);
        printf("\"span_ms\":%lld,\"allowed_downtime_ms\":%lld}\n",
               (long long)span_ms, (long long)allowed);
    } else {
        char span_secs[32];
        sla_time_format_seconds(span_secs, sizeof span_secs, span_ms);
        printf("target            %s%% (%ld ppm)\n", pct, (long)ppm);
        if (start_text)
            printf("span              %s from %s to %s = %s s\n", span_text,
                   from, to, span_secs);
        else
            printf("span              %s = %s s\n", span_text, span_secs);
        printf("allowed downtime  %s s (%s)\n", secs, human);
    }
    return EXIT_SUCCESS;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("a command is required", NULL);
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0)
        return cmd_version();
    if (strcmp(argv[1], "budget") == 0)
        return cmd_budget(argc, argv);
    if (strcmp(argv[1], "tz") == 0)
        return sla_cli_tz(argc, argv);
    if (strcmp(argv[1], "periods") == 0)
        return sla_cli_periods(argc, argv);
    if (strcmp(argv[1], "windows") == 0)
        return sla_cli_windows(argc, argv);
    if (strcmp(argv[1], "report") == 0)
        return sla_cli_report(argc, argv);
    if (strcmp(argv[1], "incidents") == 0)
        return sla_cli_incidents(argc, argv);
    if (strcmp(argv[1], "obligations") == 0)
        return sla_cli_obligations(argc, argv);
    if (strcmp(argv[1], "backup") == 0)
        return sla_cli_backup(argc, argv);
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_SUCCESS;
    }
    return usage_error("unknown command", argv[1]);
}

int main(int argc, char **argv)
{
    int rc = run(argc, argv);
    /* A full disk or closed pipe must not look like success. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "sla: cannot write the output\n");
        return EXIT_FAILURE;
    }
    return rc;
}
