/* SPDX-License-Identifier: MIT */
/* Fuzz target: TZif bytes (RFC 8536) to sla_zone_from_tzif.
 *
 * A refused input must come with a consistent error record (the code
 * returned, a place within the input, a message). An accepted one is read
 * again here, simply, into a transition table, its types and its footer
 * rule; then zone-check.h exercises the zone against the promises of
 * sla/zone.h and against that reference. */
#include "zone-check.h"

static uint32_t tz_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}

/* Known bug 6: version 2+ data whose last transition is after the range
 * of int64_t milliseconds (rule_from == INT64_MAX), with a DST footer rule
 * that never changes the offset ("AAA1BBB,29/2,J30/3"): sla__zone_build
 * adds a transition at rule_from + 1, a signed overflow that wraps to
 * INT64_MIN, and the rule's type then holds at every instant instead of
 * the data's. Unless ZC_STRICT, such inputs (a DST footer after a last
 * transition past the range) are skipped before libsla sees them: this
 * reads them with every count checked, as they are not yet validated. */
static int tz_bug6(const uint8_t *d, size_t len)
{
    uint64_t at, v1, timecnt, last;
    if (ZC_STRICT || len < 44 || memcmp(d, "TZif", 4) != 0 || d[4] < '2')
        return 0;
    v1 = (uint64_t)tz_be32(d + 32) * 5 + (uint64_t)tz_be32(d + 36) * 6 +
         tz_be32(d + 40) + (uint64_t)tz_be32(d + 28) * 8 + tz_be32(d + 24) +
         tz_be32(d + 20);
    if (v1 > len || len - v1 < 88)
        return 0;
    at = 44 + v1;
    timecnt = tz_be32(d + at + 32);
    if (timecnt == 0 || timecnt * 8 > len - at - 44)
        return 0;
    at += 44 + (timecnt - 1) * 8;
    last = (uint64_t)tz_be32(d + at) << 32 | tz_be32(d + at + 4);
    return (int64_t)last > INT64_MAX / 1000 &&
           memchr(d + at, ',', len - at) != NULL;
}

struct tz_ref {
    int64_t *ms;
    size_t *type;
    struct ref_type *types;
};

static void tz_ref_free(struct tz_ref *r)
{
    free(r->ms);
    free(r->type);
    free(r->types);
}

/* Read TZif data that libsla accepted (so it is well formed) into zc. */
static void tz_ref_read(struct zc *zc, struct tz_ref *r, const uint8_t *d,
                        size_t len)
{
    size_t at = 0, tsize = 4, i, tpos, ipos, ypos, cpos, end;
    uint32_t isut, isstd, leap, timecnt, typecnt, charcnt;
    int version = d[4] ? d[4] - '0' : 1;
    int64_t last_sec = 0;

    for (;;) {
        isut = tz_be32(d + at + 20);
        isstd = tz_be32(d + at + 24);
        leap = tz_be32(d + at + 28);
        timecnt = tz_be32(d + at + 32);
        typecnt = tz_be32(d + at + 36);
        charcnt = tz_be32(d + at + 40);
        at += 44;
        if (tsize == 8 || version < 2)
            break;
        at += (size_t)timecnt * 5 + (size_t)typecnt * 6 + charcnt +
              (size_t)leap * 8 + isstd + isut;
        tsize = 8;
    }
    FUZZ_CHECK(leap == 0 && typecnt >= 1, d, len);
    tpos = at;
    ipos = tpos + (size_t)timecnt * tsize;
    ypos = ipos + timecnt;
    cpos = ypos + (size_t)typecnt * 6;
    end = cpos + charcnt + isstd + isut;

    r->ms = malloc((timecnt + 1) * sizeof *r->ms);
    r->type = malloc((timecnt + 1) * sizeof *r->type);
    r->types = calloc(typecnt, sizeof *r->types);
    FUZZ_CHECK(r->ms && r->type && r->types, d, len);
    for (i = 0; i < typecnt; i++) {
        const uint8_t *p = d + ypos + i * 6;
        const char *abbr = (const char *)d + cpos + p[5];
        r->types[i].offset_ms = (int64_t)(int32_t)tz_be32(p) * 1000;
        r->types[i].is_dst = p[4];
        FUZZ_CHECK(strlen(abbr) < SLA_ZONE_ABBR_SIZE, d, len);
        strcpy(r->types[i].abbr, abbr);
    }
    zc->ntr = 0;
    zc->initial = 0;
    for (i = 0; i < timecnt; i++) {
        int64_t sec;
        if (tsize == 8)
            sec = (int64_t)((uint64_t)tz_be32(d + tpos + i * 8) << 32 |
                            tz_be32(d + tpos + i * 8 + 4));
        else
            sec = (int32_t)tz_be32(d + tpos + i * 4);
        last_sec = sec;
        if (sec < INT64_MIN / 1000) {
            zc->initial = d[ipos + i];
        } else if (sec <= INT64_MAX / 1000) {
            r->ms[zc->ntr] = sec * 1000;
            r->type[zc->ntr++] = d[ipos + i];
        }
    }
    zc->tr_ms = r->ms;
    zc->tr_type = r->type;
    zc->types = r->types;
    zc->has_rule = 0;
    zc->from = INT64_MIN;
    if (timecnt)
        zc->from = last_sec < INT64_MIN / 1000   ? INT64_MIN
                   : last_sec > INT64_MAX / 1000 ? INT64_MAX
                                                 : last_sec * 1000;
    if (version >= 2 && end + 2 < len) {
        /* "\n" footer "\n" */
        FUZZ_CHECK(ref_parse_posix(&zc->rule, (const char *)d + end + 1,
                                   len - end - 2) == 0,
                   d, len);
        zc->has_rule = 1;
    }
    zc->ref = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t empty[1];
    struct sla_zone *z = NULL;
    struct sla_error err;
    struct zc zc;
    struct tz_ref ref = {NULL, NULL, NULL};
    const char *name = size & 1 ? NULL : "fuzz/Zone";
    int64_t extra[16];
    size_t nextra, i;
    int rc;

    if (!data)
        data = empty;
    if (tz_bug6(data, size))
        return 0;
    fuzz_error_poison(&err);
    rc = sla_zone_from_tzif(&z, data, size, name, &err);
    if (rc != 0) {
        FUZZ_CHECK(rc == SLA_EPARSE || rc == SLA_EUNSUPPORTED, data, size);
        zc_error_check(&err, rc, data, size);
        /* The record is optional and changes nothing. */
        FUZZ_CHECK(sla_zone_from_tzif(&z, data, size, name, NULL) == rc, data,
                   size);
        return 0;
    }
    FUZZ_CHECK(z != NULL, data, size);
    FUZZ_CHECK(strcmp(sla_zone_name(z), name ? name : "TZif") == 0, data,
               size);
    FUZZ_CHECK(sla_zone_ref(z) == z, data, size);
    sla_zone_unref(z);

    memset(&zc, 0, sizeof zc);
    zc.z = z;
    zc.data = data;
    zc.size = size;
    tz_ref_read(&zc, &ref, data, size);

    nextra = zc_instants_from(data, size, extra, 8);
    /* Around the first, the last and a few other transitions. */
    for (i = 0; i < 4 && zc.ntr; i++) {
        size_t k = i == 3 ? zc.ntr - 1 : (zc.ntr - 1) * i / 3;
        if (i && k == 0)
            continue;
        extra[nextra++] = zc.tr_ms[k];
    }
    if (zc.from != INT64_MIN && zc.from < INT64_MAX - 1)
        extra[nextra++] = zc.from + 1;
    zc_zone(&zc, extra, nextra);

    tz_ref_free(&ref);
    sla_zone_unref(z);
    return 0;
}
