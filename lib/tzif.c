/* SPDX-License-Identifier: MIT */
/* TZif files (RFC 8536): every count checked against the size, every index
 * against its table, before anything is used. */
#include <stdlib.h>
#include <string.h>

#include "zone-private.h"

#define HEADER_SIZE 44

struct header {
    int version; /* 1, or 2 and up */
    uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}

static int64_t be64(const uint8_t *p)
{
    uint64_t v = (uint64_t)be32(p) << 32 | be32(p + 4);
    return (int64_t)v;
}

static int fail(struct sla_error *err, size_t at, const char *what)
{
    return sla__error_set(err, SLA_EPARSE, at, "TZif: expected %s", what);
}

static int read_header(const uint8_t *d, size_t len, size_t at,
                       struct header *h, struct sla_error *err)
{
    if (len - at < HEADER_SIZE)
        return fail(err, at, "a 44-byte header, the file is too short");
    if (memcmp(d + at, "TZif", 4) != 0)
        return fail(err, at, "the magic \"TZif\"");
    if (d[at + 4] == 0)
        h->version = 1;
    else if (d[at + 4] >= '2' && d[at + 4] <= '9')
        h->version = d[at + 4] - '0';
    else
        return fail(err, at + 4, "a version of NUL or a digit from '2'");
    h->isutcnt = be32(d + at + 20);
    h->isstdcnt = be32(d + at + 24);
    h->leapcnt = be32(d + at + 28);
    h->timecnt = be32(d + at + 32);
    h->typecnt = be32(d + at + 36);
    h->charcnt = be32(d + at + 40);
    if (h->typecnt == 0 || h->typecnt > 256)
        return fail(err, at + 36, "between 1 and 256 local time types");
    if (h->charcnt == 0)
        return fail(err, at + 40, "at least one byte of abbreviations");
    if (h->isutcnt != 0 && h->isutcnt != h->typecnt)
        return fail(err, at + 20, "isutcnt to be 0 or typecnt");
    if (h->isstdcnt != 0 && h->isstdcnt != h->typecnt)
        return fail(err, at + 24, "isstdcnt to be 0 or typecnt");
    if (h->leapcnt != 0)
        return sla__error_set(err, SLA_EUNSUPPORTED, at + 28,
                              "TZif: leap-second records are not supported "
                              "(libsla counts time as POSIX does; use the "
                              "zone without leap seconds, not right/)");
    return 0;
}

/* Size of the data block after a header; time_size is 4 or 8. The counts
 * are below 2^32 each, so the sum fits in 64 bits. */
static uint64_t block_size(const struct header *h, int time_size)
{
    return (uint64_t)h->timecnt * (uint64_t)(time_size + 1) +
           (uint64_t)h->typecnt * 6 + h->charcnt +
           (uint64_t)h->leapcnt * (uint64_t)(time_size + 4) + h->isstdcnt +
           h->isutcnt;
}

SLA_EXPORT int sla_zone_from_tzif(struct sla_zone **out, const uint8_t *data,
                                  size_t len, const char *name,
                                  struct sla_error *err)
{
    struct header h;
    size_t at = 0, tpos, ipos, ypos, cpos, end;
    int tsize = 4, rc;
    uint64_t size;
    struct zone_type *types = NULL;
    int64_t *trans = NULL;
    uint16_t *ttype = NULL;
    size_t ntrans = 0, i;
    uint16_t initial = 0;
    int64_t last_sec = 0, rule_from = INT64_MIN;
    struct posix_rule rule;
    int has_rule = 0;
    struct zone_build b;

    if (!out || (!data && len))
        return SLA_EINVAL;
    if (!data)
        return fail(err, 0, "a 44-byte header, the file is empty");
    if ((rc = read_header(data, len, 0, &h, err)))
        return rc;
    if (h.version >= 2) {
        /* Skip the version 1 block to the 64-bit header and data. */
        size = block_size(&h, 4);
        if (size > len - HEADER_SIZE)
            return fail(err, len, "the version 1 data block the header "
                                  "counts, the file is too short");
        at = HEADER_SIZE + (size_t)size;
        if ((rc = read_header(data, len, at, &h, err)))
            return rc;
        if (h.version < 2)
            return fail(err, at + 4, "the second header of a version 2+ "
                                     "file to have a version too");
        tsize = 8;
    }
    at += HEADER_SIZE;
    size = block_size(&h, tsize);
    if (size > len - at)
        return fail(err, len, "the data block the header counts, the file "
                              "is too short");
    tpos = at;
    ipos = tpos + (size_t)h.timecnt * (size_t)tsize;
    ypos = ipos + h.timecnt;
    cpos = ypos + (size_t)h.typecnt * 6;
    end = at + (size_t)size;

    /* The abbreviations must end with a NUL. */
    if (data[cpos + h.charcnt - 1] != '\0')
        return fail(err, cpos + h.charcnt - 1,
                    "the abbreviation bytes to end with a NUL");
    types = calloc(h.typecnt, sizeof *types);
    trans = malloc((h.timecnt ? h.timecnt : 1) * sizeof *trans);
    ttype = malloc((h.timecnt ? h.timecnt : 1) * sizeof *ttype);
    if (!types || !trans || !ttype) {
        rc = SLA_ENOMEM;
        goto out;
    }
    for (i = 0; i < h.typecnt; i++) {
        const uint8_t *p = data + ypos + i * 6;
        int32_t utoff = (int32_t)be32(p);
        size_t ai = p[5], alen;
        if (utoff < -(int32_t)(SLA_ZONE_MAX_OFFSET_MS / 1000) ||
            utoff > (int32_t)(SLA_ZONE_MAX_OFFSET_MS / 1000)) {
            rc = fail(err, ypos + i * 6, "a UT offset within 26 hours");
            goto out;
        }
        if (p[4] > 1) {
            rc = fail(err, ypos + i * 6 + 4, "a DST flag of 0 or 1");
            goto out;
        }
        if (ai >= h.charcnt) {
            rc = fail(err, ypos + i * 6 + 5,
                      "an abbreviation index within the abbreviations");
            goto out;
        }
        alen = strlen((const char *)data + cpos + ai);
        if (alen >= SLA_ZONE_ABBR_SIZE) {
            rc = fail(err, cpos + ai, "an abbreviation of at most 15 bytes");
            goto out;
        }
        types[i].offset_ms = (int64_t)utoff * SLA_MS_PER_SECOND;
        types[i].is_dst = p[4];
        memcpy(types[i].abbr, data + cpos + ai, alen + 1);
    }
    for (i = 0; i < h.timecnt; i++) {
        int64_t sec = tsize == 8 ? be64(data + tpos + i * 8)
                                 : (int64_t)(int32_t)be32(data + tpos + i * 4);
        uint8_t ti = data[ipos + i];
        if (i && sec <= last_sec) {
            rc = fail(err, tpos + i * (size_t)tsize,
                      "transition times in strictly increasing order");
            goto out;
        }
        if (ti >= h.typecnt) {
            rc = fail(err, ipos + i, "a transition type index below typecnt");
            goto out;
        }
        last_sec = sec;
        if (sec < INT64_MIN / 1000) {
            initial = ti; /* before every representable instant */
        } else if (sec <= INT64_MAX / 1000) {
            trans[ntrans] = sec * 1000;
            ttype[ntrans++] = ti;
        }
    }
    /* The isstd and isut indicators matter only to POSIX TZ rules that the
     * footer replaces; they are range-checked and otherwise unused. */
    for (i = 0; i < (size_t)h.isstdcnt + h.isutcnt; i++) {
        if (data[cpos + h.charcnt + i] > 1) {
            rc = fail(err, cpos + h.charcnt + i, "an indicator of 0 or 1");
            goto out;
        }
    }
    if (h.timecnt) {
        if (last_sec < INT64_MIN / 1000)
            rule_from = INT64_MIN;
        else if (last_sec > INT64_MAX / 1000)
            rule_from = INT64_MAX;
        else
            rule_from = last_sec * 1000;
    }
    if (h.version >= 2) {
        /* The footer: a newline, a POSIX TZ string, a newline. */
        size_t f = end, nl;
        if (f >= len || data[f] != '\n') {
            rc = fail(err, f, "a newline starting the footer");
            goto out;
        }
        for (nl = f + 1; nl < len && data[nl] != '\n'; nl++)
            ;
        if (nl >= len) {
            rc = fail(err, len, "a newline ending the footer");
            goto out;
        }
        if (nl + 1 != len) {
            rc = fail(err, nl + 1, "the end of the file after the footer");
            goto out;
        }
        if (nl > f + 1) {
            rc = sla__posix_parse(&rule, (const char *)data + f + 1,
                                  nl - f - 1, f + 1, err);
            if (rc)
                goto out;
            has_rule = 1;
        }
    } else if (end != len) {
        rc = fail(err, end, "the end of the file after the data block");
        goto out;
    }
    b.name = name ? name : "TZif";
    b.types = types;
    b.ntypes = h.typecnt;
    b.initial_type = initial;
    b.trans = trans;
    b.trans_type = ttype;
    b.ntrans = ntrans;
    b.rule_from = rule_from;
    b.rule = has_rule ? &rule : NULL;
    rc = sla__zone_build(out, &b);
out:
    free(types);
    free(trans);
    free(ttype);
    return rc;
}
