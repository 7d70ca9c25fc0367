/* SPDX-License-Identifier: MIT */
/**
 * @file sla/business.h
 * @brief Business-hours calendars: opening hours per weekday, holidays,
 *        and durations counted in business time.
 */
#ifndef SLA_BUSINESS_H
#define SLA_BUSINESS_H

#include <stddef.h>
#include <stdint.h>

#include "sla/intervals.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup business Business hours
 * @brief "Weekdays 9:00-18:00, Japan time, closed on holidays".
 *
 * A calendar holds opening hours per ISO weekday as local times of day
 * (several ranges a day are allowed, for a lunch break) and closed local
 * dates. Each day's hours are resolved in the zone on their own, so 9:00
 * stays 9:00 across daylight-saving changes; an opening or closing time in
 * a gap moves forward (::SLA_DISAMBIGUATE_COMPATIBLE).
 *
 * A calendar is built by one thread, then only read: any number of threads
 * may use it at once.
 * @{
 */

/** A business-hours calendar. Opaque. */
struct sla_business;

/**
 * @brief Make an empty calendar (closed all week).
 * @param[out] out the calendar; free it with sla_business_free()
 * @param zone the zone of its hours (a reference is taken)
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM.
 */
int sla_business_new(struct sla_business **out, struct sla_zone *zone);

/**
 * @brief Free a calendar.
 * @param business the calendar, or NULL
 */
void sla_business_free(struct sla_business *business);

/**
 * @brief Open on a weekday from one local time of day to another.
 *
 * Ranges of one weekday may not overlap.
 *
 * @param business the calendar
 * @param weekday 1 (Monday) to 7 (Sunday)
 * @param open_ms local time of day it opens, 0 to 86399999
 * @param close_ms local time of day it closes, after @p open_ms, up to
 *        86400000 (midnight at the day's end)
 * @return 0, ::SLA_EINVAL if an argument is out of range or overlaps a
 *         range of that weekday.
 */
int sla_business_add_hours(struct sla_business *business, int32_t weekday,
                           int64_t open_ms, int64_t close_ms);

/**
 * @brief Close a whole local date (a holiday).
 * @param business the calendar
 * @param date the date
 * @return 0, ::SLA_EINVAL if an argument is NULL or the date does not
 *         exist, ::SLA_ENOMEM.
 */
int sla_business_add_holiday(struct sla_business *business,
                             const struct sla_date *date);

/**
 * @brief Add the business hours within `[from, to)` to a set.
 * @param dst the set to add to (its intervals are kept)
 * @param business the calendar
 * @param from first instant of the span
 * @param to first instant after the span
 * @return 0, ::SLA_EINVAL if an argument is NULL or `from > to`,
 *         ::SLA_ENOMEM, ::SLA_EOVERFLOW.
 */
int sla_business_expand(struct sla_intervals *dst,
                        const struct sla_business *business, int64_t from,
                        int64_t to);

/**
 * @brief The business time between two instants.
 * @param[out] out milliseconds of business time in `[from, to)`
 * @param business the calendar
 * @param from first instant
 * @param to first instant after
 * @return 0, ::SLA_EINVAL if an argument is NULL or `from > to`,
 *         ::SLA_EOVERFLOW.
 */
int sla_business_length(int64_t *out, const struct sla_business *business,
                        int64_t from, int64_t to);

/**
 * @brief The instant a length of business time after a start.
 *
 * A ticket opened on Friday 17:30 with 4 business hours to answer, under
 * weekday hours 9:00-18:00, is due on Monday 12:30: half an hour on Friday,
 * three and a half on Monday. A zero length gives the start itself.
 *
 * @param[out] out the instant
 * @param business the calendar
 * @param start the start
 * @param length_ms business time, >= 0
 * @return 0, ::SLA_EINVAL if an argument is NULL or @p length_ms is
 *         negative, ::SLA_ENOTFOUND if the calendar is never open (no
 *         hours, or closed for longer than its holidays explain),
 *         ::SLA_EOVERFLOW.
 */
int sla_business_add(int64_t *out, const struct sla_business *business,
                     int64_t start, int64_t length_ms);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_BUSINESS_H */
