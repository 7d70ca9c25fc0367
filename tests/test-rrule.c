/* SPDX-License-Identifier: MIT */
#include "testlib.h"

START_TEST(placeholder)
{
    ck_assert_int_eq(sla_version() / 1000000, SLA_VERSION_MAJOR);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rrule");
    TCase *tc = sla_tcase("placeholder");
    tcase_add_test(tc, placeholder);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
