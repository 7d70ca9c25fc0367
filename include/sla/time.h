/* SPDX-License-Identifier: MIT */
/**
 * @file sla/time.h
 * @brief Instants, durations, civil dates, RFC 3339 and ISO 8601 text.
 */
#ifndef SLA_TIME_H
#define SLA_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "sla/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup time Time core
 * @brief Instants and durations in milliseconds, and checked arithmetic.
 *
 * An *instant* is an `int64_t` count of milliseconds since
 * 1970-01-01T00:00:00Z, ignoring leap seconds as POSIX does. A *duration*
 * is an `int64_t` count of milliseconds. Every instant in the `int64_t`
 * range has a civil date and time (about 292 million years either side of
 * 1970), so the only limit of time arithmetic is the `int64_t` range
 * itself: a result outside it is ::SLA_EOVERFLOW, never a wrapped value.
 * @{
 */

/** Milliseconds in a second. */
#define SLA_MS_PER_SECOND INT64_C(1000)
/** Milliseconds in a minute. */
#define SLA_MS_PER_MINUTE INT64_C(60000)
/** Milliseconds in an hour. */
#define SLA_MS_PER_HOUR INT64_C(3600000)
/** Milliseconds in a day of 24 hours. */
#define SLA_MS_PER_DAY INT64_C(86400000)

/**
 * @brief Add two times (an instant and a duration, or two durations).
 * @param[out] out the sum; untouched on error
 * @param a first addend
 * @param b second addend
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_EOVERFLOW if the sum
 *         is outside `int64_t`.
 */
int sla_time_add(int64_t *out, int64_t a, int64_t b);

/**
 * @brief Subtract two times (`a - b`): the duration between two instants,
 *        or an instant moved back by a duration.
 * @param[out] out the difference; untouched on error
 * @param a minuend
 * @param b subtrahend
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_EOVERFLOW if the
 *         difference is outside `int64_t`.
 */
int sla_time_sub(int64_t *out, int64_t a, int64_t b);

/**
 * @brief Multiply a duration by an integer factor.
 * @param[out] out `duration * factor`; untouched on error
 * @param duration milliseconds
 * @param factor any integer
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_EOVERFLOW if the
 *         product is outside `int64_t`.
 */
int sla_time_scale(int64_t *out, int64_t duration, int64_t factor);

/** @} */

/**
 * @defgroup civil Civil dates and times
 * @brief The proleptic Gregorian calendar, in integers.
 *
 * Dates are numbered by *day numbers*: days since 1970-01-01, which is day
 * 0 (so 1969-12-31 is day -1). The calendar is the proleptic Gregorian one
 * (leap years every 4 years except centuries not divisible by 400, extended
 * backwards without a Julian switch) with astronomical year numbering: the
 * year before 1 is 0, and before that -1. Every `int32_t` year is
 * supported, exactly; a day number outside that range is ::SLA_ERANGE.
 *
 * A civil time (::sla_civil) is a date and a wall-clock time with no zone.
 * Turning an instant into a civil time needs a UTC offset in milliseconds
 * (local = UTC + offset): 0 for UTC, 9 * ::SLA_MS_PER_HOUR for Japan. Time
 * zones with rules live in their own module.
 * @{
 */

/** A calendar date in the proleptic Gregorian calendar. */
struct sla_date {
    int32_t year;  /**< Astronomical year: 0 is 1 BC, -1 is 2 BC. */
    int32_t month; /**< 1 (January) to 12 (December). */
    int32_t day;   /**< 1 to the month's length (28-31). */
};

/** A civil (wall-clock) date and time, with no zone or offset attached. */
struct sla_civil {
    int32_t year;        /**< As in ::sla_date. */
    int32_t month;       /**< 1-12. */
    int32_t day;         /**< 1 to the month's length. */
    int32_t hour;        /**< 0-23. */
    int32_t minute;      /**< 0-59. */
    int32_t second;      /**< 0-59 (no leap seconds). */
    int32_t millisecond; /**< 0-999. */
};

/** Day number of the first supported date, `-2147483648-01-01`. */
#define SLA_DAYS_MIN INT64_C(-784353015833)
/** Day number of the last supported date, `2147483647-12-31`. */
#define SLA_DAYS_MAX INT64_C(784351576776)

/**
 * @brief Whether a year is a leap year.
 * @param year any year (astronomical numbering)
 * @return 1 for a leap year, 0 otherwise.
 */
int sla_year_is_leap(int32_t year);

/**
 * @brief The length of a month.
 * @param year any year
 * @param month 1-12
 * @return 28 to 31, or ::SLA_EINVAL if @p month is not 1-12.
 */
int sla_month_days(int32_t year, int32_t month);

/**
 * @brief Check that a date exists.
 * @param date the date
 * @return 0 if it exists; ::SLA_EINVAL if @p date is NULL, the month is
 *         not 1-12 or the day is not in the month (2023-02-29).
 */
int sla_date_check(const struct sla_date *date);

/**
 * @brief The day number of a date (days since 1970-01-01).
 * @param[out] out the day number, between ::SLA_DAYS_MIN and ::SLA_DAYS_MAX
 * @param date an existing date
 * @return 0, or ::SLA_EINVAL if an argument is NULL or the date does not
 *         exist.
 */
int sla_date_to_days(int64_t *out, const struct sla_date *date);

/**
 * @brief The date of a day number.
 * @param[out] out the date
 * @param days days since 1970-01-01
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_ERANGE if @p days is
 *         outside [::SLA_DAYS_MIN, ::SLA_DAYS_MAX].
 */
int sla_date_from_days(struct sla_date *out, int64_t days);

/**
 * @brief The ISO 8601 weekday of a date.
 * @param[out] out 1 (Monday) to 7 (Sunday)
 * @param date an existing date
 * @return 0, or ::SLA_EINVAL if an argument is NULL or the date does not
 *         exist.
 */
int sla_date_weekday(int32_t *out, const struct sla_date *date);

/**
 * @brief The ISO 8601 week of a date.
 *
 * Weeks start on Monday; week 1 of a year is the week holding its first
 * Thursday, so 2021-01-03 is in week 53 of 2020 and 2024-12-30 in week 1
 * of 2025.
 *
 * @param[out] out_year the ISO week-numbering year (may differ from the
 *             date's year by one in the first and last days of a year)
 * @param[out] out_week 1 to 53
 * @param date an existing date
 * @return 0, ::SLA_EINVAL if an argument is NULL or the date does not
 *         exist, ::SLA_ERANGE if the week-numbering year is outside
 *         `int32_t` (only in the first and last days of the range).
 */
int sla_date_iso_week(int32_t *out_year, int32_t *out_week,
                      const struct sla_date *date);

/**
 * @brief Move a date by a number of days.
 * @param[out] out the new date
 * @param date an existing date
 * @param days days to add (negative to go back)
 * @return 0, ::SLA_EINVAL if an argument is NULL or the date does not
 *         exist, ::SLA_ERANGE if the result is outside the supported years.
 */
int sla_date_add_days(struct sla_date *out, const struct sla_date *date,
                      int64_t days);

/**
 * @brief Move a date by calendar months, clamping the day to the month's end.
 *
 * The month moves by @p months; the day stays the same unless the new month
 * is shorter, in which case it becomes the new month's last day:
 * 2024-01-31 + 1 month = 2024-02-29, 2023-01-31 + 1 month = 2023-02-28,
 * 2024-03-31 - 1 month = 2024-02-29. Clamping is not undone by a later
 * move: 2023-01-31 + 1 month + 1 month = 2023-03-28, while
 * 2023-01-31 + 2 months = 2023-03-31.
 *
 * @param[out] out the new date
 * @param date an existing date
 * @param months months to add (negative to go back; 12 is a year)
 * @return 0, ::SLA_EINVAL if an argument is NULL or the date does not
 *         exist, ::SLA_ERANGE if the result is outside the supported years.
 */
int sla_date_add_months(struct sla_date *out, const struct sla_date *date,
                        int64_t months);

/**
 * @brief Check that a civil time exists as a wall-clock reading.
 * @param civil the civil time
 * @return 0, or ::SLA_EINVAL if @p civil is NULL or a field is out of its
 *         range (the date must exist; 0-23, 0-59, 0-59, 0-999).
 */
int sla_civil_check(const struct sla_civil *civil);

/**
 * @brief The civil time at a fixed UTC offset of an instant.
 * @param[out] out the wall-clock reading `instant + offset_ms`
 * @param instant the instant
 * @param offset_ms the UTC offset (east positive), e.g. 32400000 for +09:00
 * @return 0, ::SLA_EINVAL if @p out is NULL, ::SLA_EOVERFLOW if
 *         `instant + offset_ms` is outside `int64_t`.
 */
int sla_civil_from_instant(struct sla_civil *out, int64_t instant,
                           int64_t offset_ms);

/**
 * @brief The instant of a civil time read at a fixed UTC offset.
 * @param[out] out `civil - offset_ms` as an instant
 * @param civil an existing civil time
 * @param offset_ms the UTC offset (east positive)
 * @return 0, ::SLA_EINVAL if an argument is NULL or @p civil does not
 *         exist, ::SLA_EOVERFLOW if the instant is outside `int64_t`.
 */
int sla_civil_to_instant(int64_t *out, const struct sla_civil *civil,
                         int64_t offset_ms);

/** @} */

/**
 * @defgroup rfc3339 RFC 3339 timestamps
 * @brief Parsing and formatting `2020-09-24T17:00:00Z` and friends.
 *
 * The parser accepts exactly RFC 3339's `date-time`:
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, with `T` also written
 * `t` or a space (as RFC 3339 section 5.6 allows) and `Z` also written `z`.
 * The fraction may have any number of digits; digits past the millisecond
 * are truncated (`.9999` is 999 ms), so parsing never rounds into the next
 * second. `-00:00` means UTC. The date must exist. Leap seconds (second 60)
 * are rejected: libsla counts time as POSIX does. As an extension the
 * offset may carry seconds (`+09:18:59`), which is how historical zone
 * offsets are formatted.
 *
 * The formatter writes UTC with `Z`, or a given offset as `+HH:MM` (with
 * `:SS` only when the offset has seconds). Milliseconds are written, as
 * three digits, only when they are not zero: `2020-09-24T17:00:00Z`,
 * `2020-09-24T17:00:00.250Z`. Only years 0000-9999 can be written.
 * @{
 */

/** A buffer of this size holds any formatted RFC 3339 timestamp. */
#define SLA_RFC3339_SIZE 40

/**
 * @brief Parse an RFC 3339 timestamp.
 *
 * The whole of @p text must be the timestamp; nothing may follow it.
 *
 * @param[out] out the instant
 * @param[out] out_offset_ms the offset written in the text, in
 *             milliseconds east of UTC (0 for `Z`); may be NULL
 * @param text the characters; need not be NUL-terminated
 * @param len number of bytes in @p text
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p text is NULL, ::SLA_EPARSE if
 *         the text is not a timestamp (see @p err).
 */
int sla_rfc3339_parse(int64_t *out, int64_t *out_offset_ms, const char *text,
                      size_t len, struct sla_error *err);

/**
 * @brief Format an instant as RFC 3339 in UTC, with `Z`.
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; ::SLA_RFC3339_SIZE is always enough
 * @param instant the instant
 * @return the length written (without the NUL), ::SLA_EINVAL if @p buf
 *         is NULL, ::SLA_ERANGE if the year is outside 0000-9999,
 *         ::SLA_ENOSPC if @p buf is too small.
 */
int sla_rfc3339_format(char *buf, size_t size, int64_t instant);

/**
 * @brief Format an instant as RFC 3339 at a UTC offset.
 *
 * The civil time is `instant + offset_ms`, followed by the offset:
 * `2020-09-25T02:00:00+09:00`. An offset of 0 is written `+00:00`.
 *
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; ::SLA_RFC3339_SIZE is always enough
 * @param instant the instant
 * @param offset_ms the offset, a whole number of seconds strictly between
 *        -24 h and +24 h
 * @return the length written (without the NUL), ::SLA_EINVAL if @p buf is
 *         NULL or the offset is not allowed, ::SLA_ERANGE if the local year
 *         is outside 0000-9999, ::SLA_ENOSPC if @p buf is too small.
 */
int sla_rfc3339_format_offset(char *buf, size_t size, int64_t instant,
                              int64_t offset_ms);

/**
 * @brief Parse a local date and time with no offset, `YYYY-MM-DDTHH:MM:SS`
 *        with an optional fraction (truncated to milliseconds).
 * @param[out] out the civil time
 * @param text the characters; need not be NUL-terminated
 * @param len number of bytes in @p text
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p text is NULL, ::SLA_EPARSE if
 *         the text is not a local date-time.
 */
int sla_civil_parse(struct sla_civil *out, const char *text, size_t len,
                    struct sla_error *err);

/**
 * @brief Format a civil time as `YYYY-MM-DDTHH:MM:SS[.mmm]`.
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; ::SLA_RFC3339_SIZE is always enough
 * @param civil an existing civil time
 * @return the length written, ::SLA_EINVAL if an argument is NULL or the
 *         civil time does not exist, ::SLA_ERANGE if the year is outside
 *         0000-9999, ::SLA_ENOSPC if @p buf is too small.
 */
int sla_civil_format(char *buf, size_t size, const struct sla_civil *civil);

/**
 * @brief Parse a date, `YYYY-MM-DD`.
 * @param[out] out the date
 * @param text the characters; need not be NUL-terminated
 * @param len number of bytes in @p text
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p text is NULL, ::SLA_EPARSE if
 *         the text is not an existing date.
 */
int sla_date_parse(struct sla_date *out, const char *text, size_t len,
                   struct sla_error *err);

/**
 * @brief Format a date as `YYYY-MM-DD`.
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; 11 bytes are enough
 * @param date an existing date
 * @return the length written (10), ::SLA_EINVAL if an argument is NULL or
 *         the date does not exist, ::SLA_ERANGE if the year is outside
 *         0000-9999, ::SLA_ENOSPC if @p buf is too small.
 */
int sla_date_format(char *buf, size_t size, const struct sla_date *date);

/** @} */

/**
 * @defgroup duration ISO 8601 durations
 * @brief `PT2H`, `P1DT30M`, `P6M`: lengths with calendar parts kept apart.
 *
 * A duration written in ISO 8601 may mix *calendar* parts, whose length
 * depends on where they are applied (a month is 28 to 31 days; a day is 23
 * to 25 hours across a daylight-saving change), with *exact* parts (hours,
 * minutes, seconds). ::sla_duration keeps years, months and days apart
 * from the exact milliseconds and never turns one into the other behind
 * the caller's back. Weeks are read as 7 days.
 *
 * Accepted text: an optional sign (`-` or `+`, applying to every part),
 * `P`, then any of `nY`, `nM`, `nW`, `nD` in that order, then optionally
 * `T` and any of `nH`, `nM`, `nS` in that order. At least one part must
 * be present and `T` must be followed by one. The last part may have a
 * fraction (with `.` or `,`) if it is `H`, `M` (minutes) or `S`: seconds
 * keep three digits and truncate the rest; hours and minutes accept up to
 * 9 fraction digits and are truncated to the millisecond.
 *
 * Formatting writes the canonical form: years, months, days, then the
 * exact part as hours, minutes and seconds (`PT90M` is written `PT1H30M`),
 * with seconds' fraction trimmed (`PT6.5S`); zero is `PT0S`.
 * @{
 */

/** A duration whose calendar parts are kept apart from exact time. */
struct sla_duration {
    int64_t years;  /**< Calendar years. */
    int64_t months; /**< Calendar months (not folded into years). */
    int64_t days;   /**< Calendar days (weeks are stored as 7 days). */
    int64_t ms;     /**< Exact milliseconds (hours, minutes, seconds). */
    int64_t reserved[2]; /**< Reserved for later parts; set to 0. */
};

/** A buffer of this size holds any formatted duration. */
#define SLA_DURATION_SIZE 96

/**
 * @brief Parse an ISO 8601 duration.
 * @param[out] out the duration; all its parts have the text's sign
 * @param text the characters; need not be NUL-terminated
 * @param len number of bytes in @p text
 * @param[out] err where and why parsing failed; may be NULL
 * @return 0, ::SLA_EINVAL if @p out or @p text is NULL, ::SLA_EPARSE if
 *         the text is not a duration or a part does not fit `int64_t`.
 */
int sla_duration_parse(struct sla_duration *out, const char *text,
                       size_t len, struct sla_error *err);

/**
 * @brief Format a duration in canonical ISO 8601 form.
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; ::SLA_DURATION_SIZE is always enough
 * @param duration the duration; its parts must not have opposite signs,
 *        and none may be `INT64_MIN` (which the parser cannot read back)
 * @return the length written, ::SLA_EINVAL if an argument is NULL, the
 *         parts have mixed signs or a part is `INT64_MIN`, ::SLA_ENOSPC if
 *         @p buf is too small.
 */
int sla_duration_format(char *buf, size_t size,
                        const struct sla_duration *duration);

/**
 * @brief The exact length of a duration without calendar years or months.
 *
 * Days count 24 hours each here, which is their length in UTC and at any
 * fixed offset: `P30D` is 2,592,000,000 ms. A duration with years or months
 * has no length of its own; apply it to an instant with
 * sla_time_add_duration() instead.
 *
 * @param[out] out milliseconds
 * @param duration the duration
 * @return 0, ::SLA_EINVAL if an argument is NULL or the duration has
 *         years or months, ::SLA_EOVERFLOW if the length is outside
 *         `int64_t`.
 */
int sla_duration_to_ms(int64_t *out, const struct sla_duration *duration);

/**
 * @brief Move an instant by a duration, calendar parts on the civil
 *        calendar at a fixed UTC offset.
 *
 * The instant is read as a civil time at @p offset_ms; years and months are
 * added together with sla_date_add_months() (so the day is clamped to the
 * month's end), then days are added to the date, keeping the wall-clock
 * time; the result is turned back into an instant at the same offset, and
 * finally the exact milliseconds are added. With offset +09:00,
 * 2026-01-30T15:00:00Z (Jan 31, 00:00 in Tokyo) plus `P1M` is
 * 2026-02-27T15:00:00Z (Feb 28, 00:00 in Tokyo).
 *
 * @param[out] out the moved instant
 * @param instant the starting instant
 * @param duration the duration (parts may have any signs)
 * @param offset_ms the UTC offset whose calendar the calendar parts follow
 * @return 0, ::SLA_EINVAL if an argument is NULL, ::SLA_EOVERFLOW if any
 *         step leaves the representable range.
 */
int sla_time_add_duration(int64_t *out, int64_t instant,
                          const struct sla_duration *duration,
                          int64_t offset_ms);

/**
 * @brief Write milliseconds as seconds with a trimmed fraction: `259.2`.
 *
 * 259200 gives `259.2`, 60000 gives `60`, -1500 gives `-1.5`, 7 gives
 * `0.007`. No unit is appended.
 *
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; 32 bytes are always enough
 * @param duration_ms milliseconds
 * @return the length written, ::SLA_EINVAL if @p buf is NULL,
 *         ::SLA_ENOSPC if @p buf is too small.
 */
int sla_time_format_seconds(char *buf, size_t size, int64_t duration_ms);

/**
 * @brief Write milliseconds for a reader: `4 min 19.2 s`.
 *
 * Units are `d` (24 h), `h`, `min` and `s`; units that are zero are left
 * out, seconds carry the millisecond fraction trimmed of zeros, and a
 * negative value starts with `-`. 259200 gives `4 min 19.2 s`; 93784005
 * gives `1 d 2 h 3 min 4.005 s`; 3600000 gives `1 h`; 0 gives `0 s`.
 *
 * @param[out] buf receives the NUL-terminated text
 * @param size size of @p buf; 64 bytes are always enough
 * @param duration_ms milliseconds
 * @return the length written, ::SLA_EINVAL if @p buf is NULL,
 *         ::SLA_ENOSPC if @p buf is too small.
 */
int sla_time_format_human(char *buf, size_t size, int64_t duration_ms);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_TIME_H */
