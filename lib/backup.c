/* SPDX-License-Identifier: MIT */
/* The backup catalog: bases, restorability, restore chains and the
 * achieved RPO. Retention plans are in retention.c. */
#include <stdlib.h>
#include <string.h>

#include "backup-private.h"

#define NONE SIZE_MAX

/* ---- ids: an open-addressing hash of indexes --------------------------- */

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

/* The slot of id: where it is, or the empty slot where it would go. */
static size_t slot_of(const struct sla_catalog *c, const char *id)
{
    size_t mask = c->nslots - 1, k = (size_t)hash_text(id) & mask;
    while (c->slots[k] != NONE && strcmp(c->id[c->slots[k]], id))
        k = (k + 1) & mask;
    return k;
}

static int rehash(struct sla_catalog *c, size_t want)
{
    size_t n = 16, i, *s;
    while (n < want * 2)
        n *= 2;
    if (!(s = malloc(n * sizeof *s)))
        return SLA_ENOMEM;
    free(c->slots);
    c->slots = s;
    c->nslots = n;
    for (i = 0; i < n; i++)
        s[i] = NONE;
    for (i = 0; i < c->n; i++)
        s[slot_of(c, c->id[i])] = i;
    return 0;
}

/* ---- the catalog -------------------------------------------------------- */

SLA_EXPORT int sla_catalog_new(struct sla_catalog **out)
{
    struct sla_catalog *c;
    if (!out)
        return SLA_EINVAL;
    if (!(c = calloc(1, sizeof *c)))
        return SLA_ENOMEM;
    if (rehash(c, 8)) {
        free(c);
        return SLA_ENOMEM;
    }
    c->resolved = 1;
    *out = c;
    return 0;
}

SLA_EXPORT void sla_catalog_free(struct sla_catalog *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++) {
        free(c->id[i]);
        free(c->medium[i]);
        free(c->tags[i]);
        free(c->base_id[i]);
    }
    free(c->v);
    free(c->id);
    free(c->medium);
    free(c->tags);
    free(c->base_id);
    free(c->slots);
    free(c->base);
    free(c->root);
    free(c->ok);
    free(c->order);
    free(c);
}

static char *copy_text(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static int is_sep(int ch)
{
    return ch == ',' || ch == ';' || ch == ' ' || ch == '\t';
}

/* Tags as "a,b,c": separators folded, empty tags dropped. */
char *sla__tag_list(const char *s)
{
    size_t n = s ? strlen(s) : 0, i, k = 0;
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    for (i = 0; i < n; i++) {
        if (is_sep((unsigned char)s[i])) {
            if (k && d[k - 1] != ',')
                d[k++] = ',';
        } else {
            d[k++] = s[i];
        }
    }
    if (k && d[k - 1] == ',')
        k--;
    d[k] = '\0';
    return d;
}

int sla__tags_have(const char *have, const char *want)
{
    /* every tag of want (any separators) is one of have ("a,b") */
    size_t i = 0, n = strlen(want);
    while (i < n) {
        size_t a, len;
        const char *p = have;
        int found = 0;
        while (i < n && is_sep((unsigned char)want[i]))
            i++;
        if (i == n)
            break;
        a = i;
        while (i < n && !is_sep((unsigned char)want[i]))
            i++;
        len = i - a;
        while (*p) {
            const char *e = strchr(p, ',');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            if (l == len && !memcmp(p, want + a, len)) {
                found = 1;
                break;
            }
            p += l + (e != NULL);
        }
        if (!found)
            return 0;
    }
    return 1;
}

SLA_EXPORT int sla_catalog_add(struct sla_catalog *c,
                               const struct sla_backup *b, const char *id,
                               const char *medium, const char *tags,
                               const char *base_id)
{
    char *s[4];
    size_t k;
    if (!c || !b || !id || !id[0] || b->kind < SLA_BACKUP_FULL ||
        b->kind > SLA_BACKUP_INCREMENTAL || b->status < SLA_BACKUP_OK ||
        b->status > SLA_BACKUP_PARTIAL || b->location < SLA_BACKUP_ONSITE ||
        b->location > SLA_BACKUP_OFFSITE ||
        (b->encrypted != 0 && b->encrypted != 1) ||
        b->completed < b->captured || b->size < -1 ||
        (b->kind == SLA_BACKUP_FULL && base_id && base_id[0]))
        return SLA_EINVAL;
    k = slot_of(c, id);
    if (c->slots[k] != NONE)
        return SLA_EINVAL;
    if (c->n == c->cap) {
        size_t c1 = c->cap, c2 = c->cap, c3 = c->cap, c4 = c->cap,
               c5 = c->cap;
        if (sla__grow((void **)&c->v, &c1, c->n + 1, sizeof *c->v) ||
            sla__grow((void **)&c->id, &c2, c->n + 1, sizeof *c->id) ||
            sla__grow((void **)&c->medium, &c3, c->n + 1,
                      sizeof *c->medium) ||
            sla__grow((void **)&c->tags, &c4, c->n + 1, sizeof *c->tags) ||
            sla__grow((void **)&c->base_id, &c5, c->n + 1,
                      sizeof *c->base_id))
            return SLA_ENOMEM;
        c->cap = c1;
    }
    s[0] = copy_text(id);
    s[1] = copy_text(medium);
    s[2] = sla__tag_list(tags);
    s[3] = base_id && base_id[0] ? copy_text(base_id) : NULL;
    if (!s[0] || !s[1] || !s[2] || (base_id && base_id[0] && !s[3])) {
        for (k = 0; k < 4; k++)
            free(s[k]);
        return SLA_ENOMEM;
    }
    c->v[c->n] = *b;
    memset(c->v[c->n].reserved, 0, sizeof c->v[c->n].reserved);
    c->id[c->n] = s[0];
    c->medium[c->n] = s[1];
    c->tags[c->n] = s[2];
    c->base_id[c->n] = s[3];
    c->n++;
    c->resolved = 0;
    if (c->n * 2 > c->nslots) {
        if (rehash(c, c->n)) {
            /* keep the table consistent: take the backup back out */
            c->n--;
            for (k = 0; k < 4; k++)
                free(s[k]);
            return SLA_ENOMEM;
        }
    } else {
        c->slots[slot_of(c, s[0])] = c->n - 1;
    }
    return 0;
}

SLA_EXPORT size_t sla_catalog_count(const struct sla_catalog *c)
{
    return c ? c->n : 0;
}

SLA_EXPORT int sla_catalog_get(const struct sla_catalog *c, size_t i,
                               struct sla_backup *out)
{
    if (!c || !out || i >= c->n)
        return SLA_EINVAL;
    *out = c->v[i];
    return 0;
}

SLA_EXPORT const char *sla_catalog_id(const struct sla_catalog *c, size_t i)
{
    return c && i < c->n ? c->id[i] : NULL;
}

SLA_EXPORT const char *sla_catalog_medium(const struct sla_catalog *c,
                                          size_t i)
{
    return c && i < c->n ? c->medium[i] : NULL;
}

SLA_EXPORT const char *sla_catalog_tags(const struct sla_catalog *c, size_t i)
{
    return c && i < c->n ? c->tags[i] : NULL;
}

SLA_EXPORT int sla_catalog_find(const struct sla_catalog *c, const char *id,
                                size_t *index)
{
    size_t k;
    if (!c || !id || !index)
        return SLA_EINVAL;
    k = slot_of(c, id);
    if (c->slots[k] == NONE)
        return SLA_ENOTFOUND;
    *index = c->slots[k];
    return 0;
}

/* ---- resolving bases ---------------------------------------------------- */

/* The order of restore points: captured, then completed, then index. */
int sla__backup_before(const struct sla_catalog *c, size_t a, size_t b)
{
    const struct sla_backup *x = &c->v[a], *y = &c->v[b];
    if (x->captured != y->captured)
        return x->captured < y->captured;
    if (x->completed != y->completed)
        return x->completed < y->completed;
    return a < b;
}

/* Sorting indexes with a catalog at hand: a merge sort (qsort has no
 * context argument in C11). */
static void merge_sort(size_t *v, size_t *tmp, size_t n,
                       const struct sla_catalog *c,
                       int (*less)(const struct sla_catalog *, size_t,
                                   size_t))
{
    size_t w, i;
    for (w = 1; w < n; w *= 2) {
        for (i = 0; i < n; i += 2 * w) {
            size_t a = i, m = i + w < n ? i + w : n,
                   e = i + 2 * w < n ? i + 2 * w : n, b = m, k = i;
            while (a < m && b < e)
                tmp[k++] = less(c, v[b], v[a]) ? v[b++] : v[a++];
            while (a < m)
                tmp[k++] = v[a++];
            while (b < e)
                tmp[k++] = v[b++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
}

static int completed_first(const struct sla_catalog *c, size_t a, size_t b)
{
    if (c->v[a].completed != c->v[b].completed)
        return c->v[a].completed < c->v[b].completed;
    return sla__backup_before(c, a, b);
}

int sla__sort_indexes(size_t *v, size_t n, const struct sla_catalog *c,
                      int by_completed)
{
    size_t *tmp;
    if (n < 2)
        return 0;
    if (n > SIZE_MAX / sizeof *tmp || !(tmp = malloc(n * sizeof *tmp)))
        return SLA_ENOMEM;
    merge_sort(v, tmp, n, c, by_completed ? completed_first
                                          : sla__backup_before);
    free(tmp);
    return 0;
}

static int bad_base(struct sla_error *err, const struct sla_catalog *c,
                    size_t i, const char *why)
{
    sla__error_set(err, SLA_EINVAL, (int64_t)i, "backup %.40s: %s",
                   c->id[i], why);
    return SLA_EINVAL;
}

SLA_EXPORT int sla_catalog_resolve(struct sla_catalog *c,
                                   struct sla_error *err)
{
    size_t *order = NULL, *done = NULL, *base = NULL, *root = NULL, i, p = 0;
    size_t best_full = NONE, best_any = NONE, n;
    signed char *ok = NULL;
    int rc = SLA_ENOMEM;
    if (!c)
        return sla__error_set(err, SLA_EINVAL, -1, "no catalog");
    n = c->n;
    if (c->resolved && c->base)
        return 0;
    if (n > SIZE_MAX / sizeof *order - 1 ||
        !(order = malloc((n + 1) * sizeof *order)) ||
        !(done = malloc((n + 1) * sizeof *done)) ||
        !(base = malloc((n + 1) * sizeof *base)) ||
        !(root = malloc((n + 1) * sizeof *root)) ||
        !(ok = malloc(n + 1)))
        goto out;
    /* order: restore-point order; done: good backups by completion */
    for (i = 0; i < n; i++)
        order[i] = done[i] = i;
    if (sla__sort_indexes(order, n, c, 0) || sla__sort_indexes(done, n, c, 1))
        goto out;
    rc = 0;
    for (i = 0; i < n; i++) {
        size_t x = order[i];
        const struct sla_backup *b = &c->v[x];
        /* the good backups that completed before x was captured */
        while (p < n && c->v[done[p]].completed < b->captured) {
            size_t y = done[p++];
            if (c->v[y].status != SLA_BACKUP_OK)
                continue;
            if (best_any == NONE || sla__backup_before(c, best_any, y))
                best_any = y;
            if (c->v[y].kind == SLA_BACKUP_FULL &&
                (best_full == NONE || sla__backup_before(c, best_full, y)))
                best_full = y;
        }
        if (c->base_id[x]) {
            size_t k = slot_of(c, c->base_id[x]), y = c->slots[k];
            if (y == NONE) {
                rc = bad_base(err, c, x, "its base is not in the catalog");
                break;
            }
            if (y == x || c->v[y].completed > b->captured) {
                rc = bad_base(err, c, x,
                              "its base completed after it was captured");
                break;
            }
            base[x] = y;
        } else {
            base[x] = b->kind == SLA_BACKUP_DIFFERENTIAL ? best_full
                      : b->kind == SLA_BACKUP_INCREMENTAL ? best_any
                                                          : NONE;
        }
    }
    if (rc)
        goto out;
    /* Whether each backup restores, and the full its chain starts at:
     * follow each chain down to a settled backup, then settle it on the
     * way back. Named bases may tie with their backups (both captured and
     * completed at one instant), so a chain can loop only there. */
    memset(ok, -1, n);
    for (i = 0; i < n; i++) {
        size_t x = order[i], depth = 0, y;
        for (y = x; y != NONE && ok[y] < 0; y = base[y]) {
            if (ok[y] == -2) {
                rc = bad_base(err, c, x, "its bases form a loop");
                goto out;
            }
            ok[y] = -2; /* on the current walk */
            done[depth++] = y;
        }
        while (depth--) {
            size_t z = done[depth], b = base[z];
            const struct sla_backup *v = &c->v[z];
            if (v->kind == SLA_BACKUP_FULL) {
                ok[z] = v->status == SLA_BACKUP_OK;
                root[z] = z;
            } else {
                ok[z] = v->status == SLA_BACKUP_OK && b != NONE && ok[b] == 1;
                root[z] = b != NONE ? root[b] : NONE;
            }
        }
    }
    free(c->base);
    free(c->root);
    free(c->ok);
    free(c->order);
    c->base = base;
    c->root = root;
    c->ok = ok;
    c->order = order;
    base = root = order = NULL;
    ok = NULL;
    c->resolved = 1;
out:
    if (rc == SLA_ENOMEM)
        sla__error_set(err, rc, -1, "out of memory");
    free(order);
    free(done);
    free(base);
    free(root);
    free(ok);
    return rc;
}

int sla__catalog_ready(const struct sla_catalog *c)
{
    return c && c->resolved && (c->base || c->n == 0);
}

SLA_EXPORT int sla_catalog_base(const struct sla_catalog *c, size_t i,
                                size_t *base)
{
    if (!sla__catalog_ready(c) || i >= c->n || !base)
        return SLA_EINVAL;
    if (c->base[i] == NONE)
        return SLA_ENOTFOUND;
    *base = c->base[i];
    return 0;
}

SLA_EXPORT int sla_catalog_restorable(const struct sla_catalog *c, size_t i)
{
    if (!sla__catalog_ready(c) || i >= c->n)
        return SLA_EINVAL;
    return c->ok[i];
}

SLA_EXPORT int sla_catalog_chain(size_t *out, size_t cap, size_t *count,
                                 const struct sla_catalog *c, int64_t at)
{
    size_t i, best = NONE, len = 0, x, k;
    if ((!out && cap) || !count || !sla__catalog_ready(c))
        return SLA_EINVAL;
    for (i = 0; i < c->n; i++)
        if (c->ok[i] && c->v[i].captured <= at &&
            (best == NONE || sla__backup_before(c, best, i)))
            best = i;
    if (best == NONE)
        return SLA_ENOTFOUND;
    for (x = best; x != NONE; x = c->base[x])
        len++;
    /* written full first: the chain walked back, placed from the end */
    k = len;
    for (x = best; x != NONE; x = c->base[x]) {
        k--;
        if (k < cap)
            out[k] = x;
    }
    *count = len;
    return len > cap ? SLA_ENOSPC : 0;
}

int sla__in_scope(const struct sla_catalog *c, size_t i,
                  const struct sla_backup_scope *s)
{
    const struct sla_backup *b = &c->v[i];
    if (!s)
        return 1;
    if (s->kinds && !(s->kinds & (1u << b->kind)))
        return 0;
    if (s->locations && !(s->locations & (1u << b->location)))
        return 0;
    return !s->tags || sla__tags_have(c->tags[i], s->tags);
}

SLA_EXPORT int sla_backup_scope_parse(struct sla_backup_scope *out,
                                      char *tags, size_t size,
                                      int32_t *per_location, const char *s,
                                      size_t len, struct sla_error *err)
{
    static const char *const words[] = {"FULL", "DIFFERENTIAL",
                                        "INCREMENTAL", "ON-SITE",
                                        "OFF-SITE"};
    size_t i = 0, nt = 0;
    if (!out || !tags || !size || (!s && len))
        return sla__error_set(err, SLA_EINVAL, -1, "no scope or room");
    memset(out, 0, sizeof *out);
    tags[0] = '\0';
    if (per_location)
        *per_location = 0;
    if (sla__word_is(s, len, "ANY"))
        return 0;
    while (i <= len) {
        size_t a = i, n;
        int k;
        while (i < len && s[i] != ',')
            i++;
        n = i - a;
        for (k = 0; k < 5 && !sla__word_is(s + a, n, words[k]); k++)
            ;
        if (k < 3)
            out->kinds |= 1u << k;
        else if (k < 5)
            out->locations |= 1u << (k - 3);
        else if (per_location && sla__word_is(s + a, n, "EACH-LOCATION"))
            *per_location = 1;
        else if (n > 4 && !memcmp(s + a, "tag=", 4)) {
            if (nt + n - 4 + 2 > size)
                return sla__error_set(err, SLA_ENOSPC, (int64_t)a,
                                      "expected fewer tags");
            if (nt)
                tags[nt++] = ',';
            memcpy(tags + nt, s + a + 4, n - 4);
            nt += n - 4;
            tags[nt] = '\0';
        } else {
            return sla__error_set(err, SLA_EPARSE, (int64_t)a,
                                  "expected a scope of full, differential, "
                                  "incremental, on-site, off-site, tag=T%s "
                                  "or any",
                                  per_location ? ", each-location" : "");
        }
        i++;
    }
    out->tags = nt ? tags : NULL;
    return 0;
}

SLA_EXPORT int sla_catalog_in_scope(const struct sla_catalog *c, size_t i,
                                    const struct sla_backup_scope *s)
{
    if (!c || i >= c->n)
        return SLA_EINVAL;
    return sla__in_scope(c, i, s);
}

/* ---- achieved RPO ------------------------------------------------------- */

SLA_EXPORT int sla_catalog_rpo(struct sla_rpo *out,
                               const struct sla_catalog *c,
                               const struct sla_backup_scope *scope,
                               int64_t from, int64_t to, int64_t target)
{
    size_t *v, n = 0, i, k;
    int64_t best = 0, prev = from, last_cap = 0;
    int have = 0, have_last = 0, have_gap = 0;
    struct sla_rpo r;
    if (!out || !sla__catalog_ready(c) || from > to || target < 0)
        return SLA_EINVAL;
    memset(&r, 0, sizeof r);
    if (!(v = malloc((c->n + 1) * sizeof *v)))
        return SLA_ENOMEM;
    for (i = 0; i < c->n; i++)
        if (c->ok[i] && sla__in_scope(c, i, scope))
            v[n++] = i;
    /* Gaps: consecutive restore points in capture order, the later one
     * captured in the span. */
    for (k = 0; k < c->n; k++) {
        size_t x = c->order[k];
        int64_t cap = c->v[x].captured, d;
        if (!c->ok[x] || !sla__in_scope(c, x, scope))
            continue;
        if (cap >= to)
            break;
        if (have_last && cap >= from) {
            if (sla__sub_overflow(cap, last_cap, &d)) {
                free(v);
                return SLA_EOVERFLOW;
            }
            if (!have_gap || d > r.largest_gap_ms) {
                r.largest_gap_ms = d;
                r.gap_from = last_cap;
                r.gap_to = cap;
                have_gap = 1;
            }
        }
        last_cap = cap;
        have_last = 1;
    }
    /* loss(t): sweep the completions in order */
    if (sla__sort_indexes(v, n, c, 1)) {
        free(v);
        return SLA_ENOMEM;
    }
    r.worst_at = from;
    if (!have_gap)
        r.gap_from = r.gap_to = INT64_MIN;
    for (i = 0; i <= n; i++) {
        int64_t t = i < n ? c->v[v[i]].completed : to;
        if (t > to)
            t = to;
        if (t > prev) {
            /* the piece [prev, t) with restore point best */
            int64_t len, loss, th, over = 0;
            if (sla__sub_overflow(t, prev, &len))
                goto overflow;
            if (!have) {
                if (sla__add_overflow(r.uncovered_ms, len, &r.uncovered_ms))
                    goto overflow;
                over = len;
            } else {
                if (sla__sub_overflow(t, best, &loss))
                    goto overflow;
                if (loss > r.worst_ms) {
                    r.worst_ms = loss;
                    r.worst_at = t;
                }
                /* loss > target on (best + target, t) */
                if (!sla__add_overflow(best, target, &th) && th < t &&
                    sla__sub_overflow(t, th > prev ? th : prev, &over))
                    goto overflow;
            }
            if (sla__add_overflow(r.over_ms, over, &r.over_ms))
                goto overflow;
            prev = t;
        }
        if (i < n) {
            const struct sla_backup *b = &c->v[v[i]];
            if (b->completed >= to)
                break;
            if (!have || b->captured > best)
                best = b->captured;
            have = 1;
            if (b->completed >= from)
                r.restore_points++;
        }
    }
    free(v);
    *out = r;
    return 0;
overflow:
    free(v);
    return SLA_EOVERFLOW;
}
