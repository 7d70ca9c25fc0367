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
    if (!local)
        return sla_rfc3339_format(buf, size, t);
    sla_zone_offset(&off, zone, t);
    return sla_rfc3339_format_offset(buf, size, t, off);
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
