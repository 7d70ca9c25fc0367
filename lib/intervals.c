/* SPDX-License-Identifier: MIT */
/* Sets of half-open intervals: normalisation and set algebra. */
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

/* Always normalised: v[0..n) sorted, non-empty, neither overlapping nor
 * touching. Readers never write, so a set may be read by many threads. */
struct sla_intervals {
    struct sla_interval *v;
    size_t n, cap;
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
    if (set)
        set->n = 0;
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

/* Merge overlapping and touching neighbours of sorted v[0..n) in place;
 * returns the new count. */
static size_t merge_runs(struct sla_interval *v, size_t n)
{
    size_t i, w = 0;
    if (!n)
        return 0;
    for (i = 1; i < n; i++) {
        if (v[i].start <= v[w].end) {
            if (v[i].end > v[w].end)
                v[w].end = v[i].end;
        } else {
            v[++w] = v[i];
        }
    }
    return w + 1;
}

static void sort_by_start(struct sla_interval *v, size_t n)
{
    size_t i;
    int depth = 0;
    for (i = 1; i < n; i++)
        if (LESS(v[i], v[i - 1]))
            break;
    if (i >= n)
        return; /* already in order */
    for (i = n; i > 1; i >>= 1)
        depth += 2;
    intro_sort(v, n, depth);
}

/* First index whose interval ends at or after t (so it holds, touches or
 * follows t). */
static size_t first_ending_at_or_after(const struct sla_intervals *s,
                                       int64_t t)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].end < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First index whose interval starts after t. */
static size_t first_starting_after(const struct sla_intervals *s, int64_t t)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].start <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

SLA_EXPORT int sla_intervals_add(struct sla_intervals *set, int64_t start,
                                 int64_t end)
{
    size_t i, j;
    if (!set || start > end)
        return SLA_EINVAL;
    if (start == end)
        return 0;
    /* In time order (the common case): extend the last one, or append. */
    if (set->n && start >= set->v[set->n - 1].start &&
        start <= set->v[set->n - 1].end) {
        if (end > set->v[set->n - 1].end)
            set->v[set->n - 1].end = end;
        return 0;
    }
    if (!set->n || start > set->v[set->n - 1].end) {
        if (grow(set, 1))
            return SLA_ENOMEM;
        set->v[set->n].start = start;
        set->v[set->n].end = end;
        set->n++;
        return 0;
    }
    /* Otherwise [i, j) are the intervals it overlaps or touches; they
     * become one, or it is inserted at i. */
    i = first_ending_at_or_after(set, start);
    j = first_starting_after(set, end);
    if (i == j) {
        if (grow(set, 1))
            return SLA_ENOMEM;
        memmove(set->v + i + 1, set->v + i, (set->n - i) * sizeof *set->v);
        set->v[i].start = start;
        set->v[i].end = end;
        set->n++;
        return 0;
    }
    if (set->v[i].start < start)
        start = set->v[i].start;
    if (set->v[j - 1].end > end)
        end = set->v[j - 1].end;
    set->v[i].start = start;
    set->v[i].end = end;
    memmove(set->v + i + 1, set->v + j, (set->n - j) * sizeof *set->v);
    set->n -= j - i - 1;
    return 0;
}

SLA_EXPORT int sla_intervals_add_many(struct sla_intervals *set,
                                      const struct sla_interval *iv, size_t n)
{
    size_t i, p, k = 0;
    struct sla_interval *tail, *tmp;
    if (!set || (!iv && n))
        return SLA_EINVAL;
    for (i = 0; i < n; i++)
        if (iv[i].start > iv[i].end)
            return SLA_EINVAL;
    if (n == 0)
        return 0;
    if (grow(set, n))
        return SLA_ENOMEM;
    /* Copy the non-empty intervals after the set, sort them there. */
    p = set->n;
    tail = set->v + p;
    for (i = 0; i < n; i++)
        if (iv[i].start < iv[i].end)
            tail[k++] = iv[i];
    if (!k)
        return 0;
    sort_by_start(tail, k);
    if (p && tail[0].start < set->v[p - 1].start) {
        /* Merge the two sorted runs from the back, with the new run moved
         * aside; without memory for that, sort everything in place. */
        tmp = malloc(k * sizeof *tmp);
        if (tmp) {
            size_t a = p, b = k, w = p + k;
            memcpy(tmp, tail, k * sizeof *tmp);
            while (b > 0) {
                if (a > 0 && LESS(tmp[b - 1], set->v[a - 1]))
                    set->v[--w] = set->v[--a];
                else
                    set->v[--w] = tmp[--b];
            }
            free(tmp);
        } else {
            sort_by_start(set->v, p + k);
        }
        set->n = merge_runs(set->v, p + k);
        return 0;
    }
    /* The new run starts at or after the old one: merge from the seam. */
    i = p ? p - 1 : 0;
    set->n = i + merge_runs(set->v + i, p + k - i);
    return 0;
}

SLA_EXPORT size_t sla_intervals_count(const struct sla_intervals *set)
{
    return set ? set->n : 0;
}

SLA_EXPORT int sla_intervals_get(struct sla_interval *out,
                                 const struct sla_intervals *set, size_t index)
{
    if (!out || !set)
        return SLA_EINVAL;
    if (index >= set->n)
        return SLA_ENOTFOUND;
    *out = set->v[index];
    return 0;
}

SLA_EXPORT const struct sla_interval *
sla_intervals_view(const struct sla_intervals *set, size_t *out_count)
{
    if (out_count)
        *out_count = set ? set->n : 0;
    return set && set->n ? set->v : NULL;
}

SLA_EXPORT int sla_intervals_contains(const struct sla_intervals *set,
                                      int64_t instant)
{
    size_t i;
    if (!set)
        return 0;
    /* The first interval ending after the instant is the only candidate. */
    i = first_ending_at_or_after(set, instant);
    if (i < set->n && set->v[i].end == instant)
        i++;
    return i < set->n && set->v[i].start <= instant;
}

/* Sum of lengths of v[i..j) clipped to [start, end), in uint64_t: one
 * interval's length always fits there even when it does not fit int64_t. */
static int measure_range(int64_t *out, const struct sla_intervals *set,
                         size_t i, size_t j, int64_t start, int64_t end)
{
    uint64_t total = 0;
    for (; i < j; i++) {
        int64_t a = set->v[i].start > start ? set->v[i].start : start;
        int64_t b = set->v[i].end < end ? set->v[i].end : end;
        uint64_t len;
        if (a >= b)
            continue;
        len = (uint64_t)b - (uint64_t)a;
        if (len > (uint64_t)INT64_MAX - total)
            return SLA_EOVERFLOW;
        total += len;
    }
    *out = (int64_t)total;
    return 0;
}

SLA_EXPORT int sla_intervals_measure(int64_t *out,
                                     const struct sla_intervals *set)
{
    if (!out || !set)
        return SLA_EINVAL;
    return measure_range(out, set, 0, set->n, INT64_MIN, INT64_MAX);
}

SLA_EXPORT int sla_intervals_measure_within(int64_t *out,
                                            const struct sla_intervals *set,
                                            int64_t start, int64_t end)
{
    if (!out || !set || start > end)
        return SLA_EINVAL;
    /* Only the intervals that end after start and begin before end. */
    return measure_range(out, set, first_ending_at_or_after(set, start),
                         first_starting_after(set, end), start, end);
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

static int combine(struct sla_intervals *dst, const struct sla_intervals *a,
                   const struct sla_intervals *b, enum op op)
{
    struct sla_interval *out;
    size_t ka = 0, kb = 0, n = 0, cap, na, nb;
    int inside = 0, fresh;
    int64_t open = 0;
    if (!dst || !a || !b)
        return SLA_EINVAL;
    na = 2 * a->n;
    nb = 2 * b->n;
    cap = a->n + b->n;
    /* Write straight into dst unless it is an operand. */
    fresh = dst == a || dst == b;
    if (fresh) {
        out = malloc((cap ? cap : 1) * sizeof *out);
        if (!out)
            return SLA_ENOMEM;
    } else {
        if (cap > dst->cap && sla_intervals_reserve(dst, cap))
            return SLA_ENOMEM;
        out = dst->v;
    }
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
    if (fresh) {
        free(dst->v);
        dst->v = out;
        dst->cap = cap ? cap : 1;
    }
    dst->n = n;
    return 0;
}

SLA_EXPORT int sla_intervals_union(struct sla_intervals *dst,
                                   const struct sla_intervals *a,
                                   const struct sla_intervals *b)
{
    return combine(dst, a, b, OP_UNION);
}

SLA_EXPORT int sla_intervals_intersect(struct sla_intervals *dst,
                                       const struct sla_intervals *a,
                                       const struct sla_intervals *b)
{
    return combine(dst, a, b, OP_INTERSECT);
}

SLA_EXPORT int sla_intervals_subtract(struct sla_intervals *dst,
                                      const struct sla_intervals *a,
                                      const struct sla_intervals *b)
{
    return combine(dst, a, b, OP_SUBTRACT);
}

SLA_EXPORT int sla_intervals_copy(struct sla_intervals *dst,
                                  const struct sla_intervals *src)
{
    if (!dst || !src)
        return SLA_EINVAL;
    if (dst == src)
        return 0;
    if (sla_intervals_reserve(dst, src->n))
        return SLA_ENOMEM;
    if (src->n)
        memcpy(dst->v, src->v, src->n * sizeof *src->v);
    dst->n = src->n;
    return 0;
}

SLA_EXPORT int sla_intervals_clip(struct sla_intervals *set, int64_t start,
                                  int64_t end)
{
    size_t i, j;
    if (!set || start > end)
        return SLA_EINVAL;
    if (start == end) {
        set->n = 0;
        return 0;
    }
    /* Keep [i, j): those ending after start and starting before end. */
    i = first_ending_at_or_after(set, start);
    if (i < set->n && set->v[i].end == start)
        i++;
    j = first_starting_after(set, end);
    if (j > i && set->v[j - 1].start == end)
        j--;
    if (i >= j) {
        set->n = 0;
        return 0;
    }
    if (i)
        memmove(set->v, set->v + i, (j - i) * sizeof *set->v);
    set->n = j - i;
    if (set->v[0].start < start)
        set->v[0].start = start;
    if (set->v[set->n - 1].end > end)
        set->v[set->n - 1].end = end;
    return 0;
}
