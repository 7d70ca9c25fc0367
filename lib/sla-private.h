/* SPDX-License-Identifier: MIT */
/* Private helpers shared by the modules of libsla. Never installed. */
#ifndef SLA_PRIVATE_H
#define SLA_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "sla.h"

/* The export marker lives here, not in the public header, so that the
 * public header stays plain C that every binding generator reads. */
#if defined(__GNUC__) || defined(__clang__)
#define SLA_EXPORT __attribute__((visibility("default")))
#define SLA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SLA_EXPORT
#define SLA_PRINTF(f, a)
#endif

/* Overflow-checked int64 arithmetic: return 1 on overflow. */
static inline int sla__add_overflow(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_add_overflow(a, b, out);
}

static inline int sla__sub_overflow(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_sub_overflow(a, b, out);
}

static inline int sla__mul_overflow(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_mul_overflow(a, b, out);
}

/* Floor division and modulo for b > 0, correct for negative a. */
static inline int64_t sla__floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b < 0) ? q - 1 : q;
}

static inline int64_t sla__floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}

/* Fill a parser error record (if any) and return code. The offset is the
 * byte offset in single-line input; line is 1 and column offset + 1. */
int sla__error_set(struct sla_error *err, int code, size_t offset,
                   const char *fmt, ...) SLA_PRINTF(4, 5);

/* days * SLA_MS_PER_DAY + ms, exactly: returns 1 only when the result
 * is outside int64_t (intermediate products never overflow first). */
int sla__days_ms(int64_t days, int64_t ms, int64_t *out);

/* The argument check every parser starts with: a NULL text of length 0 is
 * the empty text; a NULL out, or a NULL text with a length, is
 * SLA_EINVAL, reported in err too (offset -1). Returns 0 when fine. */
int sla__check_text(struct sla_error *err, const void *out,
                    const char **text, size_t len);

/* A copy of a rule (the schedule keeps its own); NULL without memory. */
struct sla_rrule *sla__rrule_copy(const struct sla_rrule *rule);

/* A schedule reads a UTC UNTIL in instants, not as local time: if the
 * rule (the schedule's own copy) has one, remove it from the rule, store
 * the instant in until and return 1; return 0 otherwise. */
int sla__rrule_take_utc_until(struct sla_rrule *rule, int64_t *until);

/* ASCII upper case of a byte value; other bytes unchanged. */
static inline int sla__upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* Two NUL-terminated strings equal but for ASCII case. */
static inline int sla__same_ci(const char *a, const char *b)
{
    while (*a && sla__upper((unsigned char)*a) == sla__upper((unsigned char)*b))
        a++, b++;
    return *a == '\0' && *b == '\0';
}

/* Is s[0, n) the upper-case word, compared without regard to case? */
static inline int sla__word_is(const char *s, size_t n, const char *word)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!word[i] || sla__upper((unsigned char)s[i]) != word[i])
            return 0;
    return word[n] == '\0';
}

/* iCalendar's exact-instant RDATE and EXDATE (a UTC value, or one in
 * another zone): an extra occurrence starting at that instant, and the
 * exclusion of the occurrence starting at it. 0, SLA_ENOMEM or
 * SLA_EOVERFLOW. */
struct sla_schedule;
int sla__schedule_add_rdate_at(struct sla_schedule *s, int64_t instant);
int sla__schedule_add_exdate_at(struct sla_schedule *s, int64_t instant);

/* 0 if an accumulator's fields are consistent, SLA_EINVAL if not. */
struct sla_accum;
int sla__accum_check(const struct sla_accum *a);

/* Make room for need elements of size in the array *v of capacity *cap
 * (doubling from 8; the array is kept on failure). 0 or SLA_ENOMEM. */
int sla__grow(void **v, size_t *cap, size_t need, size_t size);

/* The same local date-time months later (earlier when negative) in a
 * zone, the day clamped to the month's end, a skipped or repeated time
 * read as RFC 5545 does; SLA_EOVERFLOW out of range. */
int sla__local_add_months(int64_t *out, const struct sla_zone *z, int64_t t,
                          int64_t months);

/* A new copy of a tag list as "a,b" (separators ',', ';', spaces; empty
 * tags dropped); NULL when out of memory. */
char *sla__tag_list(const char *s);

/* ISO weekday of a day number: 1 (Monday) to 7 (Sunday). */
int32_t sla__weekday(int64_t days);

/* Day number <-> date without argument checks (the date must exist,
 * days must be within [SLA_DAYS_MIN, SLA_DAYS_MAX]). */
int64_t sla__days_from_civil(int64_t y, int64_t m, int64_t d);
void sla__civil_from_days(int64_t days, int64_t *y, int32_t *m, int32_t *d);

/* Write an unsigned number in decimal, zero-padded to width digits.
 * Returns the number of characters written; buf must have room for 20. */
size_t sla__put_uint(char *buf, uint64_t v, int width);

/* Copy text of length n (plus a NUL) into buf of size; returns n as int
 * or SLA_ENOSPC. */
int sla__put_result(char *buf, size_t size, const char *text, size_t n);

#endif /* SLA_PRIVATE_H */
