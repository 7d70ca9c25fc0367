/* SPDX-License-Identifier: MIT */
/* sla tz: conversions between UTC and local time, and transitions.
 * Values come from the arguments or, when there are none, one per line
 * from standard input, so a million conversions are one process. Each
 * value gives one output line: the result, or "error: ..." (the error is
 * also reported on standard error, and the exit status is 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct tz_opts {
    const char *zone_spec, *tzdir, *from, *to;
    int32_t mode;
    struct sla_zone *zone;
    int failures;
};

/* Convert one value into out (NUL-terminated) or an error sentence. */
typedef int (*convert_fn)(struct tz_opts *o, const char *in, size_t len,
                          char *out, size_t size);

static int to_local(struct tz_opts *o, const char *in, size_t len, char *out,
                    size_t size)
{
    struct sla_error err;
    int64_t t, off;
    if (sla_rfc3339_parse(&t, NULL, in, len, &err)) {
        snprintf(out, size, "'%.*s': column %d: %s", (int)len, in,
                 (int)err.column, err.message);
        return -1;
    }
    sla_zone_offset(&off, o->zone, t);
    if (sla_rfc3339_format_offset(out, size, t, off) < 0) {
        snprintf(out, size, "'%.*s': the local year is outside 0000-9999",
                 (int)len, in);
        return -1;
    }
    return 0;
}

static int to_utc(struct tz_opts *o, const char *in, size_t len, char *out,
                  size_t size)
{
    struct sla_error err;
    struct sla_civil c;
    struct sla_zone_resolution r;
    char a[SLA_RFC3339_SIZE], b[SLA_RFC3339_SIZE];
    int rc;
    if (sla_civil_parse(&c, in, len, &err)) {
        snprintf(out, size, "'%.*s': column %d: %s", (int)len, in,
                 (int)err.column, err.message);
        return -1;
    }
    rc = sla_zone_to_instant(&r, o->zone, &c, o->mode);
    if (rc == SLA_EAMBIGUOUS) {
        sla_rfc3339_format(a, sizeof a, r.earlier);
        sla_rfc3339_format(b, sizeof b, r.later);
        snprintf(out, size,
                 r.kind == SLA_LOCAL_GAP
                     ? "'%.*s' does not exist in %s: clocks skipped it "
                       "(it could mean %s or %s)"
                     : "'%.*s' happened twice in %s: at %s and at %s",
                 (int)len, in, sla_zone_name(o->zone), a, b);
        return -1;
    }
    if (rc || sla_rfc3339_format(out, size, r.instant) < 0) {
        snprintf(out, size, "'%.*s': the instant is out of range", (int)len,
                 in);
        return -1;
    }
    return 0;
}

static void emit(struct tz_opts *o, convert_fn fn, const char *in,
                 size_t len, size_t line)
{
    char out[512];
    if (fn(o, in, len, out, sizeof out) == 0) {
        fputs(out, stdout);
        fputc('\n', stdout);
        return;
    }
    o->failures++;
    printf("error: %s\n", out);
    if (line)
        fprintf(stderr, "sla: line %zu: %s\n", line, out);
    else
        fprintf(stderr, "sla: %s\n", out);
}

static int convert_all(struct tz_opts *o, convert_fn fn, int first, int argc,
                       char **argv)
{
    if (first < argc) {
        int i;
        for (i = first; i < argc; i++)
            emit(o, fn, argv[i], strlen(argv[i]), 0);
    } else {
        char buf[4096];
        size_t line = 0;
        while (fgets(buf, sizeof buf, stdin)) {
            size_t n = strlen(buf);
            line++;
            if (n && buf[n - 1] == '\n')
                buf[--n] = '\0';
            else if (!feof(stdin)) {
                int ch;
                while ((ch = getchar()) != EOF && ch != '\n')
                    ;
                o->failures++;
                printf("error: line longer than %zu bytes\n", sizeof buf - 2);
                fprintf(stderr, "sla: line %zu: longer than %zu bytes\n",
                        line, sizeof buf - 2);
                continue;
            }
            if (n && buf[n - 1] == '\r')
                buf[--n] = '\0';
            emit(o, fn, buf, n, line);
        }
        if (ferror(stdin)) {
            fprintf(stderr, "sla: cannot read standard input\n");
            return EXIT_FAILURE;
        }
    }
    return o->failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int transitions(struct tz_opts *o)
{
    struct sla_error err;
    int64_t from, to, t;
    if (!o->from || !o->to)
        return usage_error("tz transitions: --from and --to are required",
                           NULL);
    if (sla_rfc3339_parse(&from, NULL, o->from, strlen(o->from), &err))
        return parse_failed("--from", o->from, &err);
    if (sla_rfc3339_parse(&to, NULL, o->to, strlen(o->to), &err))
        return parse_failed("--to", o->to, &err);
    /* Every transition in [from, to), with the period it starts. */
    {
        struct sla_zone_period p;
        sla_zone_period_at(&p, o->zone, from);
        t = from;
        if (p.start != from && sla_zone_next_transition(&t, o->zone, from))
            return EXIT_SUCCESS;
    }
    while (t < to) {
        struct sla_zone_period p;
        char at[SLA_RFC3339_SIZE], local[SLA_RFC3339_SIZE];
        sla_zone_period_at(&p, o->zone, t);
        if (sla_rfc3339_format(at, sizeof at, t) < 0 ||
            sla_rfc3339_format_offset(local, sizeof local, t,
                                      p.utc_offset_ms) < 0) {
            fprintf(stderr, "sla: a transition is outside years 0000-9999\n");
            return EXIT_FAILURE;
        }
        /* The instant, the local reading from then on, and its label. */
        printf("%s %s %s%s\n", at, local, p.abbreviation,
               p.is_dst ? " dst" : "");
        if (sla_zone_next_transition(&t, o->zone, t))
            break;
    }
    return EXIT_SUCCESS;
}

int sla_cli_tz(int argc, char **argv)
{
    struct tz_opts o;
    struct sla_error err;
    const char *sub, *mode = NULL;
    int i, rc;
    memset(&o, 0, sizeof o);
    if (argc < 3)
        return usage_error("tz: expected to-local, to-utc or transitions",
                           NULL);
    sub = argv[2];
    for (i = 3; i < argc; i++) {
        const char *v;
        if ((v = option_value(argc, argv, &i, "--zone")))
            o.zone_spec = v;
        else if ((v = option_value(argc, argv, &i, "--tzdir")))
            o.tzdir = v;
        else if ((v = option_value(argc, argv, &i, "--disambiguation")))
            mode = v;
        else if ((v = option_value(argc, argv, &i, "--from")))
            o.from = v;
        else if ((v = option_value(argc, argv, &i, "--to")))
            o.to = v;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] == '-')
            return usage_error("tz: unknown or incomplete option", argv[i]);
        else
            break;
    }
    if (!o.zone_spec)
        return usage_error("tz: --zone is required, e.g. --zone Asia/Tokyo",
                           NULL);
    o.mode = SLA_DISAMBIGUATE_COMPATIBLE;
    if (mode) {
        static const char *const names[] = {"compatible", "earlier", "later",
                                            "reject"};
        int32_t m;
        for (m = 0; m < 4 && strcmp(mode, names[m]) != 0; m++)
            ;
        if (m == 4)
            return usage_error("tz: --disambiguation must be compatible, "
                               "earlier, later or reject, not",
                               mode);
        o.mode = m;
    }
    rc = sla_zone_open(&o.zone, o.zone_spec, o.tzdir, &err);
    if (rc) {
        fprintf(stderr, "sla: --zone '%s': %s\n", o.zone_spec,
                rc == SLA_ENOMEM ? sla_strerror(rc) : err.message);
        return EXIT_FAILURE;
    }
    if (strcmp(sub, "to-local") == 0)
        rc = convert_all(&o, to_local, i, argc, argv);
    else if (strcmp(sub, "to-utc") == 0)
        rc = convert_all(&o, to_utc, i, argc, argv);
    else if (strcmp(sub, "transitions") == 0)
        rc = i < argc ? usage_error("tz transitions: unexpected argument",
                                    argv[i])
                      : transitions(&o);
    else
        rc = usage_error("tz: unknown command", sub);
    sla_zone_unref(o.zone);
    return rc;
}
