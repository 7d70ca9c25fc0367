/* SPDX-License-Identifier: MIT */
/* Shared scaffolding of the Check suites. */
#ifndef SLA_TESTLIB_H
#define SLA_TESTLIB_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sla.h>

/* A test case with a generous timeout: the exhaustive checks walk millions
 * of days and run under valgrind too. Speed is judged by the benchmarks. */
static inline TCase *sla_tcase(const char *name)
{
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 600);
    return tc;
}

/* Run one suite; the exit status says whether every test passed. */
static inline int sla_run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* A parser's error record says what the contract promises: the code, a
 * byte offset in [lo, hi] on line 1 with column = offset + 1, and a
 * non-empty NUL-terminated sentence mentioning needle (if given). */
static inline void sla_test_check_record(const struct sla_error *err, int code,
                                         const char *text, int64_t lo,
                                         int64_t hi, const char *needle)
{
    if (err->code != code)
        ck_abort_msg("'%s': err.code %d, expected %d", text, (int)err->code,
                     code);
    if (err->offset < lo || err->offset > hi)
        ck_abort_msg("'%s': err.offset %lld not in [%lld, %lld] (%s)", text,
                     (long long)err->offset, (long long)lo, (long long)hi,
                     err->message);
    if (err->line != 1 || err->column != err->offset + 1)
        ck_abort_msg("'%s': line %d column %d for offset %lld", text,
                     (int)err->line, (int)err->column, (long long)err->offset);
    if (!memchr(err->message, '\0', sizeof err->message) || !err->message[0])
        ck_abort_msg("'%s': empty or unterminated message", text);
    if (needle && !strstr(err->message, needle))
        ck_abort_msg("'%s': message '%s' does not mention '%s'", text,
                     err->message, needle);
}

/* A small deterministic generator (SplitMix64) for the random model tests,
 * so every run and every machine sees the same inputs. */
static inline uint64_t sla_test_rand(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Uniform-ish value in [0, n). */
static inline uint64_t sla_test_below(uint64_t *state, uint64_t n)
{
    return sla_test_rand(state) % n;
}

#endif
