/* SPDX-License-Identifier: MIT */
/**
 * @file sla/rrule.h
 * @brief Recurrence rules: the RFC 5545 RRULE subset maintenance windows use.
 */
#ifndef SLA_RRULE_H
#define SLA_RRULE_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"
#include "sla/time.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup rrule Recurrence rules
 * @brief `FREQ=MONTHLY;BYDAY=2TU`, expanded date by date in local time.
 *
 * The subset: `FREQ` = `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`;
 * `INTERVAL`, `COUNT`, `UNTIL`, `WKST`, `BYDAY` (with ordinals such as
 * `2TU` and `-1SU` for `MONTHLY` and `YEARLY`), `BYMONTHDAY` (1 to 31 and
 * -1 to -31), `BYMONTH` and `BYSETPOS`. Parts outside it (`BYWEEKNO`,
 * `BYYEARDAY`, `BYHOUR`, `BYMINUTE`, `BYSECOND`, `RSCALE`, `SKIP`, and the
 * sub-daily frequencies) are refused with ::SLA_EUNSUPPORTED naming the
 * part, never ignored: an ignored part would silently change a schedule.
 *
 * Expansion works on civil (wall-clock) times: every occurrence is a date
 * the rule selects, at the start's time of day. Dates are computed in the
 * calendar, never by adding 86,400 or 604,800 seconds, so a daylight-saving
 * change cannot shift them; turning them into instants is the zone's job.
 * As in `dateutil.rrule`, an occurrence is a date the rule selects at or
 * after the start; a start the rule does not select is not itself an
 * occurrence. A date that does not exist (`BYMONTHDAY=31` in April) is
 * skipped, as RFC 5545 says, unless ::SLA_RRULE_CLAMP asks for the month's
 * last day instead.
 *
 * A rule is immutable once parsed: any number of threads may expand it at
 * once, each with its own iterator.
 * @{
 */

/** A parsed recurrence rule. Opaque, immutable. */
struct sla_rrule;

/** An expansion of a rule in progress. Opaque; one thread at a time. */
struct sla_rrule_iter;

/** Expansion flag: move a month-day the month lacks (31 in April, 30 in
 *  February) to the month's last day (or, for negative days, its first),
 *  instead of skipping it. Not RFC 5545: "day 31" then means 12 windows a
 *  year, not 7. */
#define SLA_RRULE_CLAMP 1

/**
 * @brief Parse RRULE text.
 *
 * Accepts the rule's value (`FREQ=WEEKLY;BYDAY=SU`), optionally behind
 * `RRULE:`. Part names and values are case-insensitive. `UNTIL` is a date
 * (`20251231`: the whole day is included), a local date-time
 * (`20251231T235959`) or a UTC one (`20251231T235959Z`). `COUNT` and
 * `UNTIL` together, repeated parts, values out of range, an ordinal in
 * `BYDAY` with `DAILY` or `WEEKLY`, and `BYMONTHDAY` with `WEEKLY` (RFC
 * 5545 forbids them) are ::SLA_EPARSE.
 *
 * @param[out] out the rule; free it with sla_rrule_free()
 * @param text the rule (need not be NUL-terminated)
 * @param len its length
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_EPARSE,
 *         ::SLA_EUNSUPPORTED for a part outside the subset, ::SLA_ENOMEM.
 */
int sla_rrule_parse(struct sla_rrule **out, const char *text, size_t len,
                    struct sla_error *err);

/**
 * @brief Free a rule.
 * @param rule the rule, or NULL
 */
void sla_rrule_free(struct sla_rrule *rule);

/** A buffer of this size holds any formatted rule. */
#define SLA_RRULE_SIZE 12288

/**
 * @brief Write a rule as canonical RRULE text (without `RRULE:`).
 *
 * Parts come in the order FREQ, INTERVAL (when not 1), COUNT or UNTIL,
 * BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST (when not MO); values in
 * increasing order. Parsing the text gives the same rule.
 *
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; ::SLA_RRULE_SIZE is always enough
 * @param rule the rule
 * @return the length written, ::SLA_EINVAL if an argument is NULL,
 *         ::SLA_ENOSPC if @p buf is too small.
 */
int sla_rrule_format(char *buf, size_t size, const struct sla_rrule *rule);

/**
 * @brief Start expanding a rule from a civil start (RFC 5545's DTSTART).
 *
 * A `UTC` `UNTIL` is compared with the occurrences read as UTC: a rule
 * applied in a zone should be bounded by the caller, in instants, instead.
 *
 * @param[out] out the iterator; free it with sla_rrule_iter_free()
 * @param rule the rule (it must outlive the iterator)
 * @param start the first date and the time of day of every occurrence
 * @param flags 0 or ::SLA_RRULE_CLAMP
 * @return 0, ::SLA_EINVAL if an argument is NULL, @p start does not exist
 *         or @p flags is unknown, ::SLA_ENOMEM.
 */
int sla_rrule_iter_new(struct sla_rrule_iter **out,
                       const struct sla_rrule *rule,
                       const struct sla_civil *start, int32_t flags);

/**
 * @brief The next occurrence, in increasing order.
 * @param[out] out the occurrence's civil date and time
 * @param it the iterator
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOTFOUND when the
 *         rule has no more occurrences (COUNT or UNTIL reached, the end of
 *         the calendar's range, or a rule that can never match, found
 *         within one 400-year cycle of periods).
 */
int sla_rrule_iter_next(struct sla_civil *out, struct sla_rrule_iter *it);

/**
 * @brief Free an iterator.
 * @param it the iterator, or NULL
 */
void sla_rrule_iter_free(struct sla_rrule_iter *it);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_RRULE_H */
