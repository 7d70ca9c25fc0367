/* SPDX-License-Identifier: MIT */
/**
 * @file sla/error.h
 * @brief Error codes and the caller-owned error record of parsers.
 */
#ifndef SLA_ERROR_H
#define SLA_ERROR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup error Errors
 * @brief Every function returns 0 or a negative `SLA_E*` code.
 *
 * The codes are fixed by libsla (they are not the platform's errno values)
 * and never change meaning between releases. Each function documents the
 * few codes it can return. Parsers also fill a caller-owned
 * ::sla_error with the place and a sentence saying what was expected.
 * @{
 */

/** Success. */
#define SLA_OK 0
/** An argument is invalid: a NULL pointer, a value outside its domain,
 *  an inverted interval, a date that does not exist. */
#define SLA_EINVAL (-1)
/** Memory could not be allocated. */
#define SLA_ENOMEM (-2)
/** Time arithmetic left the range of `int64_t` milliseconds, or a
 *  computed value does not fit its type. */
#define SLA_EOVERFLOW (-3)
/** A value is outside the range a representation admits (for example
 *  formatting an instant whose year is after 9999 as RFC 3339 text, or a
 *  day number outside the civil calendar's range). */
#define SLA_ERANGE (-4)
/** Text did not parse; the ::sla_error record says where and why. */
#define SLA_EPARSE (-5)
/** An output buffer is too small. */
#define SLA_ENOSPC (-6)
/** A requested item does not exist (index past the end, name not found). */
#define SLA_ENOTFOUND (-7)
/** The input uses a feature libsla deliberately does not support. */
#define SLA_EUNSUPPORTED (-8)
/** Reading a file or stream failed. */
#define SLA_EIO (-9)
/** A civil time is skipped (a gap) or repeated (a fold) in its time zone,
 *  and the caller asked to refuse such times. */
#define SLA_EAMBIGUOUS (-10)

/**
 * @brief Describe an error code.
 *
 * @param code an `SLA_E*` code (or ::SLA_OK)
 * @return a static, NUL-terminated English sentence; never NULL. Unknown
 *         codes give "unknown error". The string must not be freed.
 */
const char *sla_strerror(int code);

/** Size of ::sla_error::message, including the terminating NUL. */
#define SLA_ERROR_MESSAGE_SIZE 192

/**
 * @brief Where and why a parser failed.
 *
 * The caller owns the record (usually on its stack) and passes a pointer to
 * a parser; the parser fills it whenever it fails, and leaves it alone when
 * it succeeds. Passing NULL is allowed when only the return code matters.
 * Nothing is allocated, so the record needs no cleanup.
 *
 * A NULL text of length 0 is the empty text (as C++'s empty `string_view`
 * and Go's nil slice pass it); a NULL output pointer, or a NULL text with a
 * length, is ::SLA_EINVAL with `offset` -1.
 *
 * Example: parsing `2026-13-01T00:00:00Z` fails with ::SLA_EPARSE and
 * `offset` 5, `line` 1, `column` 6, `message` "expected a month 01-12".
 */
struct sla_error {
    /** The `SLA_E*` code the parser returned. */
    int32_t code;
    /** 1-based line of the failure in text input, 0 when not known. */
    int32_t line;
    /** 1-based column (in bytes) on that line, 0 when not known. */
    int32_t column;
    /** Reserved, set to 0. */
    int32_t reserved;
    /** 0-based byte offset of the failure from the start of the input,
     *  -1 when the failure is not tied to a place. */
    int64_t offset;
    /** Reserved for later details, set to 0. */
    int64_t reserved2[3];
    /** A NUL-terminated sentence saying what was expected. */
    char message[SLA_ERROR_MESSAGE_SIZE];
};

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SLA_ERROR_H */
