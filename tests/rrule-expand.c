/* SPDX-License-Identifier: MIT */
/* Expand recurrence rules read from standard input, for rrule-oracle.py.
 *
 * Input, one rule per line:  RULE <TAB> DTSTART <TAB> MAX <TAB> FLAGS
 *   DTSTART  a local date-time YYYY-MM-DDTHH:MM:SS
 *   MAX      the most occurrences to print
 *   FLAGS    0, or 1 for SLA_RRULE_CLAMP
 * Output, exactly one line per input line: the occurrences separated by
 * single spaces (an empty line when there are none), or
 *   error <code> <offset> <message>
 * when the rule or the start does not parse or the iterator refuses them.
 * An occurrence the civil formatter cannot write (a year after 9999) ends
 * the line with the token ">9999"; an unexpected iterator error ends it
 * with "!<code>".
 *
 * With --format, each line holds only a rule (anything after a TAB is
 * ignored) and the output is sla_rrule_format() of it, or the error line.
 *
 * Only the public header is used. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sla.h>

/* Read one line (without its newline) into *buf, growing it. Returns the
 * length, or -1 at the end of the input. */
static long read_line(char **buf, size_t *cap, FILE *in)
{
    size_t n = 0;
    int c;
    if (!*buf) {
        *cap = 4096;
        *buf = malloc(*cap);
        if (!*buf)
            return -2;
    }
    while ((c = getc(in)) != EOF && c != '\n') {
        if (n + 1 >= *cap) {
            char *grown = realloc(*buf, *cap * 2);
            if (!grown)
                return -2;
            *buf = grown;
            *cap *= 2;
        }
        (*buf)[n++] = (char)c;
    }
    if (c == EOF && n == 0)
        return -1;
    if (n > 0 && (*buf)[n - 1] == '\r')
        n--;
    (*buf)[n] = '\0';
    return (long)n;
}

static void print_error(int code, int64_t offset, const char *message)
{
    printf("error %d %lld %s\n", code, (long long)offset, message);
}

/* Split line at TABs into at most nf fields; returns the number found. */
static size_t split(char *line, char **fields, size_t nf)
{
    size_t k = 0;
    char *p = line;
    while (k < nf) {
        char *tab = strchr(p, '\t');
        fields[k++] = p;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return k;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void do_format(char *line)
{
    char *f[1];
    struct sla_rrule *rule = NULL;
    struct sla_error err;
    char out[SLA_RRULE_SIZE];
    int rc;
    split(line, f, 1);
    rc = sla_rrule_parse(&rule, f[0], strlen(f[0]), &err);
    if (rc) {
        print_error(rc, err.offset, err.message);
        return;
    }
    rc = sla_rrule_format(out, sizeof out, rule);
    if (rc < 0)
        print_error(rc, -1, "sla_rrule_format failed");
    else
        printf("%s\n", out);
    sla_rrule_free(rule);
}

static void do_expand(char *line)
{
    char *f[4];
    struct sla_rrule *rule = NULL;
    struct sla_rrule_iter *it = NULL;
    struct sla_error err;
    struct sla_civil start, occ;
    long max = 0, flags = 0, i;
    int rc;
    if (split(line, f, 4) != 4) {
        print_error(SLA_EINVAL, -1, "expected RULE<TAB>DTSTART<TAB>MAX<TAB>FLAGS");
        return;
    }
    if (parse_long(f[2], 0, 100000000L, &max) ||
        parse_long(f[3], INT32_MIN, INT32_MAX, &flags)) {
        print_error(SLA_EINVAL, -1, "expected MAX and FLAGS as integers");
        return;
    }
    rc = sla_civil_parse(&start, f[1], strlen(f[1]), &err);
    if (rc) {
        print_error(rc, -1, "DTSTART is not a local date-time");
        return;
    }
    rc = sla_rrule_parse(&rule, f[0], strlen(f[0]), &err);
    if (rc) {
        print_error(rc, err.offset, err.message);
        return;
    }
    rc = sla_rrule_iter_new(&it, rule, &start, (int32_t)flags);
    if (rc) {
        print_error(rc, -1, "sla_rrule_iter_new refused the start or flags");
        sla_rrule_free(rule);
        return;
    }
    for (i = 0; i < max; i++) {
        char text[SLA_RFC3339_SIZE];
        rc = sla_rrule_iter_next(&occ, it);
        if (rc == SLA_ENOTFOUND)
            break;
        if (i)
            putchar(' ');
        if (rc) {
            printf("!%d", rc);
            break;
        }
        if (sla_civil_format(text, sizeof text, &occ) < 0) {
            fputs(">9999", stdout);
            break;
        }
        fputs(text, stdout);
    }
    putchar('\n');
    sla_rrule_iter_free(it);
    sla_rrule_free(rule);
}

int main(int argc, char **argv)
{
    static char outbuf[1 << 16];
    char *line = NULL;
    size_t cap = 0;
    long n;
    int format = 0;
    if (argc == 2 && strcmp(argv[1], "--format") == 0) {
        format = 1;
    } else if (argc != 1) {
        fprintf(stderr, "usage: %s [--format] < rules\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    while ((n = read_line(&line, &cap, stdin)) >= 0) {
        if (format)
            do_format(line);
        else
            do_expand(line);
    }
    free(line);
    if (n == -2) {
        fprintf(stderr, "rrule-expand: out of memory\n");
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "rrule-expand: cannot write the output\n");
        return 1;
    }
    return 0;
}
