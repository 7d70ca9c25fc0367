/* SPDX-License-Identifier: MIT */
/* Checked time arithmetic and the proleptic Gregorian calendar. */
#include "sla-private.h"

SLA_EXPORT int sla_time_add(int64_t *out, int64_t a, int64_t b)
{
    int64_t r;
    if (!out)
        return SLA_EINVAL;
    if (sla__add_overflow(a, b, &r))
        return SLA_EOVERFLOW;
    *out = r;
    return 0;
}

SLA_EXPORT int sla_time_sub(int64_t *out, int64_t a, int64_t b)
{
    int64_t r;
    if (!out)
        return SLA_EINVAL;
    if (sla__sub_overflow(a, b, &r))
        return SLA_EOVERFLOW;
    *out = r;
    return 0;
}

SLA_EXPORT int sla_time_scale(int64_t *out, int64_t duration, int64_t factor)
{
    int64_t r;
    if (!out)
        return SLA_EINVAL;
    if (sla__mul_overflow(duration, factor, &r))
        return SLA_EOVERFLOW;
    *out = r;
    return 0;
}

SLA_EXPORT int sla_year_is_leap(int32_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

SLA_EXPORT int sla_month_days(int32_t year, int32_t month)
{
    static const int8_t len[12] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return SLA_EINVAL;
    if (month == 2 && sla_year_is_leap(year))
        return 29;
    return len[month - 1];
}

SLA_EXPORT int sla_date_check(const struct sla_date *date)
{
    int dim;
    if (!date)
        return SLA_EINVAL;
    dim = sla_month_days(date->year, date->month);
    if (dim < 0 || date->day < 1 || date->day > dim)
        return SLA_EINVAL;
    return 0;
}

/* Days since 1970-01-01 of an existing date. The calendar repeats every
 * 400 years (146097 days); years are counted from March so that the leap
 * day is the last day of the counted year. All intermediate values fit
 * int64_t for every int32_t year. */
int sla__days_ms(int64_t days, int64_t ms, int64_t *out)
{
    /* Fold whole days of ms into days, so that 0 <= ms < DAY; then, for
     * negative days, count from the day's end. Either way the product
     * never exceeds the result in magnitude, so it overflows only when
     * the result itself does. */
    int64_t q = sla__floor_div(ms, SLA_MS_PER_DAY), r;
    ms = sla__floor_mod(ms, SLA_MS_PER_DAY);
    if (sla__add_overflow(days, q, &days))
        return 1;
    if (days < 0) {
        days += 1;
        ms -= SLA_MS_PER_DAY;
    }
    if (sla__mul_overflow(days, SLA_MS_PER_DAY, &r) ||
        sla__add_overflow(r, ms, &r))
        return 1;
    *out = r;
    return 0;
}

int64_t sla__days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = sla__floor_div(y, 400);
    yoe = y - era * 400;                                  /* [0, 399] */
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Days from 0000-03-01 plus this many 400-year cycles keep the fast path's
 * day count non-negative for years after -400000. */
#define FAST_CYCLES 1000
#define FAST_SHIFT (719468 + INT64_C(146097) * FAST_CYCLES)

void sla__civil_from_days(int64_t days, int64_t *y, int32_t *m, int32_t *d)
{
    int64_t z = days + 719468;
    if (days >= -FAST_SHIFT && days < (INT64_C(1) << 30) - FAST_SHIFT) {
        /* Neri and Schneider's Euclidean affine form of the same
         * calendar (2022): 32-bit products and shifts instead of 64-bit
         * divisions, for years -400000 to about +2.5 million. */
        uint32_t n = (uint32_t)(days + FAST_SHIFT);
        uint32_t n1 = 4 * n + 3;
        uint32_t c = n1 / 146097;
        uint32_t nc = n1 % 146097 / 4;
        uint64_t p2 = UINT64_C(2939745) * (4 * nc + 3);
        uint32_t zy = (uint32_t)(p2 >> 32);          /* year of century */
        uint32_t ny = (uint32_t)p2 / 2939745 / 4;    /* day of year from March */
        uint32_t n3 = 2141 * ny + 197913;
        uint32_t mm = n3 >> 16;
        uint32_t j = ny >= 306;
        *d = (int32_t)((n3 & 0xFFFF) / 2141 + 1);
        *m = (int32_t)(j ? mm - 12 : mm);
        *y = (int64_t)(100 * c + zy + j) - 400 * FAST_CYCLES;
        return;
    }
    int64_t era = sla__floor_div(z, 146097);
    int64_t doe = z - era * 146097;                                /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);        /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                             /* [0, 11] */
    *d = (int32_t)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int32_t)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

SLA_EXPORT int sla_date_to_days(int64_t *out, const struct sla_date *date)
{
    if (!out || sla_date_check(date))
        return SLA_EINVAL;
    *out = sla__days_from_civil(date->year, date->month, date->day);
    return 0;
}

SLA_EXPORT int sla_date_from_days(struct sla_date *out, int64_t days)
{
    int64_t y;
    if (!out)
        return SLA_EINVAL;
    if (days < SLA_DAYS_MIN || days > SLA_DAYS_MAX)
        return SLA_ERANGE;
    sla__civil_from_days(days, &y, &out->month, &out->day);
    out->year = (int32_t)y;
    return 0;
}

/* ISO weekday (1 = Monday) of a day number; day 0 was a Thursday. */
int32_t sla__weekday(int64_t days)
{
    return (int32_t)sla__floor_mod(days + 3, 7) + 1;
}

SLA_EXPORT int sla_date_weekday(int32_t *out, const struct sla_date *date)
{
    int64_t days;
    if (!out || sla_date_to_days(&days, date))
        return SLA_EINVAL;
    *out = sla__weekday(days);
    return 0;
}

SLA_EXPORT int sla_date_iso_week(int32_t *out_year, int32_t *out_week,
                                 const struct sla_date *date)
{
    int64_t days, thursday, jan1;
    struct sla_date th;
    if (!out_year || !out_week || sla_date_to_days(&days, date))
        return SLA_EINVAL;
    /* The ISO year of a week is the year of its Thursday. */
    thursday = days + 4 - sla__weekday(days);
    if (sla_date_from_days(&th, thursday))
        return SLA_ERANGE;
    jan1 = sla__days_from_civil(th.year, 1, 1);
    *out_year = th.year;
    *out_week = (int32_t)((thursday - jan1) / 7 + 1);
    return 0;
}

SLA_EXPORT int sla_date_add_days(struct sla_date *out,
                                 const struct sla_date *date, int64_t days)
{
    int64_t d, r;
    if (!out || sla_date_to_days(&d, date))
        return SLA_EINVAL;
    if (sla__add_overflow(d, days, &r))
        return SLA_ERANGE;
    return sla_date_from_days(out, r);
}

SLA_EXPORT int sla_date_add_months(struct sla_date *out,
                                   const struct sla_date *date,
                                   int64_t months)
{
    int64_t index, year;
    int32_t month, dim;
    if (!out || sla_date_check(date))
        return SLA_EINVAL;
    /* Months since year 0, January; year * 12 cannot overflow. */
    if (sla__add_overflow((int64_t)date->year * 12 + (date->month - 1),
                          months, &index))
        return SLA_ERANGE;
    year = sla__floor_div(index, 12);
    if (year < INT32_MIN || year > INT32_MAX)
        return SLA_ERANGE;
    month = (int32_t)sla__floor_mod(index, 12) + 1;
    dim = sla_month_days((int32_t)year, month);
    out->day = date->day < dim ? date->day : dim;
    out->year = (int32_t)year;
    out->month = month;
    return 0;
}

SLA_EXPORT int sla_civil_check(const struct sla_civil *c)
{
    struct sla_date d;
    if (!c)
        return SLA_EINVAL;
    d.year = c->year;
    d.month = c->month;
    d.day = c->day;
    if (sla_date_check(&d) || c->hour < 0 || c->hour > 23 || c->minute < 0 ||
        c->minute > 59 || c->second < 0 || c->second > 59 ||
        c->millisecond < 0 || c->millisecond > 999)
        return SLA_EINVAL;
    return 0;
}

SLA_EXPORT int sla_civil_from_instant(struct sla_civil *out, int64_t instant,
                                      int64_t offset_ms)
{
    int64_t local, days, ms, y;
    if (!out)
        return SLA_EINVAL;
    if (sla__add_overflow(instant, offset_ms, &local))
        return SLA_EOVERFLOW;
    /* Every int64_t millisecond count lies well inside the day range. */
    days = sla__floor_div(local, SLA_MS_PER_DAY);
    ms = sla__floor_mod(local, SLA_MS_PER_DAY);
    sla__civil_from_days(days, &y, &out->month, &out->day);
    out->year = (int32_t)y;
    {
        /* Within a day everything fits 32 bits. */
        uint32_t u = (uint32_t)ms, s = u / 1000;
        out->millisecond = (int32_t)(u - s * 1000);
        out->hour = (int32_t)(s / 3600);
        out->minute = (int32_t)(s / 60 % 60);
        out->second = (int32_t)(s % 60);
    }
    return 0;
}

SLA_EXPORT int sla_civil_to_instant(int64_t *out, const struct sla_civil *c,
                                    int64_t offset_ms)
{
    int64_t days, ms, r;
    if (!out || sla_civil_check(c))
        return SLA_EINVAL;
    days = sla__days_from_civil(c->year, c->month, c->day);
    ms = c->hour * SLA_MS_PER_HOUR + c->minute * SLA_MS_PER_MINUTE +
         c->second * SLA_MS_PER_SECOND + c->millisecond;
    if (sla__sub_overflow(ms, offset_ms, &ms) || sla__days_ms(days, ms, &r))
        return SLA_EOVERFLOW;
    *out = r;
    return 0;
}
