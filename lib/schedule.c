/* SPDX-License-Identifier: MIT */
/* Window schedules: occurrences in local time, converted one by one. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

enum end_kind { END_DEFAULT, END_TIME, END_DURATION, END_WALL, END_NOMINAL };

struct exdate {
    int64_t day, ms;
    int32_t whole_day;
};

/* An extra start: a local time, or an exact instant (read in the zone
 * for its local time). */
struct rdate {
    struct sla_civil c;
    int32_t exact;
    int64_t instant;
};

struct sla_schedule {
    atomic_long refs;
    struct sla_zone *zone;
    struct sla_civil start;
    struct sla_rrule *rule; /* NULL: the start is the only occurrence */
    int end_kind;
    int64_t end_ms;   /* local time of day (END_TIME) or length */
    int32_t end_days; /* calendar days before end_ms (END_NOMINAL) */
    int32_t mode, options;
    int has_utc_until;
    int64_t utc_until; /* a UTC UNTIL, read in instants */
    struct exdate *ex;
    size_t nex, capex;
    int64_t *ex_at; /* excluded exact start instants */
    size_t nex_at, capex_at;
    struct rdate *rdates; /* extra starts, sorted */
    size_t nrdates, caprdates;
    struct sla_intervals *oneoff;
};

SLA_EXPORT int sla_schedule_new(struct sla_schedule **out,
                                struct sla_zone *zone,
                                const struct sla_civil *start,
                                const struct sla_rrule *rule)
{
    struct sla_schedule *s;
    if (!out || !zone || sla_civil_check(start))
        return SLA_EINVAL;
    s = calloc(1, sizeof *s);
    if (!s)
        return SLA_ENOMEM;
    if (sla_intervals_new(&s->oneoff) ||
        (rule && !(s->rule = sla__rrule_copy(rule)))) {
        sla_intervals_free(s->oneoff);
        free(s);
        return SLA_ENOMEM;
    }
    if (s->rule)
        s->has_utc_until = sla__rrule_take_utc_until(s->rule, &s->utc_until);
    atomic_init(&s->refs, 1);
    s->zone = sla_zone_ref(zone);
    s->start = *start;
    s->mode = SLA_DISAMBIGUATE_COMPATIBLE;
    *out = s;
    return 0;
}

SLA_EXPORT struct sla_schedule *sla_schedule_ref(struct sla_schedule *s)
{
    if (s)
        atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
    return s;
}

SLA_EXPORT void sla_schedule_unref(struct sla_schedule *s)
{
    if (!s ||
        atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
        return;
    sla_zone_unref(s->zone);
    sla_rrule_free(s->rule);
    sla_intervals_free(s->oneoff);
    free(s->ex);
    free(s->rdates);
    free(s->ex_at);
    free(s);
}

SLA_EXPORT void sla_schedule_free(struct sla_schedule *s)
{
    sla_schedule_unref(s);
}

SLA_EXPORT int sla_schedule_set_end_time(struct sla_schedule *s, int32_t hour,
                                         int32_t minute, int32_t second)
{
    if (!s || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 59)
        return SLA_EINVAL;
    s->end_kind = END_TIME;
    s->end_ms = ((hour * INT64_C(60) + minute) * 60 + second) * 1000;
    return 0;
}

SLA_EXPORT int sla_schedule_set_duration(struct sla_schedule *s,
                                         int64_t duration_ms)
{
    if (!s || duration_ms <= 0)
        return SLA_EINVAL;
    s->end_kind = END_DURATION;
    s->end_ms = duration_ms;
    return 0;
}

SLA_EXPORT int sla_schedule_set_local_length(struct sla_schedule *s,
                                             int64_t length_ms)
{
    if (!s || length_ms <= 0)
        return SLA_EINVAL;
    s->end_kind = END_WALL;
    s->end_ms = length_ms;
    return 0;
}

SLA_EXPORT int sla_schedule_set_nominal_duration(struct sla_schedule *s,
                                                 int32_t days, int64_t ms)
{
    if (!s || days < 0 || ms < 0 || (days == 0 && ms == 0))
        return SLA_EINVAL;
    s->end_kind = days ? END_NOMINAL : END_DURATION;
    s->end_days = days;
    s->end_ms = ms;
    return 0;
}

SLA_EXPORT int sla_schedule_set_options(struct sla_schedule *s,
                                        int32_t disambiguation,
                                        int32_t options)
{
    if (!s || disambiguation < SLA_DISAMBIGUATE_COMPATIBLE ||
        disambiguation > SLA_DISAMBIGUATE_LATER ||
        (options & ~(SLA_SCHEDULE_SKIP_GAPS | SLA_SCHEDULE_CLAMP)))
        return SLA_EINVAL;
    s->mode = disambiguation;
    s->options = options;
    return 0;
}

static int64_t time_of_day(const struct sla_civil *c)
{
    return ((c->hour * INT64_C(60) + c->minute) * 60 + c->second) * 1000 +
           c->millisecond;
}

SLA_EXPORT int sla_schedule_add_exdate(struct sla_schedule *s,
                                       const struct sla_civil *local,
                                       int32_t whole_day)
{
    if (!s || sla_civil_check(local) || (whole_day != 0 && whole_day != 1))
        return SLA_EINVAL;
    if (sla__grow((void **)&s->ex, &s->capex, s->nex + 1, sizeof *s->ex))
        return SLA_ENOMEM;
    s->ex[s->nex].day = sla__days_from_civil(local->year, local->month,
                                             local->day);
    s->ex[s->nex].ms = time_of_day(local);
    s->ex[s->nex].whole_day = whole_day;
    s->nex++;
    return 0;
}

static int civil_cmp(const struct sla_civil *a, const struct sla_civil *b)
{
    int64_t da = sla__days_from_civil(a->year, a->month, a->day);
    int64_t db = sla__days_from_civil(b->year, b->month, b->day);
    int64_t ta = time_of_day(a), tb = time_of_day(b);
    if (da != db)
        return da < db ? -1 : 1;
    return ta < tb ? -1 : ta > tb;
}

/* Order of extra starts: local time, then exact instants after the
 * local ones of the same time, by instant. */
static int rdate_cmp(const struct rdate *a, const struct rdate *b)
{
    int c = civil_cmp(&a->c, &b->c);
    if (c || a->exact != b->exact)
        return c ? c : a->exact - b->exact;
    if (!a->exact)
        return 0;
    return a->instant < b->instant ? -1 : a->instant > b->instant;
}

static int add_rdate(struct sla_schedule *s, const struct rdate *rd)
{
    size_t i;
    if (sla__grow((void **)&s->rdates, &s->caprdates, s->nrdates + 1,
                  sizeof *s->rdates))
        return SLA_ENOMEM;
    /* Keep them sorted; they usually come in order, so this is cheap. */
    i = s->nrdates;
    while (i > 0 && rdate_cmp(&s->rdates[i - 1], rd) > 0) {
        s->rdates[i] = s->rdates[i - 1];
        i--;
    }
    if (i > 0 && rdate_cmp(&s->rdates[i - 1], rd) == 0) {
        memmove(s->rdates + i, s->rdates + i + 1,
                (s->nrdates - i) * sizeof *s->rdates);
        return 0; /* already there */
    }
    s->rdates[i] = *rd;
    s->nrdates++;
    return 0;
}

SLA_EXPORT int sla_schedule_add_rdate(struct sla_schedule *s,
                                      const struct sla_civil *local)
{
    struct rdate rd;
    if (!s || sla_civil_check(local))
        return SLA_EINVAL;
    memset(&rd, 0, sizeof rd);
    rd.c = *local;
    return add_rdate(s, &rd);
}

int sla__schedule_add_rdate_at(struct sla_schedule *s, int64_t instant)
{
    struct rdate rd;
    memset(&rd, 0, sizeof rd);
    if (sla_zone_to_civil(&rd.c, NULL, s->zone, instant))
        return SLA_EOVERFLOW;
    rd.exact = 1;
    rd.instant = instant;
    return add_rdate(s, &rd);
}

int sla__schedule_add_exdate_at(struct sla_schedule *s, int64_t instant)
{
    if (sla__grow((void **)&s->ex_at, &s->capex_at, s->nex_at + 1,
                  sizeof *s->ex_at))
        return SLA_ENOMEM;
    s->ex_at[s->nex_at++] = instant;
    return 0;
}

SLA_EXPORT int sla_schedule_add_window(struct sla_schedule *s, int64_t start,
                                       int64_t end)
{
    if (!s || start >= end)
        return SLA_EINVAL;
    return sla_intervals_add(s->oneoff, start, end);
}

/* ---- expansion ----------------------------------------------------------- */

struct sla_schedule_iter {
    const struct sla_schedule *s;
    struct sla_rrule_iter *rule;
    int single_done, rule_done;
    int64_t from, to;
    size_t one_pos;
    struct sla_window next; /* the next rule window, when has_next */
    int has_next;
    size_t rd_pos;
    struct sla_window rd; /* the next RDATE window, when has_rd */
    int has_rd;
};

static int excluded(const struct sla_schedule *s, const struct sla_civil *c)
{
    int64_t day = sla__days_from_civil(c->year, c->month, c->day);
    int64_t ms = time_of_day(c);
    size_t i;
    for (i = 0; i < s->nex; i++)
        if (s->ex[i].day == day && (s->ex[i].whole_day || s->ex[i].ms == ms))
            return 1;
    return 0;
}

static int excluded_at(const struct sla_schedule *s, int64_t start)
{
    size_t i;
    for (i = 0; i < s->nex_at; i++)
        if (s->ex_at[i] == start)
            return 1;
    return 0;
}

/* A local time as an instant by the schedule's disambiguation: 0, 1 when
 * it is in a gap and gaps are skipped, <0 on error. A time moved over a
 * gap sets SLA_WINDOW_SHIFTED. */
static int resolve(const struct sla_schedule *s, const struct sla_civil *c,
                   int64_t *out, int32_t *flags)
{
    struct sla_zone_resolution r;
    int rc;
    if ((rc = sla_zone_to_instant(&r, s->zone, c, s->mode)))
        return rc;
    if (r.kind == SLA_LOCAL_GAP) {
        if (s->options & SLA_SCHEDULE_SKIP_GAPS)
            return 1;
        *flags |= SLA_WINDOW_SHIFTED;
    }
    *out = r.instant;
    return 0;
}

/* The window of one local start (or of an exact start and its local
 * time, when exact is given). Returns 1 when the occurrence is dropped
 * (skipped gap, empty window, excluded instant), <0 on error. */
static int window_of(const struct sla_schedule *s, const struct sla_civil *c,
                     const int64_t *exact, struct sla_window *w)
{
    int64_t wall, extra = 0, local, nominal;
    struct sla_civil e;
    int rc;
    memset(w, 0, sizeof *w);
    w->local = *c;
    if (exact)
        w->start = *exact;
    else if ((rc = resolve(s, c, &w->start, &w->flags)))
        return rc;
    if (s->nex_at && excluded_at(s, w->start))
        return 1;
    if (s->end_kind == END_DURATION || s->end_kind == END_DEFAULT) {
        if (sla__add_overflow(w->start, s->end_kind == END_DURATION
                                            ? s->end_ms
                                            : SLA_MS_PER_HOUR,
                              &w->end))
            return SLA_EOVERFLOW;
        return w->end > w->start ? 0 : 1;
    }
    /* The other ends are read on the local calendar and clock: a length
     * of wall-clock time from the local start (for an end time of day, to
     * that time, the next day if it is not later), plus, for a nominal
     * duration, an exact part after it. */
    if (s->end_kind == END_TIME) {
        wall = s->end_ms - time_of_day(c);
        if (wall <= 0)
            wall += SLA_MS_PER_DAY;
    } else if (s->end_kind == END_WALL) {
        wall = s->end_ms;
    } else {
        if (sla__days_ms(s->end_days, 0, &wall))
            return SLA_EOVERFLOW;
        extra = s->end_ms;
    }
    if (sla_civil_to_instant(&local, c, 0) ||
        sla__add_overflow(local, wall, &local) ||
        sla_civil_from_instant(&e, local, 0))
        return SLA_EOVERFLOW;
    if ((rc = resolve(s, &e, &w->end, &w->flags)))
        return rc;
    if (sla__add_overflow(w->end, extra, &w->end) ||
        sla__add_overflow(wall, extra, &nominal))
        return SLA_EOVERFLOW;
    if (w->end <= w->start) {
        /* A start moved forward over a gap past the end: keep the window,
         * with its nominal length, rather than lose it. */
        if (sla__add_overflow(w->start, nominal, &w->end))
            return SLA_EOVERFLOW;
        w->flags |= SLA_WINDOW_SHIFTED;
    } else if (w->end - w->start != nominal) {
        w->flags |= SLA_WINDOW_DST_LENGTH;
    }
    return 0;
}

SLA_EXPORT int sla_schedule_iter_new(struct sla_schedule_iter **out,
                                     const struct sla_schedule *s,
                                     int64_t from, int64_t to)
{
    struct sla_schedule_iter *it;
    int rc;
    if (!out || !s || from > to)
        return SLA_EINVAL;
    it = calloc(1, sizeof *it);
    if (!it)
        return SLA_ENOMEM;
    it->s = s;
    it->from = from;
    it->to = to;
    if (s->rule &&
        (rc = sla_rrule_iter_new(&it->rule, s->rule, &s->start,
                                 s->options & SLA_SCHEDULE_CLAMP
                                     ? SLA_RRULE_CLAMP : 0))) {
        free(it);
        return rc;
    }
    *out = it;
    return 0;
}

SLA_EXPORT void sla_schedule_iter_free(struct sla_schedule_iter *it)
{
    if (it) {
        sla_rrule_iter_free(it->rule);
        free(it);
    }
}

/* Later occurrences start later in local time, so once a local start,
 * read as UTC, is well after the span (more than any offset), none can
 * meet it; skipped ones included. */
static int past_span(const struct sla_schedule_iter *it,
                     const struct sla_civil *c)
{
    int64_t as_utc;
    return sla_civil_to_instant(&as_utc, c, 0) ||
           (as_utc > it->to && as_utc - it->to >= 2 * SLA_ZONE_MAX_OFFSET_MS);
}

/* Load the next RDATE window that meets the span into it->rd. */
static int load_rdate_window(struct sla_schedule_iter *it)
{
    const struct sla_schedule *s = it->s;
    while (it->rd_pos < s->nrdates) {
        const struct rdate *rd = &s->rdates[it->rd_pos++];
        const struct sla_civil *c = &rd->c;
        int rc;
        if (past_span(it, c)) {
            it->rd_pos = s->nrdates;
            break;
        }
        if (excluded(s, c))
            continue;
        rc = window_of(s, c, rd->exact ? &rd->instant : NULL, &it->rd);
        if (rc < 0)
            return rc;
        if (rc > 0 || it->rd.end <= it->from || it->rd.start >= it->to)
            continue;
        it->rd.flags |= SLA_WINDOW_ONE_OFF;
        it->has_rd = 1;
        return 0;
    }
    return 0;
}

/* Load the next rule window that meets the span into it->next. */
static int load_rule_window(struct sla_schedule_iter *it)
{
    const struct sla_schedule *s = it->s;
    while (!it->rule_done) {
        struct sla_civil c;
        int rc;
        if (it->rule) {
            if (sla_rrule_iter_next(&c, it->rule)) {
                it->rule_done = 1;
                break;
            }
        } else {
            if (it->single_done) {
                it->rule_done = 1;
                break;
            }
            it->single_done = 1;
            c = s->start;
        }
        if (past_span(it, &c)) {
            it->rule_done = 1;
            break;
        }
        if (excluded(s, &c))
            continue;
        rc = window_of(s, &c, NULL, &it->next);
        if (rc < 0)
            return rc;
        if (rc == 0 && s->has_utc_until && it->next.start > s->utc_until) {
            it->rule_done = 1;
            break;
        }
        if (rc > 0 || it->next.end <= it->from)
            continue;
        if (it->next.start >= it->to)
            continue;
        it->has_next = 1;
        return 0;
    }
    return 0;
}

SLA_EXPORT int sla_schedule_iter_next(struct sla_window *out,
                                      struct sla_schedule_iter *it)
{
    size_t count, n;
    const struct sla_interval *one;
    const struct sla_window *first;
    int rc, use_rd;
    if (!out || !it)
        return SLA_EINVAL;
    if (!it->has_next && (rc = load_rule_window(it)))
        return rc;
    for (;;) {
        if (!it->has_rd && (rc = load_rdate_window(it)))
            return rc;
        /* RFC 5545: an RDATE that is also an occurrence of the rule
         * gives one window. */
        if (!it->has_rd || !it->has_next ||
            civil_cmp(&it->rd.local, &it->next.local) != 0 ||
            it->rd.start != it->next.start)
            break;
        it->has_rd = 0;
    }
    /* The earlier of the rule's and the RDATEs' next windows. */
    use_rd = it->has_rd && (!it->has_next || it->rd.start < it->next.start);
    first = use_rd ? &it->rd : it->has_next ? &it->next : NULL;
    one = sla_intervals_view(it->s->oneoff, &count);
    while (it->one_pos < count && one[it->one_pos].end <= it->from)
        it->one_pos++;
    n = it->one_pos;
    if (n < count && one[n].start < it->to &&
        (!first || one[n].start < first->start)) {
        memset(out, 0, sizeof *out);
        out->start = one[n].start;
        out->end = one[n].end;
        out->flags = SLA_WINDOW_ONE_OFF;
        if (sla_zone_to_civil(&out->local, NULL, it->s->zone, out->start))
            return SLA_EOVERFLOW;
        it->one_pos++;
        return 0;
    }
    if (!first)
        return SLA_ENOTFOUND;
    *out = *first;
    if (use_rd)
        it->has_rd = 0;
    else
        it->has_next = 0;
    return 0;
}

SLA_EXPORT int sla_schedule_expand(struct sla_intervals *dst,
                                   const struct sla_schedule *s, int64_t from,
                                   int64_t to)
{
    struct sla_schedule_iter *it;
    struct sla_window w;
    int rc;
    if (!dst)
        return SLA_EINVAL;
    if ((rc = sla_schedule_iter_new(&it, s, from, to)))
        return rc;
    while ((rc = sla_schedule_iter_next(&w, it)) == 0) {
        int64_t a = w.start > from ? w.start : from;
        int64_t b = w.end < to ? w.end : to;
        if (a < b && (rc = sla_intervals_add(dst, a, b)))
            break;
    }
    sla_schedule_iter_free(it);
    return rc == SLA_ENOTFOUND ? 0 : rc;
}
