/* SPDX-License-Identifier: MIT */
/* Outage records (start,end[,kind]) and probe samples (at,ok) from CSV. */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

static int name_is(const struct sla__csv_field *f, const char *word)
{
    return sla__word_is(f->text, f->len, word);
}

/* An RFC 3339 field. */
static int instant(struct sla__csv *c, const struct sla__csv_field *f,
                   const char *col, int64_t *out)
{
    struct sla_error e;
    if (sla_rfc3339_parse(out, NULL, f->text, f->len, &e) == 0)
        return 0;
    return sla__csv_fail(c, f, e.offset > 0 ? (size_t)e.offset : 0,
                         "%s: %s", col, e.message);
}

SLA_EXPORT int sla_outages_parse_csv(struct sla_outage **out, size_t *count,
                                     const char *text, size_t len,
                                     struct sla_error *err)
{
    struct sla__csv c;
    struct sla_outage *v = NULL;
    size_t n = 0, cap = 0, ncols, i;
    int col_start = -1, col_end = -1, col_kind = -1, rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if (!count)
        return sla__check_text(err, NULL, &text, len);
    sla__csv_init(&c, text, len, err);
    rc = sla__csv_next(&c);
    if (rc == 0)
        rc = sla__error_at(err, SLA_EPARSE, len, c.line, 1,
                           "expected a header row naming the columns "
                           "start, end and (optionally) kind");
    if (rc < 0)
        goto out;
    ncols = c.nf;
    for (i = 0; i < ncols; i++) {
        int *slot = name_is(&c.f[i], "START")  ? &col_start
                    : name_is(&c.f[i], "END")  ? &col_end
                    : name_is(&c.f[i], "KIND") ? &col_kind
                                               : NULL;
        if (!slot)
            continue; /* other columns (id, note, ...) are kept out */
        if (*slot >= 0) {
            rc = sla__csv_fail(&c, &c.f[i], 0, "expected each column name "
                                               "once, not '%s' again",
                               c.f[i].text);
            goto out;
        }
        *slot = (int)i;
    }
    if (col_start < 0 || col_end < 0) {
        rc = sla__csv_fail(&c, &c.f[0], 0, "expected a header row naming "
                                           "the columns start, end and "
                                           "(optionally) kind");
        goto out;
    }
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_outage o;
        memset(&o, 0, sizeof o);
        if (c.nf != ncols) {
            const struct sla__csv_field *f = &c.f[c.nf < ncols ? c.nf - 1
                                                               : ncols];
            rc = sla__csv_fail(&c, f, c.nf < ncols ? f->len : 0,
                               "expected %zu fields, as in the header, not "
                               "%zu",
                               ncols, c.nf);
            goto out;
        }
        if ((rc = instant(&c, &c.f[col_start], "start", &o.start)) ||
            (rc = instant(&c, &c.f[col_end], "end", &o.end)))
            goto out;
        if (o.end <= o.start) {
            rc = sla__csv_fail(&c, &c.f[col_end], 0,
                               "expected an end after the start");
            goto out;
        }
        if (col_kind >= 0) {
            const struct sla__csv_field *f = &c.f[col_kind];
            if (f->len == 0 || name_is(f, "FULL"))
                o.kind = SLA_OUTAGE_FULL;
            else if (name_is(f, "PARTIAL"))
                o.kind = SLA_OUTAGE_PARTIAL;
            else if (name_is(f, "DEGRADED"))
                o.kind = SLA_OUTAGE_DEGRADED;
            else {
                rc = sla__csv_fail(&c, f, 0, "expected a kind of full, "
                                             "partial or degraded");
                goto out;
            }
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            struct sla_outage *w = nc > SIZE_MAX / sizeof *w
                                       ? NULL
                                       : realloc(v, nc * sizeof *w);
            if (!w) {
                rc = SLA_ENOMEM;
                goto out;
            }
            v = w;
            cap = nc;
        }
        v[n++] = o;
    }
out:
    sla__csv_done(&c);
    if (rc < 0) {
        if (rc == SLA_ENOMEM)
            sla__error_set(err, rc, 0, "out of memory");
        free(v);
        return rc;
    }
    *out = v;
    *count = n;
    return 0;
}

SLA_EXPORT void sla_outages_free(struct sla_outage *outages)
{
    free(outages);
}

/* Columns by name; -1 for those absent. */
static int columns(struct sla__csv *c, const char *const *names, int *col,
                   int n)
{
    size_t i;
    int k;
    for (k = 0; k < n; k++)
        col[k] = -1;
    for (i = 0; i < c->nf; i++)
        for (k = 0; k < n; k++)
            if (name_is(&c->f[i], names[k])) {
                if (col[k] >= 0)
                    return sla__csv_fail(c, &c->f[i], 0,
                                         "expected each column name once, "
                                         "not '%s' again",
                                         c->f[i].text);
                col[k] = (int)i;
            }
    return 0;
}

SLA_EXPORT int sla_probes_parse_csv(struct sla_probe **out, size_t *count,
                                    const char *text, size_t len,
                                    struct sla_error *err)
{
    static const char *const names[] = {"AT", "OK"};
    static const char *const header =
        "expected a header row naming the columns at and ok";
    struct sla__csv c;
    struct sla_probe *v = NULL;
    size_t n = 0, cap = 0, ncols;
    int col[2], rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if (!count)
        return sla__check_text(err, NULL, &text, len);
    sla__csv_init(&c, text, len, err);
    rc = sla__csv_next(&c);
    if (rc == 0)
        rc = sla__error_at(err, SLA_EPARSE, len, c.line, 1, "%s", header);
    if (rc < 0)
        goto out;
    ncols = c.nf;
    if ((rc = columns(&c, names, col, 2)))
        goto out;
    if (col[0] < 0 || col[1] < 0) {
        rc = sla__csv_fail(&c, &c.f[0], 0, "%s", header);
        goto out;
    }
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_probe p;
        const struct sla__csv_field *f;
        memset(&p, 0, sizeof p);
        if (c.nf != ncols) {
            f = &c.f[c.nf < ncols ? c.nf - 1 : ncols];
            rc = sla__csv_fail(&c, f, c.nf < ncols ? f->len : 0,
                               "expected %zu fields, as in the header, not "
                               "%zu",
                               ncols, c.nf);
            goto out;
        }
        if ((rc = instant(&c, &c.f[col[0]], "at", &p.at)))
            goto out;
        f = &c.f[col[1]];
        if (name_is(f, "1") || name_is(f, "TRUE") || name_is(f, "UP") ||
            name_is(f, "OK"))
            p.ok = 1;
        else if (name_is(f, "0") || name_is(f, "FALSE") ||
                 name_is(f, "DOWN") || name_is(f, "FAIL"))
            p.ok = 0;
        else {
            rc = sla__csv_fail(&c, f, 0, "expected ok as 1 or 0 (true, "
                                         "up, ok; false, down, fail)");
            goto out;
        }
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1024;
            struct sla_probe *w = nc > SIZE_MAX / sizeof *w
                                      ? NULL
                                      : realloc(v, nc * sizeof *w);
            if (!w) {
                rc = SLA_ENOMEM;
                goto out;
            }
            v = w;
            cap = nc;
        }
        v[n++] = p;
    }
out:
    sla__csv_done(&c);
    if (rc < 0) {
        if (rc == SLA_ENOMEM)
            sla__error_set(err, rc, 0, "out of memory");
        free(v);
        return rc;
    }
    *out = v;
    *count = n;
    return 0;
}

SLA_EXPORT void sla_probes_free(struct sla_probe *samples)
{
    free(samples);
}
