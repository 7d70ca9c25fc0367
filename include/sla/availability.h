/* SPDX-License-Identifier: MIT */
/**
 * @file sla/availability.h
 * @brief Availability: planned service time, downtime, error budgets.
 */
#ifndef SLA_AVAILABILITY_H
#define SLA_AVAILABILITY_H

#include <stddef.h>
#include <stdint.h>

#include "sla/business.h"
#include "sla/error.h"
#include "sla/ics.h"
#include "sla/intervals.h"
#include "sla/schedule.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup availability Availability
 * @brief "(planned service time - downtime) / planned service time".
 *
 * A service has a zone, a target in parts per million, service hours (24x7
 * unless a business-hours calendar is given), maintenance schedules and
 * one-off exclusions, the instant it started, weights for partial and
 * degraded outages, a policy for time with no data and service-credit
 * tiers. sla_service_compute() turns outage records over a span into the
 * figures of ::sla_figures, all from the interval algebra:
 *
 * - planned service time = span ∩ service hours ∩ [service start, ∞)
 *   − maintenance windows − exclusions (− time with no data, by default);
 * - downtime = ∫ over planned service time of the largest weight of the
 *   outages covering each instant (overlapping outages count once; a full
 *   outage inside a degraded one counts in full);
 * - availability = (planned − downtime) / planned, "not applicable" when
 *   planned is zero.
 *
 * The service only reads what it is given and holds references to its
 * zone, calendar and schedules; after it is built any number of threads
 * may compute with it at once.
 * @{
 */

/** @name Outage kinds (sla_outage::kind)
 * @{ */
#define SLA_OUTAGE_FULL 0     /**< The service is down: weight 1. */
#define SLA_OUTAGE_PARTIAL 1  /**< Part of it is down: weight as set. */
#define SLA_OUTAGE_DEGRADED 2 /**< It is slow or erratic: weight as set. */
/** @} */

/** @name Policies for time with no data (sla_service_set_nodata())
 * @{ */
/** Remove it from planned service time, and report it (the default). */
#define SLA_NODATA_EXCLUDE 0
/** Count it as up. */
#define SLA_NODATA_UP 1
/** Count it as a full outage. */
#define SLA_NODATA_DOWN 2
/** @} */

/** A service definition. Opaque. */
struct sla_service;

/** One outage record: `[start, end)` of a kind. */
struct sla_outage {
    int64_t start;    /**< First instant of the outage. */
    int64_t end;      /**< First instant after it, > @c start. */
    int32_t kind;     /**< `SLA_OUTAGE_*`. */
    int32_t reserved; /**< Set to 0. */
};

/**
 * @brief Read outage records from CSV (RFC 4180).
 *
 * A header row names the columns `start`, `end` and optionally `kind`
 * (any case, any order; other columns such as `id` or `note` are
 * skipped); each row after it is one outage: RFC 3339 instants, and
 * `full`, `partial` or `degraded` (empty is `full`). Lines end in LF or
 * CRLF; empty lines are skipped; fields may be quoted with `"`, a quote
 * inside doubled.
 *
 * @param[out] out the records in file order (NULL when there are none);
 *             free them with sla_outages_free()
 * @param[out] count their number
 * @param text the CSV text
 * @param len its length
 * @param[out] err the line, column and what was expected; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p count is NULL or @p text is
 *         NULL with a length, ::SLA_EPARSE, ::SLA_ENOMEM.
 */
int sla_outages_parse_csv(struct sla_outage **out, size_t *count,
                          const char *text, size_t len,
                          struct sla_error *err);

/**
 * @brief Free records from sla_outages_parse_csv().
 * @param outages the records, or NULL
 */
void sla_outages_free(struct sla_outage *outages);

/** One probe sample: at an instant, the service answered well or not. */
struct sla_probe {
    int64_t at;       /**< When the probe ran. */
    int32_t ok;       /**< 1 good, 0 failed. */
    int32_t reserved; /**< Set to 0. */
};

/**
 * @brief Turn probe samples into downtime and time with no data.
 *
 * Each sample vouches for `[at, at + interval_ms + grace_ms)`; time in
 * `[from, to)` no sample vouches for is no data (a gap longer than the
 * interval, and before the first or after the last sample). A failure
 * counts only once @p confirm failed probes come in a row (a gap breaks
 * the row); the downtime then runs from the first failed probe of the
 * row to the first good one, or to the end of what the last failed
 * sample vouches for. Shorter rows count as up. Samples may come in any
 * order (sorted ones are read in one pass, others are sorted first).
 *
 * @param down set receiving the downtime, clipped to the span (its
 *        intervals are kept)
 * @param nodata set receiving the time with no data, clipped to the span
 *        (its intervals are kept); may be NULL
 * @param samples the samples (NULL when @p n is 0)
 * @param n their number
 * @param interval_ms the probing interval, > 0
 * @param grace_ms lateness allowed before a gap counts, >= 0
 * @param confirm failed probes in a row that confirm a failure, >= 1
 * @param from first instant of the span
 * @param to first instant after it
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM, ::SLA_EOVERFLOW if a sample is too close to the
 *         end of time.
 */
int sla_probes_evaluate(struct sla_intervals *down,
                        struct sla_intervals *nodata,
                        const struct sla_probe *samples, size_t n,
                        int64_t interval_ms, int64_t grace_ms,
                        int32_t confirm, int64_t from, int64_t to);

/**
 * @brief Read probe samples from CSV (RFC 4180).
 *
 * A header row names the columns `at` (RFC 3339) and `ok` (`1`, `true`,
 * `up` or `ok` for good; `0`, `false`, `down` or `fail` for failed), in
 * any order and case; other columns are skipped. Otherwise as
 * sla_outages_parse_csv().
 *
 * @param[out] out the samples in file order (NULL when there are none);
 *             free them with sla_probes_free()
 * @param[out] count their number
 * @param text the CSV text
 * @param len its length
 * @param[out] err the line, column and what was expected; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p count is NULL or @p text is
 *         NULL with a length, ::SLA_EPARSE, ::SLA_ENOMEM.
 */
int sla_probes_parse_csv(struct sla_probe **out, size_t *count,
                         const char *text, size_t len,
                         struct sla_error *err);

/**
 * @brief Free samples from sla_probes_parse_csv().
 * @param samples the samples, or NULL
 */
void sla_probes_free(struct sla_probe *samples);

/**
 * @brief Set how the service's probes are read (sla_probes_evaluate()).
 * @param service the service
 * @param interval_ms the probing interval, > 0
 * @param grace_ms lateness allowed before a gap counts, >= 0
 * @param confirm failed probes in a row that confirm a failure, >= 1
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_service_set_probes(struct sla_service *service, int64_t interval_ms,
                           int64_t grace_ms, int32_t confirm);

/**
 * @brief The service's probe settings: 1 minute, no grace, one failure
 *        confirms, unless set.
 * @param service the service
 * @param[out] interval_ms the interval
 * @param[out] grace_ms the grace
 * @param[out] confirm the failures in a row that confirm
 * @return 0, or ::SLA_EINVAL if an argument is NULL.
 */
int sla_service_probes(const struct sla_service *service,
                       int64_t *interval_ms, int64_t *grace_ms,
                       int32_t *confirm);

/**
 * @brief Make a service: 24x7, no maintenance, started at the beginning of
 *        time, no data excluded, partial and degraded outages not weighted.
 * @param[out] out the service; free it with sla_service_free()
 * @param zone its zone (a reference is taken), used for calendar periods
 * @param target_ppm the availability target in parts per million
 *        (99.99% is 999900), 0 to 1000000
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_service_new(struct sla_service **out, struct sla_zone *zone,
                    int32_t target_ppm);

/**
 * @brief Free a service.
 * @param service the service, or NULL
 */
void sla_service_free(struct sla_service *service);

/**
 * @brief The service's zone.
 * @param service the service
 * @return the zone (the service's reference; take one to keep it)
 */
const struct sla_zone *sla_service_zone(const struct sla_service *service);

/**
 * @brief Name the service (for reports).
 * @param service the service
 * @param name the name (copied)
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM.
 */
int sla_service_set_name(struct sla_service *service, const char *name);

/**
 * @brief The service's name.
 * @param service the service
 * @return the name ("" if none was set), owned by the service; NULL for a
 *         NULL service
 */
const char *sla_service_name(const struct sla_service *service);

/**
 * @brief Read a service definition.
 *
 * The format (docs: "The service-definition file") is INI: `[service]`
 * with `zone`, `target` and optionally `name`, `start` and `nodata`;
 * `[weights]`; `[hours]` with a range list per weekday and `holiday`
 * dates; any number of `[maintenance]` sections (`start`, `rule`,
 * `end-time` or `duration`, `exdate`, `clamp`, `skip-gaps`; or `ics =
 * FILE`), `[exclusion]` (`from`, `to`) and `[credit]` (`below`,
 * `credit`). Each key maps onto one sla_service_* call. Unknown sections
 * and keys are errors: a mistyped key must not silently change a figure.
 *
 * @param[out] out the service; free it with sla_service_free()
 * @param text the file's text
 * @param len its length
 * @param basedir the directory `ics` paths are relative to, or NULL for
 *        the working directory
 * @param tzdir the zone directory, or NULL as in sla_zone_open()
 * @param[out] err the line, column and what was expected (for an error
 *        inside an `ics` file, its name, line and column lead the
 *        message); may be NULL
 * @return 0, ::SLA_EINVAL if @p out is NULL or @p text is NULL with a
 *         length, ::SLA_EPARSE, ::SLA_EIO if an `ics` file cannot be read,
 *         ::SLA_ENOTFOUND for an unknown zone in an `ics` file,
 *         ::SLA_ENOMEM.
 */
int sla_service_parse(struct sla_service **out, const char *text, size_t len,
                      const char *basedir, const char *tzdir,
                      struct sla_error *err);

/**
 * @brief Limit service time to business hours.
 * @param service the service
 * @param hours the calendar (the caller keeps it alive and unchanged for
 *        as long as the service is used), or NULL for 24x7
 * @return 0, or ::SLA_EINVAL if @p service is NULL.
 */
int sla_service_set_hours(struct sla_service *service,
                          const struct sla_business *hours);

/**
 * @brief Exclude a maintenance schedule's windows from service time.
 * @param service the service
 * @param schedule the schedule (a reference is taken)
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOMEM.
 */
int sla_service_add_maintenance(struct sla_service *service,
                                struct sla_schedule *schedule);

/**
 * @brief Exclude `[start, end)` from service time (a one-off exclusion).
 * @param service the service
 * @param start first instant
 * @param end first instant after, > @p start
 * @return 0, ::SLA_EINVAL if an argument is invalid, ::SLA_ENOMEM.
 */
int sla_service_add_exclusion(struct sla_service *service, int64_t start,
                              int64_t end);

/**
 * @brief Set the instant the service started: time before it is not
 *        planned service time.
 * @param service the service
 * @param start the instant
 * @return 0, or ::SLA_EINVAL if @p service is NULL.
 */
int sla_service_set_start(struct sla_service *service, int64_t start);

/**
 * @brief The instant the service started.
 * @param service the service
 * @param[out] start the instant
 * @return 0, ::SLA_ENOTFOUND if no start was set, ::SLA_EINVAL for a
 *         NULL argument.
 */
int sla_service_start(const struct sla_service *service, int64_t *start);

/**
 * @brief Set the weight of an outage kind.
 *
 * Full outages weigh 1 (1000000) unless set otherwise. Partial and
 * degraded outages have no weight until one is set, and computing with
 * one of them is then ::SLA_EINVAL: their meaning is the contract's to
 * say, not the library's to guess.
 *
 * @param service the service
 * @param kind `SLA_OUTAGE_*`
 * @param weight_ppm 0 to 1000000
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_service_set_weight(struct sla_service *service, int32_t kind,
                           int32_t weight_ppm);

/**
 * @brief The weight of an outage kind.
 * @param service the service
 * @param kind `SLA_OUTAGE_*`
 * @param[out] out the weight in ppm
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOTFOUND if no weight was set for the kind.
 */
int sla_service_weight(const struct sla_service *service, int32_t kind,
                       int32_t *out);

/**
 * @brief Set the policy for time with no data.
 * @param service the service
 * @param policy `SLA_NODATA_*`
 * @return 0, or ::SLA_EINVAL if an argument is out of range.
 */
int sla_service_set_nodata(struct sla_service *service, int32_t policy);

/**
 * @brief Add a service-credit tier: "availability less than @p below_ppm
 *        earns @p credit_ppm".
 *
 * The tier reached is the one with the largest credit among those whose
 * threshold the availability is strictly below: exactly the threshold
 * earns nothing from that tier.
 *
 * @param service the service
 * @param below_ppm the threshold, 1 to 1000000
 * @param credit_ppm the credit (of the fee, in ppm: 10% is 100000)
 * @return 0, ::SLA_EINVAL if an argument is out of range, ::SLA_ENOMEM.
 */
int sla_service_add_credit(struct sla_service *service, int32_t below_ppm,
                           int32_t credit_ppm);

/** The figures of a service over a span. */
struct sla_figures {
    int64_t from;            /**< The span's first instant. */
    int64_t to;              /**< The first instant after it. */
    int64_t span_ms;         /**< `to - from`. */
    int64_t outside_ms;      /**< Outside service hours or before the
                                  service started. */
    int64_t maintenance_ms;  /**< Service time in maintenance windows. */
    int64_t excluded_ms;     /**< Service time in one-off exclusions (and
                                  not in maintenance). */
    int64_t nodata_ms;       /**< What remained with no data. */
    int64_t planned_ms;      /**< Planned service time. */
    int64_t downtime_ms;     /**< Weighted downtime within planned time,
                                  rounded up to the millisecond. */
    int64_t budget_ms;       /**< Error budget for the whole span:
                                  planned × (1 − target), rounded down. */
    int64_t remaining_ms;    /**< Budget minus downtime, computed exactly
                                  and rounded down; negative when
                                  overspent. */
    int64_t planned_to_date_ms;  /**< Planned time before `now`. */
    int64_t downtime_to_date_ms; /**< Downtime before `now`, rounded up. */
    int64_t allowed_now_ms;  /**< How much more downtime the span can take
                                  from `now` and still meet the target:
                                  budget minus downtime to date, exact,
                                  rounded down; negative once missed. */
    double availability;     /**< (planned − downtime) / planned, from the
                                  exact figures; 0 when not applicable. */
    double availability_to_date; /**< The same over planned time before
                                      `now`; 0 when not applicable. */
    double burn_rate;        /**< Downtime to date over planned time to
                                  date, divided by 1 − target: 1 spends the
                                  budget exactly over the span; 0 when not
                                  applicable or the target is 100%. */
    int32_t applicable;      /**< 0 when planned time is zero: no
                                  availability, no verdict, no credit. */
    int32_t met;             /**< 1 target met, 0 missed, -1 not
                                  applicable. */
    int32_t credit_ppm;      /**< The service credit reached, 0 if none. */
    int32_t target_ppm;      /**< The service's target. */
    int64_t reserved[8];     /**< Zero; room for later figures. */
};

/**
 * @brief Compute a service's figures over `[from, to)`.
 *
 * @param[out] out the figures
 * @param service the service
 * @param outages the outage records, in any order, overlapping or not
 *        (NULL when @p n is 0)
 * @param n their number
 * @param nodata instants with no data (from probe gaps), or NULL for none
 * @param from first instant of the span
 * @param to first instant after the span
 * @param now the instant of the to-date figures (clamped to the span:
 *        `INT64_MAX` for a finished span)
 * @return 0, ::SLA_EINVAL if an argument is NULL, `from > to`, an outage
 *         is empty, inverted or of an unknown or unweighted kind,
 *         ::SLA_ENOMEM, ::SLA_EOVERFLOW if the span is too long for exact
 *         figures (over about 290 years) or a window leaves the range.
 */
int sla_service_compute(struct sla_figures *out,
                        const struct sla_service *service,
                        const struct sla_outage *outages, size_t n,
                        const struct sla_intervals *nodata, int64_t from,
                        int64_t to, int64_t now);

/**
 * The exact sums of a span's figures: what merges. Two accumulators of
 * adjacent spans merge into the accumulator of their union, and the
 * figures of a merged accumulator are those of the whole span, exactly.
 */
struct sla_accum {
    int64_t from;            /**< First instant of the span. */
    int64_t to;              /**< First instant after it. */
    int64_t outside_ms;      /**< As in ::sla_figures. */
    int64_t maintenance_ms;  /**< As in ::sla_figures. */
    int64_t excluded_ms;     /**< As in ::sla_figures. */
    int64_t nodata_ms;       /**< As in ::sla_figures. */
    int64_t planned_ms;      /**< As in ::sla_figures. */
    int64_t downtime_ppm_ms; /**< Weighted downtime, exact: milliseconds
                                  times weights in ppm. */
    int32_t target_ppm;      /**< The target the sums were made for. */
    int32_t reserved0;       /**< Zero. */
    int64_t reserved[3];     /**< Zero. */
};

/** The size of a saved accumulator, in bytes. */
#define SLA_ACCUM_SIZE 84

/**
 * @brief The exact sums of a service over `[from, to)`.
 * @param[out] out the accumulator
 * @param service the service
 * @param outages the outage records (NULL when @p n is 0)
 * @param n their number
 * @param nodata time with no data, or NULL
 * @param from first instant of the span
 * @param to first instant after it
 * @return as sla_service_compute().
 */
int sla_service_accumulate(struct sla_accum *out,
                           const struct sla_service *service,
                           const struct sla_outage *outages, size_t n,
                           const struct sla_intervals *nodata, int64_t from,
                           int64_t to);

/**
 * @brief Merge the accumulators of two adjacent spans (either order).
 * @param[out] out the accumulator of their union (may be @p a or @p b)
 * @param a one accumulator
 * @param b the other
 * @return 0, ::SLA_EINVAL if an argument is NULL or invalid, the spans do
 *         not meet end to start or the targets differ, ::SLA_EOVERFLOW if
 *         a sum leaves the range.
 */
int sla_accum_merge(struct sla_accum *out, const struct sla_accum *a,
                    const struct sla_accum *b);

/**
 * @brief The figures of an accumulator (the to-date figures are those of
 *        the whole span).
 * @param[out] out the figures
 * @param accum the accumulator
 * @param service for its credit tiers, or NULL for none
 * @return 0, or ::SLA_EINVAL if an argument is NULL or the accumulator is
 *         not valid.
 */
int sla_accum_figures(struct sla_figures *out, const struct sla_accum *accum,
                      const struct sla_service *service);

/**
 * @brief Save an accumulator as ::SLA_ACCUM_SIZE bytes: versioned,
 *        little-endian whatever the machine, with a CRC-32C.
 * @param[out] buf receives the bytes
 * @param size its size
 * @param accum the accumulator
 * @return the number of bytes written, ::SLA_EINVAL if an argument is
 *         NULL or the accumulator is not valid, ::SLA_ENOSPC if @p size
 *         is too small.
 */
int sla_accum_save(uint8_t *buf, size_t size, const struct sla_accum *accum);

/**
 * @brief Load a saved accumulator, refusing any torn or corrupted buffer.
 * @param[out] out the accumulator
 * @param buf the bytes
 * @param len their number
 * @param[out] err the byte offset and what is wrong; may be NULL
 * @return 0, ::SLA_EINVAL if @p out is NULL or @p buf is NULL with a
 *         length, ::SLA_EPARSE for a wrong length, magic, checksum or
 *         impossible values, ::SLA_EUNSUPPORTED for a later version.
 */
int sla_accum_load(struct sla_accum *out, const uint8_t *buf, size_t len,
                   struct sla_error *err);

/** @name States of a service (sla_account_set())
 * @{ */
#define SLA_STATE_UP 0       /**< Working. */
#define SLA_STATE_DOWN 1     /**< A full outage. */
#define SLA_STATE_PARTIAL 2  /**< A partial outage. */
#define SLA_STATE_DEGRADED 3 /**< Degraded. */
#define SLA_STATE_UNKNOWN 4  /**< No data (monitoring lost). */
/** @} */

/** A running account of a service's state changes. Opaque. */
struct sla_account;

/**
 * @brief Start an account: the service is in @p state from @p start.
 *
 * A service that embeds libsla feeds its state changes as they happen
 * (sla_account_set(), constant time per change) and asks for figures at
 * any moment (sla_account_figures()). Time before @p start is no data.
 * An account is used by one thread at a time.
 *
 * @param[out] out the account; free it with sla_account_free()
 * @param service the service (it must outlive the account)
 * @param start the first instant accounted for
 * @param state `SLA_STATE_*` from then
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_account_new(struct sla_account **out,
                    const struct sla_service *service, int64_t start,
                    int32_t state);

/**
 * @brief Free an account.
 * @param account the account, or NULL
 */
void sla_account_free(struct sla_account *account);

/**
 * @brief Record that the service is in @p state from @p at on.
 *
 * Changes come in time order; the same state again is no change.
 * Amortised constant time.
 *
 * @param account the account
 * @param at the instant, not before the last change
 * @param state `SLA_STATE_*`
 * @return 0, ::SLA_EINVAL if an argument is out of range or @p at is
 *         before the last change, ::SLA_ENOMEM.
 */
int sla_account_set(struct sla_account *account, int64_t at, int32_t state);

/**
 * @brief The figures of the span `[from, to)` as known at @p now.
 *
 * The state the service is in runs until @p now; what comes after @p now
 * has not happened (it counts as planned time without downtime, so the
 * whole span's budget and what remains of it are what a report at @p now
 * shows). @p now is not before the last change.
 *
 * @param[out] out the figures
 * @param account the account
 * @param from first instant of the span
 * @param to first instant after it
 * @param now the present
 * @return 0, ::SLA_EINVAL if an argument is NULL, `from > to` or @p now
 *         is before the last change, or as sla_service_compute().
 */
int sla_account_figures(struct sla_figures *out,
                        const struct sla_account *account, int64_t from,
                        int64_t to, int64_t now);

/** @name Sources of evidence (sla_evidence::source)
 * @{ */
#define SLA_EVIDENCE_OUTAGE 0      /**< An outage record (index: its
                                        position in the array given). */
#define SLA_EVIDENCE_MAINTENANCE 1 /**< A maintenance window (index: the
                                        schedule, in the order added). */
#define SLA_EVIDENCE_EXCLUSION 2   /**< A one-off exclusion (index: its
                                        position among the merged
                                        exclusions). */
#define SLA_EVIDENCE_NODATA 3      /**< Time with no data counted as down
                                        (index -1). */
/** @} */

/** What one record or window contributed to a span's figures. */
struct sla_evidence {
    int32_t source;         /**< `SLA_EVIDENCE_*`. */
    int32_t index;          /**< Which record, schedule or exclusion. */
    int64_t start;          /**< Its interval, clipped to the span. */
    int64_t end;            /**< First instant after it. */
    int64_t counted_ms;     /**< Time it took out of planned time
                                 (windows, exclusions), or the downtime it
                                 counts for (outages: rounded up). */
    int64_t counted_ppm_ms; /**< Outages and no data: the exact weighted
                                 downtime; these add up to the span's. */
    int64_t reserved[2];    /**< Zero. */
};

/**
 * @brief Which outages, windows and exclusions made a span's figures.
 *
 * Every outage record meeting the span is listed, in input order, with the
 * downtime it counts for (0 for one inside a window or outside service
 * hours). Where outages overlap, each instant counts once, for the
 * heaviest outage covering it and, among equals, the first in the array.
 * Then every maintenance window that took service time, in order of
 * start (where windows overlap, the earlier one takes the time), then
 * every exclusion that took time, then no data counted as down. The
 * outages' exact weighted downtimes add up to the span's, the windows'
 * and exclusions' times to `maintenance_ms` and `excluded_ms`.
 *
 * @param[out] out room for @p cap entries (may be NULL when @p cap is 0)
 * @param cap the room
 * @param[out] count the number of entries there are (also when they do not
 *             fit)
 * @param service the service
 * @param outages the outage records (NULL when @p n is 0)
 * @param n their number
 * @param nodata time with no data, or NULL
 * @param from first instant of the span
 * @param to first instant after it
 * @return 0, ::SLA_ENOSPC if there are more than @p cap entries (the
 *         first @p cap are written), or as sla_service_compute().
 */
int sla_service_evidence(struct sla_evidence *out, size_t cap, size_t *count,
                         const struct sla_service *service,
                         const struct sla_outage *outages, size_t n,
                         const struct sla_intervals *nodata, int64_t from,
                         int64_t to);

/** One multi-window burn-rate alert rule (Google SRE Workbook). */
struct sla_burn_rule {
    int64_t long_ms;      /**< The long window, e.g. one hour. */
    int64_t short_ms;     /**< The short window, e.g. five minutes. */
    int32_t factor_milli; /**< The burn rate that fires it, in
                               thousandths: 14400 is 14.4x. */
    int32_t reserved;     /**< Set to 0. */
};

/** The state of one burn-rate alert at an instant. */
struct sla_burn_alert {
    struct sla_burn_rule rule; /**< The rule. */
    double long_rate;  /**< Burn rate over the long window ending now. */
    double short_rate; /**< Burn rate over the short window ending now. */
    int32_t fired;     /**< 1 when both rates reach the factor. */
    int32_t can_fire;  /**< 0 when the factor is above the highest burn
                            rate the target allows (1 / (1 − target)): a
                            rule that can never fire is a mistake to
                            report, not a quiet alert. */
    int64_t reserved[2]; /**< Zero. */
};

/** The number of default burn-rate rules. */
#define SLA_BURN_DEFAULT_RULES 3

/**
 * @brief The SRE Workbook's default rules: 14.4x over 1 h and 5 min,
 *        6x over 6 h and 30 min, 1x over 3 days and 6 h.
 * @param[out] out ::SLA_BURN_DEFAULT_RULES rules
 * @return 0, or ::SLA_EINVAL if @p out is NULL.
 */
int sla_burn_default_rules(struct sla_burn_rule *out);

/**
 * @brief Evaluate burn-rate alerts at an instant.
 *
 * A window's burn rate is its downtime divided by its planned service
 * time times (1 − target), from sla_service_compute() over the window
 * ending at @p now: 1 spends the budget exactly at the pace the target
 * allows. A rule fires when both its windows reach its factor. A window
 * with no planned time has rate 0. With a 100% target there is no budget
 * to burn: every rate is 0 and no rule can fire.
 *
 * @param[out] out one state per rule
 * @param service the service
 * @param rules the rules
 * @param nrules their number
 * @param outages the outage records (NULL when @p n is 0)
 * @param n their number
 * @param nodata time with no data, or NULL
 * @param now the instant
 * @return 0, ::SLA_EINVAL if an argument is NULL or a window is not
 *         positive (or short longer than long), or as
 *         sla_service_compute().
 */
int sla_service_burn_alerts(struct sla_burn_alert *out,
                            const struct sla_service *service,
                            const struct sla_burn_rule *rules, size_t nrules,
                            const struct sla_outage *outages, size_t n,
                            const struct sla_intervals *nodata, int64_t now);

/** @name Composite structures (sla_composite_down())
 * @{ */
#define SLA_COMPOSITE_SERIES 0   /**< Down while any member is down. */
#define SLA_COMPOSITE_PARALLEL 1 /**< Down only while all members are
                                      down (redundant members). */
/** @} */

/**
 * @brief The downtime of a composite, exactly, from its members'.
 * @param dst receives the composite's downtime (its contents are
 *        replaced; it may be one of the members)
 * @param members the members' downtime sets
 * @param n their number, >= 1
 * @param structure `SLA_COMPOSITE_*`
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_composite_down(struct sla_intervals *dst,
                       const struct sla_intervals *const *members, size_t n,
                       int32_t structure);

/**
 * @brief The availability of a composite from its members' figures,
 *        assuming independent failures: the product for series,
 *        1 − the product of unavailabilities for parallel.
 * @param[out] out the availability, 0 to 1
 * @param availability the members' availabilities, each 0 to 1
 * @param n their number, >= 1
 * @param structure `SLA_COMPOSITE_*`
 * @return 0, or ::SLA_EINVAL if an argument is NULL or out of range.
 */
int sla_composite_availability(double *out, const double *availability,
                               size_t n, int32_t structure);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_AVAILABILITY_H */
