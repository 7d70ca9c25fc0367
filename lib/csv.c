/* SPDX-License-Identifier: MIT */
/* RFC 4180 records, each field with its line and column. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int sla__error_at(struct sla_error *err, int code, size_t off, int32_t line,
                  int32_t col, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->line = line;
        err->column = col;
        err->reserved = 0;
        err->offset = (int64_t)off;
        memset(err->reserved2, 0, sizeof err->reserved2);
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void sla__csv_init(struct sla__csv *c, const char *text, size_t len,
                   struct sla_error *err)
{
    memset(c, 0, sizeof *c);
    c->s = text;
    c->len = len;
    c->line = 1;
    c->err = err;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        c->pos = c->line_start = 3;
}

void sla__csv_done(struct sla__csv *c)
{
    free(c->buf);
    free(c->f);
}

int sla__csv_end(struct sla__csv *c, int rc)
{
    sla__csv_done(c);
    if (rc == SLA_ENOMEM)
        sla__error_set(c->err, rc, 0, "out of memory");
    return rc < 0 ? rc : 0;
}

static int32_t col_of(const struct sla__csv *c, size_t off)
{
    size_t n = off - c->line_start + 1;
    return n < INT32_MAX ? (int32_t)n : INT32_MAX;
}

static int fail_here(struct sla__csv *c, size_t off, const char *what)
{
    return sla__error_at(c->err, SLA_EPARSE, off, c->line, col_of(c, off),
                         "expected %s", what);
}

static int put(struct sla__csv *c, char ch)
{
    if (sla__grow((void **)&c->buf, &c->capbuf, c->nbuf + 1, 1))
        return SLA_ENOMEM;
    c->buf[c->nbuf++] = ch;
    return 0;
}

static int bad_byte(unsigned char ch)
{
    return (ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') || ch == 0x7f;
}

int sla__csv_next(struct sla__csv *c)
{
    size_t i;
    int rc;
    /* Skip empty lines. */
    while (c->pos < c->len && (c->s[c->pos] == '\n' ||
                               (c->s[c->pos] == '\r' && c->pos + 1 < c->len &&
                                c->s[c->pos + 1] == '\n'))) {
        c->pos += c->s[c->pos] == '\r' ? 2 : 1;
        c->line++;
        c->line_start = c->pos;
    }
    if (c->pos >= c->len)
        return 0;
    c->nbuf = 0;
    c->nf = 0;
    for (;;) {
        struct sla__csv_field *f;
        size_t at;
        if (sla__grow((void **)&c->f, &c->capf, c->nf + 1, sizeof *c->f))
            return SLA_ENOMEM;
        f = &c->f[c->nf++];
        f->off = c->pos;
        f->line = c->line;
        f->col = col_of(c, c->pos);
        f->len = c->nbuf; /* for now: where the text starts in buf */
        if (c->pos < c->len && c->s[c->pos] == '"') {
            size_t open = c->pos++;
            for (;;) {
                unsigned char ch;
                if (c->pos >= c->len)
                    return sla__error_at(c->err, SLA_EPARSE, open, f->line,
                                         f->col, "expected the closing '\"' "
                                         "of this quoted field");
                ch = (unsigned char)c->s[c->pos];
                if (ch == '"') {
                    if (c->pos + 1 < c->len && c->s[c->pos + 1] == '"') {
                        if ((rc = put(c, '"')))
                            return rc;
                        c->pos += 2;
                        continue;
                    }
                    c->pos++;
                    break;
                }
                if (bad_byte(ch))
                    return fail_here(c, c->pos, "text, not a control byte");
                if ((rc = put(c, (char)ch)))
                    return rc;
                c->pos++;
                if (ch == '\n') {
                    c->line++;
                    c->line_start = c->pos;
                }
            }
            at = c->pos;
            if (at < c->len && c->s[at] != ',' && c->s[at] != '\n' &&
                !(c->s[at] == '\r' && at + 1 < c->len && c->s[at + 1] == '\n'))
                return fail_here(c, at, "',' or the end of the line after "
                                        "a closing quote");
        } else {
            while (c->pos < c->len) {
                unsigned char ch = (unsigned char)c->s[c->pos];
                if (ch == ',' || ch == '\n' ||
                    (ch == '\r' && c->pos + 1 < c->len &&
                     c->s[c->pos + 1] == '\n'))
                    break;
                if (ch == '"')
                    return fail_here(c, c->pos, "'\"' only around a whole "
                                                "field");
                if (bad_byte(ch))
                    return fail_here(c, c->pos, "text, not a control byte");
                if ((rc = put(c, (char)ch)))
                    return rc;
                c->pos++;
            }
        }
        if ((rc = put(c, '\0')))
            return rc;
        if (c->pos < c->len && c->s[c->pos] == ',') {
            c->pos++;
            continue;
        }
        if (c->pos < c->len) {
            c->pos += c->s[c->pos] == '\r' ? 2 : 1;
            c->line++;
            c->line_start = c->pos;
        }
        break;
    }
    /* The buffer has its final address now: point the fields into it. */
    for (i = 0; i < c->nf; i++) {
        size_t start = c->f[i].len;
        c->f[i].text = c->buf + start;
        c->f[i].len = strlen(c->buf + start);
    }
    return 1;
}

int sla__csv_fail(struct sla__csv *c, const struct sla__csv_field *f,
                  size_t at, const char *fmt, ...)
{
    char msg[sizeof c->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Exact within an unquoted field; a quoted one points at its quote. */
    if (f->off < c->len && c->s[f->off] == '"')
        at = 0;
    return sla__error_at(c->err, SLA_EPARSE, f->off + at, f->line,
                         f->col + (int32_t)(at < INT32_MAX / 2 ? at : 0),
                         "%s", msg);
}
