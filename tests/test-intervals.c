/* SPDX-License-Identifier: MIT */
/* Interval sets: the documented API and error codes, hand-worked cases, a
 * brute-force model on small random sets, and large sets against a
 * reference normalisation written here (qsort, then merge). */
#include <inttypes.h>
#include <stdio.h>

#include "testlib.h"

/* An assertion for hot loops: Check's own macros record a mark point on
 * every success, which is slow over millions of checks. */
#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (!(cond))                                                          \
            ck_abort_msg(__VA_ARGS__);                                        \
    } while (0)

#define IV "[%" PRId64 ", %" PRId64 ")"

/* Trial counts shrink under valgrind (about 30 times slower). */
static int under_valgrind(void)
{
    const char *v = getenv("SLA_TEST_VALGRIND");
    return v && *v && strcmp(v, "0") != 0;
}

static struct sla_intervals *new_set(void)
{
    struct sla_intervals *s = NULL;
    ck_assert_int_eq(sla_intervals_new(&s), 0);
    ck_assert_ptr_nonnull(s);
    return s;
}

static void add_at(struct sla_intervals *s, int64_t start, int64_t end,
                   int line)
{
    int rc = sla_intervals_add(s, start, end);
    CHECK(rc == 0, "line %d: add " IV " returned %d", line, start, end, rc);
}
#define ADD(s, a, b) add_at((s), (a), (b), __LINE__)

/* The set must be exactly the listed intervals, in this order, and index n
 * must be past the end. */
static void expect_set(struct sla_intervals *s, const struct sla_interval *exp,
                       size_t n, int line)
{
    size_t i, count = sla_intervals_count(s);
    struct sla_interval iv;
    int rc;
    CHECK(count == n, "line %d: %zu intervals, expected %zu", line, count, n);
    for (i = 0; i < n; i++) {
        iv.start = iv.end = -777;
        rc = sla_intervals_get(&iv, s, i);
        CHECK(rc == 0 && iv.start == exp[i].start && iv.end == exp[i].end,
              "line %d: interval %zu is " IV " (rc %d), expected " IV, line,
              i, iv.start, iv.end, rc, exp[i].start, exp[i].end);
    }
    rc = sla_intervals_get(&iv, s, n);
    CHECK(rc == SLA_ENOTFOUND, "line %d: get(%zu) returned %d", line, n, rc);
}
#define EXPECT(s, ...)                                                        \
    expect_set((s), (const struct sla_interval[]){__VA_ARGS__},              \
               sizeof((const struct sla_interval[]){__VA_ARGS__}) /          \
                   sizeof(struct sla_interval),                              \
               __LINE__)
#define EXPECT_EMPTY(s) expect_set((s), NULL, 0, __LINE__)

static void expect_measure_at(struct sla_intervals *s, int64_t want, int line)
{
    int64_t m = -777;
    int rc = sla_intervals_measure(&m, s);
    CHECK(rc == 0 && m == want, "line %d: measure %" PRId64 " (rc %d), "
          "expected %" PRId64, line, m, rc, want);
}
#define EXPECT_MEASURE(s, want) expect_measure_at((s), (want), __LINE__)

/* ------------------------------------------------------------------ */
/* The API, function by function.                                      */

START_TEST(new_and_null_tolerance)
{
    struct sla_intervals *s;
    struct sla_interval iv;
    int64_t m = 99;

    ck_assert_int_eq(sla_intervals_new(NULL), SLA_EINVAL);

    s = new_set();
    ck_assert_uint_eq(sla_intervals_count(s), 0);
    ck_assert_int_eq(sla_intervals_measure(&m, s), 0);
    ck_assert_int_eq(m, 0);
    ck_assert_int_eq(sla_intervals_contains(s, 0), 0);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 0), SLA_ENOTFOUND);

    /* NULL is accepted where documented. */
    sla_intervals_free(NULL);
    sla_intervals_clear(NULL);
    ck_assert_uint_eq(sla_intervals_count(NULL), 0);
    ck_assert_int_eq(sla_intervals_contains(NULL, 0), 0);
    ck_assert_int_eq(sla_intervals_contains(NULL, INT64_MIN), 0);
    ck_assert_int_eq(sla_intervals_contains(NULL, INT64_MAX), 0);

    /* Two sets are independent. */
    {
        struct sla_intervals *t = new_set();
        ck_assert_ptr_ne(s, t);
        ADD(s, 1, 2);
        EXPECT_EMPTY(t);
        EXPECT(s, {1, 2});
        sla_intervals_free(t);
    }
    sla_intervals_free(s);
}
END_TEST

START_TEST(reserve)
{
    struct sla_intervals *s = new_set();
    int64_t i;

    ck_assert_int_eq(sla_intervals_reserve(NULL, 10), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_reserve(s, 0), 0);
    ck_assert_int_eq(sla_intervals_reserve(s, 1000), 0);
    EXPECT_EMPTY(s);
    for (i = 0; i < 1000; i++)
        ADD(s, 3 * i, 3 * i + 2);
    ck_assert_uint_eq(sla_intervals_count(s), 1000);
    /* Less than held: nothing is lost. */
    ck_assert_int_eq(sla_intervals_reserve(s, 10), 0);
    ck_assert_uint_eq(sla_intervals_count(s), 1000);
    /* More than any memory can hold. */
    ck_assert_int_eq(sla_intervals_reserve(s, SIZE_MAX), SLA_ENOMEM);
    ck_assert_uint_eq(sla_intervals_count(s), 1000);
    EXPECT_MEASURE(s, 2000);
    for (i = 0; i < 1000; i++) {
        struct sla_interval iv;
        ck_assert_int_eq(sla_intervals_get(&iv, s, (size_t)i), 0);
        ck_assert_int_eq(iv.start, 3 * i);
        ck_assert_int_eq(iv.end, 3 * i + 2);
    }
    /* Reserving after an out-of-order add keeps the intervals. */
    ADD(s, -10, -5);
    ck_assert_int_eq(sla_intervals_reserve(s, 5000), 0);
    ck_assert_uint_eq(sla_intervals_count(s), 1001);
    ck_assert_int_eq(sla_intervals_contains(s, -7), 1);
    sla_intervals_free(s);
}
END_TEST

START_TEST(add_single)
{
    struct sla_intervals *s = new_set();

    ck_assert_int_eq(sla_intervals_add(NULL, 0, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_add(NULL, 1, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_add(s, 5, 4), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_add(s, INT64_MAX, INT64_MIN), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_add(s, 0, -1), SLA_EINVAL);
    EXPECT_EMPTY(s);

    /* Empty intervals add nothing, wherever they are. */
    ck_assert_int_eq(sla_intervals_add(s, 3, 3), 0);
    ck_assert_int_eq(sla_intervals_add(s, INT64_MIN, INT64_MIN), 0);
    ck_assert_int_eq(sla_intervals_add(s, INT64_MAX, INT64_MAX), 0);
    EXPECT_EMPTY(s);
    ck_assert_int_eq(sla_intervals_contains(s, 3), 0);
    EXPECT_MEASURE(s, 0);

    /* Touching intervals merge, in either order. */
    ADD(s, 1, 3);
    ADD(s, 3, 5);
    EXPECT(s, {1, 5});
    sla_intervals_clear(s);
    ADD(s, 3, 5);
    ADD(s, 1, 3);
    EXPECT(s, {1, 5});

    /* Contained, overlapping, touching on the left, a gap of one. */
    sla_intervals_clear(s);
    ADD(s, 0, 10);
    ADD(s, 2, 4);
    EXPECT(s, {0, 10});
    ADD(s, -5, 0);
    ADD(s, 10, 10);
    ADD(s, 11, 12);
    EXPECT(s, {-5, 10}, {11, 12});
    ADD(s, 8, 11);
    EXPECT(s, {-5, 12});
    /* An empty interval inside a gap does not join its neighbours. */
    ADD(s, 20, 30);
    ADD(s, 15, 15);
    ADD(s, 12, 12);
    EXPECT(s, {-5, 12}, {20, 30});

    /* A refused add leaves the set as it was. */
    ADD(s, -100, -90);
    ck_assert_int_eq(sla_intervals_add(s, 50, 40), SLA_EINVAL);
    EXPECT(s, {-100, -90}, {-5, 12}, {20, 30});
    sla_intervals_free(s);
}
END_TEST

START_TEST(add_many)
{
    struct sla_intervals *s = new_set();
    static const struct sla_interval ok[] = {
        {5, 7}, {1, 3}, {3, 4}, {9, 9}, {8, 12}, {11, 11}};
    struct sla_interval bad[3] = {{20, 30}, {40, 35}, {50, 60}};
    static const struct sla_interval empties[] = {{1, 1}, {7, 7}, {-4, -4}};
    int k;

    ck_assert_int_eq(sla_intervals_add_many(NULL, ok, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_add_many(NULL, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_add_many(s, NULL, 3), SLA_EINVAL);
    EXPECT_EMPTY(s);
    ck_assert_int_eq(sla_intervals_add_many(s, NULL, 0), 0);
    EXPECT_EMPTY(s);

    ck_assert_int_eq(sla_intervals_add_many(s, ok, 6), 0);
    EXPECT(s, {1, 4}, {5, 7}, {8, 12});
    ck_assert_int_eq(sla_intervals_add_many(s, empties, 3), 0);
    EXPECT(s, {1, 4}, {5, 7}, {8, 12});

    /* All or nothing, with the inverted interval first, inside or last,
     * in time order and after an out-of-order add. */
    for (k = 0; k < 3; k++) {
        bad[0] = (struct sla_interval){20, 30};
        bad[1] = (struct sla_interval){50, 60};
        bad[2] = (struct sla_interval){-40, -30};
        bad[k] = (struct sla_interval){45, 44};
        sla_intervals_clear(s);
        ADD(s, 0, 10);
        ck_assert_int_eq(sla_intervals_add_many(s, bad, 3), SLA_EINVAL);
        EXPECT(s, {0, 10});
        ADD(s, -20, -15); /* out of order: inserted at the front */
        ck_assert_int_eq(sla_intervals_add_many(s, bad, 3), SLA_EINVAL);
        EXPECT(s, {-20, -15}, {0, 10});
        ADD(s, 100, 110);
        ADD(s, 90, 95);
        ck_assert_int_eq(sla_intervals_add_many(s, bad, 3), SLA_EINVAL);
        EXPECT(s, {-20, -15}, {0, 10}, {90, 95}, {100, 110});
        EXPECT_MEASURE(s, 30);
    }

    /* In time order: touching the last one merges. */
    sla_intervals_clear(s);
    ADD(s, 0, 10);
    EXPECT(s, {0, 10});
    {
        static const struct sla_interval more[] = {
            {10, 20}, {30, 40}, {40, 40}, {41, 45}};
        ck_assert_int_eq(sla_intervals_add_many(s, more, 4), 0);
        EXPECT(s, {0, 20}, {30, 40}, {41, 45});
    }
    /* Extreme values. */
    {
        static const struct sla_interval ext[] = {
            {INT64_MAX - 1, INT64_MAX}, {INT64_MIN, INT64_MIN + 1}};
        ck_assert_int_eq(sla_intervals_add_many(s, ext, 2), 0);
        EXPECT(s, {INT64_MIN, INT64_MIN + 1}, {0, 20}, {30, 40}, {41, 45},
               {INT64_MAX - 1, INT64_MAX});
    }
    sla_intervals_free(s);
}
END_TEST

START_TEST(copy)
{
    struct sla_intervals *src = new_set(), *dst = new_set();

    ck_assert_int_eq(sla_intervals_copy(NULL, src), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_copy(dst, NULL), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_copy(NULL, NULL), SLA_EINVAL);

    ADD(src, 10, 20);
    ADD(src, 0, 5);
    ADD(src, 5, 7);
    ADD(dst, 100, 200);
    ADD(dst, 50, 60);
    ck_assert_int_eq(sla_intervals_copy(dst, src), 0);
    EXPECT(dst, {0, 7}, {10, 20});
    EXPECT(src, {0, 7}, {10, 20});

    /* The copy is independent of its source. */
    ADD(dst, 30, 40);
    EXPECT(src, {0, 7}, {10, 20});
    sla_intervals_clear(src);
    EXPECT(dst, {0, 7}, {10, 20}, {30, 40});

    /* Copying an empty set empties the destination. */
    ck_assert_int_eq(sla_intervals_copy(dst, src), 0);
    EXPECT_EMPTY(dst);

    /* Onto itself: the set is kept. */
    ADD(src, 8, 9);
    ADD(src, 1, 2);
    ADD(src, 2, 3);
    ck_assert_int_eq(sla_intervals_copy(src, src), 0);
    EXPECT(src, {1, 3}, {8, 9});

    /* A large copy into a small destination grows it. */
    {
        int64_t i;
        sla_intervals_clear(src);
        for (i = 1000; i-- > 0;)
            ADD(src, INT64_MIN + 4 * i, INT64_MIN + 4 * i + 3);
        ck_assert_int_eq(sla_intervals_copy(dst, src), 0);
        ck_assert_uint_eq(sla_intervals_count(dst), 1000);
        EXPECT_MEASURE(dst, 3000);
        ck_assert_int_eq(sla_intervals_contains(dst, INT64_MIN), 1);
        ck_assert_int_eq(sla_intervals_contains(dst, INT64_MIN + 3), 0);
        ck_assert_int_eq(sla_intervals_contains(dst, INT64_MIN + 3998), 1);
    }
    sla_intervals_free(src);
    sla_intervals_free(dst);
}
END_TEST

START_TEST(clear)
{
    struct sla_intervals *s = new_set();

    ADD(s, 50, 60);
    ADD(s, 0, 10);
    sla_intervals_clear(s);
    EXPECT_EMPTY(s);
    EXPECT_MEASURE(s, 0);
    ck_assert_int_eq(sla_intervals_contains(s, 5), 0);
    ck_assert_int_eq(sla_intervals_contains(s, 55), 0);

    /* After clearing, out-of-order adds still sort. */
    ADD(s, 50, 60);
    ADD(s, 0, 10);
    sla_intervals_clear(s);
    ADD(s, 5, 6);
    ADD(s, 1, 2);
    EXPECT(s, {1, 2}, {5, 6});

    /* After clearing, nothing joins the old intervals. */
    sla_intervals_clear(s);
    ADD(s, 0, 10);
    EXPECT(s, {0, 10});
    sla_intervals_clear(s);
    ADD(s, 5, 20);
    EXPECT(s, {5, 20});
    ADD(s, 21, 22);
    EXPECT(s, {5, 20}, {21, 22});
    sla_intervals_free(s);
}
END_TEST

START_TEST(always_normalised)
{
    struct sla_intervals *s = new_set();
    static const unsigned char held[32] = {
        0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
    int64_t t;

    ADD(s, 7, 9);
    ADD(s, 1, 3);
    ADD(s, 3, 5);
    ADD(s, 2, 4);
    ADD(s, 25, 30);
    ADD(s, 20, 26);
    ADD(s, 9, 10);
    ADD(s, 21, 22);
    /* Every add keeps the set normalised. */
    EXPECT(s, {1, 5}, {7, 10}, {20, 30});
    for (t = -1; t < 32; t++)
        ck_assert_int_eq(sla_intervals_contains(s, t), t >= 0 && held[t]);
    /* Adding in order keeps merging touching ones. */
    ADD(s, 30, 31);
    ADD(s, 40, 41);
    EXPECT(s, {1, 5}, {7, 10}, {20, 31}, {40, 41});
    /* A cleared set is empty. */
    sla_intervals_clear(s);
    EXPECT_EMPTY(s);
    sla_intervals_free(s);
}
END_TEST

START_TEST(count_and_get)
{
    struct sla_intervals *s = new_set();
    struct sla_interval iv = {-1, -1};

    ck_assert_int_eq(sla_intervals_get(NULL, s, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_get(&iv, NULL, 0), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 0), SLA_ENOTFOUND);
    ADD(s, 30, 40);
    ADD(s, 10, 20);
    ADD(s, 20, 25);
    ck_assert_int_eq(sla_intervals_get(NULL, s, 0), SLA_EINVAL);
    ck_assert_uint_eq(sla_intervals_count(s), 2);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 0), 0);
    ck_assert_int_eq(iv.start, 10);
    ck_assert_int_eq(iv.end, 25);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 1), 0);
    ck_assert_int_eq(iv.start, 30);
    ck_assert_int_eq(iv.end, 40);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 2), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 3), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_intervals_get(&iv, s, SIZE_MAX), SLA_ENOTFOUND);
    /* An out-of-order add goes to its place at once. */
    ADD(s, 0, 5);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 0), 0);
    ck_assert_int_eq(iv.start, 0);
    ck_assert_int_eq(iv.end, 5);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 3), SLA_ENOTFOUND);
    ck_assert_int_eq(sla_intervals_get(&iv, s, 2), 0);
    ck_assert_int_eq(iv.start, 30);
    sla_intervals_free(s);
}
END_TEST

START_TEST(contains)
{
    struct sla_intervals *s = new_set();

    ADD(s, 30, 40);
    ADD(s, 10, 20);
    ck_assert_int_eq(sla_intervals_contains(s, 9), 0);
    ck_assert_int_eq(sla_intervals_contains(s, 10), 1);
    ck_assert_int_eq(sla_intervals_contains(s, 19), 1);
    ck_assert_int_eq(sla_intervals_contains(s, 20), 0);
    ck_assert_int_eq(sla_intervals_contains(s, 29), 0);
    ck_assert_int_eq(sla_intervals_contains(s, 30), 1);
    ck_assert_int_eq(sla_intervals_contains(s, 39), 1);
    ck_assert_int_eq(sla_intervals_contains(s, 40), 0);
    ck_assert_int_eq(sla_intervals_contains(s, INT64_MIN), 0);
    ck_assert_int_eq(sla_intervals_contains(s, INT64_MAX), 0);

    sla_intervals_clear(s);
    ADD(s, INT64_MIN, INT64_MAX);
    ck_assert_int_eq(sla_intervals_contains(s, INT64_MIN), 1);
    ck_assert_int_eq(sla_intervals_contains(s, 0), 1);
    ck_assert_int_eq(sla_intervals_contains(s, INT64_MAX - 1), 1);
    ck_assert_int_eq(sla_intervals_contains(s, INT64_MAX), 0);
    sla_intervals_free(s);
}
END_TEST

START_TEST(measure)
{
    struct sla_intervals *s = new_set();
    int64_t m = 0;

    ck_assert_int_eq(sla_intervals_measure(NULL, s), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_measure(&m, NULL), SLA_EINVAL);
    EXPECT_MEASURE(s, 0);

    /* Overlapping time counts once. */
    ADD(s, 5, 15);
    ADD(s, 0, 10);
    ADD(s, 20, 25);
    ADD(s, 21, 22);
    EXPECT_MEASURE(s, 20);

    /* [INT64_MIN, 0) + [0, INT64_MAX) is one interval of 2^64 - 1. */
    sla_intervals_clear(s);
    ADD(s, INT64_MIN, 0);
    ADD(s, 0, INT64_MAX);
    EXPECT(s, {INT64_MIN, INT64_MAX});
    ck_assert_int_eq(sla_intervals_measure(&m, s), SLA_EOVERFLOW);

    /* One interval of exactly INT64_MAX fits; one more does not. */
    sla_intervals_clear(s);
    ADD(s, 0, INT64_MAX);
    EXPECT_MEASURE(s, INT64_MAX);
    sla_intervals_clear(s);
    ADD(s, INT64_MIN, -1);
    EXPECT_MEASURE(s, INT64_MAX);
    sla_intervals_clear(s);
    ADD(s, -1, INT64_MAX);
    ck_assert_int_eq(sla_intervals_measure(&m, s), SLA_EOVERFLOW);
    sla_intervals_clear(s);
    ADD(s, INT64_MIN, 0);
    ck_assert_int_eq(sla_intervals_measure(&m, s), SLA_EOVERFLOW);

    /* Two pieces: exactly INT64_MAX in total, then one over. */
    sla_intervals_clear(s);
    ADD(s, 0, INT64_MAX - 10);
    ADD(s, INT64_MIN, INT64_MIN + 10);
    EXPECT_MEASURE(s, INT64_MAX);
    ADD(s, INT64_MIN + 10, INT64_MIN + 11);
    ck_assert_uint_eq(sla_intervals_count(s), 2);
    ck_assert_int_eq(sla_intervals_measure(&m, s), SLA_EOVERFLOW);

    /* Each piece fits, their sum does not. */
    sla_intervals_clear(s);
    ADD(s, INT64_MIN, -2);
    ADD(s, 0, INT64_MAX);
    ck_assert_uint_eq(sla_intervals_count(s), 2);
    ck_assert_int_eq(sla_intervals_measure(&m, s), SLA_EOVERFLOW);

    /* Tiny intervals at both ends of the range. */
    sla_intervals_clear(s);
    ADD(s, INT64_MAX - 1, INT64_MAX);
    ADD(s, INT64_MIN, INT64_MIN + 1);
    EXPECT_MEASURE(s, 2);
    sla_intervals_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The set algebra.                                                    */

typedef int (*binop)(struct sla_intervals *, const struct sla_intervals *,
                     const struct sla_intervals *);

START_TEST(set_ops_null)
{
    static const binop ops[3] = {sla_intervals_union, sla_intervals_intersect,
                                 sla_intervals_subtract};
    struct sla_intervals *a = new_set(), *b = new_set();
    int i;

    ADD(a, 0, 10);
    ADD(b, 5, 15);
    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(ops[i](NULL, a, b), SLA_EINVAL);
        ck_assert_int_eq(ops[i](a, NULL, b), SLA_EINVAL);
        ck_assert_int_eq(ops[i](a, a, NULL), SLA_EINVAL);
        ck_assert_int_eq(ops[i](NULL, NULL, NULL), SLA_EINVAL);
        EXPECT(a, {0, 10});
        EXPECT(b, {5, 15});
    }
    sla_intervals_free(a);
    sla_intervals_free(b);
}
END_TEST

START_TEST(union_cases)
{
    struct sla_intervals *a = new_set(), *b = new_set(), *d = new_set();

    ADD(a, 10, 20);
    ADD(a, 1, 3);
    ADD(b, 30, 31);
    ADD(b, 3, 5);
    ADD(b, 15, 25);
    ADD(d, 1000, 2000); /* replaced by the result */
    ADD(d, 500, 600);
    ck_assert_int_eq(sla_intervals_union(d, a, b), 0);
    EXPECT(d, {1, 5}, {10, 25}, {30, 31});
    EXPECT(a, {1, 3}, {10, 20});
    EXPECT(b, {3, 5}, {15, 25}, {30, 31});

    /* With an empty set, either side. */
    sla_intervals_clear(b);
    ck_assert_int_eq(sla_intervals_union(d, a, b), 0);
    EXPECT(d, {1, 3}, {10, 20});
    ck_assert_int_eq(sla_intervals_union(d, b, a), 0);
    EXPECT(d, {1, 3}, {10, 20});
    ck_assert_int_eq(sla_intervals_union(d, b, b), 0);
    EXPECT_EMPTY(d);

    /* A gap of one instant survives; adding in order after the union
     * still merges touching intervals. */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, 0, 4);
    ADD(b, 5, 9);
    ck_assert_int_eq(sla_intervals_union(d, a, b), 0);
    EXPECT(d, {0, 4}, {5, 9});
    ADD(d, 9, 12);
    EXPECT(d, {0, 4}, {5, 12});
    sla_intervals_free(a);
    sla_intervals_free(b);
    sla_intervals_free(d);
}
END_TEST

START_TEST(intersect_cases)
{
    struct sla_intervals *a = new_set(), *b = new_set(), *d = new_set();

    ADD(a, 20, 30);
    ADD(a, 0, 10);
    ADD(b, 5, 25);
    ADD(d, 7, 8);
    ck_assert_int_eq(sla_intervals_intersect(d, a, b), 0);
    EXPECT(d, {5, 10}, {20, 25});
    ck_assert_int_eq(sla_intervals_intersect(d, b, a), 0);
    EXPECT(d, {5, 10}, {20, 25});
    EXPECT(a, {0, 10}, {20, 30});
    EXPECT(b, {5, 25});

    /* Touching intervals share no instant. */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, 0, 5);
    ADD(b, 5, 10);
    ck_assert_int_eq(sla_intervals_intersect(d, a, b), 0);
    EXPECT_EMPTY(d);

    /* Many small pieces of b inside one interval of a. */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, 2, 9);
    ADD(b, 8, 10);
    ADD(b, 0, 3);
    ADD(b, 4, 5);
    ADD(b, 6, 7);
    ck_assert_int_eq(sla_intervals_intersect(d, a, b), 0);
    EXPECT(d, {2, 3}, {4, 5}, {6, 7}, {8, 9});
    EXPECT_MEASURE(d, 4);

    /* With an empty set. */
    sla_intervals_clear(b);
    ck_assert_int_eq(sla_intervals_intersect(d, a, b), 0);
    EXPECT_EMPTY(d);
    sla_intervals_free(a);
    sla_intervals_free(b);
    sla_intervals_free(d);
}
END_TEST

START_TEST(subtract_cases)
{
    struct sla_intervals *a = new_set(), *b = new_set(), *d = new_set();

    ADD(a, 0, 100);
    ADD(b, 30, 40);
    ADD(b, 10, 20);
    ADD(b, 100, 200);
    ADD(b, -50, 0);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {0, 10}, {20, 30}, {40, 100});
    EXPECT_MEASURE(d, 80);
    ck_assert_int_eq(sla_intervals_subtract(d, b, a), 0);
    EXPECT(d, {-50, 0}, {100, 200});
    EXPECT(a, {0, 100});

    /* Removing what only touches removes nothing. */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, 0, 10);
    ADD(b, 10, 20);
    ADD(b, -5, 0);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {0, 10});

    /* Removing a superset leaves nothing; removing nothing keeps all. */
    sla_intervals_clear(b);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {0, 10});
    ck_assert_int_eq(sla_intervals_subtract(d, b, a), 0);
    EXPECT_EMPTY(d);
    ADD(b, -1, 11);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT_EMPTY(d);

    /* Removing single instants splits an interval. */
    sla_intervals_clear(b);
    ADD(b, 9, 10);
    ADD(b, 0, 1);
    ADD(b, 5, 6);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {1, 5}, {6, 9});
    sla_intervals_free(a);
    sla_intervals_free(b);
    sla_intervals_free(d);
}
END_TEST

START_TEST(aliasing)
{
    struct sla_intervals *a = new_set(), *b = new_set();

    /* union(a, a, b) */
    ADD(a, 3, 5);
    ADD(a, 0, 3);
    ADD(b, 20, 30);
    ADD(b, 5, 10);
    ck_assert_int_eq(sla_intervals_union(a, a, b), 0);
    EXPECT(a, {0, 10}, {20, 30});
    EXPECT(b, {5, 10}, {20, 30});

    /* union(b, a, b) */
    sla_intervals_clear(a);
    ADD(a, 40, 50);
    ADD(a, 30, 35);
    ck_assert_int_eq(sla_intervals_union(b, a, b), 0);
    EXPECT(b, {5, 10}, {20, 35}, {40, 50});
    EXPECT(a, {30, 35}, {40, 50});

    /* intersect(b, a, b) and intersect(a, a, b) */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, 0, 10);
    ADD(b, 12, 15);
    ADD(b, 5, 11);
    ck_assert_int_eq(sla_intervals_intersect(b, a, b), 0);
    EXPECT(b, {5, 10});
    EXPECT(a, {0, 10});
    sla_intervals_clear(b);
    ADD(b, 9, 20);
    ADD(b, -3, 1);
    ck_assert_int_eq(sla_intervals_intersect(a, a, b), 0);
    EXPECT(a, {0, 1}, {9, 10});
    EXPECT(b, {-3, 1}, {9, 20});

    /* subtract(a, a, b) and subtract(b, a, b) */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, 10, 20);
    ADD(a, 0, 10);
    ADD(b, 5, 15);
    ck_assert_int_eq(sla_intervals_subtract(a, a, b), 0);
    EXPECT(a, {0, 5}, {15, 20});
    ck_assert_int_eq(sla_intervals_subtract(b, a, b), 0);
    EXPECT(b, {0, 5}, {15, 20});

    /* The same set as every argument. */
    sla_intervals_clear(a);
    ADD(a, 7, 9);
    ADD(a, 1, 3);
    ADD(a, 3, 4);
    ck_assert_int_eq(sla_intervals_union(a, a, a), 0);
    EXPECT(a, {1, 4}, {7, 9});
    ck_assert_int_eq(sla_intervals_intersect(a, a, a), 0);
    EXPECT(a, {1, 4}, {7, 9});
    ADD(a, 20, 21);
    ADD(a, -5, -4);
    ck_assert_int_eq(sla_intervals_subtract(a, a, a), 0);
    EXPECT_EMPTY(a);
    EXPECT_MEASURE(a, 0);
    ck_assert_int_eq(sla_intervals_contains(a, 1), 0);
    /* The emptied set is still usable. */
    ADD(a, 2, 3);
    ADD(a, 0, 1);
    EXPECT(a, {0, 1}, {2, 3});
    sla_intervals_free(a);
    sla_intervals_free(b);
}
END_TEST

START_TEST(clip)
{
    struct sla_intervals *s = new_set();

    ck_assert_int_eq(sla_intervals_clip(NULL, 0, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_clip(NULL, 1, 0), SLA_EINVAL);

    ADD(s, 40, 50);
    ADD(s, 0, 10);
    ADD(s, 20, 30);
    ck_assert_int_eq(sla_intervals_clip(s, 5, 4), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_clip(s, INT64_MAX, INT64_MIN), SLA_EINVAL);
    EXPECT(s, {0, 10}, {20, 30}, {40, 50});

    ck_assert_int_eq(sla_intervals_clip(s, 5, 35), 0);
    EXPECT(s, {5, 10}, {20, 30});
    /* A span that only touches the intervals keeps nothing. */
    ck_assert_int_eq(sla_intervals_clip(s, 10, 20), 0);
    EXPECT_EMPTY(s);

    /* An empty span leaves an empty set, inside an interval or not. */
    ADD(s, 0, 10);
    ck_assert_int_eq(sla_intervals_clip(s, 5, 5), 0);
    EXPECT_EMPTY(s);
    ADD(s, 0, 10);
    ck_assert_int_eq(sla_intervals_clip(s, 0, 0), 0);
    EXPECT_EMPTY(s);
    ADD(s, 0, 10);
    ck_assert_int_eq(sla_intervals_clip(s, INT64_MIN, INT64_MIN), 0);
    EXPECT_EMPTY(s);

    /* On a dirty set; a span covering everything keeps everything. */
    ADD(s, 30, 40);
    ADD(s, 0, 10);
    ADD(s, 10, 12);
    ck_assert_int_eq(sla_intervals_clip(s, INT64_MIN, INT64_MAX), 0);
    EXPECT(s, {0, 12}, {30, 40});
    ck_assert_int_eq(sla_intervals_clip(s, -100, 100), 0);
    EXPECT(s, {0, 12}, {30, 40});
    /* Clipping one instant inside. */
    ck_assert_int_eq(sla_intervals_clip(s, 31, 32), 0);
    EXPECT(s, {31, 32});
    /* After a clip, in-order adds still merge with the last interval. */
    ADD(s, 32, 35);
    EXPECT(s, {31, 35});
    ADD(s, 36, 37);
    ADD(s, 0, 1);
    EXPECT(s, {0, 1}, {31, 35}, {36, 37});
    sla_intervals_free(s);
}
END_TEST

START_TEST(extremes)
{
    struct sla_intervals *a = new_set(), *b = new_set(), *d = new_set();
    int64_t m;

    /* Sorting and merging at the ends of the range. */
    ADD(a, INT64_MAX - 10, INT64_MAX);
    ADD(a, 0, 1);
    ADD(a, INT64_MIN, INT64_MIN + 10);
    ADD(a, INT64_MIN + 10, INT64_MIN + 20);
    ADD(a, INT64_MAX - 20, INT64_MAX - 10);
    EXPECT(a, {INT64_MIN, INT64_MIN + 20}, {0, 1},
           {INT64_MAX - 20, INT64_MAX});
    EXPECT_MEASURE(a, 41);
    ck_assert_int_eq(sla_intervals_contains(a, INT64_MIN), 1);
    ck_assert_int_eq(sla_intervals_contains(a, INT64_MIN + 20), 0);
    ck_assert_int_eq(sla_intervals_contains(a, INT64_MAX - 1), 1);
    ck_assert_int_eq(sla_intervals_contains(a, INT64_MAX), 0);
    ck_assert_int_eq(sla_intervals_copy(d, a), 0);
    EXPECT(d, {INT64_MIN, INT64_MIN + 20}, {0, 1},
           {INT64_MAX - 20, INT64_MAX});

    /* union */
    sla_intervals_clear(a);
    ADD(a, INT64_MIN, 0);
    ADD(b, 0, INT64_MAX);
    ck_assert_int_eq(sla_intervals_union(d, a, b), 0);
    EXPECT(d, {INT64_MIN, INT64_MAX});
    ck_assert_int_eq(sla_intervals_measure(&m, d), SLA_EOVERFLOW);
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, INT64_MIN, INT64_MIN + 1);
    ADD(b, INT64_MAX - 1, INT64_MAX);
    ck_assert_int_eq(sla_intervals_union(d, b, a), 0);
    EXPECT(d, {INT64_MIN, INT64_MIN + 1}, {INT64_MAX - 1, INT64_MAX});

    /* intersect */
    sla_intervals_clear(a);
    sla_intervals_clear(b);
    ADD(a, INT64_MIN, INT64_MAX);
    ADD(b, 7, INT64_MAX);
    ADD(b, INT64_MIN, -5);
    ck_assert_int_eq(sla_intervals_intersect(d, a, b), 0);
    EXPECT(d, {INT64_MIN, -5}, {7, INT64_MAX});
    sla_intervals_clear(b);
    ADD(b, INT64_MAX - 1, INT64_MAX);
    ck_assert_int_eq(sla_intervals_intersect(d, b, a), 0);
    EXPECT(d, {INT64_MAX - 1, INT64_MAX});

    /* subtract */
    sla_intervals_clear(b);
    ADD(b, 0, 1);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {INT64_MIN, 0}, {1, INT64_MAX});
    ck_assert_int_eq(sla_intervals_subtract(d, b, a), 0);
    EXPECT_EMPTY(d);
    ck_assert_int_eq(sla_intervals_subtract(d, a, a), 0);
    EXPECT_EMPTY(d);
    sla_intervals_clear(b);
    ADD(b, INT64_MIN, INT64_MIN + 1);
    ADD(b, INT64_MAX - 1, INT64_MAX);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {INT64_MIN + 1, INT64_MAX - 1});
    ck_assert_int_eq(sla_intervals_measure(&m, d), SLA_EOVERFLOW);
    sla_intervals_clear(b);
    ADD(b, INT64_MIN, 0);
    ck_assert_int_eq(sla_intervals_subtract(d, a, b), 0);
    EXPECT(d, {0, INT64_MAX});
    EXPECT_MEASURE(d, INT64_MAX);
    ck_assert_int_eq(sla_intervals_subtract(d, a, d), 0);
    EXPECT(d, {INT64_MIN, 0});
    ck_assert_int_eq(sla_intervals_measure(&m, d), SLA_EOVERFLOW);

    /* clip */
    ck_assert_int_eq(sla_intervals_copy(d, a), 0);
    ck_assert_int_eq(sla_intervals_clip(d, INT64_MIN, INT64_MIN + 3), 0);
    EXPECT(d, {INT64_MIN, INT64_MIN + 3});
    ck_assert_int_eq(sla_intervals_copy(d, a), 0);
    ck_assert_int_eq(sla_intervals_clip(d, INT64_MAX - 1, INT64_MAX), 0);
    EXPECT(d, {INT64_MAX - 1, INT64_MAX});
    ck_assert_int_eq(sla_intervals_copy(d, a), 0);
    ck_assert_int_eq(sla_intervals_clip(d, INT64_MAX, INT64_MAX), 0);
    EXPECT_EMPTY(d);
    ck_assert_int_eq(sla_intervals_copy(d, a), 0);
    ck_assert_int_eq(sla_intervals_clip(d, INT64_MIN, INT64_MAX), 0);
    EXPECT(d, {INT64_MIN, INT64_MAX});
    ck_assert_int_eq(sla_intervals_clip(d, -1, 0), 0);
    EXPECT(d, {-1, 0});
    sla_intervals_free(a);
    sla_intervals_free(b);
    sla_intervals_free(d);
}
END_TEST

/* The case libsla exists for: an outage from 01:50 to 02:10 during which a
 * maintenance window opened at 02:00 (until 04:00) counts 10 minutes. */
START_TEST(outage_minus_maintenance)
{
    const int64_t day = INT64_C(1772323200000); /* 2026-03-01T00:00:00Z */
    const int64_t minute = 60000;
    struct sla_intervals *outage = new_set(), *maint = new_set();
    struct sla_intervals *d = new_set();

    ADD(outage, day + 110 * minute, day + 130 * minute);
    ADD(maint, day + 120 * minute, day + 240 * minute);
    ck_assert_int_eq(sla_intervals_subtract(d, outage, maint), 0);
    EXPECT(d, {INT64_C(1772329800000), INT64_C(1772330400000)});
    EXPECT_MEASURE(d, 600000);
    ck_assert_int_eq(sla_intervals_intersect(d, outage, maint), 0);
    EXPECT_MEASURE(d, 600000);
    ck_assert_int_eq(sla_intervals_union(d, outage, maint), 0);
    EXPECT(d, {INT64_C(1772329800000), INT64_C(1772337600000)});
    EXPECT_MEASURE(d, 130 * minute);
    /* Within the day; the outage counted against the day's budget. */
    ck_assert_int_eq(sla_intervals_subtract(outage, outage, maint), 0);
    ck_assert_int_eq(sla_intervals_clip(outage, day, day + 1440 * minute), 0);
    EXPECT_MEASURE(outage, 10 * minute);
    ck_assert_int_eq(sla_intervals_clip(outage, day + 115 * minute,
                                        day + 1440 * minute), 0);
    EXPECT_MEASURE(outage, 5 * minute);
    sla_intervals_free(outage);
    sla_intervals_free(maint);
    sla_intervals_free(d);
}
END_TEST

/* ------------------------------------------------------------------ */
/* A brute-force model: coordinates 0..SPAN, one boolean per unit cell
 * [t, t + 1).                                                          */

#define SPAN 150
#define MAX_LIST 30

struct list {
    size_t n;
    struct sla_interval iv[MAX_LIST];
};

static uint64_t below(uint64_t *rng, uint64_t n)
{
    return sla_test_below(rng, n);
}

static void sort_list(struct list *l, int descending)
{
    size_t i, j;
    for (i = 1; i < l->n; i++) {
        struct sla_interval x = l->iv[i];
        for (j = i; j > 0 && (descending ? l->iv[j - 1].start < x.start
                                         : l->iv[j - 1].start > x.start);
             j--)
            l->iv[j] = l->iv[j - 1];
        l->iv[j] = x;
    }
}

/* Random intervals: empty, overlapping and touching ones included; in
 * random, ascending (the in-order fast path), descending or nearly sorted
 * order; sometimes many with the same start. */
static void gen_list(uint64_t *rng, struct list *l)
{
    static const int64_t maxlens[] = {1, 2, 4, 10, 40, SPAN};
    int64_t maxlen = maxlens[below(rng, 6)];
    int64_t starts[3];
    unsigned values = (unsigned)below(rng, 4);
    unsigned order = (unsigned)below(rng, 6);
    size_t i, nstarts = 1 + (size_t)below(rng, 3);

    l->n = below(rng, 4) == 0 ? 25 + (size_t)below(rng, 6)
                              : (size_t)below(rng, MAX_LIST + 1);
    for (i = 0; i < nstarts; i++)
        starts[i] = (int64_t)below(rng, SPAN + 1);
    for (i = 0; i < l->n; i++) {
        int64_t s, room;
        if (values == 0)
            s = starts[below(rng, nstarts)]; /* duplicated starts */
        else
            s = (int64_t)below(rng, SPAN + 1);
        room = SPAN - s < maxlen ? SPAN - s : maxlen;
        l->iv[i].start = s;
        l->iv[i].end = below(rng, 8) == 0 ? s
                                          : s + (int64_t)below(rng,
                                                (uint64_t)room + 1);
    }
    switch (order) {
    case 0:
    case 1:
        break; /* as generated */
    case 2:
        sort_list(l, 0);
        break;
    case 3:
        sort_list(l, 1);
        break;
    case 4: /* sorted, then a few swaps */
        sort_list(l, 0);
        if (l->n > 1) {
            for (i = 0; i < 2; i++) {
                size_t x = (size_t)below(rng, l->n), y = (size_t)below(rng, l->n);
                struct sla_interval t = l->iv[x];
                l->iv[x] = l->iv[y];
                l->iv[y] = t;
            }
        }
        break;
    default: /* sorted first half, random second half */
        {
            struct list head = *l;
            head.n = l->n / 2;
            sort_list(&head, 0);
            memcpy(l->iv, head.iv, head.n * sizeof *l->iv);
        }
        break;
    }
}

static void paint(unsigned char *m, const struct list *l)
{
    size_t i;
    int64_t t;
    memset(m, 0, SPAN);
    for (i = 0; i < l->n; i++)
        for (t = l->iv[i].start; t < l->iv[i].end; t++)
            m[t] = 1;
}

/* Fill a set (cleared first) with a list, in one of several ways. */
static void build(struct sla_intervals *s, uint64_t *rng, const struct list *l,
                  unsigned long trial)
{
    size_t i, half;
    int rc;
    sla_intervals_clear(s);
    switch (below(rng, 4)) {
    case 0:
        for (i = 0; i < l->n; i++) {
            rc = sla_intervals_add(s, l->iv[i].start, l->iv[i].end);
            CHECK(rc == 0, "trial %lu: add returned %d", trial, rc);
        }
        break;
    case 1:
        rc = sla_intervals_add_many(s, l->iv, l->n);
        CHECK(rc == 0, "trial %lu: add_many returned %d", trial, rc);
        break;
    case 2: /* half, read, then the rest */
        half = (size_t)below(rng, l->n + 1);
        rc = sla_intervals_add_many(s, l->iv, half);
        CHECK(rc == 0, "trial %lu: add_many returned %d", trial, rc);
        (void)sla_intervals_count(s);
        for (i = half; i < l->n; i++) {
            rc = sla_intervals_add(s, l->iv[i].start, l->iv[i].end);
            CHECK(rc == 0, "trial %lu: add returned %d", trial, rc);
        }
        break;
    default: /* one by one, with refused adds now and then */
        for (i = 0; i < l->n; i++) {
            rc = sla_intervals_add(s, l->iv[i].start, l->iv[i].end);
            CHECK(rc == 0, "trial %lu: add returned %d", trial, rc);
            if (below(rng, 8) == 0) {
                struct sla_interval bad[2] = {{1, 2}, {9, 8}};
                rc = sla_intervals_add(s, 9, 8);
                CHECK(rc == SLA_EINVAL, "trial %lu: add returned %d", trial,
                      rc);
                rc = sla_intervals_add_many(s, bad, 2);
                CHECK(rc == SLA_EINVAL, "trial %lu: add_many returned %d",
                      trial, rc);
            }
        }
        break;
    }
}

/* The set holds exactly the model's instants, in normalised form. */
static void check_model(struct sla_intervals *s, const unsigned char *m,
                        unsigned long trial, const char *what)
{
    struct sla_interval iv, prev = {0, 0};
    size_t count = sla_intervals_count(s), k = 0, i;
    int64_t t = 0, cells = 0, got = -1;
    int rc;

    /* The runs of the model are the intervals of the set, in order. */
    while (t < SPAN) {
        int64_t start;
        if (!m[t]) {
            t++;
            continue;
        }
        start = t;
        while (t < SPAN && m[t])
            t++;
        CHECK(k < count, "trial %lu %s: %zu intervals, the model has more",
              trial, what, count);
        iv.start = iv.end = -777;
        rc = sla_intervals_get(&iv, s, k);
        CHECK(rc == 0 && iv.start == start && iv.end == t,
              "trial %lu %s: interval %zu is " IV " (rc %d), expected " IV,
              trial, what, k, iv.start, iv.end, rc, start, t);
        cells += t - start;
        k++;
    }
    CHECK(k == count, "trial %lu %s: %zu intervals, expected %zu", trial,
          what, count, k);
    rc = sla_intervals_get(&iv, s, count);
    CHECK(rc == SLA_ENOTFOUND, "trial %lu %s: get(count) returned %d", trial,
          what, rc);

    /* The normalised form, stated directly. */
    for (i = 0; i < count; i++) {
        rc = sla_intervals_get(&iv, s, i);
        CHECK(rc == 0, "trial %lu %s: get(%zu) returned %d", trial, what, i,
              rc);
        CHECK(iv.start < iv.end, "trial %lu %s: interval %zu empty", trial,
              what, i);
        CHECK(i == 0 || prev.end < iv.start,
              "trial %lu %s: " IV " then " IV, trial, what, prev.start,
              prev.end, iv.start, iv.end);
        prev = iv;
    }

    rc = sla_intervals_measure(&got, s);
    CHECK(rc == 0 && got == cells,
          "trial %lu %s: measure %" PRId64 " (rc %d), expected %" PRId64,
          trial, what, got, rc, cells);

    for (t = -3; t < SPAN + 3; t++) {
        int want = t >= 0 && t < SPAN && m[t];
        CHECK(sla_intervals_contains(s, t) == want,
              "trial %lu %s: contains(%" PRId64 ") should be %d", trial, what,
              t, want);
    }
    CHECK(!sla_intervals_contains(s, INT64_MIN) &&
              !sla_intervals_contains(s, INT64_MAX),
          "trial %lu %s: contains an extreme instant", trial, what);
}

static int apply_op(int op, int x, int y)
{
    switch (op) {
    case 0: return x || y;
    case 1: return x && y;
    default: return x && !y;
    }
}

static const binop model_ops[3] = {sla_intervals_union,
                                   sla_intervals_intersect,
                                   sla_intervals_subtract};
static const char *const model_op_names[3] = {"union", "intersect",
                                              "subtract"};

START_TEST(random_model)
{
    struct sla_intervals *a = new_set(), *b = new_set(), *d = new_set();
    static struct list la, lb, junk;
    unsigned char ma[SPAN], mb[SPAN], mr[SPAN];
    uint64_t rng = UINT64_C(0x51A1E2024);
    unsigned long trials = under_valgrind() ? 600 : 6000, trial;
    char what[64];
    int op, rc;
    int64_t t;

    for (trial = 0; trial < trials; trial++) {
        gen_list(&rng, &la);
        gen_list(&rng, &lb);
        paint(ma, &la);
        paint(mb, &lb);

        /* The set alone, then each operation on freshly built (dirty)
         * operands, into a fresh, a used or an aliased destination. */
        build(a, &rng, &la, trial);
        check_model(a, ma, trial, "set");
        for (op = 0; op < 3; op++) {
            unsigned alias = (unsigned)below(&rng, 6);
            struct sla_intervals *dst, *x = a, *y = b;
            const unsigned char *my = mb;
            build(a, &rng, &la, trial);
            build(b, &rng, &lb, trial);
            switch (alias) {
            case 0:
                dst = d;
                sla_intervals_clear(d);
                break;
            case 1:
                dst = d;
                gen_list(&rng, &junk);
                build(d, &rng, &junk, trial);
                break;
            case 2:
                dst = a;
                break;
            case 3:
                dst = b;
                break;
            case 4:
                dst = d;
                y = a;
                my = ma;
                break;
            default:
                dst = a;
                y = a;
                my = ma;
                break;
            }
            for (t = 0; t < SPAN; t++)
                mr[t] = (unsigned char)apply_op(op, ma[t], my[t]);
            rc = model_ops[op](dst, x, y);
            snprintf(what, sizeof what, "%s (alias %u)", model_op_names[op],
                     alias);
            CHECK(rc == 0, "trial %lu %s: returned %d", trial, what, rc);
            check_model(dst, mr, trial, what);
            if (dst != a)
                check_model(a, ma, trial, "left operand after op");
            if (dst != b && y == b)
                check_model(b, mb, trial, "right operand after op");
        }

        /* clip, with a random span; sometimes empty, sometimes inverted */
        build(a, &rng, &la, trial);
        {
            int64_t s = (int64_t)below(&rng, SPAN + 21) - 10;
            int64_t e = (int64_t)below(&rng, SPAN + 21) - 10;
            if (below(&rng, 16) == 0 && s != e) {
                if (s < e) {
                    int64_t tmp = s;
                    s = e;
                    e = tmp;
                }
                rc = sla_intervals_clip(a, s, e);
                CHECK(rc == SLA_EINVAL, "trial %lu: clip(%" PRId64
                      ", %" PRId64 ") returned %d", trial, s, e, rc);
                check_model(a, ma, trial, "refused clip");
            } else {
                if (s > e) {
                    int64_t tmp = s;
                    s = e;
                    e = tmp;
                }
                if (below(&rng, 8) == 0)
                    e = s;
                for (t = 0; t < SPAN; t++)
                    mr[t] = (unsigned char)(ma[t] && t >= s && t < e);
                rc = sla_intervals_clip(a, s, e);
                CHECK(rc == 0, "trial %lu: clip(%" PRId64 ", %" PRId64
                      ") returned %d", trial, s, e, rc);
                snprintf(what, sizeof what, "clip [%" PRId64 ", %" PRId64 ")",
                         s, e);
                check_model(a, mr, trial, what);
            }
        }

        /* copy into a used destination */
        build(a, &rng, &la, trial);
        gen_list(&rng, &junk);
        build(d, &rng, &junk, trial);
        rc = sla_intervals_copy(d, a);
        CHECK(rc == 0, "trial %lu: copy returned %d", trial, rc);
        check_model(d, ma, trial, "copy");
        check_model(a, ma, trial, "copied set");
    }
    sla_intervals_free(a);
    sla_intervals_free(b);
    sla_intervals_free(d);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Large sets against a reference: sort a copy with qsort, then merge.  */

static size_t large_n(void)
{
    return under_valgrind() ? 20000 : 100000;
}

static int cmp_interval(const void *x, const void *y)
{
    const struct sla_interval *p = x, *q = y;
    if (p->start != q->start)
        return p->start < q->start ? -1 : 1;
    if (p->end != q->end)
        return p->end < q->end ? -1 : 1;
    return 0;
}

/* The reference normalisation, in place; returns the new count. */
static size_t ref_normalise(struct sla_interval *v, size_t n)
{
    size_t i, w = 0;
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_interval);
    for (i = 0; i < n; i++) {
        if (v[i].start == v[i].end)
            continue;
        if (w > 0 && v[i].start <= v[w - 1].end) {
            if (v[i].end > v[w - 1].end)
                v[w - 1].end = v[i].end;
        } else {
            v[w++] = v[i];
        }
    }
    return w;
}

static struct sla_interval *ref_of(const struct sla_interval *in, size_t n,
                                   size_t *m)
{
    struct sla_interval *ref = malloc((n ? n : 1) * sizeof *ref);
    ck_assert_ptr_nonnull(ref);
    if (n)
        memcpy(ref, in, n * sizeof *ref);
    *m = ref_normalise(ref, n);
    return ref;
}

/* 1 and the total, or 0 when it does not fit int64_t. */
static int ref_measure(const struct sla_interval *r, size_t m, int64_t *out)
{
    uint64_t total = 0;
    size_t i;
    for (i = 0; i < m; i++) {
        uint64_t len = (uint64_t)r[i].end - (uint64_t)r[i].start;
        if (len > (uint64_t)INT64_MAX || total > (uint64_t)INT64_MAX - len)
            return 0;
        total += len;
    }
    *out = (int64_t)total;
    return 1;
}

static int ref_contains(const struct sla_interval *r, size_t m, int64_t t)
{
    size_t lo = 0, hi = m; /* first interval starting after t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r[mid].start <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && t < r[lo - 1].end;
}

static int ref_is_boundary(const struct sla_interval *r, size_t m, int64_t t)
{
    size_t lo = 0, hi = m; /* first interval ending at or after t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r[mid].end < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m && (r[lo].start == t || r[lo].end == t);
}

/* The set equals the reference, interval by interval. */
static void check_against_ref(struct sla_intervals *s,
                              const struct sla_interval *ref, size_t m,
                              const char *what)
{
    size_t count = sla_intervals_count(s), i;
    struct sla_interval iv;
    int64_t want = 0, got = -1;
    int rc, fits;

    CHECK(count == m, "%s: %zu intervals, expected %zu", what, count, m);
    for (i = 0; i < m; i++) {
        iv.start = iv.end = -777;
        rc = sla_intervals_get(&iv, s, i);
        CHECK(rc == 0 && iv.start == ref[i].start && iv.end == ref[i].end,
              "%s: interval %zu is " IV " (rc %d), expected " IV, what, i,
              iv.start, iv.end, rc, ref[i].start, ref[i].end);
    }
    rc = sla_intervals_get(&iv, s, m);
    CHECK(rc == SLA_ENOTFOUND, "%s: get(count) returned %d", what, rc);
    fits = ref_measure(ref, m, &want);
    rc = sla_intervals_measure(&got, s);
    if (fits)
        CHECK(rc == 0 && got == want, "%s: measure %" PRId64 " (rc %d), "
              "expected %" PRId64, what, got, rc, want);
    else
        CHECK(rc == SLA_EOVERFLOW, "%s: measure returned %d, expected "
              "SLA_EOVERFLOW", what, rc);
    for (i = 0; i < m; i++) {
        CHECK(sla_intervals_contains(s, ref[i].start) &&
                  sla_intervals_contains(s, ref[i].end - 1) &&
                  !sla_intervals_contains(s, ref[i].end) &&
                  (ref[i].start == INT64_MIN ||
                   !sla_intervals_contains(s, ref[i].start - 1)),
              "%s: contains wrong around " IV, what, ref[i].start, ref[i].end);
    }
}

/* McIlroy's adversary ("A killer adversary for quicksort", 1999): values
 * are decided lazily while a median-of-three quicksort runs, so that every
 * partition is as lopsided as possible. Fed to an introsort of that shape,
 * the result drives it into its depth limit and heapsort fallback; for any
 * other sort it is simply one more input with distinct starts. */
struct adversary {
    int64_t *val;
    int64_t gas, nsolid;
    size_t candidate;
};

static int adv_less(struct adversary *a, size_t x, size_t y)
{
    if (a->val[x] == a->gas && a->val[y] == a->gas) {
        if (x == a->candidate)
            a->val[x] = a->nsolid++;
        else
            a->val[y] = a->nsolid++;
    }
    if (a->val[x] == a->gas)
        a->candidate = x;
    else if (a->val[y] == a->gas)
        a->candidate = y;
    return a->val[x] < a->val[y];
}

static void adv_swap(size_t *x, size_t *y)
{
    size_t t = *x;
    *x = *y;
    *y = t;
}

static void adv_sort(struct adversary *a, size_t *v, size_t n, int depth)
{
    size_t i, j;
    while (n > 24) {
        size_t mid = n / 2, pivot;
        if (depth-- == 0)
            return; /* the fallback's comparisons need no steering */
        if (adv_less(a, v[mid], v[0]))
            adv_swap(&v[mid], &v[0]);
        if (adv_less(a, v[n - 1], v[mid])) {
            adv_swap(&v[n - 1], &v[mid]);
            if (adv_less(a, v[mid], v[0]))
                adv_swap(&v[mid], &v[0]);
        }
        pivot = v[mid];
        i = 0;
        j = n - 1;
        for (;;) {
            do
                i++;
            while (adv_less(a, v[i], pivot));
            do
                j--;
            while (adv_less(a, pivot, v[j]));
            if (i >= j)
                break;
            adv_swap(&v[i], &v[j]);
        }
        if (j + 1 < n - j - 1) {
            adv_sort(a, v, j + 1, depth);
            v += j + 1;
            n -= j + 1;
        } else {
            adv_sort(a, v + j + 1, n - j - 1, depth);
            n = j + 1;
        }
    }
    for (i = 1; i < n; i++) {
        size_t x = v[i];
        for (j = i; j > 0 && adv_less(a, x, v[j - 1]); j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static void fill_adversary(struct sla_interval *v, size_t n, uint64_t *rng)
{
    struct adversary a;
    size_t *idx = malloc(n * sizeof *idx), i, first_descent = n;
    int depth = 0;
    a.val = malloc(n * sizeof *a.val);
    ck_assert_ptr_nonnull(idx);
    ck_assert_ptr_nonnull(a.val);
    a.gas = (int64_t)n;
    a.nsolid = 0;
    a.candidate = 0;
    for (i = 0; i < n; i++) {
        a.val[i] = a.gas;
        idx[i] = i;
    }
    for (i = n; i > 1; i >>= 1)
        depth += 2;
    adv_sort(&a, idx, n, depth);
    for (i = 0; i < n; i++)
        if (a.val[i] == a.gas)
            a.val[i] = a.nsolid++;
    for (i = 1; i < n && first_descent == n; i++)
        if (a.val[i] < a.val[i - 1])
            first_descent = i;
    /* Starts 4 apart. Until the input first goes backwards, lengths below
     * 4 keep in-order intervals apart, so the set holds the input as is;
     * after that, some touch (4) or overlap (5) the next one. The result
     * has many intervals, so a misplaced one shows. */
    for (i = 0; i < n; i++) {
        v[i].start = a.val[i] * 4;
        v[i].end = v[i].start + 1 +
                   (int64_t)below(rng, i < first_descent ? 3 : 5);
    }
    free(idx);
    free(a.val);
}

enum pattern {
    P_RANDOM,
    P_EXTREMES,
    P_ASCENDING,
    P_DESCENDING,
    P_NEARLY_SORTED,
    P_ORGAN_PIPE,
    P_SAWTOOTH,
    P_EQUAL_STARTS,
    P_FEW_STARTS,
    P_DISJOINT_REVERSED,
    P_ADVERSARY,
    P_COUNT
};

static const char *const pattern_names[P_COUNT] = {
    "random", "extremes", "ascending", "descending", "nearly sorted",
    "organ pipe", "sawtooth", "equal starts", "few starts",
    "disjoint reversed", "adversary"};

/* Starts over +-2^40 ms, lengths so that about as much is covered as not. */
static void fill_random(struct sla_interval *v, size_t n, uint64_t *rng)
{
    uint64_t maxlen = (UINT64_C(1) << 42) / (n ? n : 1);
    size_t i;
    for (i = 0; i < n; i++) {
        v[i].start = (int64_t)below(rng, UINT64_C(1) << 41) -
                     (INT64_C(1) << 40);
        v[i].end = v[i].start +
                   (below(rng, 10) == 0 ? 0 : (int64_t)below(rng, maxlen));
    }
}

static void reverse(struct sla_interval *v, size_t n)
{
    size_t i;
    for (i = 0; i < n / 2; i++) {
        struct sla_interval t = v[i];
        v[i] = v[n - 1 - i];
        v[n - 1 - i] = t;
    }
}

static void fill_pattern(enum pattern p, struct sla_interval *v, size_t n,
                         uint64_t *rng)
{
    size_t i;
    int64_t starts[16];
    switch (p) {
    case P_RANDOM:
        fill_random(v, n, rng);
        break;
    case P_EXTREMES:
        fill_random(v, n, rng);
        for (i = 0; i < n; i += 1 + (size_t)below(rng, 100)) {
            switch (below(rng, 4)) {
            case 0: v[i].start = INT64_MIN; break;
            case 1: v[i].end = INT64_MAX; break;
            case 2: v[i].end = INT64_MIN + (int64_t)below(rng, 5);
                    v[i].start = INT64_MIN;
                    break;
            default: v[i].start = INT64_MAX - (int64_t)below(rng, 5);
                     v[i].end = INT64_MAX;
                     break;
            }
        }
        break;
    case P_ASCENDING:
    case P_DESCENDING:
    case P_NEARLY_SORTED:
    case P_ORGAN_PIPE:
        fill_random(v, n, rng);
        qsort(v, n, sizeof *v, cmp_interval);
        if (p == P_DESCENDING)
            reverse(v, n);
        else if (p == P_ORGAN_PIPE)
            reverse(v + n / 2, n - n / 2);
        else if (p == P_NEARLY_SORTED)
            for (i = 0; i < n / 100 + 1; i++) {
                size_t x = (size_t)below(rng, n), y = (size_t)below(rng, n);
                struct sla_interval t = v[x];
                v[x] = v[y];
                v[y] = t;
            }
        break;
    case P_SAWTOOTH:
        for (i = 0; i < n; i++) {
            v[i].start = (int64_t)(i % 257) * 1000;
            v[i].end = v[i].start + (int64_t)(i % 13) * 100;
        }
        break;
    case P_EQUAL_STARTS:
        for (i = 0; i < n; i++) {
            v[i].start = 42;
            v[i].end = 42 + (int64_t)below(rng, UINT64_C(1) << 20);
        }
        break;
    case P_FEW_STARTS:
        for (i = 0; i < 16; i++)
            starts[i] = (int64_t)below(rng, UINT64_C(1) << 32);
        for (i = 0; i < n; i++) {
            v[i].start = starts[below(rng, 16)];
            v[i].end = v[i].start + (int64_t)below(rng, UINT64_C(1) << 26);
        }
        break;
    case P_DISJOINT_REVERSED:
        for (i = 0; i < n; i++) {
            v[i].start = (int64_t)(n - i) * 10;
            v[i].end = v[i].start + 1 + (int64_t)below(rng, 8);
        }
        break;
    default:
        fill_adversary(v, n, rng);
        break;
    }
}

/* measure_within and view against a cell model: random sets over
 * [0, 200), random spans (some outside, some empty). */
START_TEST(measure_within_and_view)
{
    uint64_t rng = UINT64_C(0x5EED0F5A);
    struct sla_intervals *s = new_set();
    int64_t got;
    int trial, rc;
    for (trial = 0; trial < 3000; trial++) {
        unsigned char cell[200];
        int k, n = (int)below(&rng, 25);
        int64_t a, b, t, want = 0;
        size_t count, i;
        const struct sla_interval *v;
        memset(cell, 0, sizeof cell);
        sla_intervals_clear(s);
        for (k = 0; k < n; k++) {
            int64_t x = (int64_t)below(&rng, 200), y = (int64_t)below(&rng, 200);
            if (x > y) {
                int64_t z = x;
                x = y;
                y = z;
            }
            rc = sla_intervals_add(s, x, y);
            CHECK(rc == 0, "trial %d: add returned %d", trial, rc);
            for (t = x; t < y; t++)
                cell[t] = 1;
        }
        a = (int64_t)below(&rng, 240) - 20;
        b = a + (int64_t)below(&rng, 120);
        for (t = a; t < b; t++)
            if (t >= 0 && t < 200)
                want += cell[t];
        rc = sla_intervals_measure_within(&got, s, a, b);
        CHECK(rc == 0 && got == want, "trial %d: measure_within [%lld, %lld) "
              "gave %d, %lld; model %lld", trial, (long long)a, (long long)b,
              rc, (long long)got, (long long)want);
        v = sla_intervals_view(s, &count);
        CHECK(count == sla_intervals_count(s), "trial %d: view count", trial);
        CHECK((count == 0) == (v == NULL), "trial %d: view pointer", trial);
        for (i = 0; i < count; i++) {
            struct sla_interval iv;
            CHECK(sla_intervals_get(&iv, s, i) == 0 && iv.start == v[i].start &&
                      iv.end == v[i].end,
                  "trial %d: view[%zu] differs from get", trial, i);
        }
    }
    ck_assert_int_eq(sla_intervals_measure_within(&got, s, 5, 4), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_measure_within(NULL, s, 0, 1), SLA_EINVAL);
    ck_assert_int_eq(sla_intervals_measure_within(&got, NULL, 0, 1), SLA_EINVAL);
    sla_intervals_clear(s);
    ck_assert_int_eq(sla_intervals_add(s, INT64_MIN, INT64_MAX), 0);
    ck_assert_int_eq(sla_intervals_measure_within(&got, s, INT64_MIN, INT64_MAX),
                     SLA_EOVERFLOW);
    ck_assert_int_eq(sla_intervals_measure_within(&got, s, -5, 5), 0);
    ck_assert_int_eq(got, 10);
    {
        size_t c = 99;
        ck_assert_ptr_null(sla_intervals_view(NULL, &c));
        ck_assert_uint_eq(c, 0);
        ck_assert_ptr_nonnull(sla_intervals_view(s, NULL));
    }
    sla_intervals_free(s);
}
END_TEST

START_TEST(large_sets)
{
    size_t n = large_n(), m, i, k, third;
    struct sla_interval *in = malloc(n * sizeof *in), *ref;
    struct sla_intervals *s = new_set();
    uint64_t rng = UINT64_C(0xB16B00B5);
    int p, rc;
    char what[80];

    ck_assert_ptr_nonnull(in);
    for (p = 0; p < P_COUNT; p++) {
        fill_pattern((enum pattern)p, in, n, &rng);
        ref = ref_of(in, n, &m);
        if (p == P_DISJOINT_REVERSED)
            ck_assert_uint_eq(m, n); /* the reference itself */

        /* All at once into a reserved set. */
        sla_intervals_clear(s);
        ck_assert_int_eq(sla_intervals_reserve(s, n), 0);
        rc = sla_intervals_add_many(s, in, n);
        ck_assert_int_eq(rc, 0);
        snprintf(what, sizeof what, "%s, add_many", pattern_names[p]);
        check_against_ref(s, ref, m, what);

        /* In two batches, so the second merges into the first. */
        sla_intervals_clear(s);
        third = n / 3;
        ck_assert_int_eq(sla_intervals_add_many(s, in, third), 0);
        ck_assert_int_eq(sla_intervals_add_many(s, in + third, n - third), 0);
        snprintf(what, sizeof what, "%s, add_many twice", pattern_names[p]);
        check_against_ref(s, ref, m, what);
        free(ref);

        /* One by one: out of order each add moves the set's tail, so
         * this is O(n^2) and only a prefix is added this way. */
        k = n < 6000 ? n : 6000;
        ref = ref_of(in, k, &m);
        sla_intervals_clear(s);
        for (i = 0; i < k; i++) {
            rc = sla_intervals_add(s, in[i].start, in[i].end);
            CHECK(rc == 0, "%s: add %zu returned %d", pattern_names[p], i, rc);
        }
        snprintf(what, sizeof what, "%s, add", pattern_names[p]);
        check_against_ref(s, ref, m, what);
        free(ref);
    }
    free(in);
    sla_intervals_free(s);
}
END_TEST

/* The result of op on a and b is exactly right: its boundaries are
 * boundaries of a or b, and at every boundary of a and b (and before them
 * all) it holds what op says; between consecutive boundaries nothing
 * changes, so that is every instant. */
static void check_op_result(struct sla_intervals *r, int op,
                            const struct sla_interval *ra, size_t na,
                            const struct sla_interval *rb, size_t nb,
                            const char *what)
{
    size_t count = sla_intervals_count(r), i, k;
    struct sla_interval iv, prev = {0, 0};
    int rc;

    for (i = 0; i < count; i++) {
        rc = sla_intervals_get(&iv, r, i);
        CHECK(rc == 0, "%s: get(%zu) returned %d", what, i, rc);
        CHECK(iv.start < iv.end && (i == 0 || prev.end < iv.start),
              "%s: not normalised at %zu: " IV " then " IV, what, i,
              prev.start, prev.end, iv.start, iv.end);
        CHECK((ref_is_boundary(ra, na, iv.start) ||
               ref_is_boundary(rb, nb, iv.start)) &&
                  (ref_is_boundary(ra, na, iv.end) ||
                   ref_is_boundary(rb, nb, iv.end)),
              "%s: " IV " has a boundary of neither operand", what, iv.start,
              iv.end);
        prev = iv;
    }
    rc = sla_intervals_get(&iv, r, count);
    CHECK(rc == SLA_ENOTFOUND, "%s: get(count) returned %d", what, rc);
    CHECK(sla_intervals_contains(r, INT64_MIN) ==
              apply_op(op, ref_contains(ra, na, INT64_MIN),
                       ref_contains(rb, nb, INT64_MIN)),
          "%s: wrong at INT64_MIN", what);
    for (k = 0; k < 2; k++) {
        const struct sla_interval *rs = k ? rb : ra;
        size_t ns = k ? nb : na;
        for (i = 0; i < 2 * ns; i++) {
            int64_t t = i & 1 ? rs[i / 2].end : rs[i / 2].start;
            int want = apply_op(op, ref_contains(ra, na, t),
                                ref_contains(rb, nb, t));
            CHECK(sla_intervals_contains(r, t) == want,
                  "%s: contains(%" PRId64 ") should be %d", what, t, want);
        }
    }
}

START_TEST(large_set_algebra)
{
    size_t n = large_n() / 2, na, nb, i;
    struct sla_interval *ia = malloc(n * sizeof *ia);
    struct sla_interval *ib = malloc(n * sizeof *ib);
    struct sla_interval *ra, *rb;
    struct sla_intervals *a = new_set(), *b = new_set(), *d = new_set();
    uint64_t rng = UINT64_C(0xA1CEB0B);
    int round, op;
    char what[80];

    ck_assert_ptr_nonnull(ia);
    ck_assert_ptr_nonnull(ib);
    for (round = 0; round < 3; round++) {
        fill_pattern(round == 1 ? P_EXTREMES : P_RANDOM, ia, n, &rng);
        if (round == 2) {
            /* b shares many boundaries with a: shifted copies that touch
             * or coincide with a's intervals. */
            for (i = 0; i < n; i++) {
                int64_t len = ia[i].end - ia[i].start;
                int64_t shift = below(&rng, 2) ? len : 0;
                ib[i].start = ia[i].start + shift;
                ib[i].end = ia[i].end + shift;
            }
        } else {
            fill_pattern(round == 1 ? P_EXTREMES : P_RANDOM, ib, n, &rng);
        }
        ra = ref_of(ia, n, &na);
        rb = ref_of(ib, n, &nb);
        for (op = 0; op < 3; op++) {
            sla_intervals_clear(a);
            sla_intervals_clear(b);
            ck_assert_int_eq(sla_intervals_add_many(a, ia, n), 0);
            ck_assert_int_eq(sla_intervals_add_many(b, ib, n), 0);
            ck_assert_int_eq(model_ops[op](d, a, b), 0);
            snprintf(what, sizeof what, "round %d %s", round,
                     model_op_names[op]);
            check_op_result(d, op, ra, na, rb, nb, what);
            check_against_ref(a, ra, na, "left operand");
            check_against_ref(b, rb, nb, "right operand");
        }
        free(ra);
        free(rb);
    }
    free(ia);
    free(ib);
    sla_intervals_free(a);
    sla_intervals_free(b);
    sla_intervals_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("intervals");
    TCase *api = sla_tcase("api");
    TCase *algebra = sla_tcase("algebra");
    TCase *model = sla_tcase("model");
    TCase *large = sla_tcase("large");

    tcase_add_test(api, new_and_null_tolerance);
    tcase_add_test(api, reserve);
    tcase_add_test(api, add_single);
    tcase_add_test(api, add_many);
    tcase_add_test(api, copy);
    tcase_add_test(api, clear);
    tcase_add_test(api, always_normalised);
    tcase_add_test(api, count_and_get);
    tcase_add_test(api, contains);
    tcase_add_test(api, measure);
    suite_add_tcase(s, api);

    tcase_add_test(algebra, set_ops_null);
    tcase_add_test(algebra, union_cases);
    tcase_add_test(algebra, intersect_cases);
    tcase_add_test(algebra, subtract_cases);
    tcase_add_test(algebra, aliasing);
    tcase_add_test(algebra, clip);
    tcase_add_test(algebra, extremes);
    tcase_add_test(algebra, outage_minus_maintenance);
    suite_add_tcase(s, algebra);

    tcase_add_test(model, random_model);
    tcase_add_test(model, measure_within_and_view);
    suite_add_tcase(s, model);

    tcase_add_test(large, large_sets);
    tcase_add_test(large, large_set_algebra);
    suite_add_tcase(s, large);
    return sla_run_suite(s);
}
