/* SPDX-License-Identifier: MIT */
/* sla backup plan | rpo | restore-chain: the books of a backup catalog. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char *const kind_names[] = {"full", "differential",
                                         "incremental"};
static const char *const location_names[] = {"on-site", "off-site"};

static int load_catalog(struct sla_catalog **out, const char *path)
{
    struct sla_error err;
    char *text;
    size_t len;
    int rc;
    if ((rc = read_file(path, &text, &len)))
        return rc;
    rc = sla_catalog_parse_csv(out, text, len, &err);
    free(text);
    if (rc) {
        fprintf(stderr, "sla: %s:%d:%d: %s\n", path, (int)err.line,
                (int)err.column, err.message);
        return EXIT_FAILURE;
    }
    return 0;
}

/* A scope after a rule's value: "full,off-site,tag=monthly,each-location"
 * (tags kept in tags). */
static int parse_scope(const char *s, struct sla_backup_scope *scope,
                       int32_t *per_location, char *tags, size_t size)
{
    return sla_backup_scope_parse(scope, tags, size, per_location, s,
                                  strlen(s), NULL)
               ? -1
               : 0;
}

/* restic's duration "1y2m3d4h", or an ISO 8601 one (years, months, days,
 * whole hours). */
static int restic_duration(struct sla_keep_rule *k, const char *s)
{
    if (s[0] == 'P') {
        struct sla_duration d;
        if (sla_duration_parse(&d, s, strlen(s), NULL) || d.ms < 0 ||
            d.ms % SLA_MS_PER_HOUR || d.years > 100000 || d.months > 1200000 ||
            d.days > 36500000 || d.ms / SLA_MS_PER_HOUR > 876000000)
            return -1;
        k->years = (int32_t)d.years;
        k->months = (int32_t)d.months;
        k->days = (int32_t)d.days;
        k->hours = (int32_t)(d.ms / SLA_MS_PER_HOUR);
        return 0;
    }
    while (*s) {
        long v = 0;
        int digits = 0;
        while (*s >= '0' && *s <= '9' && v < 100000000) {
            v = v * 10 + (*s++ - '0');
            digits++;
        }
        if (!digits)
            return -1;
        switch (*s++) {
        case 'y': k->years = (int32_t)v; break;
        case 'm': k->months = (int32_t)v; break;
        case 'd': k->days = (int32_t)v; break;
        case 'h': k->hours = (int32_t)v; break;
        default: return -1;
        }
    }
    return 0;
}

static const struct {
    const char *flag;
    int32_t type;
} rule_flags[] = {
    {"--keep-generations", SLA_KEEP_GENERATIONS},
    {"--keep-cycles", SLA_KEEP_CYCLES},
    {"--keep-last", SLA_KEEP_LAST},
    {"--keep-hourly", SLA_KEEP_HOURLY},
    {"--keep-daily", SLA_KEEP_DAILY},
    {"--keep-weekly", SLA_KEEP_WEEKLY},
    {"--keep-monthly", SLA_KEEP_MONTHLY},
    {"--keep-yearly", SLA_KEEP_YEARLY},
    {"--keep-within", SLA_KEEP_WITHIN},
    {"--keep-within-hourly", SLA_KEEP_WITHIN_HOURLY},
    {"--keep-within-daily", SLA_KEEP_WITHIN_DAILY},
    {"--keep-within-weekly", SLA_KEEP_WITHIN_WEEKLY},
    {"--keep-within-monthly", SLA_KEEP_WITHIN_MONTHLY},
    {"--keep-within-yearly", SLA_KEEP_WITHIN_YEARLY},
    {"--keep-tag", SLA_KEEP_TAG},
    {"--pin", SLA_KEEP_PIN},
};

/* One rule flag's value: "7", "P6M:full,off-site", "1y6m", "a,b". */
static int add_rule(struct sla_retention *r, const char *flag, int32_t type,
                    const char *value, int *added)
{
    struct sla_keep_rule k;
    char buf[256], tags[256];
    char *colon;
    int rc;
    memset(&k, 0, sizeof k);
    k.type = type;
    if (strlen(value) >= sizeof buf)
        return usage_error("backup plan: value too long", value);
    strcpy(buf, value);
    /* pins and tag lists take no scope: ids and tags may hold ':' */
    colon = type == SLA_KEEP_PIN || type == SLA_KEEP_TAG ? NULL
                                                          : strchr(buf, ':');
    if (colon) {
        *colon = '\0';
        if (parse_scope(colon + 1, &k.scope, &k.per_location, tags,
                        sizeof tags)) {
            fprintf(stderr, "sla: %s %s: the scope after ':' is a list of "
                            "full, differential, incremental, on-site, "
                            "off-site, tag=T and each-location\n",
                    flag, value);
            return EXIT_USAGE;
        }
    }
    if (type == SLA_KEEP_TAG || type == SLA_KEEP_PIN) {
        k.text = buf;
    } else if (type == SLA_KEEP_WITHIN && buf[0] == 'P') {
        /* ISO: an age from now, in calendar months or exact */
        struct sla_duration d;
        struct sla_error err;
        k.type = SLA_KEEP_AGE;
        if (sla_duration_parse(&d, buf, strlen(buf), &err))
            return parse_failed(flag, buf, &err);
        if ((d.years || d.months) && (d.days || d.ms))
            return usage_error("backup plan: --keep-within takes whole "
                               "months (P6M) or an exact length (P30D), not "
                               "both:",
                               buf);
        if (d.years > 10000 || d.months > 120000)
            return usage_error("backup plan: --keep-within is too long:",
                               buf);
        k.months = (int32_t)(d.years * 12 + d.months);
        if (!k.months && sla_duration_to_ms(&k.ms, &d))
            return usage_error("backup plan: --keep-within is too long:",
                               buf);
    } else if (type >= SLA_KEEP_WITHIN) {
        if (restic_duration(&k, buf))
            return usage_error("backup plan: expected a duration such as "
                               "1y6m, 7d or 24h (restic's) for",
                               flag);
        /* restic ignores a zero duration */
        if (!(k.years || k.months || k.days || k.hours))
            return 0;
    } else {
        char *end;
        long v = !strcmp(buf, "unlimited") ? -1 : strtol(buf, &end, 10);
        if (strcmp(buf, "unlimited") &&
            (end == buf || *end || v < -1 || v > 1000000000))
            return usage_error("backup plan: expected a count (or "
                               "unlimited) for",
                               flag);
        /* restic ignores a zero count */
        if (v == 0)
            return 0;
        k.count = (int32_t)v;
    }
    ++*added;
    if ((rc = sla_retention_add(r, &k)) == SLA_EINVAL)
        return usage_error("backup plan: out of range:", value);
    if (rc) {
        fprintf(stderr, "sla: %s\n", sla_strerror(rc));
        return EXIT_FAILURE;
    }
    return 0;
}

static int64_t wall_now(void)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int plan(int argc, char **argv)
{
    const char *catalog_path = NULL, *zone_s = "UTC", *now_s = NULL;
    const char *tzdir = NULL;
    struct sla_zone *zone = NULL;
    struct sla_retention *ret = NULL;
    struct sla_catalog *cat = NULL;
    struct sla_plan *p = NULL;
    struct sla_error err;
    int64_t now;
    int json = 0, restic14 = 0, rc, i, nrules = 0, added = 0;
    size_t n, k, j, kept = 0;
    /* rules wait for the zone: flags in any order */
    const char *vals[64];
    int types[64];
    const char *flags[64];

    for (i = 3; i < argc; i++) {
        const char *v;
        size_t f;
        if ((v = option_value(argc, argv, &i, "--catalog"))) {
            catalog_path = v;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--zone"))) {
            zone_s = v;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--now"))) {
            now_s = v;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--tzdir"))) {
            tzdir = v;
            continue;
        }
        if (!strcmp(argv[i], "--json")) {
            json = 1;
            continue;
        }
        if (!strcmp(argv[i], "--restic-0.14")) {
            restic14 = 1;
            continue;
        }
        for (f = 0; f < sizeof rule_flags / sizeof *rule_flags; f++)
            if ((v = option_value(argc, argv, &i, rule_flags[f].flag)))
                break;
        if (f == sizeof rule_flags / sizeof *rule_flags)
            return usage_error("backup plan: unknown or incomplete option",
                               argv[i]);
        if (nrules == 64)
            return usage_error("backup plan: at most 64 rules", NULL);
        vals[nrules] = v;
        types[nrules] = rule_flags[f].type;
        flags[nrules++] = rule_flags[f].flag;
    }
    if (!catalog_path)
        return usage_error("backup plan: --catalog is required", NULL);
    if (!nrules)
        return usage_error("backup plan: give at least one --keep rule or "
                           "--pin (with none, every backup would be pruned)",
                           NULL);
    if ((rc = sla_zone_open(&zone, zone_s, tzdir, &err))) {
        fprintf(stderr, "sla: --zone '%s': %s\n", zone_s, err.message);
        return EXIT_FAILURE;
    }
    now = wall_now();
    rc = EXIT_FAILURE;
    if (now_s && parse_bound(&now, now_s, zone, &err)) {
        rc = parse_failed("--now", now_s, &err);
        goto out;
    }
    if (sla_retention_new(&ret, zone) ||
        sla_retention_set_restic(ret, restic14 ? SLA_RESTIC_0_14
                                               : SLA_RESTIC_0_17))
        goto out;
    for (i = 0; i < nrules; i++) {
        if (restic14 && types[i] != SLA_KEEP_PIN && types[i] != SLA_KEEP_TAG &&
            (!strncmp(vals[i], "-1", 2) ||
             !strncmp(vals[i], "unlimited", 9))) {
            rc = usage_error("backup plan: restic 0.14 has no -1 ('all') "
                             "for",
                             flags[i]);
            goto out;
        }
        if ((rc = add_rule(ret, flags[i], types[i], vals[i], &added)))
            goto out;
    }
    if (!added) {
        rc = usage_error("backup plan: every rule given is zero, which "
                         "restic ignores; with no rule every backup would "
                         "be pruned",
                         NULL);
        goto out;
    }
    rc = EXIT_FAILURE;
    if (load_catalog(&cat, catalog_path))
        goto out;
    if (sla_retention_plan(&p, ret, cat, now, &err)) {
        fprintf(stderr, "sla: backup plan: %s\n", err.message);
        goto out;
    }
    n = sla_catalog_count(cat);
    for (k = 0; k < n; k++)
        kept += sla_plan_keep(p, k) == 1;
    if (json) {
        char t[SLA_RFC3339_SIZE];
        format_bound(t, sizeof t, zone, now, 1);
        printf("{\"now\":\"%s\",\"kept\":%zu,\"pruned\":%zu,\"backups\":[",
               t, kept, n - kept);
    }
    for (k = 0; k < n; k++) {
        struct sla_backup b;
        char t[SLA_RFC3339_SIZE];
        size_t nr = sla_plan_reason_count(p, k);
        int keep = sla_plan_keep(p, k) == 1, base_shown = 0;
        sla_catalog_get(cat, k, &b);
        format_bound(t, sizeof t, zone, b.captured, 1);
        if (json) {
            printf("%s\n {\"id\":", k ? "," : "");
            json_string(sla_catalog_id(cat, k));
            printf(",\"kind\":\"%s\",\"location\":\"%s\",\"captured\":\"%s\","
                   "\"keep\":%s,\"reasons\":[",
                   kind_names[b.kind], location_names[b.location], t,
                   keep ? "true" : "false");
            for (j = 0; j < nr; j++) {
                struct sla_plan_reason why;
                static const char *const whys[] = {
                    "rule", "base-of", "pending", "failed", "broken",
                    "no-rule"};
                sla_plan_reason(p, k, j, &why);
                printf("%s{\"why\":\"%s\",", j ? "," : "", whys[why.why]);
                if (why.why == SLA_REASON_RULE)
                    printf("\"rule\":%d,", (int)why.rule);
                printf("\"text\":");
                json_string(why.text);
                printf("}");
            }
            printf("]}");
            continue;
        }
        printf("%-5s  %-14s  %-12s  %-8s  %s  ", keep ? "keep" : "prune",
               sla_catalog_id(cat, k), kind_names[b.kind],
               location_names[b.location], t);
        /* "base of A, B, C": the dependents in one reason */
        for (j = 0; j < nr; j++) {
            struct sla_plan_reason why;
            sla_plan_reason(p, k, j, &why);
            if (why.why == SLA_REASON_BASE_OF) {
                printf("%s%s", base_shown ? ", " : j ? "; base of " : "base of ",
                       sla_catalog_id(cat, why.other));
                base_shown = 1;
            } else {
                printf("%s%s", j ? "; " : "", why.text);
            }
        }
        printf("\n");
    }
    if (json)
        printf("\n]}\n");
    else
        printf("\n%zu kept, %zu pruned\n", kept, n - kept);
    rc = EXIT_SUCCESS;
out:
    sla_plan_free(p);
    sla_catalog_free(cat);
    sla_retention_free(ret);
    sla_zone_unref(zone);
    return rc;
}

static int rpo(int argc, char **argv)
{
    const char *catalog_path = NULL, *zone_s = "UTC", *from_s = NULL;
    const char *to_s = NULL, *target_s = NULL, *scope_s = NULL;
    const char *tzdir = NULL;
    struct sla_zone *zone = NULL;
    struct sla_catalog *cat = NULL;
    struct sla_backup_scope scope;
    struct sla_error err;
    struct sla_rpo r;
    int64_t from, to, target = 0;
    int32_t each;
    char tags[256];
    int json = 0, rc, i;
    for (i = 3; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--catalog"))) catalog_path = v;
        else if ((v = option_value(argc, argv, &i, "--zone"))) zone_s = v;
        else if ((v = option_value(argc, argv, &i, "--from"))) from_s = v;
        else if ((v = option_value(argc, argv, &i, "--to"))) to_s = v;
        else if ((v = option_value(argc, argv, &i, "--target"))) target_s = v;
        else if ((v = option_value(argc, argv, &i, "--scope"))) scope_s = v;
        else if ((v = option_value(argc, argv, &i, "--tzdir"))) tzdir = v;
        else if (!strcmp(argv[i], "--json")) json = 1;
        else
            return usage_error("backup rpo: unknown or incomplete option",
                               argv[i]);
    }
    if (!catalog_path || !from_s || !to_s)
        return usage_error("backup rpo: --catalog, --from and --to are "
                           "required", NULL);
    if (scope_s && (parse_scope(scope_s, &scope, &each, tags, sizeof tags) ||
                    each))
        return usage_error("backup rpo: --scope is a list of full, "
                           "differential, incremental, on-site, off-site and "
                           "tag=T, not",
                           scope_s);
    if (target_s) {
        struct sla_duration d;
        if (sla_duration_parse(&d, target_s, strlen(target_s), &err))
            return parse_failed("--target", target_s, &err);
        if (sla_duration_to_ms(&target, &d) || target < 0)
            return usage_error("backup rpo: --target must be an exact "
                               "length (no months), not",
                               target_s);
    }
    if ((rc = sla_zone_open(&zone, zone_s, tzdir, &err))) {
        fprintf(stderr, "sla: --zone '%s': %s\n", zone_s, err.message);
        return EXIT_FAILURE;
    }
    rc = EXIT_FAILURE;
    if ((rc = parse_span(&from, &to, from_s, to_s, zone, "backup rpo")))
        goto out;
    if (load_catalog(&cat, catalog_path))
        goto out;
    if ((rc = sla_catalog_rpo(&r, cat, scope_s ? &scope : NULL, from, to,
                              target))) {
        fprintf(stderr, "sla: backup rpo: %s\n", sla_strerror(rc));
        rc = EXIT_FAILURE;
        goto out;
    }
    {
        char w[40], o[40], u[40], g[40], a[SLA_RFC3339_SIZE],
            b[SLA_RFC3339_SIZE], c[SLA_RFC3339_SIZE], t[40];
        const char *verdict = !target_s ? "-"
                              : r.uncovered_ms == 0 && r.worst_ms <= target
                                  ? "met"
                                  : "MISSED";
        format_length(w, sizeof w, r.worst_ms);
        format_length(o, sizeof o, r.over_ms);
        format_length(u, sizeof u, r.uncovered_ms);
        format_length(g, sizeof g, r.largest_gap_ms);
        format_length(t, sizeof t, target);
        format_bound(a, sizeof a, zone, r.worst_at, 1);
        format_bound(b, sizeof b, zone, r.gap_from, 1);
        format_bound(c, sizeof c, zone, r.gap_to, 1);
        int gap = r.gap_from != INT64_MIN;
        if (json) {
            printf("{\"worst_ms\":%lld,\"worst_at\":\"%s\","
                   "\"uncovered_ms\":%lld,\"largest_gap_ms\":",
                   (long long)r.worst_ms, a, (long long)r.uncovered_ms);
            if (gap)
                printf("%lld,\"gap_from\":\"%s\",\"gap_to\":\"%s\",",
                       (long long)r.largest_gap_ms, b, c);
            else
                printf("null,\"gap_from\":null,\"gap_to\":null,");
            printf("\"restore_points\":%lld,", (long long)r.restore_points);
            if (target_s)
                printf("\"target_ms\":%lld,\"over_ms\":%lld,",
                       (long long)target, (long long)r.over_ms);
            printf("\"verdict\":\"%s\"}\n", verdict);
        } else {
            printf("achieved RPO        %s (just before %s)\n", w, a);
            if (target_s)
                printf("target              %s: %s; above it for %s\n", t,
                       verdict, o);
            if (r.uncovered_ms)
                printf("no restore point    for %s of the span\n", u);
            if (gap)
                printf("largest gap         %s, %s to %s\n", g, b, c);
            printf("restore points      %lld completed in the span\n",
                   (long long)r.restore_points);
        }
    }
    rc = EXIT_SUCCESS;
out:
    sla_catalog_free(cat);
    sla_zone_unref(zone);
    return rc;
}

static int restore_chain(int argc, char **argv)
{
    const char *catalog_path = NULL, *zone_s = "UTC", *at_s = NULL;
    const char *tzdir = NULL;
    struct sla_zone *zone = NULL;
    struct sla_catalog *cat = NULL;
    struct sla_error err;
    size_t *chain = NULL, n = 0, k;
    int64_t at;
    int json = 0, rc, i;
    for (i = 3; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--catalog"))) catalog_path = v;
        else if ((v = option_value(argc, argv, &i, "--zone"))) zone_s = v;
        else if ((v = option_value(argc, argv, &i, "--at"))) at_s = v;
        else if ((v = option_value(argc, argv, &i, "--tzdir"))) tzdir = v;
        else if (!strcmp(argv[i], "--json")) json = 1;
        else
            return usage_error("backup restore-chain: unknown or incomplete "
                               "option",
                               argv[i]);
    }
    if (!catalog_path || !at_s)
        return usage_error("backup restore-chain: --catalog and --at are "
                           "required", NULL);
    if ((rc = sla_zone_open(&zone, zone_s, tzdir, &err))) {
        fprintf(stderr, "sla: --zone '%s': %s\n", zone_s, err.message);
        return EXIT_FAILURE;
    }
    rc = EXIT_FAILURE;
    if (parse_bound(&at, at_s, zone, &err)) {
        rc = parse_failed("--at", at_s, &err);
        goto out;
    }
    if (load_catalog(&cat, catalog_path))
        goto out;
    rc = sla_catalog_chain(NULL, 0, &n, cat, at);
    if (rc == SLA_ENOTFOUND) {
        fprintf(stderr, "sla: backup restore-chain: no restorable backup was "
                        "captured at or before %s\n",
                at_s);
        rc = EXIT_FAILURE;
        goto out;
    }
    if (rc == SLA_ENOSPC && (chain = malloc(n * sizeof *chain)))
        rc = sla_catalog_chain(chain, n, &n, cat, at);
    if (rc) {
        fprintf(stderr, "sla: backup restore-chain: %s\n", sla_strerror(rc));
        rc = EXIT_FAILURE;
        goto out;
    }
    if (json)
        printf("[");
    for (k = 0; k < n; k++) {
        struct sla_backup b;
        char c[SLA_RFC3339_SIZE], d[SLA_RFC3339_SIZE];
        sla_catalog_get(cat, chain[k], &b);
        format_bound(c, sizeof c, zone, b.captured, 1);
        format_bound(d, sizeof d, zone, b.completed, 1);
        if (json) {
            printf("%s\n {\"id\":", k ? "," : "");
            json_string(sla_catalog_id(cat, chain[k]));
            printf(",\"kind\":\"%s\",\"captured\":\"%s\",\"completed\":\"%s\","
                   "\"location\":\"%s\",\"medium\":",
                   kind_names[b.kind], c, d, location_names[b.location]);
            json_string(sla_catalog_medium(cat, chain[k]));
            printf("}");
        } else {
            printf("%zu. %-14s  %-12s  captured %s  (%s, %s)\n", k + 1,
                   sla_catalog_id(cat, chain[k]), kind_names[b.kind], c,
                   location_names[b.location],
                   sla_catalog_medium(cat, chain[k])[0]
                       ? sla_catalog_medium(cat, chain[k])
                       : "no medium given");
        }
    }
    if (json)
        printf("\n]\n");
    rc = EXIT_SUCCESS;
out:
    free(chain);
    sla_catalog_free(cat);
    sla_zone_unref(zone);
    return rc;
}

int sla_cli_backup(int argc, char **argv)
{
    if (argc < 3)
        return usage_error("backup: plan, rpo or restore-chain?", NULL);
    if (!strcmp(argv[2], "plan"))
        return plan(argc, argv);
    if (!strcmp(argv[2], "rpo"))
        return rpo(argc, argv);
    if (!strcmp(argv[2], "restore-chain"))
        return restore_chain(argc, argv);
    return usage_error("backup: expected plan, rpo or restore-chain, not",
                       argv[2]);
}
