/* SPDX-License-Identifier: MIT */
/**
 * @file sla/obligations.h
 * @brief Obligations: notice periods and cadences.
 */
#ifndef SLA_OBLIGATIONS_H
#define SLA_OBLIGATIONS_H

#include <stddef.h>
#include <stdint.h>

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

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_OBLIGATIONS_H */
