/* SPDX-License-Identifier: MIT */
/**
 * @file sla/budget.h
 * @brief Service-level targets held exactly, and the downtime they allow.
 */
#ifndef SLA_BUDGET_H
#define SLA_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup budget Targets and error budgets
 * @brief "99.99% a month" as exact integers.
 *
 * A target is held in parts per million (ppm) of an `int32_t`: 99.99% is
 * 999900 ppm and 100% is ::SLA_PPM_ONE. Percent text with up to four
 * decimals converts exactly; a target finer than one ppm is refused rather
 * than rounded, so no report ever shows a target its contract did not state.
 * @{
 */

/** One whole, 100%, in parts per million. */
#define SLA_PPM_ONE 1000000

/** A buffer of this size holds any formatted percentage. */
#define SLA_PERCENT_SIZE 16

/**
 * @brief Parse a percentage such as `99.99` or `99.99%` into ppm.
 *
 * Accepted text: digits, optionally `.` and more digits of which only the
 * first four may be non-zero, optionally `%`; the value must lie between
 * 0 and 100. `99.99` is 999900,
 * `99.9` is 999000, `100` is 1000000, `99.99995` is an error (finer than a
 * ppm).
 *
 * @param[out] out parts per million, 0 to ::SLA_PPM_ONE
 * @param text the characters; need not be NUL-terminated
 * @param len number of bytes in @p text
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p text is NULL, ::SLA_EPARSE if
 *         the text is not such a percentage.
 */
int sla_ppm_parse_percent(int32_t *out, const char *text, size_t len,
                          struct sla_error *err);

/**
 * @brief Write ppm as a percentage without trailing zeros: 999900 gives
 *        `99.99`, 1000000 gives `100`, 5 gives `0.0005`. No `%` is added.
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; ::SLA_PERCENT_SIZE is always enough
 * @param ppm 0 to ::SLA_PPM_ONE
 * @return the length written, ::SLA_EINVAL if @p buf is NULL or @p ppm is
 *         out of range, ::SLA_ENOSPC if @p buf is too small.
 */
int sla_ppm_format_percent(char *buf, size_t size, int32_t ppm);

/**
 * @brief The downtime a target allows over a length of service time.
 *
 * allowed = span × (1 − target), computed exactly in integers and rounded
 * down to the millisecond, so staying within the figure always meets the
 * target. 99.99% of 30 days (2,592,000,000 ms) allows 259,200 ms
 * (259.2 s); 99.9% of 31 days allows 2,678,400 ms (44 min 38.4 s).
 *
 * @param[out] out allowed downtime in milliseconds
 * @param span_ms service time in milliseconds, >= 0
 * @param target_ppm the target, 0 to ::SLA_PPM_ONE
 * @return 0, ::SLA_EINVAL if @p out is NULL, @p span_ms is negative or
 *         @p target_ppm is out of range.
 */
int sla_budget_compute(int64_t *out, int64_t span_ms, int32_t target_ppm);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_BUDGET_H */
