/* SPDX-License-Identifier: MIT */
/* iCalendar import: VEVENTs as window schedules. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

#define MAX_PARAMS 16
#define MAX_DEPTH 16
#define MAX_ZONES 64

/* ---- content lines ------------------------------------------------------ */

/* Where a piece of an unfolded line came from. */
struct seg {
    size_t lpos;       /* its first byte in the logical line */
    size_t off;        /* ... in the text */
    int32_t line, col; /* ... as line and column */
};

struct where {
    size_t off;
    int32_t line, col;
};

struct param {
    size_t name, name_len;
    size_t value, value_len; /* the first value, unquoted */
    size_t at;               /* where the value starts */
    int several;             /* more than one value */
};

struct cline {
    size_t name_len; /* the name starts at 0 */
    struct param params[MAX_PARAMS];
    size_t nparams;
    size_t value, value_len;
};

enum dt_kind { DT_DATE, DT_FLOAT, DT_UTC, DT_ZONED };

/* A DATE or DATE-TIME value as written. */
struct dt {
    int kind;
    struct sla_civil c;
    struct sla_zone *zone; /* DT_ZONED, or a date's TZID; borrowed */
    struct where at;
    /* RDATE;VALUE=PERIOD: the end, or a duration */
    int is_period, period_has_end;
    struct sla_civil end;
    int32_t dur_days;
    int64_t dur_ms;
};

struct dtlist {
    struct dt *v;
    size_t n, cap;
};

struct event {
    struct where begin;
    int has_start, has_end, has_duration, cancelled, has_rid;
    struct dt start, end, rid;
    struct where duration_at;
    int32_t dur_days;
    int64_t dur_ms;
    struct sla_rrule *rule;
    struct dtlist exdates, rdates;
    char *uid, *summary;
};

struct ics_event {
    struct sla_schedule *s;
    char *uid, *summary;
    struct sla_zone *zone; /* the event's zone (the schedule holds a ref) */
    int override_of_cancelled;
};

struct sla_ics {
    struct ics_event *ev;
    size_t n, cap;
};

struct zone_cache {
    char *name;
    struct sla_zone *zone;
};

/* An override (RECURRENCE-ID) waiting for the whole file. */
struct pending {
    char *uid;
    struct dt rid;
    size_t index; /* its own schedule in ics->ev, or (size_t)-1 */
    int cancelled;
};

struct parser {
    const char *s;
    size_t len, pos;
    int32_t line; /* of the next physical line */
    char *buf;    /* the logical line */
    size_t n, cap;
    struct seg *segs;
    size_t nseg, capseg;
    struct where eof;
    struct sla_error *err;
    struct sla_zone *floating, *utc;
    const char *tzdir;
    struct zone_cache zones[MAX_ZONES];
    size_t nzones;
    struct sla_ics *ics;
    struct pending *pend;
    size_t npend, cappend;
    struct cline cl;
};

static int fail_where(struct parser *p, const struct where *w, int code,
                      const char *fmt, ...) SLA_PRINTF(4, 5);

static int fail_where(struct parser *p, const struct where *w, int code,
                      const char *fmt, ...)
{
    struct sla_error *err = p->err;
    if (err) {
        va_list ap;
        int n;
        err->code = code;
        err->line = w->line;
        err->column = w->col;
        err->reserved = 0;
        err->offset = (int64_t)w->off;
        memset(err->reserved2, 0, sizeof err->reserved2);
        va_start(ap, fmt);
        n = vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        (void)n;
    }
    return code;
}

/* The place of byte lpos of the logical line. */
static struct where where_of(const struct parser *p, size_t lpos)
{
    struct where w;
    size_t i = p->nseg;
    while (i > 1 && p->segs[i - 1].lpos > lpos)
        i--;
    if (!p->nseg) {
        w = p->eof;
        return w;
    }
    w.off = p->segs[i - 1].off + (lpos - p->segs[i - 1].lpos);
    w.line = p->segs[i - 1].line;
    lpos -= p->segs[i - 1].lpos;
    w.col = p->segs[i - 1].col +
            (lpos < (size_t)INT32_MAX - 1 ? (int32_t)lpos : INT32_MAX - 1);
    return w;
}

#define FAIL(p, lpos, ...)                                                    \
    fail_at_pos((p), (lpos), __VA_ARGS__)

static int fail_at_pos(struct parser *p, size_t lpos, const char *fmt, ...)
    SLA_PRINTF(3, 4);

static int fail_at_pos(struct parser *p, size_t lpos, const char *fmt, ...)
{
    struct where w = where_of(p, lpos);
    char msg[sizeof p->err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fail_where(p, &w, SLA_EPARSE, "%s", msg);
}

/* Append one physical line's piece [a, b) to the logical line. */
static int append(struct parser *p, size_t a, size_t b, int32_t col)
{
    size_t i;
    if (sla__grow((void **)&p->buf, &p->cap, p->n + (b - a) + 1, 1) ||
        sla__grow((void **)&p->segs, &p->capseg, p->nseg + 1, sizeof *p->segs))
        return SLA_ENOMEM;
    p->segs[p->nseg].lpos = p->n;
    p->segs[p->nseg].off = a;
    p->segs[p->nseg].line = p->line;
    p->segs[p->nseg].col = col;
    p->nseg++;
    for (i = a; i < b; i++) {
        unsigned char ch = (unsigned char)p->s[i];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
            struct where w;
            w.off = i;
            w.line = p->line;
            w.col = col + (int32_t)(i - a < INT32_MAX / 2 ? i - a : 0);
            return fail_where(p, &w, SLA_EPARSE,
                              "expected text, not the control byte 0x%02x",
                              ch);
        }
    }
    memcpy(p->buf + p->n, p->s + a, b - a);
    p->n += b - a;
    p->buf[p->n] = '\0';
    return 0;
}

/* The end of the physical line at a (its '\n' or the text's end), and
 * where the next one starts. A CR is dropped only before the LF. */
static size_t line_end(const struct parser *p, size_t a, size_t *next)
{
    const char *nl = memchr(p->s + a, '\n', p->len - a);
    size_t e = nl ? (size_t)(nl - p->s) : p->len;
    *next = nl ? e + 1 : p->len;
    if (e > a && p->s[e - 1] == '\r')
        e--;
    return e;
}

/* Read the next non-empty logical line. 1: read; 0: end; <0: error. */
static int next_line(struct parser *p)
{
    for (;;) {
        size_t next, e;
        int rc;
        if (p->pos >= p->len)
            return 0;
        p->n = 0;
        p->nseg = 0;
        e = line_end(p, p->pos, &next);
        if ((rc = append(p, p->pos, e, 1)))
            return rc;
        p->pos = next;
        p->line++;
        while (p->pos < p->len &&
               (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')) {
            e = line_end(p, p->pos, &next);
            if ((rc = append(p, p->pos + 1, e, 2)))
                return rc;
            p->pos = next;
            p->line++;
        }
        if (p->n)
            return 1;
    }
}

static int name_char(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-';
}

/* Split the logical line into name, parameters and value. */
static int split_line(struct parser *p)
{
    struct cline *cl = &p->cl;
    const char *b = p->buf;
    size_t i = 0;
    memset(cl, 0, sizeof *cl);
    while (i < p->n && name_char((unsigned char)b[i]))
        i++;
    if (i == 0)
        return FAIL(p, 0, "expected a property name (letters, digits, '-')");
    cl->name_len = i;
    while (i < p->n && b[i] == ';') {
        struct param *pa;
        size_t a = ++i;
        if (cl->nparams == MAX_PARAMS)
            return FAIL(p, a, "expected at most %d parameters", MAX_PARAMS);
        pa = &cl->params[cl->nparams++];
        while (i < p->n && name_char((unsigned char)b[i]))
            i++;
        if (i == a)
            return FAIL(p, i, "expected a parameter name");
        pa->name = a;
        pa->name_len = i - a;
        if (i >= p->n || b[i] != '=')
            return FAIL(p, i, "expected '=' after the parameter name");
        for (;;) {
            size_t va, vb;
            i++;
            if (i < p->n && b[i] == '"') {
                va = ++i;
                while (i < p->n && b[i] != '"')
                    i++;
                if (i >= p->n)
                    return FAIL(p, va - 1, "expected the closing '\"' of "
                                           "a quoted parameter value");
                vb = i++;
            } else {
                va = i;
                while (i < p->n && b[i] != ';' && b[i] != ':' &&
                       b[i] != ',' && b[i] != '"')
                    i++;
                if (i < p->n && b[i] == '"')
                    return FAIL(p, i, "expected '\"' only around a whole "
                                      "parameter value");
                vb = i;
            }
            if (!pa->value_len && !pa->several && pa->at == 0) {
                pa->value = va;
                pa->value_len = vb - va;
                pa->at = va;
            } else {
                pa->several = 1;
            }
            if (i >= p->n || b[i] != ',')
                break;
            pa->several = 1;
        }
    }
    if (i >= p->n || b[i] != ':')
        return FAIL(p, i, "expected ':' or ';' after the property name");
    cl->value = i + 1;
    cl->value_len = p->n - (i + 1);
    return 0;
}

static int name_is(const struct parser *p, const char *word)
{
    return sla__word_is(p->buf, p->cl.name_len, word);
}

static int value_is(const struct parser *p, const char *word)
{
    return sla__word_is(p->buf + p->cl.value, p->cl.value_len, word);
}

static const struct param *param(const struct parser *p, const char *name)
{
    size_t i;
    for (i = 0; i < p->cl.nparams; i++)
        if (sla__word_is(p->buf + p->cl.params[i].name, p->cl.params[i].name_len,
                    name))
            return &p->cl.params[i];
    return NULL;
}

/* ---- values ------------------------------------------------------------- */

static int digits(const char *s, size_t n, int64_t *out)
{
    size_t i;
    int64_t v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* A DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS[Z]) at buf[a, a+n). */
static int parse_dt_text(struct parser *p, size_t a, size_t n, int want_date,
                         struct dt *out)
{
    const char *s = p->buf + a;
    int64_t y, mo, d, h = 0, mi = 0, se = 0;
    memset(&out->c, 0, sizeof out->c);
    if (n < 8 || digits(s, 4, &y) || digits(s + 4, 2, &mo) ||
        digits(s + 6, 2, &d))
        return FAIL(p, a, "expected a date as YYYYMMDD");
    if (n == 8) {
        if (want_date == 0)
            return FAIL(p, a, "expected a date-time as YYYYMMDDTHHMMSS "
                              "(or VALUE=DATE)");
        out->kind = DT_DATE;
    } else {
        if (want_date == 1)
            return FAIL(p, a, "expected a date as YYYYMMDD (VALUE=DATE)");
        if ((n != 15 && n != 16) || sla__upper((unsigned char)s[8]) != 'T' ||
            digits(s + 9, 2, &h) || digits(s + 11, 2, &mi) ||
            digits(s + 13, 2, &se) ||
            (n == 16 && sla__upper((unsigned char)s[15]) != 'Z'))
            return FAIL(p, a, "expected a date-time as YYYYMMDDTHHMMSS with "
                              "an optional Z");
        out->kind = n == 16 ? DT_UTC : DT_FLOAT;
    }
    out->c.year = (int32_t)y;
    out->c.month = (int32_t)mo;
    out->c.day = (int32_t)d;
    out->c.hour = (int32_t)h;
    out->c.minute = (int32_t)mi;
    out->c.second = (int32_t)se;
    if (sla_civil_check(&out->c))
        return FAIL(p, a, "expected a date and time that exist (no leap "
                          "second 60)");
    return 0;
}

/* Up to 9 digits at s[*i] and a unit letter after them: 1 with the
 * number in v and *i at the letter, 0 if either is missing. */
static int count(const char *s, size_t n, size_t *i, int64_t *v)
{
    size_t b = *i;
    *v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9' && *i - b < 9)
        *v = *v * 10 + (s[(*i)++] - '0');
    return *i > b && *i < n;
}

/* RFC 5545 dur-value, positive: P nW | P nD [T...] | P T... with the time
 * part nH [nM [nS]] | nM [nS] | nS. */
static int parse_duration(struct parser *p, size_t a, size_t n,
                          int32_t *days, int64_t *ms)
{
    const char *s = p->buf + a;
    size_t i = 0;
    int64_t d = 0, t = 0;
    static const char *const what =
        "expected a positive RFC 5545 duration (P1W, P1D, PT2H30M, "
        "P1DT12H)";
    if (i < n && s[i] == '+')
        i++;
    if (i >= n || sla__upper((unsigned char)s[i]) != 'P')
        return FAIL(p, a, "%s", what);
    i++;
    if (i < n && sla__upper((unsigned char)s[i]) != 'T') {
        int64_t v;
        if (!count(s, n, &i, &v))
            return FAIL(p, a + i, "%s", what);
        if (sla__upper((unsigned char)s[i]) == 'W') {
            if (i + 1 != n)
                return FAIL(p, a + i + 1, "%s", what);
            d = v * 7;
            i++;
        } else if (sla__upper((unsigned char)s[i]) == 'D') {
            d = v;
            i++;
        } else {
            return FAIL(p, a + i, "%s", what);
        }
    }
    if (i < n) {
        static const char units[] = "HMS";
        static const int64_t scale[] = {3600000, 60000, 1000};
        int u = 0, any = 0;
        if (sla__upper((unsigned char)s[i]) != 'T')
            return FAIL(p, a + i, "%s", what);
        i++;
        while (i < n) {
            int64_t v;
            if (!count(s, n, &i, &v))
                return FAIL(p, a + i, "%s", what);
            while (u < 3 && sla__upper((unsigned char)s[i]) != units[u])
                u++;
            if (u == 3)
                return FAIL(p, a + i, "%s", what);
            t += v * scale[u++];
            i++;
            any = 1;
        }
        if (!any)
            return FAIL(p, a + i, "%s", what);
    } else if (i == 1 || (i == 2 && s[0] == '+')) {
        return FAIL(p, a + i, "%s", what);
    }
    if (d == 0 && t == 0)
        return FAIL(p, a, "expected a duration longer than zero");
    if (d > INT32_MAX)
        return FAIL(p, a, "expected a duration of at most %d days",
                    INT32_MAX);
    *days = (int32_t)d;
    *ms = t;
    return 0;
}

/* The zone a TZID names, opened once per parse. */
static int zone_of(struct parser *p, const struct param *tz,
                   struct sla_zone **out)
{
    char name[256];
    struct sla_error zerr;
    size_t i;
    int rc;
    if (tz->several)
        return FAIL(p, tz->at, "expected one TZID");
    if (tz->value_len == 0 || tz->value_len >= sizeof name)
        return FAIL(p, tz->at, "expected an IANA zone name as TZID");
    memcpy(name, p->buf + tz->value, tz->value_len);
    name[tz->value_len] = '\0';
    for (i = 0; i < p->nzones; i++)
        if (!strcmp(p->zones[i].name, name)) {
            *out = p->zones[i].zone;
            return 0;
        }
    if (p->nzones == MAX_ZONES)
        return FAIL(p, tz->at, "expected at most %d different TZIDs",
                    MAX_ZONES);
    rc = sla_zone_from_name(out, name, p->tzdir, &zerr);
    if (rc == SLA_ENOMEM)
        return rc;
    if (rc) {
        struct where w = where_of(p, tz->at);
        return fail_where(p, &w, rc == SLA_EPARSE ? SLA_EPARSE : SLA_ENOTFOUND,
                          "expected a TZID naming an IANA zone "
                          "(Europe/Berlin): '%s': %s",
                          name, zerr.message);
    }
    p->zones[p->nzones].name = malloc(tz->value_len + 1);
    if (!p->zones[p->nzones].name) {
        sla_zone_unref(*out);
        return SLA_ENOMEM;
    }
    memcpy(p->zones[p->nzones].name, name, tz->value_len + 1);
    p->zones[p->nzones].zone = *out;
    p->nzones++;
    return 0;
}

/* The VALUE parameter: -1 absent, else one of the names. */
static int value_type(struct parser *p, int *out)
{
    static const char *const names[] = {"DATE", "DATE-TIME", "PERIOD"};
    const struct param *v = param(p, "VALUE");
    int i;
    *out = -1;
    if (!v)
        return 0;
    for (i = 0; i < 3; i++)
        if (!v->several && sla__word_is(p->buf + v->value, v->value_len, names[i])) {
            *out = i;
            return 0;
        }
    return FAIL(p, v->at, "expected VALUE=DATE, DATE-TIME or PERIOD");
}

/* What a VALUE type asks of a date: 1 a date, 0 a date-time, -1 either
 * (no VALUE: the length tells). */
static int want_date(int vt)
{
    return vt == 0 ? 1 : vt == 1 ? 0 : -1;
}

/* One DATE or DATE-TIME at buf[a, a+n), with the line's TZID. */
static int one_dt(struct parser *p, size_t a, size_t n, int want_date,
                  struct dt *out)
{
    const struct param *tz = param(p, "TZID");
    int rc;
    memset(out, 0, sizeof *out);
    out->at = where_of(p, a);
    if ((rc = parse_dt_text(p, a, n, want_date, out)))
        return rc;
    if (tz) {
        if (out->kind == DT_UTC)
            return FAIL(p, a, "expected a local time with TZID, not a UTC "
                              "time ending in Z");
        if ((rc = zone_of(p, tz, &out->zone)))
            return rc;
        if (out->kind == DT_FLOAT)
            out->kind = DT_ZONED;
    }
    return 0;
}

/* A property holding one date or date-time (DTSTART, DTEND, ...). */
static int single_dt(struct parser *p, struct dt *out)
{
    int vt, rc;
    if ((rc = value_type(p, &vt)))
        return rc;
    if (vt == 2)
        return FAIL(p, param(p, "VALUE")->at,
                    "expected VALUE=DATE or DATE-TIME");
    return one_dt(p, p->cl.value, p->cl.value_len, want_date(vt), out);
}

static int push_dt(struct dtlist *l, const struct dt *d)
{
    if (sla__grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return SLA_ENOMEM;
    l->v[l->n++] = *d;
    return 0;
}

/* EXDATE and RDATE: comma-separated values; RDATE may hold periods. */
static int dt_list(struct parser *p, struct dtlist *l, int periods)
{
    int vt, rc;
    size_t a = p->cl.value, end = p->cl.value + p->cl.value_len;
    if ((rc = value_type(p, &vt)))
        return rc;
    if (vt == 2 && !periods)
        return FAIL(p, param(p, "VALUE")->at,
                    "expected VALUE=DATE or DATE-TIME");
    for (;;) {
        size_t b = a;
        struct dt d;
        while (b < end && p->buf[b] != ',')
            b++;
        if (vt == 2) {
            size_t slash = a;
            while (slash < b && p->buf[slash] != '/')
                slash++;
            if (slash == b)
                return FAIL(p, a, "expected a period as start/end or "
                                  "start/duration");
            if ((rc = one_dt(p, a, slash - a, 0, &d)))
                return rc;
            d.is_period = 1;
            if (slash + 1 < b && sla__upper((unsigned char)p->buf[slash + 1]) != 'P' &&
                p->buf[slash + 1] != '+') {
                struct dt e;
                if ((rc = one_dt(p, slash + 1, b - slash - 1, 0, &e)))
                    return rc;
                if (e.kind != d.kind)
                    return FAIL(p, slash + 1, "expected a period's end of "
                                              "the same kind as its start");
                d.period_has_end = 1;
                d.end = e.c;
            } else if ((rc = parse_duration(p, slash + 1, b - slash - 1,
                                            &d.dur_days, &d.dur_ms))) {
                return rc;
            }
        } else if ((rc = one_dt(p, a, b - a, want_date(vt), &d))) {
            return rc;
        }
        if ((rc = push_dt(l, &d)))
            return rc;
        if (b >= end)
            return 0;
        a = b + 1;
    }
}

/* A TEXT value, unescaped (\n, \N, \\, \;, \,). */
static int text_value(struct parser *p, char **out)
{
    const char *s = p->buf + p->cl.value;
    size_t n = p->cl.value_len, i, j = 0;
    char *t = malloc(n + 1);
    if (!t)
        return SLA_ENOMEM;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            t[j++] = (s[i] == 'n' || s[i] == 'N') ? '\n' : s[i];
        } else {
            t[j++] = s[i];
        }
    }
    t[j] = '\0';
    free(*out);
    *out = t;
    return 0;
}

/* ---- events ------------------------------------------------------------- */

static void event_clear(struct event *e)
{
    sla_rrule_free(e->rule);
    free(e->exdates.v);
    free(e->rdates.v);
    free(e->uid);
    free(e->summary);
    memset(e, 0, sizeof *e);
}

static int event_property(struct parser *p, struct event *e)
{
    int rc;
    if (name_is(p, "DTSTART")) {
        if (e->has_start)
            return FAIL(p, 0, "expected one DTSTART");
        e->has_start = 1;
        return single_dt(p, &e->start);
    }
    if (name_is(p, "DTEND")) {
        if (e->has_end)
            return FAIL(p, 0, "expected one DTEND");
        e->has_end = 1;
        return single_dt(p, &e->end);
    }
    if (name_is(p, "DURATION")) {
        if (e->has_duration)
            return FAIL(p, 0, "expected one DURATION");
        e->has_duration = 1;
        e->duration_at = where_of(p, 0);
        return parse_duration(p, p->cl.value, p->cl.value_len, &e->dur_days,
                              &e->dur_ms);
    }
    if (name_is(p, "RRULE")) {
        struct sla_error rerr;
        if (e->rule)
            return FAIL(p, 0, "expected one RRULE (several are not "
                              "supported)");
        rc = sla_rrule_parse(&e->rule, p->buf + p->cl.value, p->cl.value_len,
                             &rerr);
        if (rc == SLA_ENOMEM)
            return rc;
        if (rc) {
            size_t at = p->cl.value;
            if (rerr.offset > 0 && (size_t)rerr.offset <= p->cl.value_len)
                at += (size_t)rerr.offset;
            return FAIL(p, at, "%s", rerr.message);
        }
        return 0;
    }
    if (name_is(p, "EXRULE"))
        return FAIL(p, 0, "expected no EXRULE (RFC 5545 removed it; list "
                          "the occurrences in EXDATE)");
    if (name_is(p, "EXDATE"))
        return dt_list(p, &e->exdates, 0);
    if (name_is(p, "RDATE"))
        return dt_list(p, &e->rdates, 1);
    if (name_is(p, "RECURRENCE-ID")) {
        const struct param *r = param(p, "RANGE");
        if (r)
            return FAIL(p, r->at, "expected no RANGE (THISANDFUTURE "
                                  "overrides are not supported)");
        if (e->has_rid)
            return FAIL(p, 0, "expected one RECURRENCE-ID");
        e->has_rid = 1;
        return single_dt(p, &e->rid);
    }
    if (name_is(p, "STATUS")) {
        e->cancelled = value_is(p, "CANCELLED");
        return 0;
    }
    if (name_is(p, "UID"))
        return text_value(p, &e->uid);
    if (name_is(p, "SUMMARY"))
        return text_value(p, &e->summary);
    return 0; /* cannot change a window */
}

/* The event's zone: its DTSTART's. */
static int event_zone(struct parser *p, const struct dt *d,
                      struct sla_zone **out)
{
    if (d->kind == DT_UTC) {
        *out = p->utc;
        return 0;
    }
    if (d->zone) {
        *out = d->zone;
        return 0;
    }
    if (!p->floating)
        return fail_where(p, &d->at, SLA_EPARSE,
                          "expected a TZID or a UTC time: no zone was given "
                          "for floating times");
    *out = p->floating;
    return 0;
}

/* A value as a local civil time in zone z. */
static int civil_in(struct parser *p, const struct dt *d, struct sla_zone *z,
                    struct sla_civil *out)
{
    struct sla_zone_resolution r;
    int64_t t;
    struct sla_zone *from = d->kind == DT_UTC ? p->utc
                            : d->zone         ? d->zone
                                              : z;
    if (from == z) {
        *out = d->c;
        return 0;
    }
    if (d->kind == DT_UTC) {
        if (sla_civil_to_instant(&t, &d->c, 0))
            return SLA_EOVERFLOW;
    } else {
        if (sla_zone_to_instant(&r, from, &d->c, SLA_DISAMBIGUATE_COMPATIBLE))
            return fail_where(p, &d->at, SLA_EPARSE,
                              "expected a time within the range of instants");
        t = r.instant;
    }
    if (sla_zone_to_civil(out, NULL, z, t))
        return fail_where(p, &d->at, SLA_EPARSE,
                          "expected a time within the range of instants");
    return 0;
}

/* Is the value an exact instant for zone z (UTC, or a local time in
 * another zone)? Then 1, with the instant in t. */
static int exact_in(struct parser *p, const struct dt *d, struct sla_zone *z,
                    int64_t *t, int *rc)
{
    struct sla_zone_resolution r;
    *rc = 0;
    if (d->kind == DT_UTC) {
        if (sla_civil_to_instant(t, &d->c, 0))
            *rc = SLA_EOVERFLOW;
        return 1;
    }
    if (d->kind != DT_ZONED || d->zone == z)
        return 0;
    if (sla_zone_to_instant(&r, d->zone, &d->c, SLA_DISAMBIGUATE_COMPATIBLE))
        *rc = fail_where(p, &d->at, SLA_EPARSE,
                         "expected a time within the range of instants");
    *t = r.instant;
    return 1;
}

/* An RDATE period as instants. */
static int period_window(struct parser *p, struct sla_schedule *s,
                         const struct dt *d, struct sla_zone *z)
{
    struct sla_zone_resolution r;
    struct sla_zone *from = d->kind == DT_UTC ? p->utc : d->zone ? d->zone : z;
    int64_t a, b;
    if (sla_zone_to_instant(&r, from, &d->c, SLA_DISAMBIGUATE_COMPATIBLE))
        return fail_where(p, &d->at, SLA_EPARSE,
                          "expected a time within the range of instants");
    a = r.instant;
    if (d->period_has_end) {
        if (sla_zone_to_instant(&r, from, &d->end,
                                SLA_DISAMBIGUATE_COMPATIBLE))
            return fail_where(p, &d->at, SLA_EPARSE,
                              "expected a time within the range of instants");
        b = r.instant;
    } else {
        struct sla_civil e = d->c;
        struct sla_date dd = {e.year, e.month, e.day};
        if (sla_date_add_days(&dd, &dd, d->dur_days))
            return fail_where(p, &d->at, SLA_EPARSE,
                              "expected a period within the calendar");
        e.year = dd.year;
        e.month = dd.month;
        e.day = dd.day;
        if (sla_zone_to_instant(&r, from, &e, SLA_DISAMBIGUATE_COMPATIBLE) ||
            sla__add_overflow(r.instant, d->dur_ms, &b))
            return fail_where(p, &d->at, SLA_EPARSE,
                              "expected a period within the range of "
                              "instants");
    }
    if (b <= a)
        return fail_where(p, &d->at, SLA_EPARSE,
                          "expected a period that ends after it starts");
    return sla_schedule_add_window(s, a, b);
}

static int add_event(struct parser *p, struct sla_schedule *s,
                     struct sla_zone *z, struct event *e)
{
    struct sla_ics *ics = p->ics;
    struct ics_event *x;
    if (sla__grow((void **)&ics->ev, &ics->cap, ics->n + 1, sizeof *ics->ev))
        return SLA_ENOMEM;
    x = &ics->ev[ics->n++];
    memset(x, 0, sizeof *x);
    x->s = s;
    x->zone = z;
    x->uid = e->uid ? e->uid : calloc(1, 1);
    x->summary = e->summary ? e->summary : calloc(1, 1);
    e->uid = e->summary = NULL;
    if (!x->uid || !x->summary)
        return SLA_ENOMEM;
    return 0;
}

static int end_event(struct parser *p, struct event *e)
{
    struct sla_zone *z = NULL;
    struct sla_schedule *s = NULL;
    int rc;
    size_t i;
    int is_date;
    if (!e->has_start)
        return fail_where(p, &e->begin, SLA_EPARSE,
                          "expected a DTSTART in the VEVENT that begins here");
    is_date = e->start.kind == DT_DATE;
    if ((rc = event_zone(p, &e->start, &z)))
        return rc;
    if (e->has_end && e->has_duration)
        return fail_where(p, &e->duration_at, SLA_EPARSE,
                          "expected DTEND or DURATION, not both");
    if (e->has_rid) {
        /* An override: its own window, and an EXDATE on the series,
         * applied once the whole file is read. */
        struct pending *q;
        if (e->rule)
            return fail_where(p, &e->rid.at, SLA_EPARSE,
                              "expected no RRULE in an overridden "
                              "occurrence");
        if (sla__grow((void **)&p->pend, &p->cappend, p->npend + 1,
                 sizeof *p->pend))
            return SLA_ENOMEM;
        q = &p->pend[p->npend++];
        memset(q, 0, sizeof *q);
        q->rid = e->rid;
        q->index = (size_t)-1;
        q->cancelled = e->cancelled;
        q->uid = e->uid ? e->uid : calloc(1, 1);
        e->uid = NULL;
        if (!q->uid)
            return SLA_ENOMEM;
        if (!(e->uid = malloc(strlen(q->uid) + 1)))
            return SLA_ENOMEM;
        strcpy(e->uid, q->uid);
    }
    if (e->cancelled && !e->has_rid) {
        /* A cancelled series: remember it so its overrides go too. */
        struct pending *q;
        if (sla__grow((void **)&p->pend, &p->cappend, p->npend + 1,
                 sizeof *p->pend))
            return SLA_ENOMEM;
        q = &p->pend[p->npend++];
        memset(q, 0, sizeof *q);
        q->index = (size_t)-2; /* marks a cancelled series */
        q->uid = e->uid ? e->uid : calloc(1, 1);
        e->uid = NULL;
        return q->uid ? 0 : SLA_ENOMEM;
    }
    if ((rc = sla_schedule_new(&s, z, &e->start.c, e->rule)))
        return rc == SLA_ENOMEM ? rc
                                : fail_where(p, &e->start.at, SLA_EPARSE,
                                             "expected a DTSTART that exists");
    if (e->has_end) {
        struct sla_civil ec;
        int64_t a, b;
        if ((e->end.kind == DT_DATE) != is_date) {
            rc = fail_where(p, &e->end.at, SLA_EPARSE,
                            "expected a DTEND of the same kind as DTSTART "
                            "(both dates or both date-times)");
            goto fail;
        }
        if ((rc = civil_in(p, &e->end, z, &ec)))
            goto fail;
        if (sla_civil_to_instant(&a, &e->start.c, 0) ||
            sla_civil_to_instant(&b, &ec, 0) || b <= a) {
            rc = fail_where(p, &e->end.at, SLA_EPARSE,
                            "expected a DTEND after DTSTART");
            goto fail;
        }
        sla_schedule_set_local_length(s, b - a);
    } else if (e->has_duration) {
        sla_schedule_set_nominal_duration(s, e->dur_days, e->dur_ms);
    } else if (is_date) {
        sla_schedule_set_nominal_duration(s, 1, 0);
    } else {
        rc = fail_where(p, &e->start.at, SLA_EPARSE,
                        "expected DTEND or DURATION with a DTSTART that has "
                        "a time (the event has no length)");
        goto fail;
    }
    for (i = 0; i < e->exdates.n; i++) {
        struct sla_civil c;
        const struct dt *d = &e->exdates.v[i];
        int64_t t;
        /* An exact instant excludes the occurrence starting then (in a
         * fold, only the one of the two it names). */
        if (exact_in(p, d, z, &t, &rc)) {
            if (rc || (rc = sla__schedule_add_exdate_at(s, t)))
                goto fail;
            continue;
        }
        if ((rc = civil_in(p, d, z, &c)) ||
            (rc = sla_schedule_add_exdate(s, &c, d->kind == DT_DATE)))
            goto fail;
    }
    for (i = 0; i < e->rdates.n; i++) {
        struct sla_civil c;
        const struct dt *d = &e->rdates.v[i];
        if (d->is_period) {
            if ((rc = period_window(p, s, d, z)))
                goto fail;
            continue;
        }
        if ((d->kind == DT_DATE) != is_date) {
            rc = fail_where(p, &d->at, SLA_EPARSE,
                            "expected an RDATE of the same kind as DTSTART "
                            "(both dates or both date-times)");
            goto fail;
        }
        {
            int64_t t;
            if (exact_in(p, d, z, &t, &rc)) {
                if (rc || (rc = sla__schedule_add_rdate_at(s, t)))
                    goto fail;
                continue;
            }
        }
        if ((rc = civil_in(p, d, z, &c)) ||
            (rc = sla_schedule_add_rdate(s, &c)))
            goto fail;
    }
    if ((rc = add_event(p, s, z, e))) {
        if (p->ics->n && p->ics->ev[p->ics->n - 1].s == s)
            return rc; /* owned by the calendar now */
        goto fail;
    }
    if (e->has_rid)
        p->pend[p->npend - 1].index = p->ics->n - 1;
    return 0;
fail:
    sla_schedule_free(s);
    return rc;
}

/* Apply the overrides: an EXDATE on their series, and drop what a
 * cancellation removes. */
static int resolve_overrides(struct parser *p)
{
    struct sla_ics *ics = p->ics;
    size_t i, j, w;
    for (i = 0; i < p->npend; i++) {
        struct pending *q = &p->pend[i];
        int series_cancelled = 0;
        if (q->index == (size_t)-2)
            continue;
        for (j = 0; j < p->npend; j++)
            if (p->pend[j].index == (size_t)-2 &&
                !strcmp(p->pend[j].uid, q->uid))
                series_cancelled = 1;
        if (series_cancelled || q->cancelled) {
            if (q->index != (size_t)-1)
                ics->ev[q->index].override_of_cancelled = 1;
        }
        if (series_cancelled)
            continue;
        for (j = 0; j < ics->n; j++) {
            struct sla_civil c;
            int rc, is_override = 0;
            size_t k;
            if (strcmp(ics->ev[j].uid, q->uid))
                continue;
            for (k = 0; k < p->npend; k++)
                if (p->pend[k].index == j)
                    is_override = 1;
            if (is_override)
                continue;
            {
                int64_t t;
                if (exact_in(p, &q->rid, ics->ev[j].zone, &t, &rc)) {
                    if (rc || (rc = sla__schedule_add_exdate_at(ics->ev[j].s,
                                                                t)))
                        return rc;
                    continue;
                }
            }
            if ((rc = civil_in(p, &q->rid, ics->ev[j].zone, &c)) ||
                (rc = sla_schedule_add_exdate(ics->ev[j].s, &c,
                                              q->rid.kind == DT_DATE)))
                return rc;
        }
    }
    for (i = w = 0; i < ics->n; i++) {
        if (ics->ev[i].override_of_cancelled) {
            sla_schedule_free(ics->ev[i].s);
            free(ics->ev[i].uid);
            free(ics->ev[i].summary);
        } else {
            ics->ev[w++] = ics->ev[i];
        }
    }
    ics->n = w;
    return 0;
}

/* ---- the file ----------------------------------------------------------- */

static int parse_file(struct parser *p)
{
    char stack[MAX_DEPTH][32];
    size_t depth = 0;
    int in_event = 0, rc, seen_calendar = 0;
    struct event e;
    memset(&e, 0, sizeof e);
    while ((rc = next_line(p)) == 1) {
        if ((rc = split_line(p)))
            goto out;
        if (name_is(p, "BEGIN") || name_is(p, "END")) {
            int begin = name_is(p, "BEGIN");
            const char *v = p->buf + p->cl.value;
            size_t n = p->cl.value_len, i;
            if (n == 0 || n >= sizeof stack[0]) {
                rc = FAIL(p, p->cl.value, "expected a component name");
                goto out;
            }
            for (i = 0; i < n; i++)
                if (!name_char((unsigned char)v[i])) {
                    rc = FAIL(p, p->cl.value + i,
                              "expected a component name");
                    goto out;
                }
            if (begin) {
                if (depth == 0 && !value_is(p, "VCALENDAR")) {
                    rc = FAIL(p, p->cl.value, "expected BEGIN:VCALENDAR");
                    goto out;
                }
                if (depth == MAX_DEPTH) {
                    rc = FAIL(p, 0, "expected components nested at most "
                                    "%d deep",
                              MAX_DEPTH);
                    goto out;
                }
                for (i = 0; i < n; i++)
                    stack[depth][i] = (char)sla__upper((unsigned char)v[i]);
                stack[depth][n] = '\0';
                depth++;
                if (depth == 2 && value_is(p, "VEVENT")) {
                    in_event = 1;
                    e.begin = where_of(p, 0);
                }
                seen_calendar = 1;
                continue;
            }
            if (depth == 0 || !sla__word_is(v, n, stack[depth - 1])) {
                rc = FAIL(p, p->cl.value, "expected END:%s",
                          depth ? stack[depth - 1] : "VCALENDAR after "
                                                     "BEGIN:VCALENDAR");
                goto out;
            }
            depth--;
            if (depth == 1 && in_event) {
                in_event = 0;
                rc = end_event(p, &e);
                event_clear(&e);
                if (rc)
                    goto out;
            }
            continue;
        }
        if (depth == 0) {
            rc = FAIL(p, 0, "expected BEGIN:VCALENDAR");
            goto out;
        }
        if (depth == 1 && name_is(p, "CALSCALE") &&
            !value_is(p, "GREGORIAN")) {
            rc = FAIL(p, p->cl.value, "expected CALSCALE:GREGORIAN (other "
                                      "calendars are not supported)");
            goto out;
        }
        if (depth == 2 && in_event && (rc = event_property(p, &e)))
            goto out;
    }
    if (rc < 0)
        goto out;
    if (depth) {
        rc = fail_where(p, &p->eof, SLA_EPARSE,
                        "expected END:%s before the end of the text",
                        stack[depth - 1]);
        goto out;
    }
    if (!seen_calendar) {
        rc = fail_where(p, &p->eof, SLA_EPARSE, "expected BEGIN:VCALENDAR");
        goto out;
    }
    rc = resolve_overrides(p);
out:
    event_clear(&e);
    return rc;
}

SLA_EXPORT int sla_ics_parse(struct sla_ics **out, const char *text,
                             size_t len, struct sla_zone *floating,
                             const char *tzdir, struct sla_error *err)
{
    struct parser p;
    size_t i;
    int rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = len;
    p.line = 1;
    p.err = err;
    p.floating = floating;
    p.tzdir = tzdir;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        p.pos = 3;
    {
        /* The end of the text, for errors there. */
        size_t k, line = 1, col = 1;
        for (k = p.pos; k < len; k++) {
            if (text[k] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        p.eof.off = len;
        p.eof.line = line < INT32_MAX ? (int32_t)line : INT32_MAX;
        p.eof.col = col < INT32_MAX ? (int32_t)col : INT32_MAX;
    }
    if (!(p.ics = calloc(1, sizeof *p.ics)) ||
        sla_zone_from_offset(&p.utc, 0)) {
        rc = SLA_ENOMEM;
    } else {
        rc = parse_file(&p);
    }
    if (rc == SLA_ENOMEM)
        sla__error_set(err, rc, 0, "out of memory");
    for (i = 0; i < p.nzones; i++) {
        free(p.zones[i].name);
        sla_zone_unref(p.zones[i].zone);
    }
    for (i = 0; i < p.npend; i++)
        free(p.pend[i].uid);
    free(p.pend);
    free(p.buf);
    free(p.segs);
    sla_zone_unref(p.utc);
    if (rc) {
        sla_ics_free(p.ics);
        return rc;
    }
    *out = p.ics;
    return 0;
}

SLA_EXPORT void sla_ics_free(struct sla_ics *ics)
{
    size_t i;
    if (!ics)
        return;
    for (i = 0; i < ics->n; i++) {
        sla_schedule_free(ics->ev[i].s);
        free(ics->ev[i].uid);
        free(ics->ev[i].summary);
    }
    free(ics->ev);
    free(ics);
}

SLA_EXPORT size_t sla_ics_count(const struct sla_ics *ics)
{
    return ics ? ics->n : 0;
}

SLA_EXPORT const struct sla_schedule *sla_ics_schedule(
    const struct sla_ics *ics, size_t index)
{
    return ics && index < ics->n ? ics->ev[index].s : NULL;
}

SLA_EXPORT const char *sla_ics_uid(const struct sla_ics *ics, size_t index)
{
    return ics && index < ics->n ? ics->ev[index].uid : NULL;
}

SLA_EXPORT const char *sla_ics_summary(const struct sla_ics *ics,
                                       size_t index)
{
    return ics && index < ics->n ? ics->ev[index].summary : NULL;
}

SLA_EXPORT int sla_ics_set_options(struct sla_ics *ics, int32_t disambiguation,
                                   int32_t options)
{
    size_t i;
    int rc;
    if (!ics)
        return SLA_EINVAL;
    for (i = 0; i < ics->n; i++)
        if ((rc = sla_schedule_set_options(ics->ev[i].s, disambiguation,
                                           options)))
            return rc;
    return 0;
}

SLA_EXPORT int sla_ics_expand(struct sla_intervals *dst,
                              const struct sla_ics *ics, int64_t from,
                              int64_t to)
{
    size_t i;
    int rc;
    if (!dst || !ics || from > to)
        return SLA_EINVAL;
    for (i = 0; i < ics->n; i++)
        if ((rc = sla_schedule_expand(dst, ics->ev[i].s, from, to)))
            return rc;
    return 0;
}
