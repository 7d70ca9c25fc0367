/* SPDX-License-Identifier: MIT */
/**
 * @file sla/backup.h
 * @brief Backups: a catalog, restore chains, retention plans with their
 *        reasons, and the achieved RPO.
 */
#ifndef SLA_BACKUP_H
#define SLA_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"
#include "sla/zone.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup backup Backups
 * @brief "Daily differentials, monthly fulls off-site for 6 months, 7
 *        generations": which backups exist, which restore what, which
 *        must be kept and why, and the data-loss window they give.
 * @{
 */

/** @name Kinds of backup
 * @{ */
/** A full copy: restores on its own. */
#define SLA_BACKUP_FULL 0
/** The changes since the newest good full. */
#define SLA_BACKUP_DIFFERENTIAL 1
/** The changes since the newest good backup of any kind. */
#define SLA_BACKUP_INCREMENTAL 2
/** @} */

/** @name Outcomes of a backup run
 * @{ */
/** Completed: a restore point, and a possible base. */
#define SLA_BACKUP_OK 0
/** Failed: restores nothing and is never a base. */
#define SLA_BACKUP_FAILED 1
/** Completed with some data missing: treated as failed. */
#define SLA_BACKUP_PARTIAL 2
/** @} */

/** @name Where a copy is kept
 * @{ */
/** At the site it protects. */
#define SLA_BACKUP_ONSITE 0
/** At a remote site. */
#define SLA_BACKUP_OFFSITE 1
/** @} */

/** One backup in a catalog. */
struct sla_backup {
    int64_t captured;  /**< The instant its data was captured: the point
                            in time it restores (ms since the epoch). */
    int64_t completed; /**< When it completed; >= captured. */
    int64_t size;      /**< Bytes, or -1 when unknown. */
    int32_t kind;      /**< `SLA_BACKUP_FULL`, `_DIFFERENTIAL` or
                            `_INCREMENTAL`. */
    int32_t status;    /**< `SLA_BACKUP_OK`, `_FAILED` or `_PARTIAL`. */
    int32_t location;  /**< `SLA_BACKUP_ONSITE` or `_OFFSITE`. */
    int32_t encrypted; /**< 1 if the copy is encrypted, else 0. */
    int64_t reserved[2]; /**< Set to 0. */
};

/** A catalog of backups, with their ids, media, tags and bases. */
struct sla_catalog;

/**
 * @brief Make an empty catalog.
 * @param[out] out the catalog; free it with sla_catalog_free()
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_ENOMEM.
 */
int sla_catalog_new(struct sla_catalog **out);

/**
 * @brief Free a catalog.
 * @param catalog the catalog, or NULL
 */
void sla_catalog_free(struct sla_catalog *catalog);

/**
 * @brief Add a backup.
 *
 * Its base is found by sla_catalog_resolve(): the one named by
 * @p base_id, or else, for a differential, the newest good full that
 * completed before it was captured, and for an incremental the newest
 * good backup of any kind that did.
 *
 * @param catalog the catalog
 * @param backup the backup
 * @param id its id: unique, not empty
 * @param medium what it is stored on ("disk", "tape"; NULL for none)
 * @param tags its tags, separated by ',', ';' or spaces (NULL for none)
 * @param base_id the id of the backup it was built on, or NULL to derive
 *        it (a full has none)
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range, the id
 *         is empty or already in the catalog, or a full names a base;
 *         ::SLA_ENOMEM.
 */
int sla_catalog_add(struct sla_catalog *catalog,
                    const struct sla_backup *backup, const char *id,
                    const char *medium, const char *tags,
                    const char *base_id);

/**
 * @brief Read a catalog from CSV (RFC 4180).
 *
 * The header names the columns `id`, `captured`, `completed`, `kind`
 * (full, differential, incremental) and optionally `status` (ok, failed,
 * partial; ok when absent), `location` (on-site, off-site), `encrypted`
 * (yes, no), `medium`, `size` (bytes), `tags` and `base` (an id), in any
 * order. The catalog comes back resolved (sla_catalog_resolve()); an
 * impossible base is an error at its field.
 *
 * @param[out] out the catalog; free it with sla_catalog_free()
 * @param text the CSV text
 * @param len its length
 * @param[out] err the line, column and what was expected; may be NULL
 * @return 0, ::SLA_EPARSE, ::SLA_EINVAL for NULL arguments, ::SLA_ENOMEM.
 */
int sla_catalog_parse_csv(struct sla_catalog **out, const char *text,
                          size_t len, struct sla_error *err);

/**
 * @brief Work out every backup's base and whether it restores, after the
 *        last sla_catalog_add().
 *
 * Every named base must exist and be possible: completed at or before the
 * backup was captured, not the backup itself, and no chain a loop. The
 * queries below need a resolved catalog; sla_catalog_parse_csv() returns
 * one, and sla_catalog_add() makes it unresolved again.
 *
 * @param catalog the catalog
 * @param[out] err which backup and why (its index in `offset`); may be
 *             NULL
 * @return 0, ::SLA_EINVAL if @p catalog is NULL or a base is impossible,
 *         ::SLA_ENOMEM.
 */
int sla_catalog_resolve(struct sla_catalog *catalog, struct sla_error *err);

/**
 * @brief The number of backups in a catalog.
 * @param catalog the catalog (NULL counts 0)
 * @return their number
 */
size_t sla_catalog_count(const struct sla_catalog *catalog);

/**
 * @brief A backup, by its index (the order it was added in).
 * @param catalog the catalog
 * @param index its index
 * @param[out] out the backup
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range.
 */
int sla_catalog_get(const struct sla_catalog *catalog, size_t index,
                    struct sla_backup *out);

/**
 * @brief A backup's id.
 * @param catalog the catalog
 * @param index its index
 * @return the id, or NULL when @p index is out of range
 */
const char *sla_catalog_id(const struct sla_catalog *catalog, size_t index);

/**
 * @brief A backup's medium ("" if none).
 * @param catalog the catalog
 * @param index its index
 * @return the medium, or NULL when @p index is out of range
 */
const char *sla_catalog_medium(const struct sla_catalog *catalog,
                               size_t index);

/**
 * @brief A backup's tags, as one string separated by ',' ("" if none).
 * @param catalog the catalog
 * @param index its index
 * @return the tags, or NULL when @p index is out of range
 */
const char *sla_catalog_tags(const struct sla_catalog *catalog,
                             size_t index);

/**
 * @brief Find a backup by its id.
 * @param catalog the catalog
 * @param id the id
 * @param[out] index its index
 * @return 0, ::SLA_ENOTFOUND, ::SLA_EINVAL for a NULL argument.
 */
int sla_catalog_find(const struct sla_catalog *catalog, const char *id,
                     size_t *index);

/**
 * @brief The backup a backup was built on.
 * @param catalog the catalog
 * @param index the backup's index
 * @param[out] base the base's index
 * @return 0, ::SLA_ENOTFOUND for a full or when no backup qualifies,
 *         ::SLA_EINVAL if an argument is NULL or out of range or the
 *         catalog's bases are impossible (sla_catalog_resolve()),
 *         ::SLA_ENOMEM.
 */
int sla_catalog_base(const struct sla_catalog *catalog, size_t index,
                     size_t *base);

/**
 * @brief Whether a backup restores its point in time: it is good, and
 *        so is every backup of its chain down to a full.
 * @param catalog the catalog
 * @param index the backup's index
 * @return 1 or 0; ::SLA_EINVAL if an argument is NULL or out of range or
 *         the catalog is not resolved.
 */
int sla_catalog_restorable(const struct sla_catalog *catalog, size_t index);

/**
 * @brief The chain that restores the newest point at or before an
 *        instant: the full, then the differential, then the incrementals,
 *        in the order they are restored.
 *
 * Every backup in the catalog counts, whenever it completed. Of restore
 * points captured at the same instant the one completed last wins, then
 * the one added last.
 *
 * @param[out] out room for @p cap indexes (may be NULL when @p cap is 0)
 * @param cap the room
 * @param[out] count the chain's length
 * @param catalog the catalog
 * @param at the instant
 * @return 0, ::SLA_ENOTFOUND if no restorable backup was captured at or
 *         before @p at, ::SLA_ENOSPC if the chain is longer than @p cap
 *         (its first @p cap are written), ::SLA_EINVAL (also for a
 *         catalog that is not resolved).
 */
int sla_catalog_chain(size_t *out, size_t cap, size_t *count,
                      const struct sla_catalog *catalog, int64_t at);

/** Which backups a rule or a check looks at. */
struct sla_backup_scope {
    uint32_t kinds;     /**< `1 << SLA_BACKUP_FULL` and so on, or'ed; 0
                             for every kind. */
    uint32_t locations; /**< `1 << SLA_BACKUP_ONSITE`, `1 <<
                             SLA_BACKUP_OFFSITE`; 0 for both. */
    const char *tags;   /**< Tags a backup must all have, separated by
                             ',', ';' or spaces; NULL or "" for any. */
};

/**
 * @brief Read a scope as the tool and the service file write it: words
 *        separated by ',': `full`, `differential`, `incremental`,
 *        `on-site`, `off-site`, `tag=T` (repeatable), `each-location`
 *        (only where @p per_location is given), or `any` alone.
 * @param[out] out the scope; its `tags` point into @p tags
 * @param[out] tags room for the tags, ','-joined
 * @param size the room
 * @param[out] per_location 1 for `each-location`, else 0; NULL where the
 *             word is not allowed
 * @param text the text
 * @param len its length
 * @param[out] err the offset of the word not understood; may be NULL
 * @return 0, ::SLA_EPARSE, ::SLA_EINVAL for a NULL argument,
 *         ::SLA_ENOSPC if the tags do not fit.
 */
int sla_backup_scope_parse(struct sla_backup_scope *out, char *tags,
                           size_t size, int32_t *per_location,
                           const char *text, size_t len,
                           struct sla_error *err);

/**
 * @brief Whether a backup is in a scope.
 * @param catalog the catalog
 * @param index the backup's index
 * @param scope the scope (NULL for every backup)
 * @return 1 or 0; ::SLA_EINVAL if @p catalog is NULL or @p index out of
 *         range.
 */
int sla_catalog_in_scope(const struct sla_catalog *catalog, size_t index,
                         const struct sla_backup_scope *scope);

/** The data-loss window a catalog achieved over a span. */
struct sla_rpo {
    int64_t worst_ms;      /**< The largest loss(t) = t − the capture
                                instant of the newest restorable backup
                                completed by t, over the covered time. */
    int64_t worst_at;      /**< The instant it was reached (just before a
                                completion, or the span's end). */
    int64_t over_ms;       /**< Time with loss(t) above the target, or no
                                restore point at all. */
    int64_t uncovered_ms;  /**< Time with no restorable backup yet. */
    int64_t largest_gap_ms;  /**< The largest gap between the capture
                                  instants of consecutive restore points. */
    int64_t gap_from;      /**< Its earlier restore point (INT64_MIN when
                                no restore point in the span follows
                                another). */
    int64_t gap_to;        /**< Its later one (INT64_MIN likewise). */
    int64_t restore_points;  /**< Restore points completed in the span. */
    int64_t reserved[4];   /**< Zero. */
};

/**
 * @brief The achieved RPO of a catalog over `[from, to)`.
 *
 * loss(t) rises by a millisecond a millisecond and drops when a
 * restorable backup completes, so it peaks just before each completion
 * and at the span's end. Gaps are measured between the restore points
 * captured in the span and the newest one before it.
 *
 * @param[out] out the figures
 * @param catalog the catalog
 * @param scope the backups that count (NULL for all)
 * @param from first instant of the span
 * @param to first instant after it
 * @param target_ms the RPO target for `over_ms`, >= 0
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range or the
 *         catalog is not resolved, ::SLA_ENOMEM, ::SLA_EOVERFLOW if a
 *         length does not fit in int64 (a span over about 292 million
 *         years).
 */
int sla_catalog_rpo(struct sla_rpo *out, const struct sla_catalog *catalog,
                    const struct sla_backup_scope *scope, int64_t from,
                    int64_t to, int64_t target_ms);

/** @name Retention rules
 * @{ */
/** The `count` newest restore points ("7 generations"). */
#define SLA_KEEP_GENERATIONS 0
/** Every restore point of the `count` newest full cycles (a full and
 *  the backups built on it). */
#define SLA_KEEP_CYCLES 1
/** Restore points captured at or after now − an age: `months` calendar
 *  months in the zone (the day clamped to the month's end), or `ms`. */
#define SLA_KEEP_AGE 2
/** restic's `--keep-last`: the `count` newest. */
#define SLA_KEEP_LAST 3
/** restic's `--keep-hourly`. */
#define SLA_KEEP_HOURLY 4
/** restic's `--keep-daily`. */
#define SLA_KEEP_DAILY 5
/** restic's `--keep-weekly` (ISO weeks). */
#define SLA_KEEP_WEEKLY 6
/** restic's `--keep-monthly`. */
#define SLA_KEEP_MONTHLY 7
/** restic's `--keep-yearly`. */
#define SLA_KEEP_YEARLY 8
/** restic's `--keep-within`: newer than the newest backup before now
 *  less `years`, `months`, `days` and `hours`, with Go's date arithmetic
 *  (docs/backups.md). */
#define SLA_KEEP_WITHIN 9
/** restic's `--keep-within-hourly`. */
#define SLA_KEEP_WITHIN_HOURLY 10
/** restic's `--keep-within-daily`. */
#define SLA_KEEP_WITHIN_DAILY 11
/** restic's `--keep-within-weekly`. */
#define SLA_KEEP_WITHIN_WEEKLY 12
/** restic's `--keep-within-monthly`. */
#define SLA_KEEP_WITHIN_MONTHLY 13
/** restic's `--keep-within-yearly`. */
#define SLA_KEEP_WITHIN_YEARLY 14
/** restic's `--keep-tag`: restore points with all the tags of `text`. */
#define SLA_KEEP_TAG 15
/** The backup whose id is `text`, whatever it is. */
#define SLA_KEEP_PIN 16
/** @} */

/** One retention rule. */
struct sla_keep_rule {
    int32_t type;   /**< `SLA_KEEP_*`. */
    int32_t count;  /**< For counted rules, > 0; for restic's bucket
                         rules also -1: every bucket. */
    int32_t years;  /**< For the within rules, restic's duration. */
    int32_t months; /**< Within rules; calendar months for
                         ::SLA_KEEP_AGE. */
    int32_t days;   /**< Within rules. */
    int32_t hours;  /**< Within rules. */
    int64_t ms;     /**< ::SLA_KEEP_AGE: an exact age when `months` is 0. */
    const char *text; /**< ::SLA_KEEP_TAG: the tags; ::SLA_KEEP_PIN: the
                           id. Copied. */
    struct sla_backup_scope scope; /**< The backups the rule looks at
                                        (tags copied). */
    int32_t per_location; /**< 1: apply the rule to on-site and off-site
                               copies separately. */
    int32_t reserved[3];  /**< Set to 0. */
};

/** @name How closely to follow restic
 * @{ */
/** Current restic (0.16 and later): a count rule with budget left also
 *  keeps the oldest backup, named "oldest daily snapshot" when its bucket
 *  is the one last kept. The default. */
#define SLA_RESTIC_0_17 17
/** restic 0.14 (Debian 12): it does not; counts of -1 are refused. */
#define SLA_RESTIC_0_14 14
/** @} */

/** A retention policy: rules, a zone for calendars, restic's behaviour. */
struct sla_retention;

/**
 * @brief Make an empty policy.
 * @param[out] out the policy; free it with sla_retention_free()
 * @param zone the zone of days, weeks, months and years (referenced)
 * @return 0, ::SLA_EINVAL for a NULL argument, ::SLA_ENOMEM.
 */
int sla_retention_new(struct sla_retention **out, struct sla_zone *zone);

/**
 * @brief Free a policy.
 * @param retention the policy, or NULL
 */
void sla_retention_free(struct sla_retention *retention);

/**
 * @brief Add a rule.
 * @param retention the policy
 * @param rule the rule
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_retention_add(struct sla_retention *retention,
                      const struct sla_keep_rule *rule);

/**
 * @brief Choose restic's behaviour for the bucket rules.
 * @param retention the policy
 * @param version ::SLA_RESTIC_0_17 or ::SLA_RESTIC_0_14
 * @return 0, ::SLA_EINVAL.
 */
int sla_retention_set_restic(struct sla_retention *retention,
                             int32_t version);

/** A retention plan: keep or prune, and why, for every backup. */
struct sla_plan;

/** @name Why a backup is kept or pruned
 * @{ */
/** Kept by a rule (its index in `rule`). */
#define SLA_REASON_RULE 0
/** Kept because a kept backup (`other`) is built on it. */
#define SLA_REASON_BASE_OF 1
/** Kept because it had not completed at now. */
#define SLA_REASON_PENDING 2
/** Pruned: it failed or was partial. */
#define SLA_REASON_FAILED 3
/** Pruned: it is good but its chain is broken. */
#define SLA_REASON_BROKEN 4
/** Pruned: no rule keeps it. */
#define SLA_REASON_NO_RULE 5
/** @} */

/** One reason of a plan. */
struct sla_plan_reason {
    int32_t why;      /**< `SLA_REASON_*`. */
    int32_t rule;     /**< For ::SLA_REASON_RULE, the rule's index in
                           the order added; else -1. */
    size_t other;     /**< For ::SLA_REASON_BASE_OF, the dependent's
                           index; else 0. */
    const char *text; /**< Words, restic's for its rules: "daily
                           snapshot", "within 1y6m", "base of D-0702". */
};

/**
 * @brief Plan what to keep at an instant.
 *
 * Rules look at the restore points (good backups with an intact chain)
 * that completed at or before @p now and fall in their scope. Then every
 * base of a kept backup is kept too ("base of X"). Backups that
 * complete after @p now are kept, untouched.
 *
 * @param[out] out the plan; free it with sla_plan_free()
 * @param retention the policy
 * @param catalog the catalog
 * @param now the instant
 * @param[out] err what is wrong (a pinned id that is not in the catalog,
 *             a catalog that is not resolved); may be NULL
 * @return 0, ::SLA_EINVAL, ::SLA_ENOMEM, ::SLA_EOVERFLOW.
 */
int sla_retention_plan(struct sla_plan **out,
                       const struct sla_retention *retention,
                       const struct sla_catalog *catalog, int64_t now,
                       struct sla_error *err);

/**
 * @brief Free a plan.
 * @param plan the plan, or NULL
 */
void sla_plan_free(struct sla_plan *plan);

/**
 * @brief Whether a backup is kept.
 * @param plan the plan
 * @param index the backup's index in the catalog
 * @return 1 to keep, 0 to prune, ::SLA_EINVAL if out of range.
 */
int sla_plan_keep(const struct sla_plan *plan, size_t index);

/**
 * @brief The number of reasons for a backup.
 * @param plan the plan
 * @param index the backup's index
 * @return their number (at least 1 for a backup of the catalog)
 */
size_t sla_plan_reason_count(const struct sla_plan *plan, size_t index);

/**
 * @brief A reason for a backup: for a kept backup, rules in restic's
 *        order (tags, within, last, hourly to yearly, the bucketed within
 *        rules), then ours, then bases; for a pruned one, why.
 * @param plan the plan
 * @param index the backup's index
 * @param k the reason's index
 * @param[out] out the reason (its text lives as long as the plan)
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range.
 */
int sla_plan_reason(const struct sla_plan *plan, size_t index, size_t k,
                    struct sla_plan_reason *out);

/** @name What a service promises about its backups
 * @{ */
/** At least `count` restore points in scope at the span's end ("7
 *  generations"). */
#define SLA_BACKUP_CHECK_GENERATIONS 0
/** The oldest restore point in scope at least `months` calendar months
 *  (or `ms`) old at the span's end ("kept for 6 months"). */
#define SLA_BACKUP_CHECK_RETENTION 1
/** A restore point in scope captured in every `unit` period
 *  (`SLA_PERIOD_*`: "daily", "monthly"). */
#define SLA_BACKUP_CHECK_CADENCE 2
/** Every good backup in scope captured in the span is encrypted ("off-site
 *  copies encrypted"). */
#define SLA_BACKUP_CHECK_ENCRYPTED 3
/** The achieved RPO over the span at most `ms`. */
#define SLA_BACKUP_CHECK_RPO 4
/** @} */

/** One promise about backups, checked against a catalog. */
struct sla_backup_check {
    int32_t type;   /**< `SLA_BACKUP_CHECK_*`. */
    int32_t count;  /**< ::SLA_BACKUP_CHECK_GENERATIONS: how many, > 0. */
    int32_t months; /**< ::SLA_BACKUP_CHECK_RETENTION: calendar months. */
    int32_t unit;   /**< ::SLA_BACKUP_CHECK_CADENCE: `SLA_PERIOD_*`. */
    int64_t ms;     /**< Retention (when `months` is 0) or RPO, > 0. */
    struct sla_backup_scope scope; /**< The backups it is about (tags
                                        copied). */
    int64_t reserved[2]; /**< Set to 0. */
};

struct sla_service;

/**
 * @brief Add a promise about backups to a service.
 * @param service the service
 * @param check the promise
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range,
 *         ::SLA_ENOMEM.
 */
int sla_service_add_backup_check(struct sla_service *service,
                                 const struct sla_backup_check *check);

/**
 * @brief The number of promises about backups.
 * @param service the service (NULL counts 0)
 * @return their number
 */
size_t sla_service_backup_check_count(const struct sla_service *service);

/**
 * @brief A promise about backups, in the order added.
 * @param service the service
 * @param index its index
 * @param[out] check the promise (its scope's tags live as long as the
 *             service)
 * @return 0, ::SLA_EINVAL if an argument is NULL or out of range.
 */
int sla_service_backup_check(const struct sla_service *service, size_t index,
                             struct sla_backup_check *check);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_BACKUP_H */
