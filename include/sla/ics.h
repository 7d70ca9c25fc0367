/* SPDX-License-Identifier: MIT */
/**
 * @file sla/ics.h
 * @brief iCalendar (RFC 5545) import: maintenance windows from `.ics` files.
 */
#ifndef SLA_ICS_H
#define SLA_ICS_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"
#include "sla/intervals.h"
#include "sla/schedule.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup ics iCalendar import
 * @brief The VEVENTs of an `.ics` file as window schedules.
 *
 * Each VEVENT becomes one window schedule (`struct sla_schedule`): DTSTART (a date, a floating
 * local time, a UTC time or a local time with `TZID`), its end (DTEND as a
 * wall-clock length, DURATION as RFC 5545 defines it, or one day for a
 * date), RRULE, EXDATE, RDATE (dates, date-times and periods), and
 * overridden occurrences (RECURRENCE-ID). Lines may be folded and end in
 * CRLF or LF.
 *
 * What would change the windows and is not supported is an error naming
 * its line and column: EXRULE, `RANGE=THISANDFUTURE`, RRULE parts outside
 * libsla's subset, a second RRULE, a `TZID` that is not an IANA zone name,
 * a `CALSCALE` other than `GREGORIAN`. Everything else that cannot change
 * a window (SUMMARY, ATTENDEE, VALARM, VTODO, X- properties and so on) is
 * skipped. VTIMEZONE definitions are skipped too: a `TZID` is looked up in
 * the IANA database, which is kept current where a file's copy of the
 * rules may not be. Cancelled events (`STATUS:CANCELLED`) give no windows.
 *
 * The parsed calendar is only read afterwards; any number of threads may
 * expand it at once.
 * @{
 */

/** The windows of an iCalendar file. Opaque. */
struct sla_ics;

/**
 * @brief Parse iCalendar text.
 *
 * @param[out] out the calendar; free it with sla_ics_free()
 * @param text the file's bytes (UTF-8; a byte-order mark is skipped)
 * @param len their number
 * @param floating the zone of floating times (no `TZID`, no `Z`) and of
 *        dates without a `TZID`, or NULL to refuse them
 * @param tzdir the zone directory for `TZID`s, or NULL as in
 *        sla_zone_from_name()
 * @param[out] err where and why the text is wrong; may be NULL. `line`
 *        and `column` count from 1 in the unfolded file as it is stored
 *        (a folded line's continuation keeps its own line number).
 * @return 0, ::SLA_EINVAL if @p out is NULL or @p text is NULL with a
 *         length, ::SLA_EPARSE for malformed or unsupported content,
 *         ::SLA_ENOTFOUND for a `TZID` that names no zone, ::SLA_ENOMEM.
 */
int sla_ics_parse(struct sla_ics **out, const char *text, size_t len,
                  struct sla_zone *floating, const char *tzdir,
                  struct sla_error *err);

/**
 * @brief Free a calendar.
 * @param ics the calendar, or NULL
 */
void sla_ics_free(struct sla_ics *ics);

/**
 * @brief The number of schedules (VEVENTs that give windows).
 * @param ics the calendar
 * @return the count; 0 for NULL
 */
size_t sla_ics_count(const struct sla_ics *ics);

/**
 * @brief One event's schedule.
 * @param ics the calendar
 * @param index 0 to sla_ics_count() - 1
 * @return the schedule, owned by the calendar, or NULL if @p index is out
 *         of range
 */
const struct sla_schedule *sla_ics_schedule(const struct sla_ics *ics,
                                            size_t index);

/**
 * @brief One event's UID.
 * @param ics the calendar
 * @param index 0 to sla_ics_count() - 1
 * @return the UID (empty if the event had none), owned by the calendar, or
 *         NULL if @p index is out of range
 */
const char *sla_ics_uid(const struct sla_ics *ics, size_t index);

/**
 * @brief One event's SUMMARY, unescaped.
 * @param ics the calendar
 * @param index 0 to sla_ics_count() - 1
 * @return the summary (empty if none), owned by the calendar, or NULL if
 *         @p index is out of range
 */
const char *sla_ics_summary(const struct sla_ics *ics, size_t index);

/**
 * @brief Set the disambiguation and options of every schedule.
 * @param ics the calendar
 * @param disambiguation as for sla_schedule_set_options()
 * @param options `SLA_SCHEDULE_*` bits
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_ics_set_options(struct sla_ics *ics, int32_t disambiguation,
                        int32_t options);

/**
 * @brief Add every window of every event meeting `[from, to)`, clipped to
 *        it, to a set.
 * @param dst the set to add to (its intervals are kept)
 * @param ics the calendar
 * @param from first instant of the span
 * @param to first instant after the span
 * @return 0, ::SLA_EINVAL if an argument is NULL or `from > to`,
 *         ::SLA_ENOMEM, ::SLA_EOVERFLOW.
 */
int sla_ics_expand(struct sla_intervals *dst, const struct sla_ics *ics,
                   int64_t from, int64_t to);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_ICS_H */
