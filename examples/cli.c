/* SPDX-License-Identifier: MIT */
/* Argument and error helpers shared by the sla subcommands. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sla.h>

#include "cli.h"

/* "sla: <what>" or "sla: <what> '<arg>'", then a hint. */
int usage_error(const char *what, const char *arg)
{
    if (arg)
        fprintf(stderr, "sla: %s '%s'\n", what, arg);
    else
        fprintf(stderr, "sla: %s\n", what);
    fprintf(stderr, "Try 'sla help'.\n");
    return EXIT_USAGE;
}

/* "--name value" or "--name=value"; returns the value or NULL. */
const char *option_value(int argc, char **argv, int *i,
                                const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] == '\0' && *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

int parse_failed(const char *option, const char *text,
                        const struct sla_error *err)
{
    fprintf(stderr, "sla: %s '%s': column %d: %s\n", option, text,
            (int)err->column, err->message);
    return EXIT_FAILURE;
}


int format_bound(char *buf, size_t size, const struct sla_zone *zone,
                 int64_t t, int local)
{
    int64_t off = 0;
    int rc;
    if (!local)
        rc = sla_rfc3339_format(buf, size, t);
    else if (!(rc = sla_zone_offset(&off, zone, t)))
        rc = sla_rfc3339_format_offset(buf, size, t, off);
    /* Past year 9999 RFC 3339 has no words: say so, never print stale
     * text. */
    if (rc < 0 && size)
        snprintf(buf, size, "%s%lld ms since 1970", t < 0 ? "" : "+",
                 (long long)t);
    return rc;
}

int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f) {
        fprintf(stderr, "sla: %s: %s\n", path, strerror(errno));
        return EXIT_FAILURE;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            char *b = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap ? cap * 2
                                                                  : 65536);
            if (!b) {
                fprintf(stderr, "sla: %s: out of memory\n", path);
                free(buf);
                if (f != stdin)
                    fclose(f);
                return EXIT_FAILURE;
            }
            buf = b;
            cap = cap ? cap * 2 : 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "sla: %s: read error\n", path);
        free(buf);
        if (f != stdin)
            fclose(f);
        return EXIT_FAILURE;
    }
    if (f != stdin)
        fclose(f);
    *out = buf;
    *len = n;
    return 0;
}

void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            printf("\\n");
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

int parse_bound(int64_t *out, const char *s, const struct sla_zone *z,
                struct sla_error *err)
{
    struct sla_date d;
    struct sla_civil c;
    struct sla_zone_resolution r;
    if (strlen(s) != 10)
        return sla_rfc3339_parse(out, NULL, s, strlen(s), err);
    if (sla_date_parse(&d, s, 10, err))
        return SLA_EPARSE;
    memset(&c, 0, sizeof c);
    c.year = d.year;
    c.month = d.month;
    c.day = d.day;
    if (sla_zone_to_instant(&r, z, &c, SLA_DISAMBIGUATE_COMPATIBLE))
        return SLA_EOVERFLOW;
    *out = r.instant;
    return 0;
}

int period_unit_of(const char *s)
{
    static const char *const names[] = {"day", "week", "month", "quarter",
                                        "year"};
    int i;
    for (i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

void format_length(char *buf, size_t size, int64_t ms)
{
    uint64_t a = ms < 0 ? (uint64_t)0 - (uint64_t)ms : (uint64_t)ms;
    uint64_t s = a / 1000, d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
    unsigned frac = (unsigned)(a % 1000);
    size_t n = 0;
    buf[0] = '\0';
#define PART(...)                                                          \
    do {                                                                   \
        if (n < size)                                                      \
            n += (size_t)snprintf(buf + n, size - n, __VA_ARGS__);         \
    } while (0)
    if (ms < 0)
        PART("-");
    if (d)
        PART("%llu d", (unsigned long long)d);
    if (h)
        PART("%s%llu h", d ? " " : "", (unsigned long long)h);
    if (m)
        PART("%s%llu min", d || h ? " " : "", (unsigned long long)m);
    if (s % 60 || frac || a == 0) {
        const char *sp = d || h || m ? " " : "";
        if (frac)
            PART("%s%llu.%03u s", sp, (unsigned long long)(s % 60), frac);
        else
            PART("%s%llu s", sp, (unsigned long long)(s % 60));
    }
#undef PART
}

int period_span(const char *period, const struct sla_zone *z, int64_t *from,
                int64_t *to)
{
    char buf[16];
    struct sla_interval iv;
    struct sla_error err;
    size_t n = strlen(period);
    int unit = n == 4    ? SLA_PERIOD_YEAR
               : n == 7  ? SLA_PERIOD_MONTH
               : n == 10 ? SLA_PERIOD_DAY
                         : -1;
    snprintf(buf, sizeof buf, "%s%s", period,
             n == 4 ? "-01-01" : n == 7 ? "-01" : "");
    if (unit < 0 || parse_bound(from, buf, z, &err) ||
        sla_period_at(&iv, z, unit, *from))
        return -1;
    *from = iv.start;
    *to = iv.end;
    return unit;
}

/* The service file, with ics paths relative to its directory. */
int load_service(struct sla_service **svc, const char *path,
                 const char *tzdir)
{
    char *text = NULL, basedir[4096];
    const char *slash = strrchr(path, '/');
    struct sla_error err;
    size_t len, n;
    int rc;
    if ((rc = read_file(path, &text, &len)))
        return rc;
    /* The directory of the file ("/" for a file in the root). */
    n = slash ? (size_t)(slash - path) + (slash == path) : 0;
    if (n >= sizeof basedir)
        n = 0;
    memcpy(basedir, path, n);
    basedir[n] = '\0';
    rc = sla_service_parse(svc, text, len, basedir[0] ? basedir : NULL, tzdir,
                           &err);
    free(text);
    if (rc) {
        fprintf(stderr, "sla: %s:%d:%d: %s\n", path, (int)err.line,
                (int)err.column, err.message);
        return EXIT_FAILURE;
    }
    return 0;
}

int parse_span(int64_t *from, int64_t *to, const char *from_s,
               const char *to_s, const struct sla_zone *z, const char *cmd)
{
    struct sla_error err;
    char what[64];
    if (parse_bound(from, from_s, z, &err))
        return parse_failed("--from", from_s, &err);
    if (parse_bound(to, to_s, z, &err))
        return parse_failed("--to", to_s, &err);
    if (*from > *to) {
        snprintf(what, sizeof what, "%s: --from must not be after --to", cmd);
        return usage_error(what, NULL);
    }
    return 0;
}
