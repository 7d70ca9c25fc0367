/* SPDX-License-Identifier: MIT */
/* The check-sheet rows beyond availability: incidents (MTTR, RTO,
 * notification and update deadlines), obligations (notice periods,
 * cadences, monitoring continuity) and backups (generations, retention,
 * cadences, encryption, RPO), shared by sla report and sla obligations. */
#ifndef SLA_CLI_CHECKS_H
#define SLA_CLI_CHECKS_H

#include <sla.h>

/* What to check, over [from, to) of the service's zone. */
struct checks_input {
    const struct sla_service *svc;
    const char *incidents;     /* CSV paths, each NULL when not given */
    const char *announcements;
    const char *events;
    const char *probes;
    const char *catalog;
    int64_t from, to;
    int64_t now; /* INT64_MAX when not given */
};

/* One row: the check sheet's item, the figure found, the promise, and
 * "met", "MISSED" or "-" (nothing promised). For JSON, value is the
 * row's number in unit: "ms" or "count" for a figure (MTTR, failures),
 * "breaches" for a promise (late notifications, missed periods, gaps). */
struct check_row {
    char item[64];
    char figure[128];
    char target[96];
    const char *verdict;
    int64_t value;
    const char *unit;
};

/* A record behind a MISSED verdict: a late notification, a gap between
 * updates, a short notice, a missed period, a gap in the probes. For an
 * interval, start and end; the length is end - start. */
struct check_finding {
    char item[48];
    char *id; /* a copy, whole */
    char what[160];
    int64_t start, end;
};

struct checks {
    struct check_row *rows;
    size_t nrows, caprows;
    struct check_finding *found;
    size_t nfound, capfound;
};

/* Read the files and compute the rows; on failure say why on stderr and
 * return EXIT_FAILURE. */
int checks_collect(struct checks *out, const struct checks_input *in);

/* Print the rows and findings: as a text table or markdown (under a
 * title), or as the members "checks" and "findings" of a JSON object
 * (the caller prints the braces, and a comma before). */
enum { CHECKS_TEXT, CHECKS_MARKDOWN, CHECKS_JSON };
void checks_print(const struct checks *c, const struct sla_zone *zone,
                  int format, const char *title);

void checks_free(struct checks *c);

#endif
