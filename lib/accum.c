/* SPDX-License-Identifier: MIT */
/* Accumulators: merged exactly, saved in a fixed byte format. */
#include <string.h>

#include "sla-private.h"

/* The format, version 1, all little-endian:
 *   0  "SLAA"            4 bytes
 *   4  version           u16 (1)
 *   6  size              u16 (84)
 *   8  from, to, outside, maintenance, excluded, nodata, planned,
 *      downtime_ppm_ms   8 x i64
 *  72  target_ppm        i32
 *  76  reserved          u32 (0)
 *  80  CRC-32C of bytes 0-79, u32 */
#define VERSION 1
#define CRC_AT 80

int sla__accum_check(const struct sla_accum *a)
{
    int64_t span, parts, scaled;
    if (a->from > a->to || a->outside_ms < 0 || a->maintenance_ms < 0 ||
        a->excluded_ms < 0 || a->nodata_ms < 0 || a->planned_ms < 0 ||
        a->downtime_ppm_ms < 0 || a->target_ppm < 0 ||
        a->target_ppm > SLA_PPM_ONE || a->reserved0 || a->reserved[0] ||
        a->reserved[1] || a->reserved[2] ||
        sla__sub_overflow(a->to, a->from, &span))
        return SLA_EINVAL;
    /* Every instant of the span is in at most one of the parts (no data
     * may count as planned, by policy). */
    if (sla__add_overflow(a->outside_ms, a->maintenance_ms, &parts) ||
        sla__add_overflow(parts, a->excluded_ms, &parts) ||
        sla__add_overflow(parts, a->planned_ms, &parts) || parts > span ||
        a->nodata_ms > span - a->outside_ms - a->maintenance_ms -
                           a->excluded_ms ||
        sla__mul_overflow(a->planned_ms, SLA_PPM_ONE, &scaled) ||
        a->downtime_ppm_ms > scaled)
        return SLA_EINVAL;
    return 0;
}

SLA_EXPORT int sla_accum_merge(struct sla_accum *out,
                               const struct sla_accum *a,
                               const struct sla_accum *b)
{
    struct sla_accum m;
    if (!out || !a || !b || sla__accum_check(a) || sla__accum_check(b) ||
        a->target_ppm != b->target_ppm)
        return SLA_EINVAL;
    /* Either order: a then b, or b then a (an empty span may share its
     * neighbour's start). */
    if (a->to != b->from) {
        const struct sla_accum *t = a;
        a = b;
        b = t;
    }
    if (a->to != b->from)
        return SLA_EINVAL;
    memset(&m, 0, sizeof m);
    m.from = a->from;
    m.to = b->to;
    m.target_ppm = a->target_ppm;
    if (sla__add_overflow(a->outside_ms, b->outside_ms, &m.outside_ms) ||
        sla__add_overflow(a->maintenance_ms, b->maintenance_ms,
                          &m.maintenance_ms) ||
        sla__add_overflow(a->excluded_ms, b->excluded_ms, &m.excluded_ms) ||
        sla__add_overflow(a->nodata_ms, b->nodata_ms, &m.nodata_ms) ||
        sla__add_overflow(a->planned_ms, b->planned_ms, &m.planned_ms) ||
        sla__add_overflow(a->downtime_ppm_ms, b->downtime_ppm_ms,
                          &m.downtime_ppm_ms) ||
        sla__accum_check(&m))
        return SLA_EOVERFLOW;
    *out = m;
    return 0;
}

/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit:
 * 80 bytes need no table. */
static uint32_t crc32c(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    size_t i;
    int k;
    for (i = 0; i < n; i++) {
        c ^= p[i];
        for (k = 0; k < 8; k++)
            c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void put64(uint8_t *p, int64_t v)
{
    uint64_t u = (uint64_t)v;
    int i;
    for (i = 0; i < 8; i++)
        p[i] = (uint8_t)(u >> (8 * i));
}

static int64_t get64(const uint8_t *p)
{
    uint64_t u = 0;
    int i;
    for (i = 0; i < 8; i++)
        u |= (uint64_t)p[i] << (8 * i);
    return (int64_t)u;
}

static void put32(uint8_t *p, uint32_t v)
{
    int i;
    for (i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

SLA_EXPORT int sla_accum_save(uint8_t *buf, size_t size,
                              const struct sla_accum *a)
{
    uint8_t b[SLA_ACCUM_SIZE];
    if (!buf || !a || sla__accum_check(a))
        return SLA_EINVAL;
    if (size < SLA_ACCUM_SIZE)
        return SLA_ENOSPC;
    memcpy(b, "SLAA", 4);
    b[4] = VERSION;
    b[5] = 0;
    b[6] = SLA_ACCUM_SIZE;
    b[7] = 0;
    put64(b + 8, a->from);
    put64(b + 16, a->to);
    put64(b + 24, a->outside_ms);
    put64(b + 32, a->maintenance_ms);
    put64(b + 40, a->excluded_ms);
    put64(b + 48, a->nodata_ms);
    put64(b + 56, a->planned_ms);
    put64(b + 64, a->downtime_ppm_ms);
    put32(b + 72, (uint32_t)a->target_ppm);
    put32(b + 76, 0);
    put32(b + CRC_AT, crc32c(b, CRC_AT));
    memcpy(buf, b, SLA_ACCUM_SIZE);
    return SLA_ACCUM_SIZE;
}

SLA_EXPORT int sla_accum_load(struct sla_accum *out, const uint8_t *buf,
                              size_t len, struct sla_error *err)
{
    struct sla_accum a;
    const char *text = (const char *)buf;
    unsigned version;
    int rc;
    if ((rc = sla__check_text(err, out, &text, len)))
        return rc;
    buf = (const uint8_t *)text;
    if (len < 8 || memcmp(buf, "SLAA", 4))
        return sla__error_set(err, SLA_EPARSE, 0,
                              "expected a saved accumulator (\"SLAA\")");
    version = (unsigned)buf[4] | (unsigned)buf[5] << 8;
    if (version > VERSION)
        return sla__error_set(err, SLA_EUNSUPPORTED, 4,
                              "expected version %d or older, not %u (saved "
                              "by a later libsla)",
                              VERSION, version);
    if (version != VERSION || buf[6] != SLA_ACCUM_SIZE || buf[7])
        return sla__error_set(err, SLA_EPARSE, 4,
                              "expected version %d of %d bytes", VERSION,
                              SLA_ACCUM_SIZE);
    if (len != SLA_ACCUM_SIZE)
        return sla__error_set(err, SLA_EPARSE, len < SLA_ACCUM_SIZE ? len : SLA_ACCUM_SIZE,
                              "expected %d bytes, not %zu (a torn buffer)",
                              SLA_ACCUM_SIZE, len);
    if (get32(buf + CRC_AT) != crc32c(buf, CRC_AT))
        return sla__error_set(err, SLA_EPARSE, CRC_AT,
                              "expected a matching checksum: the buffer is "
                              "corrupted");
    memset(&a, 0, sizeof a);
    a.from = get64(buf + 8);
    a.to = get64(buf + 16);
    a.outside_ms = get64(buf + 24);
    a.maintenance_ms = get64(buf + 32);
    a.excluded_ms = get64(buf + 40);
    a.nodata_ms = get64(buf + 48);
    a.planned_ms = get64(buf + 56);
    a.downtime_ppm_ms = get64(buf + 64);
    a.target_ppm = (int32_t)get32(buf + 72);
    if (get32(buf + 76) || sla__accum_check(&a))
        return sla__error_set(err, SLA_EPARSE, 8,
                              "expected figures that fit their span");
    *out = a;
    return 0;
}
