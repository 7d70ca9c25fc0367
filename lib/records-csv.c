/* SPDX-License-Identifier: MIT */
/* Records from CSV: outages (start,end[,kind]), probe samples (at,ok),
 * incidents, announcements (kind,announced,event), events (kind,at) and
 * backup catalogs. */
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

/* The header row: the columns of names[0 .. n), of which the first
 * `required` must be there; what says so when they are not. */
static int header(struct sla__csv *c, size_t len, const char *const *names,
                  int *col, int n, int required, const char *what,
                  size_t *ncols)
{
    int rc = sla__csv_next(c), k;
    if (rc == 0)
        return sla__error_at(c->err, SLA_EPARSE, len, c->line, 1, "%s",
                             what);
    if (rc < 0)
        return rc;
    *ncols = c->nf;
    if ((rc = columns(c, names, col, n)))
        return rc;
    for (k = 0; k < required; k++)
        if (col[k] < 0)
            return sla__csv_fail(c, &c->f[0], 0, "%s", what);
    return 0;
}

/* Every row has as many fields as the header. */
static int row_check(struct sla__csv *c, size_t ncols)
{
    const struct sla__csv_field *f;
    if (c->nf == ncols)
        return 0;
    f = &c->f[c->nf < ncols ? c->nf - 1 : ncols];
    return sla__csv_fail(c, f, c->nf < ncols ? f->len : 0,
                         "expected %zu fields, as in the header, not %zu",
                         ncols, c->nf);
}

SLA_EXPORT int sla_outages_parse_csv(struct sla_outage **out, size_t *count,
                                     const char *text, size_t len,
                                     struct sla_error *err)
{
    static const char *const names[] = {"START", "END", "KIND"};
    struct sla__csv c;
    struct sla_outage *v = NULL;
    size_t n = 0, cap = 0, ncols;
    int col[3], rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if (!count)
        return sla__check_text(err, NULL, &text, len);
    sla__csv_init(&c, text, len, err);
    /* other columns (id, note, ...) are kept out */
    if ((rc = header(&c, len, names, col, 3, 2,
                     "expected a header row naming the columns start, end "
                     "and (optionally) kind",
                     &ncols)))
        goto out;
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_outage o;
        const int col_end = col[1], col_kind = col[2];
        memset(&o, 0, sizeof o);
        if ((rc = row_check(&c, ncols)) ||
            (rc = instant(&c, &c.f[col[0]], "start", &o.start)) ||
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
        if ((rc = sla__grow((void **)&v, &cap, n + 1, sizeof *v)))
            goto out;
        v[n++] = o;
    }
out:
    if ((rc = sla__csv_end(&c, rc)) < 0) {
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

SLA_EXPORT int sla_probes_parse_csv(struct sla_probe **out, size_t *count,
                                    const char *text, size_t len,
                                    struct sla_error *err)
{
    static const char *const names[] = {"AT", "OK"};
    static const char *const what =
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
    if ((rc = header(&c, len, names, col, 2, 2, what, &ncols)))
        goto out;
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_probe p;
        const struct sla__csv_field *f;
        memset(&p, 0, sizeof p);
        if ((rc = row_check(&c, ncols)) ||
            (rc = instant(&c, &c.f[col[0]], "at", &p.at)))
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
        if ((rc = sla__grow((void **)&v, &cap, n + 1, sizeof *v)))
            goto out;
        v[n++] = p;
    }
out:
    if ((rc = sla__csv_end(&c, rc)) < 0) {
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

/* ---- incidents ---------------------------------------------------------- */

struct sla_incident_list {
    struct sla_incident *v;
    char **ids;
    int64_t **updates;
    size_t n, cap;
};

SLA_EXPORT void sla_incident_list_free(struct sla_incident_list *l)
{
    size_t i;
    if (!l)
        return;
    for (i = 0; i < l->n; i++) {
        free(l->ids[i]);
        free(l->updates[i]);
    }
    free(l->v);
    free(l->ids);
    free(l->updates);
    free(l);
}

SLA_EXPORT const struct sla_incident *
sla_incident_list_items(const struct sla_incident_list *l, size_t *count)
{
    if (!l || !count)
        return NULL;
    *count = l->n;
    return l->n ? l->v : NULL;
}

SLA_EXPORT const char *sla_incident_list_id(const struct sla_incident_list *l,
                                            size_t index)
{
    return l && index < l->n ? l->ids[index] : NULL;
}

/* The two required columns first. */
enum { IC_STARTED, IC_RECOVERED, IC_DETECTED, IC_ACK, IC_NOTIFIED,
       IC_RESOLVED, IC_UPDATES, IC_ID, IC_SEVERITY, IC_COUNT };

static int optional_instant(struct sla__csv *c, const struct sla__csv_field *f,
                            const char *col, int64_t *out)
{
    if (!f || f->len == 0) {
        *out = SLA_TIME_NONE;
        return 0;
    }
    return instant(c, f, col, out);
}

/* "t1 t2;t3": instants separated by spaces or ';'. */
static int update_list(struct sla__csv *c, const struct sla__csv_field *f,
                       int64_t **out, size_t *n)
{
    size_t i = 0, cap = 0;
    *out = NULL;
    *n = 0;
    while (f && i < f->len) {
        size_t a, b;
        struct sla_error e;
        int64_t t;
        while (i < f->len && (f->text[i] == ' ' || f->text[i] == ';'))
            i++;
        if (i == f->len)
            break;
        a = i;
        while (i < f->len && f->text[i] != ' ' && f->text[i] != ';')
            i++;
        b = i;
        if (sla_rfc3339_parse(&t, NULL, f->text + a, b - a, &e)) {
            free(*out);
            *out = NULL;
            return sla__csv_fail(c, f, a + (e.offset > 0 ? (size_t)e.offset
                                                          : 0),
                                 "updates: %s", e.message);
        }
        if (sla__grow((void **)out, &cap, *n + 1, sizeof **out)) {
            free(*out);
            *out = NULL;
            return SLA_ENOMEM;
        }
        (*out)[(*n)++] = t;
    }
    return 0;
}

SLA_EXPORT int sla_incidents_parse_csv(struct sla_incident_list **out,
                                       const char *text, size_t len,
                                       struct sla_error *err)
{
    static const char *const names[IC_COUNT] = {
        "STARTED", "RECOVERED", "DETECTED", "ACKNOWLEDGED", "NOTIFIED",
        "RESOLVED", "UPDATES", "ID", "SEVERITY"};
    static const char *const what =
        "expected a header row naming at least the columns started and "
        "recovered";
    struct sla__csv c;
    struct sla_incident_list *l;
    size_t ncols;
    int col[IC_COUNT], rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if (!(l = calloc(1, sizeof *l)))
        return sla__error_set(err, SLA_ENOMEM, 0, "out of memory");
    sla__csv_init(&c, text, len, err);
    if ((rc = header(&c, len, names, col, IC_COUNT, 2, what, &ncols)))
        goto out;
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_incident x;
        struct sla_error e;
        const struct sla__csv_field *f;
        int64_t *upd = NULL;
        size_t nupd = 0;
        char *id;
        int k;
        static const char *const lower[] = {"started", "recovered",
                                            "detected", "acknowledged",
                                            "notified", "resolved"};
        memset(&x, 0, sizeof x);
        if ((rc = row_check(&c, ncols)))
            goto out;
        for (k = IC_STARTED; k <= IC_RESOLVED; k++) {
            int64_t *slot = k == IC_STARTED     ? &x.started
                            : k == IC_DETECTED  ? &x.detected
                            : k == IC_ACK       ? &x.acknowledged
                            : k == IC_NOTIFIED  ? &x.notified
                            : k == IC_RECOVERED ? &x.recovered
                                                : &x.resolved;
            if ((rc = optional_instant(&c, col[k] >= 0 ? &c.f[col[k]] : NULL,
                                       lower[k], slot)))
                goto out;
        }
        if (col[IC_SEVERITY] >= 0 && c.f[col[IC_SEVERITY]].len) {
            int64_t v = 0;
            size_t j;
            f = &c.f[col[IC_SEVERITY]];
            for (j = 0; j < f->len && f->text[j] >= '0' && f->text[j] <= '9' &&
                        v < 1000000;
                 j++)
                v = v * 10 + (f->text[j] - '0');
            if (j != f->len) {
                rc = sla__csv_fail(&c, f, j, "expected severity as a number");
                goto out;
            }
            x.severity = (int32_t)v;
        }
        if ((rc = update_list(&c, col[IC_UPDATES] >= 0 ? &c.f[col[IC_UPDATES]]
                                                       : NULL,
                              &upd, &nupd)))
            goto out;
        x.updates = upd;
        x.nupdates = nupd;
        if (sla_incident_check(&x, &e)) {
            /* "record 1: recovered before started" names the fields */
            const char *why = strchr(e.message, ':');
            /* at the record's start */
            rc = sla__csv_fail(&c, &c.f[0], 0,
                               "expected instants in a possible order, "
                               "not%s",
                               why ? why + 1 : " these");
            free(upd);
            goto out;
        }
        f = col[IC_ID] >= 0 ? &c.f[col[IC_ID]] : NULL;
        id = malloc(f ? f->len + 1 : 1);
        if (!id) {
            free(upd);
            rc = SLA_ENOMEM;
            goto out;
        }
        if (f)
            memcpy(id, f->text, f->len + 1);
        else
            id[0] = '\0';
        {
            /* the three arrays keep one capacity */
            size_t c1 = l->cap, c2 = l->cap, c3 = l->cap;
            if (sla__grow((void **)&l->v, &c1, l->n + 1, sizeof *l->v) ||
                sla__grow((void **)&l->ids, &c2, l->n + 1, sizeof *l->ids) ||
                sla__grow((void **)&l->updates, &c3, l->n + 1,
                          sizeof *l->updates)) {
                free(id);
                free(upd);
                rc = SLA_ENOMEM;
                goto out;
            }
            l->cap = c1;
        }
        l->v[l->n] = x;
        l->ids[l->n] = id;
        l->updates[l->n] = upd;
        l->n++;
    }
out:
    if ((rc = sla__csv_end(&c, rc)) < 0) {
        sla_incident_list_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

/* ---- announcements and events ------------------------------------------ */

/* A field's text as a string of its own ("" for an absent column). */
static char *text_of(const struct sla__csv_field *f)
{
    char *s = malloc(f ? f->len + 1 : 1);
    if (s && f)
        memcpy(s, f->text, f->len + 1);
    else if (s)
        s[0] = '\0';
    return s;
}

/* A required field that says which kind of record a row is. */
static int kind_field(struct sla__csv *c, const struct sla__csv_field *f)
{
    size_t i;
    if (f->len == 0)
        return sla__csv_fail(c, f, 0, "expected a kind, such as "
                                      "maintenance or patch");
    for (i = 0; i < f->len; i++)
        if ((unsigned char)f->text[i] <= ' ')
            return sla__csv_fail(c, f, i, "expected a kind without spaces "
                                          "or control bytes");
    /* a kind is a key of the service file, which holds 63 bytes */
    if (f->len > 63)
        return sla__csv_fail(c, f, 63, "expected a kind of at most 63 "
                                       "bytes");
    return 0;
}

/* The strings of a list's rows: ids and kinds. */
struct names {
    char **id, **kind;
};

static void names_free(struct names *s, size_t n)
{
    size_t i;
    for (i = 0; s->id && i < n; i++) {
        free(s->id[i]);
        free(s->kind[i]);
    }
    free(s->id);
    free(s->kind);
}

/* Room for row n in the names and in v (of size bytes a row), all with
 * one capacity; the row's strings are copied from the id and kind fields.
 * On failure nothing changes. */
static int names_add(struct names *s, void **v, size_t size, size_t *cap,
                     size_t n, const struct sla__csv_field *id,
                     const struct sla__csv_field *kind)
{
    size_t c1 = *cap, c2 = *cap, c3 = *cap;
    char *a, *b;
    if (sla__grow(v, &c1, n + 1, size) ||
        sla__grow((void **)&s->id, &c2, n + 1, sizeof *s->id) ||
        sla__grow((void **)&s->kind, &c3, n + 1, sizeof *s->kind))
        return SLA_ENOMEM;
    *cap = c1;
    a = text_of(id);
    b = text_of(kind);
    if (!a || !b) {
        free(a);
        free(b);
        return SLA_ENOMEM;
    }
    s->id[n] = a;
    s->kind[n] = b;
    return 0;
}

struct sla_announcement_list {
    struct sla_announcement *v;
    struct names s;
    int32_t *line;
    size_t n, cap, capline;
};

SLA_EXPORT void sla_announcement_list_free(struct sla_announcement_list *l)
{
    if (!l)
        return;
    names_free(&l->s, l->n);
    free(l->v);
    free(l->line);
    free(l);
}

SLA_EXPORT int32_t
sla_announcement_list_line(const struct sla_announcement_list *l,
                           size_t index)
{
    return l && index < l->n ? l->line[index] : 0;
}

SLA_EXPORT const struct sla_announcement *
sla_announcement_list_items(const struct sla_announcement_list *l,
                            size_t *count)
{
    if (!l || !count)
        return NULL;
    *count = l->n;
    return l->n ? l->v : NULL;
}

SLA_EXPORT const char *
sla_announcement_list_id(const struct sla_announcement_list *l, size_t index)
{
    return l && index < l->n ? l->s.id[index] : NULL;
}

SLA_EXPORT const char *
sla_announcement_list_kind(const struct sla_announcement_list *l,
                           size_t index)
{
    return l && index < l->n ? l->s.kind[index] : NULL;
}

SLA_EXPORT int sla_announcements_parse_csv(struct sla_announcement_list **out,
                                           const char *text, size_t len,
                                           struct sla_error *err)
{
    static const char *const names[] = {"KIND", "ANNOUNCED", "EVENT", "ID"};
    struct sla__csv c;
    struct sla_announcement_list *l;
    size_t ncols;
    int col[4], rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if (!(l = calloc(1, sizeof *l)))
        return sla__error_set(err, SLA_ENOMEM, 0, "out of memory");
    sla__csv_init(&c, text, len, err);
    if ((rc = header(&c, len, names, col, 4, 3,
                     "expected a header row naming the columns kind, "
                     "announced, event and (optionally) id",
                     &ncols)))
        goto out;
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_announcement a;
        if ((rc = row_check(&c, ncols)) ||
            (rc = kind_field(&c, &c.f[col[0]])) ||
            (rc = instant(&c, &c.f[col[1]], "announced", &a.announced)) ||
            (rc = instant(&c, &c.f[col[2]], "event", &a.event)))
            goto out;
        if (a.event < a.announced) {
            rc = sla__csv_fail(&c, &c.f[col[2]], 0,
                               "expected the event at or after its "
                               "announcement");
            goto out;
        }
        if (sla__grow((void **)&l->line, &l->capline, l->n + 1,
                      sizeof *l->line)) {
            rc = SLA_ENOMEM;
            goto out;
        }
        if ((rc = names_add(&l->s, (void **)&l->v, sizeof *l->v, &l->cap,
                            l->n, col[3] >= 0 ? &c.f[col[3]] : NULL,
                            &c.f[col[0]])))
            goto out;
        l->line[l->n] = c.f[0].line;
        l->v[l->n++] = a;
    }
out:
    if ((rc = sla__csv_end(&c, rc)) < 0) {
        sla_announcement_list_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

struct sla_event_list {
    int64_t *at;
    struct names s;
    size_t n, cap;
};

SLA_EXPORT void sla_event_list_free(struct sla_event_list *l)
{
    if (!l)
        return;
    names_free(&l->s, l->n);
    free(l->at);
    free(l);
}

SLA_EXPORT size_t sla_event_list_count(const struct sla_event_list *l)
{
    return l ? l->n : 0;
}

SLA_EXPORT int sla_event_list_get(const struct sla_event_list *l,
                                  size_t index, int64_t *at,
                                  const char **kind, const char **id)
{
    if (!l || index >= l->n)
        return SLA_EINVAL;
    if (at)
        *at = l->at[index];
    if (kind)
        *kind = l->s.kind[index];
    if (id)
        *id = l->s.id[index];
    return 0;
}

SLA_EXPORT size_t sla_event_list_select(const struct sla_event_list *l,
                                        const char *kind, int64_t *out,
                                        size_t cap)
{
    size_t i, k = 0;
    if (!l || !kind || (!out && cap))
        return 0;
    for (i = 0; i < l->n; i++)
        if (sla__same_ci(l->s.kind[i], kind)) {
            if (k < cap)
                out[k] = l->at[i];
            k++;
        }
    return k;
}

SLA_EXPORT int sla_events_parse_csv(struct sla_event_list **out,
                                    const char *text, size_t len,
                                    struct sla_error *err)
{
    static const char *const names[] = {"KIND", "AT", "ID"};
    struct sla__csv c;
    struct sla_event_list *l;
    size_t ncols;
    int col[3], rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if (!(l = calloc(1, sizeof *l)))
        return sla__error_set(err, SLA_ENOMEM, 0, "out of memory");
    sla__csv_init(&c, text, len, err);
    if ((rc = header(&c, len, names, col, 3, 2,
                     "expected a header row naming the columns kind, at "
                     "and (optionally) id",
                     &ncols)))
        goto out;
    while ((rc = sla__csv_next(&c)) == 1) {
        int64_t at;
        if ((rc = row_check(&c, ncols)) ||
            (rc = kind_field(&c, &c.f[col[0]])) ||
            (rc = instant(&c, &c.f[col[1]], "at", &at)))
            goto out;
        if ((rc = names_add(&l->s, (void **)&l->at, sizeof *l->at, &l->cap,
                            l->n, col[2] >= 0 ? &c.f[col[2]] : NULL,
                            &c.f[col[0]])))
            goto out;
        l->at[l->n++] = at;
    }
out:
    if ((rc = sla__csv_end(&c, rc)) < 0) {
        sla_event_list_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

/* ---- backup catalogs ---------------------------------------------------- */

enum { BC_ID, BC_CAPTURED, BC_COMPLETED, BC_KIND, BC_STATUS, BC_LOCATION,
       BC_ENCRYPTED, BC_MEDIUM, BC_SIZE, BC_TAGS, BC_BASE, BC_COUNT };

/* One of words (upper case) in a field, or an error naming them. */
static int word_of(struct sla__csv *c, const struct sla__csv_field *f,
                   const char *const *words, int n, const char *what,
                   int32_t *out)
{
    int k;
    for (k = 0; k < n; k++)
        if (name_is(f, words[k])) {
            *out = k;
            return 0;
        }
    return sla__csv_fail(c, f, 0, "expected %s", what);
}

SLA_EXPORT int sla_catalog_parse_csv(struct sla_catalog **out,
                                     const char *text, size_t len,
                                     struct sla_error *err)
{
    static const char *const names[BC_COUNT] = {
        "ID", "CAPTURED", "COMPLETED", "KIND", "STATUS", "LOCATION",
        "ENCRYPTED", "MEDIUM", "SIZE", "TAGS", "BASE"};
    static const char *const kinds[] = {"FULL", "DIFFERENTIAL",
                                        "INCREMENTAL"};
    static const char *const statuses[] = {"OK", "FAILED", "PARTIAL"};
    static const char *const places[] = {"ON-SITE", "OFF-SITE"};
    static const char *const yesno[] = {"NO", "YES"};
    struct sla__csv c;
    struct sla_catalog *cat = NULL;
    struct sla_error e;
    /* where each record's base field is, to place a resolve error */
    struct place {
        int32_t line, col;
        size_t off;
    } *at = NULL;
    size_t ncols, capat = 0, n = 0;
    int col[BC_COUNT], rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    if ((rc = sla_catalog_new(&cat)))
        return sla__error_set(err, rc, 0, "out of memory");
    sla__csv_init(&c, text, len, err);
    if ((rc = header(&c, len, names, col, BC_COUNT, 4,
                     "expected a header row naming at least the columns "
                     "id, captured, completed and kind",
                     &ncols)))
        goto out;
    while ((rc = sla__csv_next(&c)) == 1) {
        struct sla_backup b;
        const struct sla__csv_field *f, *idf;
        const char *base = NULL;
        memset(&b, 0, sizeof b);
        b.size = -1;
        if ((rc = row_check(&c, ncols)) ||
            (rc = instant(&c, &c.f[col[BC_CAPTURED]], "captured",
                          &b.captured)) ||
            (rc = instant(&c, &c.f[col[BC_COMPLETED]], "completed",
                          &b.completed)) ||
            (rc = word_of(&c, &c.f[col[BC_KIND]], kinds, 3,
                          "a kind of full, differential or incremental",
                          &b.kind)))
            goto out;
        idf = &c.f[col[BC_ID]];
        if (idf->len == 0) {
            rc = sla__csv_fail(&c, idf, 0, "expected an id");
            goto out;
        }
        if (b.completed < b.captured) {
            rc = sla__csv_fail(&c, &c.f[col[BC_COMPLETED]], 0,
                               "expected completed at or after captured");
            goto out;
        }
        if (col[BC_STATUS] >= 0 && c.f[col[BC_STATUS]].len &&
            (rc = word_of(&c, &c.f[col[BC_STATUS]], statuses, 3,
                          "a status of ok, failed or partial", &b.status)))
            goto out;
        if (col[BC_LOCATION] >= 0 && c.f[col[BC_LOCATION]].len &&
            (rc = word_of(&c, &c.f[col[BC_LOCATION]], places, 2,
                          "a location of on-site or off-site",
                          &b.location)))
            goto out;
        if (col[BC_ENCRYPTED] >= 0 && c.f[col[BC_ENCRYPTED]].len &&
            (rc = word_of(&c, &c.f[col[BC_ENCRYPTED]], yesno, 2,
                          "encrypted as yes or no", &b.encrypted)))
            goto out;
        if (col[BC_SIZE] >= 0 && (f = &c.f[col[BC_SIZE]])->len) {
            size_t j;
            int64_t v = 0;
            for (j = 0; j < f->len && f->text[j] >= '0' && f->text[j] <= '9';
                 j++) {
                int d = f->text[j] - '0';
                if (v > (INT64_MAX - d) / 10) {
                    rc = sla__csv_fail(&c, f, j, "expected a size that "
                                                 "fits in 63 bits");
                    goto out;
                }
                v = v * 10 + d;
            }
            if (j != f->len) {
                rc = sla__csv_fail(&c, f, j, "expected a size in bytes");
                goto out;
            }
            b.size = v;
        }
        if (col[BC_BASE] >= 0 && c.f[col[BC_BASE]].len) {
            if (b.kind == SLA_BACKUP_FULL) {
                rc = sla__csv_fail(&c, &c.f[col[BC_BASE]], 0,
                                   "expected no base for a full backup");
                goto out;
            }
            base = c.f[col[BC_BASE]].text;
        }
        if (sla__grow((void **)&at, &capat, n + 1, sizeof *at)) {
            rc = SLA_ENOMEM;
            goto out;
        }
        f = col[BC_BASE] >= 0 ? &c.f[col[BC_BASE]] : idf;
        at[n].line = f->line;
        at[n].col = f->col;
        at[n].off = f->off;
        rc = sla_catalog_add(cat, &b, idf->text,
                             col[BC_MEDIUM] >= 0 ? c.f[col[BC_MEDIUM]].text
                                                 : NULL,
                             col[BC_TAGS] >= 0 ? c.f[col[BC_TAGS]].text
                                               : NULL,
                             base);
        if (rc == SLA_EINVAL) {
            size_t dup;
            rc = sla_catalog_find(cat, idf->text, &dup) == 0
                     ? sla__csv_fail(&c, idf, 0,
                                     "expected a new id, not one used on "
                                     "line %d",
                                     (int)at[dup].line)
                     : sla__csv_fail(&c, idf, 0, "expected a backup");
            goto out;
        }
        if (rc)
            goto out;
        n++;
    }
    if (rc < 0)
        goto out;
    rc = sla_catalog_resolve(cat, &e);
    if (rc == SLA_EINVAL && e.offset >= 0 && (size_t)e.offset < n) {
        const struct place *p = &at[e.offset];
        /* the message names the backup: keep it after the place */
        rc = sla__error_at(err, SLA_EPARSE, p->off, p->line, p->col,
                           "expected a possible base: %s", e.message);
    } else if (rc) {
        sla__error_set(err, rc, 0, "%s", e.message);
    }
out:
    free(at);
    if ((rc = sla__csv_end(&c, rc)) < 0) {
        sla_catalog_free(cat);
        return rc;
    }
    *out = cat;
    return 0;
}
