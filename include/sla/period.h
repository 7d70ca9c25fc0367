/* SPDX-License-Identifier: MIT */
/**
 * @file sla/period.h
 * @brief Reporting periods: calendar days, ISO weeks, months, quarters and
 *        years in a time zone.
 */
#ifndef SLA_PERIOD_H
#define SLA_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "sla/intervals.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup period Reporting periods
 * @brief "Monthly, Japan time" as exact half-open spans of instants.
 *
 * A period starts at local midnight of its first day in the zone and ends
 * where the next one starts, so periods tile time with no gap and no
 * overlap: a Tokyo month starts at 15:00Z on the day before its first day,
 * and a New York day in March can be 23 hours long. A midnight that a
 * daylight-saving change skips (Sao Paulo, 2018-11-04) starts the period at
 * the first instant after the gap, as ::SLA_DISAMBIGUATE_COMPATIBLE does.
 * @{
 */

/** @name Period units
 * @{ */
/** A calendar day. */
#define SLA_PERIOD_DAY 0
/** An ISO 8601 week, Monday to Sunday. */
#define SLA_PERIOD_WEEK 1
/** A calendar month. */
#define SLA_PERIOD_MONTH 2
/** A quarter: January-March, April-June, July-September, October-December. */
#define SLA_PERIOD_QUARTER 3
/** A calendar year. */
#define SLA_PERIOD_YEAR 4
/** @} */

/**
 * @brief The period of a unit that holds an instant, in a zone.
 *
 * 2026-02-10T00:00:00Z in `Asia/Tokyo`, by month: February 2026 in Japan,
 * `[2026-01-31T15:00:00Z, 2026-02-28T15:00:00Z)`.
 *
 * @param[out] out the period `[start, end)`
 * @param zone the zone whose calendar counts
 * @param unit one of the `SLA_PERIOD_*` values
 * @param instant any instant inside the period
 * @return 0, ::SLA_EINVAL if an argument is NULL or @p unit is unknown,
 *         ::SLA_EOVERFLOW if the period reaches past the range of
 *         instants.
 */
int sla_period_at(struct sla_interval *out, const struct sla_zone *zone,
                  int32_t unit, int64_t instant);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_PERIOD_H */
