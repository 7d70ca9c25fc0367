/* SPDX-License-Identifier: MIT */
/**
 * @file sla/schedule.h
 * @brief Window schedules: recurring maintenance windows in a time zone.
 */
#ifndef SLA_SCHEDULE_H
#define SLA_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "sla/intervals.h"
#include "sla/rrule.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup schedule Window schedules
 * @brief "Monthly, 02:00-04:00 Japan time" as exact intervals of instants.
 *
 * A schedule has a zone, a first local start (RFC 5545's DTSTART), an
 * optional recurrence rule, and an end: a local wall-clock time (an end at
 * or before the start's time means the next day) or an exact duration.
 * Each occurrence is computed in local time and converted on its own, so a
 * window stays at 02:00 local across daylight-saving changes.
 *
 * A start or end that falls in a gap follows the schedule's disambiguation
 * (::SLA_DISAMBIGUATE_COMPATIBLE by default: the window moves forward by
 * the gap rather than vanish, because a lost exclusion turns planned work
 * into counted downtime); ::SLA_SCHEDULE_SKIP_GAPS drops such occurrences
 * instead, as RFC 5545's literal reading does. Excluded dates (EXDATE) and
 * one-off windows complete the schedule.
 *
 * A rule's UTC `UNTIL` (`20251231T230000Z`) is read as an instant: the
 * occurrences whose start instants are after it are dropped.
 *
 * A schedule is built by one thread; once built it is only read, and any
 * number of threads may expand it at once. Schedules are reference
 * counted (sla_schedule_ref(), sla_schedule_unref()).
 * @{
 */

/** A schedule of windows. Opaque. */
struct sla_schedule;

/** @name Schedule options (sla_schedule_set_options())
 * @{ */
/** Drop an occurrence whose local start or end does not exist (a gap). */
#define SLA_SCHEDULE_SKIP_GAPS 1
/** Move a month-day the month lacks to its last day (::SLA_RRULE_CLAMP). */
#define SLA_SCHEDULE_CLAMP 2
/** @} */

/** @name Window flags (sla_window::flags)
 * @{ */
/** The window's length differs from its nominal local length because a
 *  daylight-saving change falls inside it (02:00-04:00 across a change is
 *  one or three hours). */
#define SLA_WINDOW_DST_LENGTH 1
/** The local start or end was in a gap and was moved. */
#define SLA_WINDOW_SHIFTED 2
/** The window is a one-off, not an occurrence of the rule. */
#define SLA_WINDOW_ONE_OFF 4
/** @} */

/** One window of a schedule. */
struct sla_window {
    int64_t start;             /**< First instant inside. */
    int64_t end;               /**< First instant after. */
    struct sla_civil local;    /**< The local start it was computed from
                                    (for a one-off: its start read in the
                                    zone). */
    int32_t flags;             /**< `SLA_WINDOW_*` bits. */
};

/**
 * @brief Make a schedule.
 *
 * Until an end is set, windows last one hour.
 *
 * @param[out] out the schedule; free it with sla_schedule_free()
 * @param zone the zone (a reference is taken)
 * @param start the first local start, which is also every occurrence's
 *        time of day
 * @param rule the recurrence rule (copied), or NULL for one window
 * @return 0, ::SLA_EINVAL if @p out, @p zone or @p start is NULL or
 *         @p start does not exist, ::SLA_ENOMEM.
 */
int sla_schedule_new(struct sla_schedule **out, struct sla_zone *zone,
                     const struct sla_civil *start,
                     const struct sla_rrule *rule);

/**
 * @brief Drop the caller's reference to a schedule (sla_schedule_unref()).
 * @param schedule the schedule, or NULL
 */
void sla_schedule_free(struct sla_schedule *schedule);

/**
 * @brief Take another reference to a schedule.
 *
 * A schedule is freed when its last reference is dropped; a service that
 * is given a schedule takes a reference, so the caller may drop its own.
 * Change a schedule only while it has one user: its setters are not
 * synchronised with readers.
 *
 * @param schedule the schedule, or NULL
 * @return @p schedule
 */
struct sla_schedule *sla_schedule_ref(struct sla_schedule *schedule);

/**
 * @brief Drop a reference to a schedule; the last one frees it.
 * @param schedule the schedule, or NULL
 */
void sla_schedule_unref(struct sla_schedule *schedule);

/**
 * @brief End each window at a local wall-clock time.
 *
 * An end at or before the start's time of day is on the next day:
 * 22:00-02:00 crosses midnight.
 *
 * @param schedule the schedule
 * @param hour 0-23
 * @param minute 0-59
 * @param second 0-59
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_schedule_set_end_time(struct sla_schedule *schedule, int32_t hour,
                              int32_t minute, int32_t second);

/**
 * @brief Make each window last an exact duration.
 * @param schedule the schedule
 * @param duration_ms milliseconds, > 0
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_schedule_set_duration(struct sla_schedule *schedule,
                              int64_t duration_ms);

/**
 * @brief Make each window last a length read on the local wall clock.
 *
 * The end is the local start plus @p length_ms on the zone's calendar and
 * clock, then read in the zone: 22:00 plus 6 hours ends at 04:00 local the
 * next morning whatever daylight saving did in between. This is how an
 * iCalendar event's DTEND is applied to every occurrence.
 *
 * @param schedule the schedule
 * @param length_ms milliseconds of wall-clock time, > 0
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_schedule_set_local_length(struct sla_schedule *schedule,
                                  int64_t length_ms);

/**
 * @brief Make each window last whole calendar days plus an exact part.
 *
 * RFC 5545's DURATION: the end is the same local time @p days dates after
 * the start, then @p ms later in elapsed time. `P1D` over a change to
 * summer time lasts 23 hours; `PT24H` always lasts 24.
 *
 * @param schedule the schedule
 * @param days calendar days, >= 0
 * @param ms exact milliseconds, >= 0; @p days and @p ms not both 0
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_schedule_set_nominal_duration(struct sla_schedule *schedule,
                                      int32_t days, int64_t ms);

/**
 * @brief Set the disambiguation of local times and the options.
 * @param schedule the schedule
 * @param disambiguation one of the `SLA_DISAMBIGUATE_*` values except
 *        ::SLA_DISAMBIGUATE_REJECT (use ::SLA_SCHEDULE_SKIP_GAPS)
 * @param options `SLA_SCHEDULE_*` bits
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_schedule_set_options(struct sla_schedule *schedule,
                             int32_t disambiguation, int32_t options);

/**
 * @brief Exclude occurrences (RFC 5545's EXDATE).
 *
 * A date-time excludes the occurrence starting at exactly that local time;
 * with @p whole_day set, every occurrence on that local date is excluded.
 *
 * @param schedule the schedule
 * @param local the local start (or date) to exclude
 * @param whole_day 1 to exclude the whole date, 0 for the exact start
 * @return 0, ::SLA_EINVAL if an argument is NULL or invalid, ::SLA_ENOMEM.
 */
int sla_schedule_add_exdate(struct sla_schedule *schedule,
                            const struct sla_civil *local, int32_t whole_day);

/**
 * @brief Add an occurrence at a local start (RFC 5545's RDATE).
 *
 * The occurrence gets the schedule's end, disambiguation and options like
 * any occurrence of the rule, is subject to the excluded dates, and is
 * flagged ::SLA_WINDOW_ONE_OFF. A start the rule also gives yields one
 * window; adding the same start twice adds it once. The rule's `UNTIL` and
 * `COUNT` do not apply to it.
 *
 * @param schedule the schedule
 * @param local the local start
 * @return 0, ::SLA_EINVAL if an argument is NULL or invalid, ::SLA_ENOMEM.
 */
int sla_schedule_add_rdate(struct sla_schedule *schedule,
                           const struct sla_civil *local);

/**
 * @brief Add a one-off window `[start, end)` of instants.
 * @param schedule the schedule
 * @param start first instant
 * @param end first instant after, > @p start
 * @return 0, ::SLA_EINVAL if an argument is invalid, ::SLA_ENOMEM.
 */
int sla_schedule_add_window(struct sla_schedule *schedule, int64_t start,
                            int64_t end);

/** An expansion of a schedule over a span. Opaque. */
struct sla_schedule_iter;

/**
 * @brief Start listing the windows that meet the span `[from, to)`.
 *
 * Windows come in order of their start instants and are not clipped.
 *
 * @param[out] out the iterator; free it with sla_schedule_iter_free()
 * @param schedule the schedule (it must outlive the iterator)
 * @param from first instant of the span
 * @param to first instant after the span
 * @return 0, ::SLA_EINVAL if an argument is NULL or `from > to`,
 *         ::SLA_ENOMEM.
 */
int sla_schedule_iter_new(struct sla_schedule_iter **out,
                          const struct sla_schedule *schedule, int64_t from,
                          int64_t to);

/**
 * @brief The next window.
 * @param[out] out the window
 * @param it the iterator
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOTFOUND when no
 *         window is left, ::SLA_EOVERFLOW if an occurrence leaves the range
 *         of instants.
 */
int sla_schedule_iter_next(struct sla_window *out,
                           struct sla_schedule_iter *it);

/**
 * @brief Free an iterator.
 * @param it the iterator, or NULL
 */
void sla_schedule_iter_free(struct sla_schedule_iter *it);

/**
 * @brief Add every window meeting `[from, to)`, clipped to it, to a set.
 * @param dst the set to add to (its intervals are kept)
 * @param schedule the schedule
 * @param from first instant of the span
 * @param to first instant after the span
 * @return 0, ::SLA_EINVAL if an argument is NULL or `from > to`,
 *         ::SLA_ENOMEM, ::SLA_EOVERFLOW.
 */
int sla_schedule_expand(struct sla_intervals *dst,
                        const struct sla_schedule *schedule, int64_t from,
                        int64_t to);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_SCHEDULE_H */
