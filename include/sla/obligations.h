/* SPDX-License-Identifier: MIT */
/**
 * @file sla/obligations.h
 * @brief Obligations: notice periods and cadences.
 */
#ifndef SLA_OBLIGATIONS_H
#define SLA_OBLIGATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"
#include "sla/intervals.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup obligations Obligations
 * @brief "Announced 6 months ahead", "patched every month".
 * @{
 */

/**
 * @brief How short an announcement fell of its notice period.
 *
 * Calendar months count forward from the announcement, in the zone's
 * local time, as civil codes count periods of months: the period ends on
 * the same day of the month N months later, or on that month's last day
 * when it has no such day. Announced 2020-03-31 with 6 months' notice
 * runs to 2020-09-30, so an event on 2020-09-30 (at or after the
 * announcement's time of day) had its full notice. With @p months 0 the
 * notice is the exact @p duration_ms.
 *
 * @param[out] short_ms 0 when the notice was enough, else how much
 *             earlier the event came than the period's end
 * @param zone the zone whose calendar counts
 * @param announced when it was announced
 * @param event when the announced event starts
 * @param months calendar months of notice, >= 0
 * @param duration_ms exact notice when @p months is 0, >= 0
 * @return 0, ::SLA_EINVAL if an argument is NULL or negative,
 *         ::SLA_EOVERFLOW if the period leaves the range of instants.
 */
int sla_notice_check(int64_t *short_ms, const struct sla_zone *zone,
                     int64_t announced, int64_t event, int32_t months,
                     int64_t duration_ms);

/**
 * @brief The calendar periods of a span with no event in them.
 *
 * Every period of @p unit (`SLA_PERIOD_*`: day, ISO week, month and so on) in
 * the zone that meets `[from, to)` must hold at least one event (an
 * instant inside the period and the span); those that hold none are
 * written, clipped to the span, in order.
 *
 * @param[out] out room for @p cap periods (may be NULL when @p cap is 0)
 * @param cap the room
 * @param[out] count the number of periods missed
 * @param zone the zone
 * @param unit `SLA_PERIOD_*`
 * @param events the events' instants, in any order (NULL when @p n is 0)
 * @param n their number
 * @param from first instant of the span
 * @param to first instant after it
 * @return 0, ::SLA_ENOSPC if more than @p cap were missed (the first
 *         @p cap are written), ::SLA_EINVAL if an argument is NULL or
 *         out of range, ::SLA_ENOMEM, ::SLA_EOVERFLOW.
 */
int sla_cadence_missed(struct sla_interval *out, size_t cap, size_t *count,
                       const struct sla_zone *zone, int32_t unit,
                       const int64_t *events, size_t n, int64_t from,
                       int64_t to);

/**
 * @brief The stretches of a span where consecutive instants lie further
 *        apart than a limit ("a probe every minute").
 *
 * The instants inside `[from, to]` are taken in time order, with @p from
 * before them and @p to after them, as if both were instants too: the first
 * must come within the limit of @p from, and @p to within the limit of
 * the last. Each pair of neighbours further apart than @p limit_ms is a
 * gap `[earlier, later)`; a spacing of exactly the limit is no gap.
 * Samples at 10:00, 10:01 and 10:05 over `[10:00, 10:06)` with a
 * one-minute limit have one gap, 10:01 to 10:05 (4 minutes).
 *
 * @param[out] out room for @p cap gaps (may be NULL when @p cap is 0)
 * @param cap the room
 * @param[out] count the number of gaps
 * @param at the instants, in any order (NULL when @p n is 0); those
 *        outside `[from, to]` are not looked at
 * @param n their number
 * @param limit_ms the largest spacing allowed, > 0
 * @param from first instant of the span
 * @param to first instant after it
 * @return 0, ::SLA_ENOSPC if there are more than @p cap gaps (the first
 *         @p cap are written), ::SLA_EINVAL if an argument is NULL or out
 *         of range, ::SLA_ENOMEM.
 */
int sla_continuity_gaps(struct sla_interval *out, size_t cap, size_t *count,
                        const int64_t *at, size_t n, int64_t limit_ms,
                        int64_t from, int64_t to);

/** One announcement of a planned event. */
struct sla_announcement {
    int64_t announced; /**< When it was announced (ms since the epoch). */
    int64_t event;     /**< When the announced event starts. */
};

/** Announcements read from a file, with their ids and kinds. */
struct sla_announcement_list;

/**
 * @brief Read announcements from CSV (RFC 4180).
 *
 * The header names the columns `kind`, `announced` and `event`, and
 * optionally `id`, in any order; other columns are skipped. `kind` says
 * which notice period applies (such as `maintenance`,
 * `end-of-service`): one word of at most 63 bytes; instants are RFC 3339.
 * An event before its announcement is an error.
 *
 * @param[out] out the records; free them with
 *             sla_announcement_list_free()
 * @param text the CSV text
 * @param len its length
 * @param[out] err the line, column and what was expected; may be NULL
 * @return 0, ::SLA_EPARSE, ::SLA_EINVAL for NULL arguments, ::SLA_ENOMEM.
 */
int sla_announcements_parse_csv(struct sla_announcement_list **out,
                                const char *text, size_t len,
                                struct sla_error *err);

/**
 * @brief Free a list from sla_announcements_parse_csv().
 * @param list the list, or NULL
 */
void sla_announcement_list_free(struct sla_announcement_list *list);

/**
 * @brief The records, in file order, as one array.
 * @param list the list
 * @param[out] count their number
 * @return the array (NULL when empty or on a NULL argument)
 */
const struct sla_announcement *sla_announcement_list_items(
    const struct sla_announcement_list *list, size_t *count);

/**
 * @brief A record's id (the `id` column; "" if none).
 * @param list the list
 * @param index the record's index
 * @return the id, or NULL when @p index is out of range
 */
const char *sla_announcement_list_id(const struct sla_announcement_list *list,
                                     size_t index);

/**
 * @brief The line of the file a record starts on.
 * @param list the list
 * @param index the record's index
 * @return the line (from 1), or 0 when @p index is out of range
 */
int32_t sla_announcement_list_line(const struct sla_announcement_list *list,
                                   size_t index);

/**
 * @brief A record's kind (the `kind` column).
 * @param list the list
 * @param index the record's index
 * @return the kind, or NULL when @p index is out of range
 */
const char *sla_announcement_list_kind(
    const struct sla_announcement_list *list, size_t index);

/** Dated events of several kinds ("patch", "full-scan"), read from a
 *  file. */
struct sla_event_list;

/**
 * @brief Read dated events from CSV (RFC 4180).
 *
 * The header names the columns `kind` (one word of at most 63 bytes) and
 * `at`, and optionally `id`, in any order; other columns are skipped.
 *
 * @param[out] out the records; free them with sla_event_list_free()
 * @param text the CSV text
 * @param len its length
 * @param[out] err the line, column and what was expected; may be NULL
 * @return 0, ::SLA_EPARSE, ::SLA_EINVAL for NULL arguments, ::SLA_ENOMEM.
 */
int sla_events_parse_csv(struct sla_event_list **out, const char *text,
                         size_t len, struct sla_error *err);

/**
 * @brief Free a list from sla_events_parse_csv().
 * @param list the list, or NULL
 */
void sla_event_list_free(struct sla_event_list *list);

/**
 * @brief The number of events in a list.
 * @param list the list (NULL counts 0)
 * @return their number
 */
size_t sla_event_list_count(const struct sla_event_list *list);

/**
 * @brief An event: its instant, kind and id ("" if none).
 * @param list the list
 * @param index the event's index, in file order
 * @param[out] at its instant; may be NULL
 * @param[out] kind its kind; may be NULL
 * @param[out] id its id; may be NULL
 * @return 0, ::SLA_EINVAL if @p list is NULL or @p index out of range.
 */
int sla_event_list_get(const struct sla_event_list *list, size_t index,
                       int64_t *at, const char **kind, const char **id);

/**
 * @brief The instants of the events of one kind (compared without regard
 *        to ASCII case), in file order, for sla_cadence_missed().
 * @param list the list
 * @param kind the kind
 * @param[out] out room for @p cap instants (may be NULL when @p cap is 0)
 * @param cap the room
 * @return the number of events of that kind (more than @p cap when only
 *         the first @p cap were written); 0 for a NULL argument
 */
size_t sla_event_list_select(const struct sla_event_list *list,
                             const char *kind, int64_t *out, size_t cap);

struct sla_service;

/**
 * @brief Promise a notice period for announcements of a kind.
 *
 * A second call for the same kind (compared without regard to ASCII case)
 * replaces the first.
 *
 * @param service the service
 * @param kind the announcements' kind, such as `maintenance`
 * @param months calendar months of notice, or 0 to give an exact length
 * @param duration_ms the exact notice when @p months is 0, > 0
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_service_add_notice(struct sla_service *service, const char *kind,
                           int32_t months, int64_t duration_ms);

/**
 * @brief The notice period promised for a kind of announcement.
 * @param service the service
 * @param kind the kind (ASCII case does not matter)
 * @param[out] months calendar months, or 0 for an exact length
 * @param[out] duration_ms the exact length when @p months is 0
 * @return 0, ::SLA_ENOTFOUND if the service promises none for @p kind,
 *         ::SLA_EINVAL for a NULL argument.
 */
int sla_service_notice(const struct sla_service *service, const char *kind,
                       int32_t *months, int64_t *duration_ms);

/**
 * @brief Promise at least one event of a kind in every calendar period
 *        ("security patches every month").
 *
 * A second call for the same kind replaces the first.
 *
 * @param service the service
 * @param kind the events' kind, such as `patch`
 * @param unit `SLA_PERIOD_DAY`, `SLA_PERIOD_WEEK` (ISO),
 *        `SLA_PERIOD_MONTH`, `SLA_PERIOD_QUARTER` or `SLA_PERIOD_YEAR`,
 *        in the service's zone
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_service_add_cadence(struct sla_service *service, const char *kind,
                            int32_t unit);

/**
 * @brief The number of cadences a service promises.
 * @param service the service (NULL counts 0)
 * @return their number
 */
size_t sla_service_cadence_count(const struct sla_service *service);

/**
 * @brief A promised cadence, in the order they were added.
 * @param service the service
 * @param index its index
 * @param[out] kind the events' kind
 * @param[out] unit its `SLA_PERIOD_*`
 * @return 0, ::SLA_EINVAL if an argument is NULL or @p index out of
 *         range.
 */
int sla_service_cadence(const struct sla_service *service, size_t index,
                        const char **kind, int32_t *unit);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_OBLIGATIONS_H */
