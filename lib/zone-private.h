/* SPDX-License-Identifier: MIT */
/* The inside of a time zone, shared by zone.c, tzif.c and posixtz.c. */
#ifndef SLA_ZONE_PRIVATE_H
#define SLA_ZONE_PRIVATE_H

#include <stdatomic.h>

#include "sla-private.h"

/* One local time type: an offset with its label. */
struct zone_type {
    int64_t offset_ms;
    int32_t is_dst;
    char abbr[SLA_ZONE_ABBR_SIZE];
};

/* A POSIX TZ rule: standard time, and optionally DST with its two dates. */
struct posix_date {
    int32_t kind;  /* 'J' (1-365, no leap day), 'N' (0-365), 'M' */
    int32_t month, week, weekday, day;
    int64_t time_ms; /* local time of day, may be negative or past 24 h */
};

struct posix_rule {
    struct zone_type std, dst;
    int32_t has_dst;
    struct posix_date start, end; /* start in standard, end in DST time */
};

/* The Gregorian calendar repeats every 400 years: 146097 days. */
#define ZONE_CYCLE_MS (INT64_C(146097) * SLA_MS_PER_DAY)

/* An index over a sorted array of instants, so that finding how many are
 * <= t takes a shift and a scan of about one entry instead of a binary
 * search whose branches a processor cannot predict. Bucket b covers
 * [base + b * 2^shift, base + (b + 1) * 2^shift); first[b] is the number
 * of instants before it. There are about as many buckets as instants. */
struct zone_index {
    int64_t base;
    int shift;
    size_t nb;
    uint32_t *first;
};

/* A zone is a table of transitions up to cycle_from, then (if it has a
 * DST rule) the rule's transitions of one 400-year cycle, repeated: the
 * cycle table holds those in [0, ZONE_CYCLE_MS) and instants at or after
 * cycle_from are looked up modulo the cycle. */
struct sla_zone {
    atomic_long refs;
    char *name;
    struct zone_type *types;
    size_t ntypes;
    uint16_t initial_type;  /* before the first transition */
    int64_t *trans;         /* strictly increasing, no no-op changes */
    uint16_t *trans_type;
    size_t ntrans;
    int64_t cycle_from;     /* INT64_MAX when there is no cycle */
    int64_t *cyc;           /* in [0, ZONE_CYCLE_MS), increasing */
    uint16_t *cyc_type;
    size_t ncyc;            /* >= 1 whenever cycle_from < INT64_MAX */
    struct zone_index trans_index, cyc_index;
};

/* Parse a POSIX TZ string; errors are reported at base + offset. */
int sla__posix_parse(struct posix_rule *out, const char *s, size_t len,
                     size_t base, struct sla_error *err);

/* Build a zone from explicit data and an optional rule (NULL: none).
 * trans/types are taken as given (validated by the caller); last_ms is the
 * instant after which the rule governs (INT64_MIN: always). On success
 * the zone owns nothing of the caller's. */
struct zone_build {
    const char *name;
    const struct zone_type *types;
    size_t ntypes;
    uint16_t initial_type;
    const int64_t *trans;
    const uint16_t *trans_type;
    size_t ntrans;
    int64_t rule_from; /* rule applies after this instant; INT64_MIN: always */
    const struct posix_rule *rule;
};

int sla__zone_build(struct sla_zone **out, const struct zone_build *b);

#endif
