/* SPDX-License-Identifier: MIT */
/* What the catalog, its reader and the retention planner share. */
#ifndef SLA_BACKUP_PRIVATE_H
#define SLA_BACKUP_PRIVATE_H

#include "sla-private.h"

struct sla_catalog {
    struct sla_backup *v;
    char **id, **medium, **tags, **base_id; /* tags as "a,b" */
    size_t n, cap;
    size_t *slots; /* ids: open addressing, SIZE_MAX for empty */
    size_t nslots;
    /* after sla_catalog_resolve: */
    int resolved;
    size_t *base;      /* SIZE_MAX for none */
    size_t *root;      /* the full a chain starts at, SIZE_MAX for none */
    signed char *ok;   /* restorable */
    size_t *order;     /* indexes in restore-point order */
};

/* a before b in restore-point order: captured, completed, index. */
int sla__backup_before(const struct sla_catalog *c, size_t a, size_t b);

/* Sort indexes in restore-point order, or by completion (then that
 * order). */
int sla__sort_indexes(size_t *v, size_t n, const struct sla_catalog *c,
                      int by_completed);

/* Does the tag list have ("a,b") every tag of want (any separators)? */
int sla__tags_have(const char *have, const char *want);

/* Is backup i in scope (NULL: all)? */
int sla__in_scope(const struct sla_catalog *c, size_t i,
                  const struct sla_backup_scope *s);

/* Resolved and so ready for queries. */
int sla__catalog_ready(const struct sla_catalog *c);

#endif
