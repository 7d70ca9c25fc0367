/* SPDX-License-Identifier: MIT */
/**
 * @file sla/incidents.h
 * @brief Incidents: MTTR and its relatives, RTO, notification and update
 *        deadlines.
 */
#ifndef SLA_INCIDENTS_H
#define SLA_INCIDENTS_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"
#include "sla/intervals.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup incidents Incidents
 * @brief From incident records to the check sheet's MTTR, RTO and
 *        deadlines.
 * @{
 */

/** An instant that the record does not give. */
#define SLA_TIME_NONE INT64_MIN

/** One incident. Instants are ms since the epoch, or ::SLA_TIME_NONE. */
struct sla_incident {
    int64_t started;      /**< The impact started (required). */
    int64_t detected;     /**< It was detected. */
    int64_t acknowledged; /**< Someone acknowledged the alert. */
    int64_t notified;     /**< Customers were first notified. */
    int64_t recovered;    /**< Service was restored (required). */
    int64_t resolved;     /**< The incident was closed. */
    const int64_t *updates; /**< Status updates to customers, in time
                                 order (borrowed; NULL when none). */
    size_t nupdates;      /**< Their number. */
    int32_t severity;     /**< The caller's severity or kind. */
    int32_t reserved;     /**< Set to 0. */
};

/**
 * @brief Check that a record's instants are in a possible order.
 *
 * Required: started and recovered, with started <= recovered. When given:
 * started <= detected <= acknowledged, started <= notified, recovered <=
 * resolved, detected <= recovered; updates in time order and not before
 * the first notification (or detection).
 *
 * @param incident the record
 * @param[out] err which fields are out of order (offset -1); may be NULL
 * @return 0, ::SLA_EINVAL if @p incident is NULL or the order is
 *         impossible.
 */
int sla_incident_check(const struct sla_incident *incident,
                       struct sla_error *err);

/** Figures of the incidents that started in a span. */
struct sla_incident_stats {
    int64_t count;          /**< Incidents that started in the span. */
    int64_t total_recovery_ms; /**< Sum of recovered − started. */
    int64_t mttr_ms;        /**< Mean time to recover: mean of recovered −
                                 started (the check sheet's "MTTR"). */
    int64_t mean_repair_ms; /**< Mean of recovered − detected (records
                                 with detected). */
    int64_t mean_resolve_ms;  /**< Mean of resolved − started (records
                                   with resolved). */
    int64_t mttd_ms;        /**< Mean time to detect: detected − started. */
    int64_t mtta_ms;        /**< Mean time to acknowledge: acknowledged −
                                 detected. */
    int64_t mtbf_ms;        /**< Mean time between failures: (span − total
                                 recovery time) / count. */
    int64_t median_ms;      /**< Median recovery time (nearest rank). */
    int64_t p90_ms;         /**< 90th percentile (nearest rank). */
    int64_t max_ms;         /**< Longest recovery. */
    int64_t long_count;     /**< Recoveries at least the long threshold. */
    int64_t rto_met;        /**< Recoveries within the RTO. */
    double rto_rate;        /**< rto_met / count; 0 when count is 0. */
    double implied_availability; /**< MTBF / (MTBF + MTTR); 0 when
                                      count is 0. */
    int64_t reserved[4];    /**< Zero. */
};

/**
 * @brief Figures of the incidents that started in `[from, to)`.
 *
 * An incident belongs to the period it started in, with its whole
 * duration. Means are rounded to the nearest millisecond (halves up); a
 * mean over records that lack the instants it needs is 0.
 *
 * @param[out] out the figures
 * @param incidents the records (NULL when @p n is 0)
 * @param n their number
 * @param from first instant of the span
 * @param to first instant after it
 * @param rto_ms the recovery time objective, > 0
 * @param long_ms the threshold of a long recovery (the check sheet's one
 *        day), > 0
 * @param[out] err for a record in an impossible order: which (its index
 *        in `offset`) and why; may be NULL
 * @return 0, ::SLA_EINVAL for a NULL argument, `from > to`, a limit out
 *         of range or an impossible record, ::SLA_ENOMEM,
 *         ::SLA_EOVERFLOW.
 */
int sla_incidents_stats(struct sla_incident_stats *out,
                        const struct sla_incident *incidents, size_t n,
                        int64_t from, int64_t to, int64_t rto_ms,
                        int64_t long_ms, struct sla_error *err);

/**
 * @brief How late the first notification was.
 *
 * The first notification is due @p limit_ms after detection (after the
 * start when the record has no detection).
 *
 * @param[out] breach_ms how far past the limit it came: 0 when on time,
 *             or, when there is no notification, how far past the limit
 *             recovery came (0 if recovery itself was within it)
 * @param incident the record
 * @param limit_ms the limit, >= 0
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range.
 */
int sla_incident_notification(int64_t *breach_ms,
                              const struct sla_incident *incident,
                              int64_t limit_ms);

/**
 * @brief The gaps between customer updates that broke a cadence.
 *
 * From the first notification (or the first update) until recovery,
 * updates are due no further apart than @p limit_ms: a gap of exactly the
 * limit is on time. Each longer gap, including the one from the last
 * update to recovery, is written as an interval `[start, end)`.
 *
 * @param[out] out room for @p cap gaps (may be NULL when @p cap is 0)
 * @param cap the room
 * @param[out] count the number of breaching gaps
 * @param incident the record
 * @param limit_ms the limit, > 0
 * @return 0, ::SLA_ENOSPC if there are more than @p cap (the first @p cap
 *         are written), ::SLA_EINVAL if an argument is NULL or out of
 *         range.
 */
int sla_incident_update_gaps(struct sla_interval *out, size_t cap,
                             size_t *count,
                             const struct sla_incident *incident,
                             int64_t limit_ms);

/** Incident records read from a file. Opaque. */
struct sla_incident_list;

/**
 * @brief Read incident records from CSV (RFC 4180).
 *
 * A header row names the columns, in any order and case: `started` and
 * `recovered` (required), `detected`, `acknowledged`, `notified`,
 * `resolved`, `updates` (several RFC 3339 instants separated by spaces or
 * `;`), `id` and `severity` (an integer); other columns are skipped.
 * Instants are RFC 3339; an empty field is "not given". Each record is
 * checked as sla_incident_check() does, and an impossible one is an error
 * at its line.
 *
 * @param[out] out the records; free them with sla_incident_list_free()
 * @param text the CSV text
 * @param len its length
 * @param[out] err the line, column and what was expected; may be NULL
 * @return 0, ::SLA_EINVAL if @p out is NULL or @p text is NULL with a
 *         length, ::SLA_EPARSE, ::SLA_ENOMEM.
 */
int sla_incidents_parse_csv(struct sla_incident_list **out, const char *text,
                            size_t len, struct sla_error *err);

/**
 * @brief Free incident records.
 * @param list the records, or NULL
 */
void sla_incident_list_free(struct sla_incident_list *list);

/**
 * @brief The records, in file order, as one array.
 * @param list the records
 * @param[out] count their number
 * @return the array (owned by the list; NULL when empty), or NULL for a
 *         NULL argument
 */
const struct sla_incident *sla_incident_list_items(
    const struct sla_incident_list *list, size_t *count);

/**
 * @brief A record's id (the `id` column; "" if none).
 * @param list the records
 * @param index 0 to count - 1
 * @return the id, owned by the list, or NULL if @p index is out of range
 */
const char *sla_incident_list_id(const struct sla_incident_list *list,
                                 size_t index);

/** What a service promises about incidents. */
struct sla_incident_policy {
    int64_t rto_ms;    /**< Recovery time objective; 0 for none. */
    int64_t mttr_ms;   /**< The most MTTR may be; 0 for no target. */
    int64_t notify_ms; /**< First notification at most this long after
                            detection (default 1 hour). */
    int64_t update_ms; /**< Status updates at most this far apart until
                            recovery (default 30 minutes). */
    int64_t long_ms;   /**< A recovery this long or longer is counted as
                            long (default 1 day). */
    int64_t reserved[3]; /**< Set to 0. */
};

/**
 * @brief The defaults: no RTO or MTTR target, notification within 1
 *        hour, updates every 30 minutes, 1 day counted as long.
 * @param[out] policy the policy to fill (nothing happens if NULL)
 */
void sla_incident_policy_default(struct sla_incident_policy *policy);

struct sla_service;

/**
 * @brief Set what a service promises about incidents.
 * @param service the service
 * @param policy the promises: `rto_ms` and `mttr_ms` >= 0, the others > 0
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range.
 */
int sla_service_set_incident_policy(struct sla_service *service,
                                    const struct sla_incident_policy *policy);

/**
 * @brief What a service promises about incidents
 *        (sla_incident_policy_default() unless set).
 * @param service the service
 * @param[out] policy the promises
 * @return 0, ::SLA_EINVAL for a NULL argument.
 */
int sla_service_incident_policy(const struct sla_service *service,
                                struct sla_incident_policy *policy);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_INCIDENTS_H */
