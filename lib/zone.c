/* SPDX-License-Identifier: MIT */
/* Time zone objects: building the transition tables, looking up offsets,
 * and turning civil times into instants. */
#include <stdlib.h>
#include <string.h>

#include "zone-private.h"

/* ---- objects ------------------------------------------------------------ */

static int index_build(struct zone_index *x, const int64_t *v, size_t n);

static void zone_free(struct sla_zone *z)
{
    if (!z)
        return;
    free(z->name);
    free(z->types);
    free(z->trans);
    free(z->trans_type);
    free(z->cyc);
    free(z->cyc_type);
    free(z->trans_index.first);
    free(z->cyc_index.first);
    free(z);
}

SLA_EXPORT struct sla_zone *sla_zone_ref(struct sla_zone *zone)
{
    if (zone)
        atomic_fetch_add_explicit(&zone->refs, 1, memory_order_relaxed);
    return zone;
}

SLA_EXPORT void sla_zone_unref(struct sla_zone *zone)
{
    if (zone &&
        atomic_fetch_sub_explicit(&zone->refs, 1, memory_order_acq_rel) == 1)
        zone_free(zone);
}

SLA_EXPORT const char *sla_zone_name(const struct sla_zone *zone)
{
    return zone ? zone->name : "";
}

/* ---- POSIX rule transitions ------------------------------------------- */

static int64_t sat_add(int64_t a, int64_t b)
{
    int64_t r;
    if (sla__add_overflow(a, b, &r))
        return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}


static int same_type(const struct zone_type *a, const struct zone_type *b)
{
    return a->offset_ms == b->offset_ms && a->is_dst == b->is_dst &&
           strcmp(a->abbr, b->abbr) == 0;
}

/* Day number of a rule date in a given year. */
static int64_t rule_day(const struct posix_date *d, int64_t year)
{
    int64_t jan1 = sla__days_from_civil(year, 1, 1);
    if (d->kind == 'J') {
        /* 1-365, February 29 never counted. */
        int64_t n = d->day - 1;
        if (n >= 59 && sla_year_is_leap((int32_t)year))
            n++;
        return jan1 + n;
    }
    if (d->kind == 'N')
        return jan1 + d->day;
    {
        int64_t first = sla__days_from_civil(year, d->month, 1);
        /* Weekday of the first, 0 = Sunday as POSIX counts. */
        int64_t wd = sla__weekday(first) % 7;
        int64_t day = sla__floor_mod(d->weekday - wd, 7) + (d->week - 1) * 7;
        int dim = sla_month_days((int32_t)year, d->month);
        while (day >= dim)
            day -= 7;
        return first + day;
    }
}

/* days * DAY + ms, saturated: only the ends of the range saturate. */
static int64_t day_instant(int64_t days, int64_t ms)
{
    int64_t r;
    if (sla__days_ms(days, ms, &r))
        return days < 0 ? INT64_MIN : INT64_MAX;
    return r;
}

/* One rule transition: when, and whether it starts DST. */
struct rule_change {
    int64_t at;
    int32_t to_dst;
    int32_t seq; /* logical order, to break ties */
};

static int change_cmp(const void *pa, const void *pb)
{
    const struct rule_change *a = pa, *b = pb;
    if (a->at != b->at)
        return a->at < b->at ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The rule's changes of years y0..y1 (local years), sorted by instant,
 * with changes at one instant collapsed to the logically last. Years are
 * small here (callers keep them within a few hundred of each other and
 * within int32), so nothing overflows. */
static struct rule_change *rule_changes(const struct posix_rule *r,
                                        int64_t y0, int64_t y1, size_t *n)
{
    size_t cap = (size_t)(y1 - y0 + 1) * 2, k = 0, w = 0, i;
    struct rule_change *v = malloc(cap * sizeof *v);
    int64_t y;
    if (!v)
        return NULL;
    for (y = y0; y <= y1; y++) {
        /* The start is given in standard time, the end in DST. */
        struct rule_change s, e;
        s.at = day_instant(rule_day(&r->start, y),
                           r->start.time_ms - r->std.offset_ms);
        s.to_dst = 1;
        e.at = day_instant(rule_day(&r->end, y),
                           r->end.time_ms - r->dst.offset_ms);
        e.to_dst = 0;
        s.seq = (int32_t)k;
        e.seq = (int32_t)k + 1;
        /* Within a year, the earlier change comes first logically. */
        if (e.at < s.at) {
            e.seq = (int32_t)k;
            s.seq = (int32_t)k + 1;
        }
        v[k++] = s;
        v[k++] = e;
    }
    qsort(v, k, sizeof *v, change_cmp);
    for (i = 0; i < k; i++) {
        if (w && v[w - 1].at == v[i].at)
            v[w - 1] = v[i];
        else
            v[w++] = v[i];
    }
    *n = w;
    return v;
}

/* ---- building ------------------------------------------------------------ */

/* Index of a type by value, adding it if new. */
static int type_index(struct zone_type *types, size_t *ntypes, size_t cap,
                      const struct zone_type *t, uint16_t *out)
{
    size_t i;
    for (i = 0; i < *ntypes; i++)
        if (same_type(&types[i], t)) {
            *out = (uint16_t)i;
            return 0;
        }
    if (*ntypes >= cap)
        return -1;
    types[*ntypes] = *t;
    *out = (uint16_t)(*ntypes)++;
    return 0;
}

/* A growable list of transitions that drops changes to the same type. */
struct tlist {
    int64_t *at;
    uint16_t *type;
    size_t n, cap;
    const struct zone_type *types;
    uint16_t state;
};

static int tlist_push(struct tlist *l, int64_t at, uint16_t type)
{
    if (same_type(&l->types[type], &l->types[l->state])) {
        l->state = type;
        return 0;
    }
    if (l->n && l->at[l->n - 1] >= at)
        return 0; /* not increasing: only malformed rules get here */
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        int64_t *a = realloc(l->at, cap * sizeof *a);
        uint16_t *t;
        if (!a)
            return -1;
        l->at = a;
        t = realloc(l->type, cap * sizeof *t);
        if (!t)
            return -1;
        l->type = t;
        l->cap = cap;
    }
    l->at[l->n] = at;
    l->type[l->n] = type;
    l->n++;
    l->state = type;
    return 0;
}

/* Room for one more instant after the list, set to INT64_MAX. */
static int tlist_push_sentinel(struct tlist *l)
{
    int64_t *a;
    if (!l->n)
        return 0;
    a = realloc(l->at, (l->n + 1) * sizeof *a);
    if (!a)
        return -1;
    a[l->n] = INT64_MAX;
    l->at = a;
    return 0;
}

static int64_t year_of(int64_t instant)
{
    struct sla_civil c;
    sla_civil_from_instant(&c, instant, 0);
    return c.year;
}

int sla__zone_build(struct sla_zone **out, const struct zone_build *b)
{
    struct sla_zone *z = calloc(1, sizeof *z);
    struct tlist main = {0}, cyc = {0};
    struct rule_change *ch = NULL;
    size_t cap = b->ntypes + 2, nch, i;
    uint16_t std_i = 0, dst_i = 0;
    int dst = b->rule && b->rule->has_dst;

    if (!z)
        return SLA_ENOMEM;
    atomic_init(&z->refs, 1);
    z->cycle_from = INT64_MAX;
    z->name = malloc(strlen(b->name) + 1);
    z->types = malloc(cap * sizeof *z->types);
    if (!z->name || !z->types)
        goto nomem;
    strcpy(z->name, b->name);
    memcpy(z->types, b->types, b->ntypes * sizeof *z->types);
    z->ntypes = b->ntypes;
    z->initial_type = b->initial_type;
    if (b->rule) {
        type_index(z->types, &z->ntypes, cap, &b->rule->std, &std_i);
        if (dst)
            type_index(z->types, &z->ntypes, cap, &b->rule->dst, &dst_i);
        /* With no explicit data the rule governs from the start. */
        if (b->rule_from == INT64_MIN && !b->ntrans)
            z->initial_type = std_i;
    }

    /* The explicit transitions, dropping those that change nothing. */
    main.types = z->types;
    main.state = z->initial_type;
    for (i = 0; i < b->ntrans; i++)
        if (tlist_push(&main, b->trans[i], b->trans_type[i]))
            goto nomem;

    if (b->rule && !dst && b->rule_from != INT64_MIN &&
        b->rule_from < INT64_MAX) {
        /* A fixed footer governs after the last transition. In valid data
         * it repeats the last type and this adds nothing. */
        if (tlist_push(&main, b->rule_from + 1, std_i))
            goto nomem;
    }

    if (dst) {
        /* One 400-year cycle of the rule, [0, CYCLE): local years
         * 1968..2371 cover it with two years to spare before (a change
         * may fall up to 167 hours into the next year) and one after. The
         * state at 0 is the one the changes before it leave. */
        uint16_t state = std_i;
        ch = rule_changes(b->rule, 1968, 2371, &nch);
        if (!ch)
            goto nomem;
        for (i = 0; i < nch && ch[i].at < 0; i++)
            state = ch[i].to_dst ? dst_i : std_i;
        cyc.types = z->types;
        cyc.state = state;
        for (; i < nch && ch[i].at < ZONE_CYCLE_MS; i++) {
            if (tlist_push(&cyc, ch[i].at, ch[i].to_dst ? dst_i : std_i))
                goto nomem;
        }
        free(ch);
        ch = NULL;
        if (cyc.n == 0) {
            /* DST all year round (or never): one fixed type. */
            if (b->rule_from == INT64_MIN) {
                z->initial_type = cyc.state;
            } else if (b->rule_from < INT64_MAX &&
                       tlist_push(&main, b->rule_from + 1, cyc.state)) {
                goto nomem;
            }
        } else if (b->rule_from == INT64_MIN) {
            z->cycle_from = INT64_MIN;
        } else if (b->rule_from < INT64_MAX - 2 * ZONE_CYCLE_MS) {
            /* Rule changes after the explicit data, up to the first cycle
             * boundary a year or more later; from there on, the cycle. */
            int64_t from = b->rule_from;
            int64_t until = (sla__floor_div(from + 366 * SLA_MS_PER_DAY,
                                            ZONE_CYCLE_MS) + 1) *
                            ZONE_CYCLE_MS;
            ch = rule_changes(b->rule, year_of(from) - 1, year_of(until) + 1,
                              &nch);
            if (!ch)
                goto nomem;
            for (i = 0; i < nch; i++)
                if (ch[i].at > from && ch[i].at < until &&
                    tlist_push(&main, ch[i].at, ch[i].to_dst ? dst_i : std_i))
                    goto nomem;
            free(ch);
            ch = NULL;
            /* The cycle's state at 'until' must carry on from the table. */
            z->cycle_from = until;
        }
    }
    /* A sentinel after each table, for the branch-free index lookup. */
    if (tlist_push_sentinel(&main) || tlist_push_sentinel(&cyc))
        goto nomem;
    z->trans = main.at;
    z->trans_type = main.type;
    z->ntrans = main.n;
    z->cyc = cyc.at;
    z->cyc_type = cyc.type;
    z->ncyc = cyc.n;
    if (z->cycle_from == INT64_MAX || z->ncyc == 0) {
        /* No cycle in use (none, or data reaching the end of the range):
         * the table answers everything. */
        free(z->cyc);
        free(z->cyc_type);
        z->cyc = NULL;
        z->cyc_type = NULL;
        z->ncyc = 0;
        z->cycle_from = INT64_MAX;
    }
    if (index_build(&z->trans_index, z->trans, z->ntrans) ||
        index_build(&z->cyc_index, z->cyc, z->ncyc)) {
        zone_free(z);
        return SLA_ENOMEM;
    }
    *out = z;
    return 0;
nomem:
    free(ch);
    free(main.at);
    free(main.type);
    free(cyc.at);
    free(cyc.type);
    zone_free(z);
    return SLA_ENOMEM;
}

/* ---- lookups ------------------------------------------------------------ */

/* k * CYCLE + x for x in [0, CYCLE), saturated to the int64_t range.
 * For negative k the product is formed from the cycle's end, so that it
 * only overflows when the sum does. */
static int64_t cycle_instant(int64_t k, int64_t x)
{
    int64_t p;
    if (k < 0) {
        k += 1;
        x -= ZONE_CYCLE_MS;
    }
    if (sla__mul_overflow(k, ZONE_CYCLE_MS, &p))
        return k > 0 ? INT64_MAX : INT64_MIN;
    return sat_add(p, x);
}

/* Number of entries of v[0..n) that are <= t. */
static size_t count_le(const int64_t *v, size_t n, int64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Build the index of v[0..n); n must be below 2^32. */
static int index_build(struct zone_index *x, const int64_t *v, size_t n)
{
    uint64_t range, rel;
    size_t b, i = 0;
    memset(x, 0, sizeof *x);
    if (!n)
        return 0;
    if (n > UINT32_MAX)
        return -1;
    x->base = v[0];
    range = (uint64_t)v[n - 1] - (uint64_t)v[0];
    while (x->shift < 63 && (range >> x->shift) >= 2 * n + 16)
        x->shift++;
    x->nb = (size_t)(range >> x->shift) + 1;
    /* One more entry, first[nb] = n, so every bucket has an end. */
    x->first = malloc((x->nb + 1) * sizeof *x->first);
    if (!x->first)
        return -1;
    for (b = 0; b < x->nb; b++) {
        rel = (uint64_t)b << x->shift;
        while (i < n && (uint64_t)v[i] - (uint64_t)x->base < rel)
            i++;
        x->first[b] = (uint32_t)i;
    }
    x->first[x->nb] = (uint32_t)n;
    return 0;
}

/* Number of entries of v[0..n) that are <= t, through the index. */
static size_t index_count_le(const struct zone_index *x, const int64_t *v,
                             size_t n, int64_t t)
{
    uint64_t b;
    size_t i, end;
    if (!n || t < x->base)
        return 0;
    b = ((uint64_t)t - (uint64_t)x->base) >> x->shift;
    if (b >= x->nb)
        return n;
    i = x->first[b];
    end = x->first[b + 1];
    if (end - i > 2)
        return i + count_le(v + i, end - i, t);
    /* Two steps without branches: v[n] is a sentinel, so v[i] may be
     * read even when i == end. */
    i += (size_t)((i < end) & (v[i] <= t));
    i += (size_t)((i < end) & (v[i] <= t));
    return i;
}

/* The period holding t: its type and [start, end). */
/* The period of t from the table alone. */
static void table_period(const struct sla_zone *z, int64_t t, uint16_t *type,
                         int64_t *start, int64_t *end)
{
    size_t i = index_count_le(&z->trans_index, z->trans, z->ntrans, t);
    *type = i ? z->trans_type[i - 1] : z->initial_type;
    *start = i ? z->trans[i - 1] : INT64_MIN;
    *end = i < z->ntrans ? z->trans[i] : INT64_MAX;
}

static void period(const struct sla_zone *z, int64_t t, uint16_t *type,
                   int64_t *start, int64_t *end)
{
    if (t < z->cycle_from || !z->ncyc) {
        table_period(z, t, type, start, end);
        if (*end == INT64_MAX && z->ncyc) {
            /* The table hands over to the cycle at cycle_from (a multiple
             * of the cycle): the period goes on to the cycle's first
             * change, unless the cycle starts with another type. */
            if (same_type(&z->types[*type],
                          &z->types[z->cyc_type[z->ncyc - 1]]))
                *end = cycle_instant(z->cycle_from / ZONE_CYCLE_MS,
                                     z->cyc[0]);
            else
                *end = z->cycle_from;
        }
        return;
    }
    {
        int64_t k = sla__floor_div(t, ZONE_CYCLE_MS);
        size_t i = index_count_le(&z->cyc_index, z->cyc, z->ncyc,
                                  sla__floor_mod(t, ZONE_CYCLE_MS));
        if (i) {
            *type = z->cyc_type[i - 1];
            *start = cycle_instant(k, z->cyc[i - 1]);
        } else {
            *type = z->cyc_type[z->ncyc - 1];
            *start = cycle_instant(k - 1, z->cyc[z->ncyc - 1]);
        }
        if (i < z->ncyc)
            *end = cycle_instant(k, z->cyc[i]);
        else
            *end = cycle_instant(k + 1, z->cyc[0]);
        /* A cycle period reaching back over the seam starts where the
         * table's last period does, if that has the same type. */
        if (*start < z->cycle_from && z->cycle_from != INT64_MIN) {
            uint16_t tt;
            int64_t ts, te;
            table_period(z, z->cycle_from - 1, &tt, &ts, &te);
            *start = same_type(&z->types[tt], &z->types[*type])
                         ? ts : z->cycle_from;
        }
    }
}

SLA_EXPORT int sla_zone_period_at(struct sla_zone_period *out,
                                  const struct sla_zone *zone,
                                  int64_t instant)
{
    uint16_t type;
    const struct zone_type *t;
    if (!out || !zone)
        return SLA_EINVAL;
    period(zone, instant, &type, &out->start, &out->end);
    t = &zone->types[type];
    out->utc_offset_ms = t->offset_ms;
    out->is_dst = t->is_dst;
    out->reserved = 0;
    memcpy(out->abbreviation, t->abbr, sizeof out->abbreviation);
    return 0;
}

/* The offset alone, without the period's bounds. */
static int64_t offset_at(const struct sla_zone *z, int64_t t)
{
    size_t i;
    if (t < z->cycle_from || !z->ncyc) {
        i = index_count_le(&z->trans_index, z->trans, z->ntrans, t);
        return z->types[i ? z->trans_type[i - 1] : z->initial_type].offset_ms;
    }
    i = index_count_le(&z->cyc_index, z->cyc, z->ncyc,
                       sla__floor_mod(t, ZONE_CYCLE_MS));
    return z->types[z->cyc_type[i ? i - 1 : z->ncyc - 1]].offset_ms;
}

SLA_EXPORT int sla_zone_offset(int64_t *out_offset_ms,
                               const struct sla_zone *zone, int64_t instant)
{
    if (!out_offset_ms || !zone)
        return SLA_EINVAL;
    *out_offset_ms = offset_at(zone, instant);
    return 0;
}

SLA_EXPORT int sla_zone_to_civil(struct sla_civil *out, int64_t *out_offset_ms,
                                 const struct sla_zone *zone, int64_t instant)
{
    int64_t off;
    int rc;
    if (!out || !zone)
        return SLA_EINVAL;
    off = offset_at(zone, instant);
    rc = sla_civil_from_instant(out, instant, off);
    if (rc == 0 && out_offset_ms)
        *out_offset_ms = off;
    return rc;
}

SLA_EXPORT int sla_zone_next_transition(int64_t *out,
                                        const struct sla_zone *zone,
                                        int64_t instant)
{
    uint16_t type;
    int64_t start, end;
    if (!out || !zone)
        return SLA_EINVAL;
    period(zone, instant, &type, &start, &end);
    if (end == INT64_MAX)
        return SLA_ENOTFOUND;
    *out = end;
    return 0;
}

SLA_EXPORT int sla_zone_prev_transition(int64_t *out,
                                        const struct sla_zone *zone,
                                        int64_t instant)
{
    uint16_t type;
    int64_t start, end;
    if (!out || !zone)
        return SLA_EINVAL;
    period(zone, instant, &type, &start, &end);
    if (start == instant) {
        if (instant == INT64_MIN)
            return SLA_ENOTFOUND;
        period(zone, instant - 1, &type, &start, &end);
    }
    if (start == INT64_MIN)
        return SLA_ENOTFOUND;
    *out = start;
    return 0;
}

/* ---- civil time to instant -------------------------------------------- */

SLA_EXPORT int sla_zone_to_instant(struct sla_zone_resolution *out,
                                   const struct sla_zone *zone,
                                   const struct sla_civil *civil,
                                   int32_t disambiguation)
{
    int64_t local, t, lo, hi, first = 0, last = 0, gap_e = 0, gap_l = 0;
    int found = 0, gap = 0;
    uint16_t type, prev_type = 0;
    int64_t start, end;
    int have_prev = 0;
    if (!out || !zone || disambiguation < SLA_DISAMBIGUATE_COMPATIBLE ||
        disambiguation > SLA_DISAMBIGUATE_REJECT)
        return SLA_EINVAL;
    {
        int rc = sla_civil_to_instant(&local, civil, 0);
        if (rc)
            return rc;
    }
    /* Every instant reading 'local' lies within the largest offset of it.
     * Walk the periods of that window: a period with offset o holds a
     * candidate when local - o falls inside it, and a change between two
     * periods skips 'local' when the clock jumps over it. */
    lo = sat_add(local, -SLA_ZONE_MAX_OFFSET_MS);
    hi = sat_add(local, SLA_ZONE_MAX_OFFSET_MS);
    t = lo;
    for (;;) {
        int64_t o, c;
        period(zone, t, &type, &start, &end);
        o = zone->types[type].offset_ms;
        if (have_prev && !found && !gap) {
            /* Between the previous period and this one, at 'start'. */
            int64_t before = zone->types[prev_type].offset_ms;
            int64_t a, b;
            if (!sla__add_overflow(start, before, &a) &&
                !sla__add_overflow(start, o, &b) && a <= local &&
                local < b && !sla__sub_overflow(local, o, &gap_e) &&
                !sla__sub_overflow(local, before, &gap_l))
                gap = 1;
        }
        /* A period ending at INT64_MAX has no end: it holds INT64_MAX. */
        if (!sla__sub_overflow(local, o, &c) && c >= start &&
            (c < end || end == INT64_MAX)) {
            if (!found)
                first = c;
            last = c;
            found = 1;
        }
        if (end == INT64_MAX || end > hi)
            break;
        prev_type = type;
        have_prev = 1;
        t = end;
    }
    if (found) {
        out->earlier = first;
        out->later = last;
        out->kind = first == last ? SLA_LOCAL_UNIQUE : SLA_LOCAL_FOLD;
        out->instant = first;
    } else if (gap) {
        out->earlier = gap_e;
        out->later = gap_l;
        out->kind = SLA_LOCAL_GAP;
        out->instant = gap_l;
    } else {
        /* No candidate and no gap: only at the ends of int64_t. */
        return SLA_EOVERFLOW;
    }
    out->reserved = 0;
    switch (disambiguation) {
    case SLA_DISAMBIGUATE_EARLIER: out->instant = out->earlier; break;
    case SLA_DISAMBIGUATE_LATER: out->instant = out->later; break;
    case SLA_DISAMBIGUATE_REJECT:
        if (out->kind != SLA_LOCAL_UNIQUE)
            return SLA_EAMBIGUOUS;
        break;
    default: break;
    }
    return 0;
}
