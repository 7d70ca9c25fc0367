/* SPDX-License-Identifier: MIT */
/**
 * @file sla/intervals.h
 * @brief Sets of half-open time intervals and their algebra.
 */
#ifndef SLA_INTERVALS_H
#define SLA_INTERVALS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup intervals Interval sets
 * @brief Every figure of libsla is defined by this algebra.
 *
 * An interval `[start, end)` holds the instants `t` with
 * `start <= t < end`; its length is `end - start`. An interval with
 * `start == end` is empty and adds nothing; one with `start > end` is
 * inverted and refused with ::SLA_EINVAL, because it is almost always a
 * record with its fields swapped.
 *
 * A set (::sla_intervals) is always *normalised*: its intervals are in
 * increasing order, non-empty, and neither overlap nor touch, so `[1,3)`
 * and `[3,5)` added to a set become `[1,5)`. Adding keeps it so:
 * sla_intervals_add() costs O(1) when intervals come in time order (the
 * common case of records) and O(n) for one that comes late;
 * sla_intervals_add_many() sorts its batch and merges it in
 * O(n + k log k), so unordered bulk data goes through it.
 *
 * Reading a set never changes it: every reader takes a `const` set, and
 * any number of threads may read one set at once as long as none writes
 * to it. The set operations write their result into a destination set,
 * which may be one of the operands. All operations are O(n log n) at
 * worst; sla_intervals_measure_within() and sla_intervals_contains() are
 * O(log n) plus the intervals they touch.
 * @{
 */

/** One half-open interval `[start, end)` of instants in milliseconds. */
struct sla_interval {
    int64_t start; /**< First instant inside the interval. */
    int64_t end;   /**< First instant after the interval. */
};

/**
 * @struct sla_intervals
 * @brief A set of instants, held as intervals. Opaque.
 *
 * Created with sla_intervals_new() and freed with sla_intervals_free(); its
 * layout is private to the library.
 */
struct sla_intervals;

/**
 * @brief Create an empty set.
 * @param[out] out the new set; free it with sla_intervals_free()
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_ENOMEM.
 */
int sla_intervals_new(struct sla_intervals **out);

/**
 * @brief Free a set.
 * @param set the set, or NULL (then nothing happens)
 */
void sla_intervals_free(struct sla_intervals *set);

/**
 * @brief Make room for a number of intervals in total, so that adding that
 *        many allocates nothing more.
 * @param set the set
 * @param capacity the number of intervals to hold
 * @return 0, ::SLA_EINVAL if @p set is NULL, ::SLA_ENOMEM.
 */
int sla_intervals_reserve(struct sla_intervals *set, size_t capacity);

/**
 * @brief Remove every interval; the memory is kept for reuse.
 * @param set the set (NULL is ignored)
 */
void sla_intervals_clear(struct sla_intervals *set);

/**
 * @brief Add the interval `[start, end)` to a set.
 * @param set the set
 * @param start first instant inside
 * @param end first instant after; equal to @p start adds nothing
 * @return 0, ::SLA_EINVAL if @p set is NULL or `start > end`, ::SLA_ENOMEM
 *         (then the set is unchanged).
 */
int sla_intervals_add(struct sla_intervals *set, int64_t start, int64_t end);

/**
 * @brief Add many intervals at once, in any order.
 *
 * The batch is sorted and merged into the set in O(n + k log k) for k new
 * intervals. Either all are added or, on error, none is.
 *
 * @param set the set
 * @param intervals an array of @p n intervals (NULL only when @p n is 0)
 * @param n the number of intervals
 * @return 0, ::SLA_EINVAL if an argument is NULL or any interval is
 *         inverted, ::SLA_ENOMEM.
 */
int sla_intervals_add_many(struct sla_intervals *set,
                           const struct sla_interval *intervals, size_t n);

/**
 * @brief Copy a set.
 * @param dst receives a copy of @p src (its contents are replaced)
 * @param src the set to copy
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM.
 */
int sla_intervals_copy(struct sla_intervals *dst,
                       const struct sla_intervals *src);

/**
 * @brief The number of intervals of a set.
 * @param set the set
 * @return the count; 0 for NULL.
 */
size_t sla_intervals_count(const struct sla_intervals *set);

/**
 * @brief One interval of a set; with sla_intervals_count() this walks the
 *        set in increasing order.
 * @param[out] out the interval
 * @param set the set
 * @param index 0 to count - 1
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOTFOUND if
 *         @p index is past the end.
 */
int sla_intervals_get(struct sla_interval *out,
                      const struct sla_intervals *set, size_t index);

/**
 * @brief All intervals of a set at once, without copying.
 *
 * The array belongs to the set: it stays valid, unchanged, until the set
 * is next modified or freed. This is the fast way for bindings to read a
 * set (one call instead of one per interval).
 *
 * @param set the set
 * @param[out] out_count the number of intervals; may be NULL
 * @return the intervals in increasing order, or NULL when the set is empty
 *         or NULL.
 */
const struct sla_interval *sla_intervals_view(const struct sla_intervals *set,
                                              size_t *out_count);

/**
 * @brief Whether the set holds an instant (binary search).
 * @param set the set
 * @param instant the instant
 * @return 1 if some interval holds @p instant, 0 otherwise (and for NULL).
 */
int sla_intervals_contains(const struct sla_intervals *set, int64_t instant);

/**
 * @brief The total length of a set: the sum of its intervals' lengths, so
 *        time added twice counts once.
 * @param[out] out milliseconds
 * @param set the set
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_EOVERFLOW if the
 *         total is outside `int64_t` (only for sets spanning more than half
 *         the `int64_t` range).
 */
int sla_intervals_measure(int64_t *out, const struct sla_intervals *set);

/**
 * @brief The length of the part of a set inside the span `[start, end)`.
 *
 * The same as clipping a copy and measuring it, in O(log n) plus the
 * intervals inside the span, with no copy: the way to measure one set
 * (say, downtime) period by period.
 *
 * @param[out] out milliseconds
 * @param set the set
 * @param start first instant of the span
 * @param end first instant after the span
 * @return 0, ::SLA_EINVAL if an argument is NULL or `start > end`,
 *         ::SLA_EOVERFLOW if the total is outside `int64_t`.
 */
int sla_intervals_measure_within(int64_t *out,
                                 const struct sla_intervals *set,
                                 int64_t start, int64_t end);

/**
 * @brief The union: instants in @p a or in @p b.
 * @param dst receives the result; may be @p a or @p b
 * @param a first operand
 * @param b second operand
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM (then
 *         @p dst is unchanged).
 */
int sla_intervals_union(struct sla_intervals *dst,
                        const struct sla_intervals *a,
                        const struct sla_intervals *b);

/**
 * @brief The intersection: instants in both @p a and @p b.
 * @param dst receives the result; may be @p a or @p b
 * @param a first operand
 * @param b second operand
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM (then
 *         @p dst is unchanged).
 */
int sla_intervals_intersect(struct sla_intervals *dst,
                            const struct sla_intervals *a,
                            const struct sla_intervals *b);

/**
 * @brief The difference: instants in @p a but not in @p b.
 * @param dst receives the result; may be @p a or @p b
 * @param a the set to take from
 * @param b the set to remove
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM (then
 *         @p dst is unchanged).
 */
int sla_intervals_subtract(struct sla_intervals *dst,
                           const struct sla_intervals *a,
                           const struct sla_intervals *b);

/**
 * @brief Keep only the instants inside the span `[start, end)`, in place.
 *
 * An empty span (`start == end`) leaves an empty set.
 *
 * @param set the set
 * @param start first instant of the span
 * @param end first instant after the span
 * @return 0, ::SLA_EINVAL if @p set is NULL or `start > end`.
 */
int sla_intervals_clip(struct sla_intervals *set, int64_t start, int64_t end);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_INTERVALS_H */
