/* SPDX-License-Identifier: MIT */
/* Targets in parts per million and the downtime they allow. */
#include "sla-private.h"

SLA_EXPORT int sla_ppm_parse_percent(int32_t *out, const char *text,
                                     size_t len, struct sla_error *err)
{
    size_t pos = 0, start;
    int64_t whole = 0, frac = 0;
    int digits = 0;
    if (sla__check_text(err, out, &text, len))
        return SLA_EINVAL;
    while (pos < len && text[pos] >= '0' && text[pos] <= '9') {
        whole = whole * 10 + (text[pos] - '0');
        if (whole > 100)
            return sla__error_set(err, SLA_EPARSE, 0,
                                  "expected a percentage from 0 to 100");
        pos++;
    }
    if (pos == 0)
        return sla__error_set(err, SLA_EPARSE, 0,
                              "expected a percentage such as 99.99");
    if (pos < len && text[pos] == '.') {
        start = ++pos;
        while (pos < len && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 4) {
                frac = frac * 10 + (text[pos] - '0');
                digits++;
            } else if (text[pos] != '0') {
                return sla__error_set(err, SLA_EPARSE, pos,
                                      "expected at most 4 decimals: a "
                                      "target is held in parts per million");
            }
            pos++;
        }
        if (pos == start)
            return sla__error_set(err, SLA_EPARSE, pos,
                                  "expected digits after the decimal point");
    }
    for (; digits < 4; digits++)
        frac *= 10;
    if (pos < len && text[pos] == '%')
        pos++;
    if (pos != len)
        return sla__error_set(err, SLA_EPARSE, pos,
                              "expected the end of the percentage");
    if (whole * 10000 + frac > SLA_PPM_ONE)
        return sla__error_set(err, SLA_EPARSE, 0,
                              "expected a percentage from 0 to 100");
    *out = (int32_t)(whole * 10000 + frac);
    return 0;
}

SLA_EXPORT int sla_ppm_format_percent(char *buf, size_t size, int32_t ppm)
{
    char tmp[SLA_PERCENT_SIZE];
    size_t n;
    uint32_t frac;
    int width = 4;
    if (!buf || ppm < 0 || ppm > SLA_PPM_ONE)
        return SLA_EINVAL;
    n = sla__put_uint(tmp, (uint64_t)ppm / 10000, 0);
    frac = (uint32_t)ppm % 10000;
    if (frac) {
        while (frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        tmp[n++] = '.';
        n += sla__put_uint(tmp + n, frac, width);
    }
    return sla__put_result(buf, size, tmp, n);
}

SLA_EXPORT int sla_budget_compute(int64_t *out, int64_t span_ms,
                                  int32_t target_ppm)
{
    int64_t q, r, f;
    if (!out || span_ms < 0 || target_ppm < 0 || target_ppm > SLA_PPM_ONE)
        return SLA_EINVAL;
    /* span * f / 1e6 without overflow: q * f <= span, r * f < 1e12. */
    f = SLA_PPM_ONE - target_ppm;
    q = span_ms / SLA_PPM_ONE;
    r = span_ms % SLA_PPM_ONE;
    *out = q * f + r * f / SLA_PPM_ONE;
    return 0;
}
