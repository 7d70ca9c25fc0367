/* SPDX-License-Identifier: MIT */
/* Version and error-message functions. */
#include <stdio.h>

#include "testlib.h"

START_TEST(runtime_matches_macros)
{
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", SLA_VERSION_MAJOR,
             SLA_VERSION_MINOR, SLA_VERSION_PATCH);
    ck_assert_str_eq(sla_version_string(), expect);
    ck_assert_str_eq(sla_version_string(), SLA_VERSION_STRING);
    ck_assert_uint_eq(sla_version(), SLA_VERSION_NUMBER);
    ck_assert_uint_eq(sla_version(), (uint32_t)SLA_VERSION_MAJOR * 1000000u +
                                         (uint32_t)SLA_VERSION_MINOR * 1000u +
                                         (uint32_t)SLA_VERSION_PATCH);
}
END_TEST

START_TEST(strerror_known_codes)
{
    static const struct {
        int code;
        const char *text;
    } cases[] = {
        {SLA_OK, "success"},
        {SLA_EINVAL, "invalid argument"},
        {SLA_ENOMEM, "out of memory"},
        {SLA_EOVERFLOW, "time arithmetic overflow"},
        {SLA_ERANGE, "value out of the representable range"},
        {SLA_EPARSE, "text could not be parsed"},
        {SLA_ENOSPC, "output buffer too small"},
        {SLA_ENOTFOUND, "no such item"},
        {SLA_EUNSUPPORTED, "unsupported feature"},
        {SLA_EIO, "input/output error"},
        {SLA_EAMBIGUOUS, "civil time is skipped or repeated in the time zone"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_str_eq(sla_strerror(cases[i].code), cases[i].text);
}
END_TEST

START_TEST(strerror_unknown_codes)
{
    ck_assert_str_eq(sla_strerror(1), "unknown error");
    ck_assert_str_eq(sla_strerror(-11), "unknown error");
    ck_assert_str_eq(sla_strerror(INT32_MIN), "unknown error");
}
END_TEST

START_TEST(codes_are_distinct_and_negative)
{
    const int codes[] = {SLA_EINVAL,   SLA_ENOMEM,    SLA_EOVERFLOW,
                         SLA_ERANGE,   SLA_EPARSE,    SLA_ENOSPC,
                         SLA_ENOTFOUND, SLA_EUNSUPPORTED, SLA_EIO,
                         SLA_EAMBIGUOUS};
    size_t i, j, n = sizeof codes / sizeof codes[0];
    for (i = 0; i < n; i++) {
        ck_assert_int_lt(codes[i], 0);
        for (j = i + 1; j < n; j++)
            ck_assert_int_ne(codes[i], codes[j]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("version");
    TCase *tc = sla_tcase("version");
    tcase_add_test(tc, runtime_matches_macros);
    tcase_add_test(tc, strerror_known_codes);
    tcase_add_test(tc, strerror_unknown_codes);
    tcase_add_test(tc, codes_are_distinct_and_negative);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
