/* SPDX-License-Identifier: MIT */
/**
 * @file sla/zone.h
 * @brief Time zones: IANA TZif data, POSIX TZ rules and fixed offsets.
 */
#ifndef SLA_ZONE_H
#define SLA_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"
#include "sla/time.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup zone Time zones
 * @brief Any number of zones, in any number of threads, with no global
 *        state.
 *
 * A zone maps every instant to a UTC offset (with an abbreviation and a
 * daylight-saving flag), and every civil time to the instants that read it.
 * Zones come from:
 * - IANA names (`Asia/Tokyo`), read from TZif files (RFC 8536, versions 1
 *   to 4) under a directory the caller gives, else `$TZDIR`, else
 *   `/usr/share/zoneinfo`;
 * - TZif bytes the caller hands in (embedded targets ship their own);
 * - POSIX TZ strings (`JST-9`, `EST5EDT,M3.2.0,M11.1.0`), including the
 *   RFC 8536 extensions (transition hours from -167 to 167, negative DST);
 * - fixed offsets (`UTC`, `+09:00`).
 *
 * A zone is immutable once made and reference counted: any number of
 * threads may convert with one zone at the same time, with no lock. Take a
 * reference with sla_zone_ref() for each owner, drop it with
 * sla_zone_unref(); the zone is freed with its last reference.
 *
 * Instants outside the TZif data's range follow its footer rule (for
 * instants after the last transition) or its first time type (before the
 * first). POSIX rules repeat every 400 Gregorian years, so every `int64_t`
 * instant has an answer.
 * @{
 */

/** A time zone. Opaque, immutable, reference counted. */
struct sla_zone;

/** The largest UTC offset magnitude a zone may have: 26 hours. */
#define SLA_ZONE_MAX_OFFSET_MS (26 * INT64_C(3600000))

/** Size of ::sla_zone_period::abbreviation, including the NUL. */
#define SLA_ZONE_ABBR_SIZE 16

/**
 * @brief Make a zone from a specification, trying each reading in turn.
 *
 * 1. `UTC`, `Z` (any case): UTC.
 * 2. `+HH:MM`, `-HH:MM`, `+HHMM`, `+HH:MM:SS`, `+HH`: a fixed offset.
 * 3. A valid IANA name (see sla_zone_from_name()) that exists under the
 *    zone directory.
 * 4. A POSIX TZ string (see sla_zone_from_posix()), rules with `/` times
 *    included. Text that is neither, has a `/` and no `,` is reported as
 *    an invalid zone name (`../etc/passwd`), and no file is read for it.
 *
 * @param[out] out the new zone (one reference)
 * @param spec the NUL-terminated specification
 * @param tzdir the zone directory, or NULL for `$TZDIR`, else
 *        `/usr/share/zoneinfo`
 * @param[out] err why it failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p spec is NULL, ::SLA_ENOTFOUND if
 *         no reading applies, ::SLA_EPARSE if a file or string of the zone
 *         is malformed, ::SLA_ENOMEM.
 */
int sla_zone_open(struct sla_zone **out, const char *spec, const char *tzdir,
                  struct sla_error *err);

/**
 * @brief Read a zone by IANA name from a directory of TZif files.
 *
 * Names are made of letters, digits and `/ _ - + .`, at most 255 bytes, and
 * may not start with `/` nor have an empty, `.` or `..` component, so no
 * name can reach outside the directory: such a name is refused before any
 * file is opened.
 *
 * @param[out] out the new zone (one reference)
 * @param name the IANA name, e.g. `Asia/Tokyo`
 * @param tzdir the zone directory, or NULL for `$TZDIR`, else
 *        `/usr/share/zoneinfo`
 * @param[out] err why it failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p name is NULL or the name is not
 *         valid, ::SLA_ENOTFOUND if there is no such file, ::SLA_EIO if it
 *         cannot be read, ::SLA_EPARSE if it is not valid TZif,
 *         ::SLA_EUNSUPPORTED if it has leap-second records, ::SLA_ENOMEM.
 */
int sla_zone_from_name(struct sla_zone **out, const char *name,
                       const char *tzdir, struct sla_error *err);

/**
 * @brief Make a zone from TZif bytes (RFC 8536).
 *
 * Versions 2 to 4 (and later digits, which RFC 8536 keeps compatible) are
 * read from their 64-bit data and footer; version 1 from its 32-bit data. Every count is checked against the size, every
 * index against its table; transitions must strictly increase; offsets
 * must be within ::SLA_ZONE_MAX_OFFSET_MS; abbreviations at most 15 bytes.
 * Files with leap-second records ("right/" zones) are refused: libsla
 * counts time as POSIX does. Transition times before or after the range of
 * `int64_t` milliseconds are clamped away.
 *
 * @param[out] out the new zone (one reference)
 * @param data the file's bytes (copied; the caller keeps them)
 * @param len their number
 * @param name the name the zone reports (copied), or NULL for "TZif"
 * @param[out] err what is malformed; `offset` is the byte offset in @p data
 * @return 0, ::SLA_EINVAL if @p out is NULL or @p data is NULL with a
 *         non-zero @p len, ::SLA_EPARSE if the data is not valid TZif,
 *         ::SLA_EUNSUPPORTED for leap-second records, ::SLA_ENOMEM.
 */
int sla_zone_from_tzif(struct sla_zone **out, const uint8_t *data,
                       size_t len, const char *name, struct sla_error *err);

/**
 * @brief Make a zone from a POSIX TZ string.
 *
 * `std offset [dst [offset] [,start[/time],end[/time]]]`: names of three or
 * more letters or `<...>` quoted; offsets `[+-]hh[:mm[:ss]]`, west of UTC
 * positive as POSIX writes them (`JST-9` is UTC+9); dates `Mm.w.d`, `Jn` or
 * `n`; times `[+-]hhh[:mm[:ss]]` from -167 to 167 hours (RFC 8536). The DST
 * offset defaults to one hour ahead of standard time. A DST name without a
 * rule is refused, rather than guessing a country's rules.
 *
 * @param[out] out the new zone (one reference)
 * @param tz the string (need not be NUL-terminated)
 * @param len its length
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p tz is NULL, ::SLA_EPARSE,
 *         ::SLA_ENOMEM.
 */
int sla_zone_from_posix(struct sla_zone **out, const char *tz, size_t len,
                        struct sla_error *err);

/**
 * @brief Make a zone with one fixed UTC offset.
 * @param[out] out the new zone (one reference), named `UTC` for 0 and
 *             `+HH:MM` (or `+HH:MM:SS`) otherwise
 * @param offset_ms the offset east of UTC, a whole number of seconds within
 *        ::SLA_ZONE_MAX_OFFSET_MS
 * @return 0, ::SLA_EINVAL if @p out is NULL or the offset is not allowed,
 *         ::SLA_ENOMEM.
 */
int sla_zone_from_offset(struct sla_zone **out, int64_t offset_ms);

/**
 * @brief Take one more reference to a zone.
 * @param zone the zone, or NULL
 * @return @p zone
 */
struct sla_zone *sla_zone_ref(struct sla_zone *zone);

/**
 * @brief Drop a reference; the last one frees the zone.
 * @param zone the zone, or NULL (then nothing happens)
 */
void sla_zone_unref(struct sla_zone *zone);

/**
 * @brief The zone's name: the IANA name, POSIX string or offset it was
 *        made from.
 * @param zone the zone
 * @return a NUL-terminated string owned by the zone, valid as long as the
 *         caller holds a reference; "" for NULL.
 */
const char *sla_zone_name(const struct sla_zone *zone);

/** The stretch of time during which a zone keeps one offset. */
struct sla_zone_period {
    /** First instant of the period; `INT64_MIN` when it has no start. */
    int64_t start;
    /** First instant after the period; `INT64_MAX` when it has no end. */
    int64_t end;
    /** UTC offset in milliseconds, east positive (local = UTC + offset). */
    int64_t utc_offset_ms;
    /** 1 when the zone calls this daylight-saving time. This is a label
     *  only: Europe/Dublin's winter time is its "DST", with a negative
     *  saving, so never infer an offset from it. */
    int32_t is_dst;
    /** Reserved, 0. */
    int32_t reserved;
    /** The abbreviation, such as `JST`, `EDT` or `+09`, NUL-terminated. */
    char abbreviation[SLA_ZONE_ABBR_SIZE];
};

/**
 * @brief The offset period holding an instant.
 *
 * Its start and end are the zone's transitions around the instant:
 * changes of offset, abbreviation or DST flag.
 *
 * @param[out] out the period
 * @param zone the zone
 * @param instant the instant
 * @return 0, or ::SLA_EINVAL if an argument is NULL.
 */
int sla_zone_period_at(struct sla_zone_period *out,
                       const struct sla_zone *zone, int64_t instant);

/**
 * @brief The UTC offset at an instant.
 * @param[out] out_offset_ms the offset, east positive
 * @param zone the zone
 * @param instant the instant
 * @return 0, or ::SLA_EINVAL if an argument is NULL.
 */
int sla_zone_offset(int64_t *out_offset_ms, const struct sla_zone *zone,
                    int64_t instant);

/**
 * @brief The civil time of an instant in a zone.
 * @param[out] out the wall-clock reading
 * @param[out] out_offset_ms the offset used; may be NULL
 * @param zone the zone
 * @param instant the instant
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_EOVERFLOW if the
 *         reading is outside `int64_t` milliseconds (only within a day of
 *         the ends of the range).
 */
int sla_zone_to_civil(struct sla_civil *out, int64_t *out_offset_ms,
                      const struct sla_zone *zone, int64_t instant);

/** @name Disambiguation of civil times
 * How sla_zone_to_instant() picks an instant for a civil time that a
 * daylight-saving change skipped (a gap) or repeated (a fold).
 * @{ */
/** Gap: move forward by the gap's length; fold: the earlier instant. As
 *  RFC 5545, Python's `fold=0` and JavaScript Temporal do. The default. */
#define SLA_DISAMBIGUATE_COMPATIBLE 0
/** The earlier of the two candidates (gap: move back by its length). */
#define SLA_DISAMBIGUATE_EARLIER 1
/** The later of the two candidates (gap: move forward by its length). */
#define SLA_DISAMBIGUATE_LATER 2
/** Refuse gaps and folds with ::SLA_EAMBIGUOUS. */
#define SLA_DISAMBIGUATE_REJECT 3
/** @} */

/** @name What a civil time is in a zone
 * @{ */
/** Read by exactly one instant. */
#define SLA_LOCAL_UNIQUE 0
/** Skipped: no instant reads it (clocks jumped over it). */
#define SLA_LOCAL_GAP 1
/** Repeated: two instants read it (clocks were set back over it). */
#define SLA_LOCAL_FOLD 2
/** @} */

/** The instants a civil time can mean in a zone, and the one chosen. */
struct sla_zone_resolution {
    /** The chosen instant (for ::SLA_DISAMBIGUATE_REJECT on a gap or fold,
     *  the compatible one, although the call fails). */
    int64_t instant;
    /** The earlier candidate. In a gap: the civil time read with the
     *  offset after the change (the time moved back by the gap). */
    int64_t earlier;
    /** The later candidate. In a gap: the civil time read with the offset
     *  before the change (the time moved forward by the gap). Equal to
     *  `earlier` when the civil time is unique. */
    int64_t later;
    /** ::SLA_LOCAL_UNIQUE, ::SLA_LOCAL_GAP or ::SLA_LOCAL_FOLD. */
    int32_t kind;
    /** Reserved, 0. */
    int32_t reserved;
};

/**
 * @brief The instant of a civil time in a zone.
 *
 * In New York, 2025-03-09 02:30 was skipped: it resolves to 07:30Z
 * (compatible, later) or 06:30Z (earlier). 2025-11-02 01:30 happened
 * twice: 05:30Z (compatible, earlier) or 06:30Z (later).
 *
 * @param[out] out the candidates and the choice; filled also when the call
 *             fails with ::SLA_EAMBIGUOUS
 * @param zone the zone
 * @param civil an existing civil time
 * @param disambiguation one of the `SLA_DISAMBIGUATE_*` values
 * @return 0, ::SLA_EINVAL if an argument is NULL, the civil time does not
 *         exist in the calendar or @p disambiguation is unknown,
 *         ::SLA_EAMBIGUOUS if it is a gap or a fold and @p disambiguation
 *         is ::SLA_DISAMBIGUATE_REJECT, ::SLA_EOVERFLOW if the instant is
 *         outside `int64_t`.
 */
int sla_zone_to_instant(struct sla_zone_resolution *out,
                        const struct sla_zone *zone,
                        const struct sla_civil *civil,
                        int32_t disambiguation);

/**
 * @brief The first transition strictly after an instant.
 * @param[out] out the transition instant
 * @param zone the zone
 * @param instant the instant
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOTFOUND if the
 *         zone never changes after @p instant.
 */
int sla_zone_next_transition(int64_t *out, const struct sla_zone *zone,
                             int64_t instant);

/**
 * @brief The last transition strictly before an instant.
 * @param[out] out the transition instant
 * @param zone the zone
 * @param instant the instant
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_ENOTFOUND if the
 *         zone never changed before @p instant.
 */
int sla_zone_prev_transition(int64_t *out, const struct sla_zone *zone,
                             int64_t instant);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_ZONE_H */
