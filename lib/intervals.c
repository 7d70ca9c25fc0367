/* SPDX-License-Identifier: MIT */
/* Sets of half-open intervals: normalisation and set algebra. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

struct sla_intervals {
    struct sla_interval *v;
    size_t n, cap;
    int dirty; /* 1 when v may be unsorted, overlapping or touching */
};

SLA_EXPORT int sla_intervals_new(struct sla_intervals **out)
{
    struct sla_intervals *set;
    if (!out)
        return SLA_EINVAL;
    set = calloc(1, sizeof *set);
    if (!set)
        return SLA_ENOMEM;
    *out = set;
    return 0;
}

SLA_EXPORT void sla_intervals_free(struct sla_intervals *set)
{
    if (set) {
        free(set->v);
        free(set);
    }
}

SLA_EXPORT int sla_intervals_reserve(struct sla_intervals *set, size_t cap)
{
    struct sla_interval *v;
    if (!set)
        return SLA_EINVAL;
    if (cap <= set->cap)
        return 0;
    if (cap > SIZE_MAX / sizeof *v)
        return SLA_ENOMEM;
    v = realloc(set->v, cap * sizeof *v);
    if (!v)
        return SLA_ENOMEM;
    set->v = v;
    set->cap = cap;
    return 0;
}

/* Room for extra more intervals, growing geometrically. */
static int grow(struct sla_intervals *set, size_t extra)
{
    size_t need, cap;
    if (extra > SIZE_MAX - set->n)
        return SLA_ENOMEM;
    need = set->n + extra;
    if (need <= set->cap)
        return 0;
    cap = set->cap ? set->cap : 8;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    return sla_intervals_reserve(set, cap);
}

SLA_EXPORT void sla_intervals_clear(struct sla_intervals *set)
{
    if (set) {
        set->n = 0;
        set->dirty = 0;
    }
}

/* Append one non-empty interval, keeping the set normalised when the new
 * interval comes at or after the last one (the common case of records in
 * time order), so that in-order input never needs sorting. */
static void append(struct sla_intervals *set, int64_t start, int64_t end)
{
    if (set->n && !set->dirty) {
        struct sla_interval *last = &set->v[set->n - 1];
        if (start >= last->start) {
            if (start <= last->end) {
                if (end > last->end)
                    last->end = end;
                return;
            }
        } else {
            set->dirty = 1;
        }
    }
    set->v[set->n].start = start;
    set->v[set->n].end = end;
    set->n++;
}

SLA_EXPORT int sla_intervals_add(struct sla_intervals *set, int64_t start,
                                 int64_t end)
{
    if (!set || start > end)
        return SLA_EINVAL;
    if (start == end)
        return 0;
    if (grow(set, 1))
        return SLA_ENOMEM;
    append(set, start, end);
    return 0;
}

SLA_EXPORT int sla_intervals_add_many(struct sla_intervals *set,
                                      const struct sla_interval *iv, size_t n)
{
    size_t i;
    if (!set || (!iv && n))
        return SLA_EINVAL;
    for (i = 0; i < n; i++)
        if (iv[i].start > iv[i].end)
            return SLA_EINVAL;
    if (grow(set, n))
        return SLA_ENOMEM;
    for (i = 0; i < n; i++)
        if (iv[i].start < iv[i].end)
            append(set, iv[i].start, iv[i].end);
    return 0;
}

/* Sorting by start: introsort (quicksort with a median-of-three pivot,
 * heapsort below a depth limit so that no input is quadratic, insertion
 * sort for short runs). The comparison is inlined, which is where the
 * speed over qsort() comes from. */

#define LESS(a, b) ((a).start < (b).start)

static void insertion_sort(struct sla_interval *v, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        struct sla_interval x = v[i];
        for (j = i; j > 0 && LESS(x, v[j - 1]); j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static void sift_down(struct sla_interval *v, size_t root, size_t n)
{
    struct sla_interval x = v[root];
    size_t child;
    while ((child = 2 * root + 1) < n) {
        if (child + 1 < n && LESS(v[child], v[child + 1]))
            child++;
        if (!LESS(x, v[child]))
            break;
        v[root] = v[child];
        root = child;
    }
    v[root] = x;
}

static void heap_sort(struct sla_interval *v, size_t n)
{
    size_t i;
    for (i = n / 2; i-- > 0;)
        sift_down(v, i, n);
    for (i = n; i-- > 1;) {
        struct sla_interval t = v[0];
        v[0] = v[i];
        v[i] = t;
        sift_down(v, 0, i);
    }
}

static void swap(struct sla_interval *a, struct sla_interval *b)
{
    struct sla_interval t = *a;
    *a = *b;
    *b = t;
}

static void intro_sort(struct sla_interval *v, size_t n, int depth)
{
    while (n > 24) {
        size_t i, j, mid = n / 2;
        struct sla_interval pivot;
        if (depth-- == 0) {
            heap_sort(v, n);
            return;
        }
        /* Median of three into v[mid], smallest to v[0], largest to v[n-1]. */
        if (LESS(v[mid], v[0]))
            swap(&v[mid], &v[0]);
        if (LESS(v[n - 1], v[mid])) {
            swap(&v[n - 1], &v[mid]);
            if (LESS(v[mid], v[0]))
                swap(&v[mid], &v[0]);
        }
        pivot = v[mid];
        /* Hoare partition; equal keys stop both scans, so runs of equal
         * starts split evenly instead of degrading. */
        i = 0;
        j = n - 1;
        for (;;) {
            do
                i++;
            while (LESS(v[i], pivot));
            do
                j--;
            while (LESS(pivot, v[j]));
            if (i >= j)
                break;
            swap(&v[i], &v[j]);
        }
        /* [0, j] <= pivot <= [j + 1, n); recurse into the smaller side. */
        if (j + 1 < n - j - 1) {
            intro_sort(v, j + 1, depth);
            v += j + 1;
            n -= j + 1;
        } else {
            intro_sort(v + j + 1, n - j - 1, depth);
            n = j + 1;
        }
    }
    insertion_sort(v, n);
}

SLA_EXPORT void sla_intervals_normalize(struct sla_intervals *set)
{
    size_t i, w, n;
    int depth = 0;
    struct sla_interval *v;
    if (!set || !set->dirty)
        return;
    v = set->v;
    n = set->n;
    for (i = n; i > 1; i >>= 1)
        depth += 2;
    intro_sort(v, n, depth);
    /* Merge overlapping and touching neighbours in place. */
    w = 0;
    for (i = 1; i < n; i++) {
        if (v[i].start <= v[w].end) {
            if (v[i].end > v[w].end)
                v[w].end = v[i].end;
        } else {
            v[++w] = v[i];
        }
    }
    set->n = n ? w + 1 : 0;
    set->dirty = 0;
}

SLA_EXPORT size_t sla_intervals_count(struct sla_intervals *set)
{
    if (!set)
        return 0;
    sla_intervals_normalize(set);
    return set->n;
}

SLA_EXPORT int sla_intervals_get(struct sla_interval *out,
                                 struct sla_intervals *set, size_t index)
{
    if (!out || !set)
        return SLA_EINVAL;
    sla_intervals_normalize(set);
    if (index >= set->n)
        return SLA_ENOTFOUND;
    *out = set->v[index];
    return 0;
}

SLA_EXPORT int sla_intervals_contains(struct sla_intervals *set,
                                      int64_t instant)
{
    size_t lo = 0, hi;
    if (!set)
        return 0;
    sla_intervals_normalize(set);
    /* First interval whose end is after the instant. */
    hi = set->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (set->v[mid].end <= instant)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < set->n && set->v[lo].start <= instant;
}

SLA_EXPORT int sla_intervals_measure(int64_t *out, struct sla_intervals *set)
{
    uint64_t total = 0;
    size_t i;
    if (!out || !set)
        return SLA_EINVAL;
    sla_intervals_normalize(set);
    for (i = 0; i < set->n; i++) {
        /* Lengths are computed in uint64_t: end - start of one interval
         * always fits there, even when it does not fit int64_t. */
        uint64_t len = (uint64_t)set->v[i].end - (uint64_t)set->v[i].start;
        if (len > (uint64_t)INT64_MAX - total)
            return SLA_EOVERFLOW;
        total += len;
    }
    *out = (int64_t)total;
    return 0;
}

/* The three binary operations, as one sweep over both normalised inputs.
 * An instant is in the result when keep(in_a, in_b) says so; the sweep
 * visits every boundary once, so it is O(na + nb). */
enum op { OP_UNION, OP_INTERSECT, OP_SUBTRACT };

static int keep(enum op op, int in_a, int in_b)
{
    switch (op) {
    case OP_UNION: return in_a || in_b;
    case OP_INTERSECT: return in_a && in_b;
    default: return in_a && !in_b;
    }
}

/* Boundary k of a normalised set: starts at even k, ends at odd k. */
static int64_t boundary(const struct sla_intervals *s, size_t k)
{
    return k & 1 ? s->v[k / 2].end : s->v[k / 2].start;
}

static int combine(struct sla_intervals *dst, struct sla_intervals *a,
                   struct sla_intervals *b, enum op op)
{
    struct sla_interval *out;
    size_t ka = 0, kb = 0, n = 0, cap;
    size_t na, nb;
    int inside = 0;
    int64_t open = 0;
    if (!dst || !a || !b)
        return SLA_EINVAL;
    sla_intervals_normalize(a);
    sla_intervals_normalize(b);
    na = 2 * a->n;
    nb = 2 * b->n;
    cap = a->n + b->n;
    out = malloc((cap ? cap : 1) * sizeof *out);
    if (!out)
        return SLA_ENOMEM;
    /* Boundaries of one normalised set strictly increase. After passing k
     * boundaries of a set, an instant is inside it when k is odd. */
    while (ka < na || kb < nb) {
        int64_t t;
        int now;
        if (kb >= nb || (ka < na && boundary(a, ka) <= boundary(b, kb)))
            t = boundary(a, ka);
        else
            t = boundary(b, kb);
        if (ka < na && boundary(a, ka) == t)
            ka++;
        if (kb < nb && boundary(b, kb) == t)
            kb++;
        now = keep(op, (int)(ka & 1), (int)(kb & 1));
        if (now && !inside) {
            open = t;
            inside = 1;
        } else if (!now && inside) {
            out[n].start = open;
            out[n].end = t;
            n++;
            inside = 0;
        }
    }
    free(dst->v);
    dst->v = out;
    dst->n = n;
    dst->cap = cap ? cap : 1;
    dst->dirty = 0;
    return 0;
}

SLA_EXPORT int sla_intervals_union(struct sla_intervals *dst,
                                   struct sla_intervals *a,
                                   struct sla_intervals *b)
{
    return combine(dst, a, b, OP_UNION);
}

SLA_EXPORT int sla_intervals_intersect(struct sla_intervals *dst,
                                       struct sla_intervals *a,
                                       struct sla_intervals *b)
{
    return combine(dst, a, b, OP_INTERSECT);
}

SLA_EXPORT int sla_intervals_subtract(struct sla_intervals *dst,
                                      struct sla_intervals *a,
                                      struct sla_intervals *b)
{
    return combine(dst, a, b, OP_SUBTRACT);
}

SLA_EXPORT int sla_intervals_copy(struct sla_intervals *dst,
                                  struct sla_intervals *src)
{
    if (!dst || !src)
        return SLA_EINVAL;
    if (dst == src) {
        sla_intervals_normalize(dst);
        return 0;
    }
    sla_intervals_normalize(src);
    if (sla_intervals_reserve(dst, src->n))
        return SLA_ENOMEM;
    if (src->n)
        memcpy(dst->v, src->v, src->n * sizeof *src->v);
    dst->n = src->n;
    dst->dirty = 0;
    return 0;
}

SLA_EXPORT int sla_intervals_clip(struct sla_intervals *set, int64_t start,
                                  int64_t end)
{
    size_t i, w = 0;
    if (!set || start > end)
        return SLA_EINVAL;
    sla_intervals_normalize(set);
    for (i = 0; i < set->n; i++) {
        int64_t s = set->v[i].start > start ? set->v[i].start : start;
        int64_t e = set->v[i].end < end ? set->v[i].end : end;
        if (s < e) {
            set->v[w].start = s;
            set->v[w].end = e;
            w++;
        }
    }
    set->n = w;
    return 0;
}
