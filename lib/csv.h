/* SPDX-License-Identifier: MIT */
/* RFC 4180 records with the place of every field, for the CSV readers. */
#ifndef SLA_CSV_H
#define SLA_CSV_H

#include "sla-private.h"

/* One field of the current record: its unescaped text (NUL-terminated)
 * and where it starts in the input. */
struct sla__csv_field {
    const char *text;
    size_t len;
    size_t off;
    int32_t line, col;
};

struct sla__csv {
    const char *s;
    size_t len, pos;
    int32_t line;      /* of the byte at pos */
    size_t line_start; /* offset of that line's first byte */
    char *buf;         /* the record's unescaped fields, each NUL-ended */
    size_t nbuf, capbuf;
    struct sla__csv_field *f;
    size_t nf, capf;
    struct sla_error *err;
};

/* Start reading text; free with sla__csv_done. */
void sla__csv_init(struct sla__csv *c, const char *text, size_t len,
                   struct sla_error *err);
void sla__csv_done(struct sla__csv *c);

/* A reader's last step: sla__csv_done, and the error record filled for
 * SLA_ENOMEM (parse errors fill their own). Returns rc if negative, else
 * 0. */
int sla__csv_end(struct sla__csv *c, int rc);

/* Read the next record into c->f[0 .. c->nf). Empty lines are skipped.
 * Returns 1 for a record, 0 at the end of the text, or SLA_EPARSE (with
 * the error record filled) or SLA_ENOMEM. */
int sla__csv_next(struct sla__csv *c);

/* Fill the error record for a problem at a field (at byte at within its
 * text, which is exact for unquoted fields) and return SLA_EPARSE. */
int sla__csv_fail(struct sla__csv *c, const struct sla__csv_field *f,
                  size_t at, const char *fmt, ...) SLA_PRINTF(4, 5);

/* Fill the error record for a place and return code. */
int sla__error_at(struct sla_error *err, int code, size_t off, int32_t line,
                  int32_t col, const char *fmt, ...) SLA_PRINTF(6, 7);

#endif /* SLA_CSV_H */
