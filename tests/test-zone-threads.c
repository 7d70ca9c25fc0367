/* SPDX-License-Identifier: MIT */
/* Zones shared by threads: one zone (a TZif zone, America/New_York, and a
 * POSIX-rule zone) converts in several threads at once, with no lock,
 * giving exactly what it gives in one thread; other threads take and drop
 * references meanwhile; and the last reference may be dropped by any
 * thread. Built to run under ThreadSanitizer too (tests/run-all.sh). */
#define _XOPEN_SOURCE 700
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "testlib.h"

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif

#define SYS_TZDIR "/usr/share/zoneinfo"
#define NTHREADS 6
#define MAX_INSTANTS 2048

static int under_valgrind(void)
{
    const char *v = getenv("SLA_TEST_VALGRIND");
    return v && *v && strcmp(v, "0") != 0;
}

/* The work is sized for a quick run natively; ThreadSanitizer is about 10
 * times slower, valgrind (which runs one thread at a time) much more. */
static size_t n_instants(void)
{
    return under_valgrind() ? 256 : MAX_INSTANTS;
}

static int n_rounds(void)
{
    return under_valgrind() ? 1 : UNDER_TSAN ? 6 : 12;
}

/* Everything one instant and one civil time give. Compared with memcmp:
 * each record is zeroed before it is filled. */
struct result {
    int64_t t;
    struct sla_civil civil;
    int32_t civil_rc;
    int64_t civil_off;
    struct sla_zone_period period;
    int32_t period_rc, offset_rc;
    int64_t offset;
    int32_t next_rc, prev_rc;
    int64_t next, prev;
    struct sla_civil local;
    int32_t res_rc[4];
    struct sla_zone_resolution res[4];
};

static void compute(const struct sla_zone *z, int64_t t,
                    const struct sla_civil *local, struct result *r)
{
    int32_t m;
    memset(r, 0, sizeof *r);
    r->t = t;
    r->local = *local;
    r->civil_rc = sla_zone_to_civil(&r->civil, &r->civil_off, z, t);
    r->period_rc = sla_zone_period_at(&r->period, z, t);
    r->offset_rc = sla_zone_offset(&r->offset, z, t);
    r->next_rc = sla_zone_next_transition(&r->next, z, t);
    r->prev_rc = sla_zone_prev_transition(&r->prev, z, t);
    for (m = SLA_DISAMBIGUATE_COMPATIBLE; m <= SLA_DISAMBIGUATE_REJECT; m++)
        r->res_rc[m] = sla_zone_to_instant(&r->res[m], z, local, m);
}

/* The fixed inputs: instants of every kind (recent years, next to
 * transitions, the 400-year cycle's far future, the whole int64_t range
 * except INT64_MAX itself) and, for each, a civil time near its reading,
 * so that gaps and folds come up. */
struct inputs {
    size_t n;
    int64_t t[MAX_INSTANTS];
    struct sla_civil local[MAX_INSTANTS];
};

static void make_inputs(const struct sla_zone *z, uint64_t seed,
                        struct inputs *in)
{
    size_t i;
    in->n = n_instants();
    for (i = 0; i < in->n; i++) {
        int64_t t, n, off = 0;
        struct sla_civil c;
        switch (sla_test_below(&seed, 5)) {
        case 0: /* 1900-2100 */
            t = INT64_C(-2208988800000) +
                (int64_t)sla_test_below(&seed, UINT64_C(6311433600000));
            break;
        case 1: /* next to a transition */
            t = INT64_C(-2208988800000) +
                (int64_t)sla_test_below(&seed, UINT64_C(6311433600000));
            if (sla_zone_next_transition(&n, z, t) == 0)
                t = n + (int64_t)sla_test_below(&seed, 7200001) - 3600000;
            break;
        case 2: /* the far future */
            t = (int64_t)(sla_test_rand(&seed) >> 8);
            break;
        case 3: /* anywhere */
            t = (int64_t)sla_test_rand(&seed);
            if (t == INT64_MAX)
                t = 0;
            break;
        default: /* near the ends */
            t = (int64_t)sla_test_below(&seed, UINT64_C(86400000) * 40);
            t = sla_test_below(&seed, 2) ? INT64_MIN + t : INT64_MAX - 1 - t;
            break;
        }
        in->t[i] = t;
        /* A reading within 90 minutes of the instant's own. */
        if (sla_zone_offset(&off, z, t) != 0)
            off = 0;
        if (t > INT64_MIN + INT64_C(86400000) * 3 &&
            t < INT64_MAX - INT64_C(86400000) * 3)
            t += ((int64_t)sla_test_below(&seed, 181) - 90) * 60000;
        if (sla_civil_from_instant(&c, t, off) != 0)
            sla_civil_from_instant(&c, t, 0);
        in->local[i] = c;
    }
}

struct shared {
    const struct sla_zone *zone;
    const struct inputs *in;
    const struct result *want;
    int rounds;
    pthread_barrier_t *start;
};

struct worker {
    pthread_t thread;
    const struct shared *sh;
    int id;
    long checked, mismatches;
    long first_bad; /* index of the first mismatch, -1 if none */
};

static void *convert_worker(void *arg)
{
    struct worker *w = arg;
    const struct shared *sh = w->sh;
    size_t n = sh->in->n, k;
    int round;
    if (sh->start)
        pthread_barrier_wait(sh->start);
    for (round = 0; round < sh->rounds; round++) {
        /* Each thread walks the inputs in its own order. */
        size_t i = (size_t)w->id * 131u % n, step = 2 * (size_t)w->id + 1;
        for (k = 0; k < n; k++, i = (i + step) % n) {
            struct result got;
            compute(sh->zone, sh->in->t[i], &sh->in->local[i], &got);
            w->checked++;
            if (memcmp(&got, &sh->want[i], sizeof got) != 0) {
                if (!w->mismatches++)
                    w->first_bad = (long)i;
            }
        }
    }
    return NULL;
}

static struct result *precompute(const struct sla_zone *z,
                                 const struct inputs *in)
{
    struct result *want = calloc(in->n, sizeof *want);
    size_t i;
    ck_assert_ptr_nonnull(want);
    for (i = 0; i < in->n; i++)
        compute(z, in->t[i], &in->local[i], &want[i]);
    return want;
}

static void check_workers(const struct worker *w, int n, const char *what,
                          const struct inputs *in)
{
    int i;
    long total = 0;
    for (i = 0; i < n; i++) {
        total += w[i].checked;
        if (w[i].mismatches)
            ck_abort_msg("%s: thread %d saw %ld of %ld results differ from "
                         "the single-threaded ones; first at instant %" PRId64,
                         what, w[i].id, w[i].mismatches, w[i].checked,
                         in->t[w[i].first_bad]);
    }
    ck_assert_int_gt(total, 0);
}

static struct sla_zone *open_zone(const char *spec)
{
    struct sla_zone *z = NULL;
    struct sla_error err;
    int rc;
    memset(&err, 0, sizeof err);
    if (strchr(spec, ','))
        rc = sla_zone_from_posix(&z, spec, strlen(spec), &err);
    else
        rc = sla_zone_from_name(&z, spec, SYS_TZDIR, &err);
    if (rc != 0 || !z)
        ck_abort_msg("zone %s: rc %d (%s)", spec, rc, err.message);
    return z;
}

static const char *const zone_specs[] = {
    "America/New_York",
    "IST-2IDT,M3.4.4/26,M10.5.0", /* Jerusalem's rule, all from POSIX */
};

/* Many threads convert with one zone at once. */
START_TEST(shared_conversions)
{
    const char *spec = zone_specs[_i];
    struct sla_zone *z = open_zone(spec);
    struct inputs *in = malloc(sizeof *in);
    struct result *want;
    struct worker w[NTHREADS];
    struct shared sh;
    pthread_barrier_t start;
    int i;

    ck_assert_ptr_nonnull(in);
    make_inputs(z, 0x5eed + (uint64_t)_i, in);
    want = precompute(z, in);
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, NTHREADS), 0);
    sh.zone = z;
    sh.in = in;
    sh.want = want;
    sh.rounds = n_rounds();
    sh.start = &start;
    for (i = 0; i < NTHREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].sh = &sh;
        w[i].id = i;
        w[i].first_bad = -1;
        ck_assert_int_eq(
            pthread_create(&w[i].thread, NULL, convert_worker, &w[i]), 0);
    }
    for (i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_join(w[i].thread, NULL), 0);
    pthread_barrier_destroy(&start);
    check_workers(w, NTHREADS, spec, in);
    free(want);
    free(in);
    sla_zone_unref(z);
}
END_TEST

/* Threads that take and drop references while others convert. */
struct ref_worker {
    pthread_t thread;
    struct sla_zone *zone;
    const struct inputs *in;
    const struct result *want;
    pthread_barrier_t *start;
    int id, iterations;
    long bad;
};

static void *ref_worker_main(void *arg)
{
    struct ref_worker *r = arg;
    struct sla_zone *held[16];
    int it, k;
    pthread_barrier_wait(r->start);
    for (it = 0; it < r->iterations; it++) {
        size_t i = ((size_t)it * 7u + (size_t)r->id) % r->in->n;
        struct result got;
        /* One reference, used, dropped. */
        struct sla_zone *mine = sla_zone_ref(r->zone);
        if (mine != r->zone)
            r->bad++;
        compute(mine, r->in->t[i], &r->in->local[i], &got);
        if (memcmp(&got, &r->want[i], sizeof got) != 0)
            r->bad++;
        sla_zone_unref(mine);
        /* A handful held at once, dropped in another order. */
        for (k = 0; k < 16; k++)
            held[k] = sla_zone_ref(r->zone);
        if (strcmp(sla_zone_name(held[it % 16]), "America/New_York") != 0)
            r->bad++;
        for (k = 15; k >= 0; k -= 2)
            sla_zone_unref(held[k]);
        for (k = 0; k < 16; k += 2)
            sla_zone_unref(held[k]);
    }
    return NULL;
}

START_TEST(references_while_converting)
{
    enum { NCONV = 3, NREF = 3 };
    struct sla_zone *z = open_zone("America/New_York");
    struct inputs *in = malloc(sizeof *in);
    struct result *want;
    struct worker w[NCONV];
    struct ref_worker r[NREF];
    struct shared sh;
    pthread_barrier_t start;
    int i;

    ck_assert_ptr_nonnull(in);
    make_inputs(z, 0xbeef, in);
    want = precompute(z, in);
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, NCONV + NREF), 0);
    sh.zone = z;
    sh.in = in;
    sh.want = want;
    sh.rounds = n_rounds() > 1 ? n_rounds() / 2 : 1;
    sh.start = &start;
    for (i = 0; i < NCONV; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].sh = &sh;
        w[i].id = i;
        w[i].first_bad = -1;
        ck_assert_int_eq(
            pthread_create(&w[i].thread, NULL, convert_worker, &w[i]), 0);
    }
    for (i = 0; i < NREF; i++) {
        memset(&r[i], 0, sizeof r[i]);
        r[i].zone = z;
        r[i].in = in;
        r[i].want = want;
        r[i].start = &start;
        r[i].id = i;
        r[i].iterations = under_valgrind() ? 200 : UNDER_TSAN ? 2000 : 20000;
        ck_assert_int_eq(
            pthread_create(&r[i].thread, NULL, ref_worker_main, &r[i]), 0);
    }
    for (i = 0; i < NCONV; i++)
        ck_assert_int_eq(pthread_join(w[i].thread, NULL), 0);
    for (i = 0; i < NREF; i++)
        ck_assert_int_eq(pthread_join(r[i].thread, NULL), 0);
    pthread_barrier_destroy(&start);
    check_workers(w, NCONV, "converters", in);
    for (i = 0; i < NREF; i++)
        ck_assert_msg(r[i].bad == 0, "reference thread %d: %ld bad results",
                      i, r[i].bad);
    /* The zone is intact after all that, and this is its last reference. */
    {
        struct result got;
        compute(z, in->t[0], &in->local[0], &got);
        ck_assert(memcmp(&got, &want[0], sizeof got) == 0);
    }
    free(want);
    free(in);
    sla_zone_unref(z);
}
END_TEST

/* Each thread owns a reference and drops it when done; the main thread
 * drops its own at once, so whichever thread finishes last frees the
 * zone, after the others' reads. */
struct owner {
    pthread_t thread;
    struct sla_zone *zone; /* this thread's reference */
    const struct inputs *in;
    const struct result *want;
    pthread_barrier_t *start;
    long bad;
};

static void *owner_main(void *arg)
{
    struct owner *o = arg;
    size_t i;
    pthread_barrier_wait(o->start);
    for (i = 0; i < o->in->n; i++) {
        struct result got;
        compute(o->zone, o->in->t[i], &o->in->local[i], &got);
        if (memcmp(&got, &o->want[i], sizeof got) != 0)
            o->bad++;
    }
    sla_zone_unref(o->zone);
    return NULL;
}

START_TEST(last_reference_in_any_thread)
{
    const char *spec = zone_specs[_i];
    struct inputs *in = malloc(sizeof *in);
    struct result *want;
    struct owner o[NTHREADS];
    pthread_barrier_t start;
    int rep, i;

    ck_assert_ptr_nonnull(in);
    {
        struct sla_zone *z = open_zone(spec);
        make_inputs(z, 0xfeed, in);
        in->n = in->n > 256 ? 256 : in->n;
        want = precompute(z, in);
        sla_zone_unref(z);
    }
    for (rep = 0; rep < (under_valgrind() ? 2 : 20); rep++) {
        struct sla_zone *z = open_zone(spec);
        ck_assert_int_eq(pthread_barrier_init(&start, NULL, NTHREADS), 0);
        for (i = 0; i < NTHREADS; i++) {
            o[i].zone = sla_zone_ref(z);
            o[i].in = in;
            o[i].want = want;
            o[i].start = &start;
            o[i].bad = 0;
            ck_assert_int_eq(
                pthread_create(&o[i].thread, NULL, owner_main, &o[i]), 0);
        }
        sla_zone_unref(z); /* the threads hold it now */
        for (i = 0; i < NTHREADS; i++)
            ck_assert_int_eq(pthread_join(o[i].thread, NULL), 0);
        pthread_barrier_destroy(&start);
        for (i = 0; i < NTHREADS; i++)
            ck_assert_msg(o[i].bad == 0, "%s: owner %d: %ld bad results",
                          spec, i, o[i].bad);
    }
    free(want);
    free(in);
}
END_TEST

/* Zones made in several threads at once (no global state, no shared
 * cache): each thread reads its own New York and converts with it. */
struct maker {
    pthread_t thread;
    const struct inputs *in;
    const struct result *want;
    pthread_barrier_t *start;
    int failed_open;
    long bad;
};

static void *maker_main(void *arg)
{
    struct maker *m = arg;
    int rep;
    pthread_barrier_wait(m->start);
    for (rep = 0; rep < (under_valgrind() ? 2 : 10); rep++) {
        struct sla_zone *z = NULL;
        size_t i;
        if (sla_zone_open(&z, "America/New_York", SYS_TZDIR, NULL) != 0) {
            m->failed_open++;
            continue;
        }
        for (i = 0; i < m->in->n; i += 7) {
            struct result got;
            compute(z, m->in->t[i], &m->in->local[i], &got);
            if (memcmp(&got, &m->want[i], sizeof got) != 0)
                m->bad++;
        }
        sla_zone_unref(z);
    }
    return NULL;
}

START_TEST(zones_made_in_threads)
{
    struct sla_zone *z = open_zone("America/New_York");
    struct inputs *in = malloc(sizeof *in);
    struct result *want;
    struct maker m[NTHREADS];
    pthread_barrier_t start;
    int i;
    ck_assert_ptr_nonnull(in);
    make_inputs(z, 0xabcd, in);
    want = precompute(z, in);
    sla_zone_unref(z);
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, NTHREADS), 0);
    for (i = 0; i < NTHREADS; i++) {
        memset(&m[i], 0, sizeof m[i]);
        m[i].in = in;
        m[i].want = want;
        m[i].start = &start;
        ck_assert_int_eq(pthread_create(&m[i].thread, NULL, maker_main, &m[i]),
                         0);
    }
    for (i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_join(m[i].thread, NULL), 0);
    pthread_barrier_destroy(&start);
    for (i = 0; i < NTHREADS; i++) {
        ck_assert_int_eq(m[i].failed_open, 0);
        ck_assert_msg(m[i].bad == 0, "maker %d: %ld bad results", i, m[i].bad);
    }
    free(want);
    free(in);
}
END_TEST

/* The precomputed results themselves are sound: a few of them by hand
 * (New York, 2025), so that agreeing threads agree on the right thing. */
START_TEST(reference_results)
{
    struct sla_zone *z = open_zone("America/New_York");
    struct sla_civil gap = {2025, 3, 9, 2, 30, 0, 0};
    struct sla_civil fold = {2025, 11, 2, 1, 30, 0, 0};
    struct result r;
    compute(z, INT64_C(1741503600000), &gap, &r);
    ck_assert_int_eq(r.period_rc, 0);
    ck_assert_int_eq(r.period.start, INT64_C(1741503600000));
    ck_assert_int_eq(r.period.utc_offset_ms, -4 * INT64_C(3600000));
    ck_assert_int_eq(r.next, INT64_C(1762063200000));
    ck_assert_int_eq(r.prev, INT64_C(1730613600000));
    ck_assert_int_eq(r.res[SLA_DISAMBIGUATE_COMPATIBLE].instant,
                     INT64_C(1741505400000));
    ck_assert_int_eq(r.res_rc[SLA_DISAMBIGUATE_REJECT], SLA_EAMBIGUOUS);
    compute(z, INT64_C(1762063200000), &fold, &r);
    ck_assert_int_eq(r.res[SLA_DISAMBIGUATE_EARLIER].instant,
                     INT64_C(1762061400000));
    ck_assert_int_eq(r.res[SLA_DISAMBIGUATE_LATER].instant,
                     INT64_C(1762065000000));
    ck_assert_int_eq(r.civil.hour, 1);
    sla_zone_unref(z);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("zone-threads");
    TCase *tc = sla_tcase("threads");
    int nzones = (int)(sizeof zone_specs / sizeof zone_specs[0]);
    tcase_add_test(tc, reference_results);
    tcase_add_loop_test(tc, shared_conversions, 0, nzones);
    tcase_add_test(tc, references_while_converting);
    tcase_add_loop_test(tc, last_reference_in_any_thread, 0, nzones);
    tcase_add_test(tc, zones_made_in_threads);
    suite_add_tcase(s, tc);
    return sla_run_suite(s);
}
