/* SPDX-License-Identifier: MIT */
/* Fuzz target: percentages read into parts per million.
 *
 * The bytes go to sla_ppm_parse_percent. A failure must fill the error
 * record properly; a success must give 0..1000000 ppm that survives
 * sla_ppm_format_percent and a second parse. A small independent reading of
 * the documented grammar checks the value, in both directions. */
#include "fuzz.h"

struct ref_result {
    int valid;     /* 1 if the documented grammar accepts the text */
    int open_case; /* more than four decimals, the extra ones zeros */
    int64_t ppm;
};

static int ref_is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* digits ['.' digits] ['%'], 0 to 100, at most 4 significant decimals. */
static void ref_parse(const char *s, size_t len, struct ref_result *r)
{
    size_t i = 0, k;
    int64_t whole = 0, frac = 0;
    int big = 0;

    memset(r, 0, sizeof *r);
    for (; i < len && ref_is_digit(s[i]); i++) {
        whole = whole * 10 + (s[i] - '0');
        if (whole > 1000) {
            big = 1;
            whole = 1000;
        }
    }
    if (i == 0)
        return;
    if (i < len && s[i] == '.') {
        size_t start = ++i;
        for (; i < len && ref_is_digit(s[i]); i++)
            ;
        if (i == start)
            return;
        for (k = 0; k < 4; k++)
            frac = frac * 10 + (start + k < i ? s[start + k] - '0' : 0);
        for (k = start + 4; k < i; k++) {
            if (s[k] != '0')
                return; /* finer than a ppm */
            r->open_case = 1;
        }
    }
    if (i < len && s[i] == '%')
        i++;
    if (i != len || big || whole * 10000 + frac > SLA_PPM_ONE)
        return;
    r->valid = 1;
    r->ppm = whole * 10000 + frac;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = data ? (const char *)data : "";
    struct sla_error err;
    struct ref_result want;
    int32_t ppm = -1, ppm2 = -1;
    char buf[SLA_PERCENT_SIZE], buf2[SLA_PERCENT_SIZE + 1];
    int rc, n;

    ref_parse(s, size, &want);
    fuzz_error_poison(&err);
    rc = sla_ppm_parse_percent(&ppm, s, size, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE, data, size);
        fuzz_error_check(&err, data, size);
        /* Refused a percentage the documented grammar accepts. */
        FUZZ_CHECK(!want.valid || want.open_case, data, size);
        return 0;
    }
    FUZZ_CHECK(want.valid, data, size); /* accepted an invalid percentage */
    FUZZ_CHECK(ppm >= 0 && ppm <= SLA_PPM_ONE, data, size);
    FUZZ_CHECK(ppm == want.ppm, data, size);

    n = sla_ppm_format_percent(buf, sizeof buf, ppm);
    FUZZ_CHECK(n > 0 && (size_t)n < sizeof buf, data, size);
    FUZZ_CHECK(strlen(buf) == (size_t)n, data, size);
    fuzz_error_poison(&err);
    FUZZ_CHECK(sla_ppm_parse_percent(&ppm2, buf, (size_t)n, &err) == 0, data,
               size);
    FUZZ_CHECK(ppm2 == ppm, data, size);
    /* The same text with '%' reads the same. */
    memcpy(buf2, buf, (size_t)n);
    buf2[n] = '%';
    FUZZ_CHECK(sla_ppm_parse_percent(&ppm2, buf2, (size_t)n + 1, NULL) == 0,
               data, size);
    FUZZ_CHECK(ppm2 == ppm, data, size);
    return 0;
}
