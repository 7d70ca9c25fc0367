/* SPDX-License-Identifier: MIT */
/* Where zones come from: IANA names, POSIX TZ strings, fixed offsets. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zone-private.h"

/* No TZif file in the IANA database comes near this. */
#define TZIF_MAX_SIZE (1024 * 1024)
#define NAME_MAX_LEN 255

SLA_EXPORT int sla_zone_from_posix(struct sla_zone **out, const char *tz,
                                   size_t len, struct sla_error *err)
{
    struct posix_rule rule;
    struct zone_build b;
    char name[NAME_MAX_LEN + 1];
    int rc;
    if (sla__check_text(err, out, &tz, len))
        return SLA_EINVAL;
    if ((rc = sla__posix_parse(&rule, tz, len, 0, err)))
        return rc;
    memset(&b, 0, sizeof b);
    if (len > NAME_MAX_LEN)
        len = NAME_MAX_LEN;
    memcpy(name, tz, len);
    name[len] = '\0';
    b.name = name;
    b.types = &rule.std;
    b.ntypes = 1;
    b.rule_from = INT64_MIN;
    b.rule = &rule;
    return sla__zone_build(out, &b);
}

/* "+09:00", "-0530", "+09", "+09:00:00" as an offset; -1 if not one. */
static int parse_offset(const char *s, int64_t *out)
{
    int64_t v[3] = {0, 0, 0};
    int i = 0, field;
    int sign;
    if (s[0] != '+' && s[0] != '-')
        return -1;
    sign = s[0] == '-' ? -1 : 1;
    s++;
    for (field = 0; field < 3; field++) {
        if (s[i] < '0' || s[i] > '9' || s[i + 1] < '0' || s[i + 1] > '9')
            return -1;
        v[field] = (s[i] - '0') * 10 + (s[i + 1] - '0');
        i += 2;
        if (s[i] == '\0')
            break;
        if (s[i] == ':')
            i++;
    }
    if (s[i] != '\0' || field == 3 || v[1] > 59 || v[2] > 59)
        return -1;
    *out = sign * ((v[0] * 3600 + v[1] * 60 + v[2]) * SLA_MS_PER_SECOND);
    return 0;
}

SLA_EXPORT int sla_zone_from_offset(struct sla_zone **out, int64_t offset_ms)
{
    struct zone_type t;
    struct zone_build b;
    char name[16];
    uint64_t a;
    int n;
    if (!out || offset_ms % SLA_MS_PER_SECOND != 0 ||
        offset_ms < -SLA_ZONE_MAX_OFFSET_MS || offset_ms > SLA_ZONE_MAX_OFFSET_MS)
        return SLA_EINVAL;
    memset(&t, 0, sizeof t);
    t.offset_ms = offset_ms;
    a = (uint64_t)(offset_ms < 0 ? -offset_ms : offset_ms) / 1000;
    if (offset_ms == 0) {
        strcpy(name, "UTC");
        strcpy(t.abbr, "UTC");
    } else {
        char sign = offset_ms < 0 ? '-' : '+';
        unsigned h = (unsigned)(a / 3600), m = (unsigned)(a / 60 % 60),
                 s = (unsigned)(a % 60);
        if (s)
            n = snprintf(name, sizeof name, "%c%02u:%02u:%02u", sign, h, m, s);
        else
            n = snprintf(name, sizeof name, "%c%02u:%02u", sign, h, m);
        (void)n;
        /* Abbreviations as the IANA data writes them: +09, +0530. */
        if (s)
            snprintf(t.abbr, sizeof t.abbr, "%c%02u%02u%02u", sign, h, m, s);
        else if (m)
            snprintf(t.abbr, sizeof t.abbr, "%c%02u%02u", sign, h, m);
        else
            snprintf(t.abbr, sizeof t.abbr, "%c%02u", sign, h);
    }
    memset(&b, 0, sizeof b);
    b.name = name;
    b.types = &t;
    b.ntypes = 1;
    b.rule_from = INT64_MAX;
    return sla__zone_build(out, &b);
}

/* Letters, digits, "/_-+."; no leading '/', no empty, "." or ".."
 * component: nothing can leave the zone directory. */
static int valid_name(const char *name)
{
    size_t n = strlen(name), i, comp = 0;
    if (n == 0 || n > NAME_MAX_LEN || name[0] == '/')
        return 0;
    for (i = 0; i <= n; i++) {
        char c = name[i];
        if (c == '/' || c == '\0') {
            size_t len = i - comp;
            if (len == 0 || (len == 1 && name[comp] == '.') ||
                (len == 2 && name[comp] == '.' && name[comp + 1] == '.'))
                return 0;
            comp = i + 1;
        } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                     (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                     c == '+' || c == '.')) {
            return 0;
        }
    }
    return 1;
}

/* The caller's directory, else $TZDIR, else the system's. */
static const char *zone_dir(const char *tzdir)
{
    if (!tzdir || !*tzdir)
        tzdir = getenv("TZDIR");
    return tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo";
}

/* Read a whole regular file of at most TZIF_MAX_SIZE bytes. */
static int read_file(const char *path, uint8_t **out, size_t *out_len,
                     struct sla_error *err)
{
    struct stat st;
    uint8_t *buf;
    size_t got = 0;
    /* O_NONBLOCK: a FIFO in the directory must not block the open; on a
     * regular file it changes nothing. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return sla__error_set(err, SLA_ENOTFOUND, 0,
                                  "no time zone file %s", path);
        return sla__error_set(err, SLA_EIO, 0, "cannot open %s: %s", path,
                              strerror(e));
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return sla__error_set(err, SLA_ENOTFOUND, 0,
                              "%s is not a time zone file", path);
    }
    if (st.st_size > TZIF_MAX_SIZE) {
        close(fd);
        return sla__error_set(err, SLA_EPARSE, 0,
                              "%s is larger than any TZif file (1 MiB)",
                              path);
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        close(fd);
        return SLA_ENOMEM;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            int e = r < 0 ? errno : EIO;
            free(buf);
            close(fd);
            return sla__error_set(err, SLA_EIO, 0, "cannot read %s: %s",
                                  path, strerror(e));
        }
        got += (size_t)r;
    }
    close(fd);
    *out = buf;
    *out_len = got;
    return 0;
}

SLA_EXPORT int sla_zone_from_name(struct sla_zone **out, const char *name,
                                  const char *tzdir, struct sla_error *err)
{
    char path[4096];
    uint8_t *data = NULL;
    size_t len = 0;
    int rc;
    if (!out || !name)
        return SLA_EINVAL;
    if (!valid_name(name))
        return sla__error_set(err, SLA_EINVAL, 0,
                              "'%s' is not a valid zone name: expected "
                              "letters, digits and '/_-+.' with no '.' or "
                              "'..' component", name);
    tzdir = zone_dir(tzdir);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", tzdir, name) >=
        sizeof path)
        return sla__error_set(err, SLA_EINVAL, 0, "zone path too long");
    if ((rc = read_file(path, &data, &len, err)))
        return rc;
    rc = sla_zone_from_tzif(out, data, len, name, err);
    if ((rc == SLA_EPARSE || rc == SLA_EUNSUPPORTED) && err) {
        /* Name the zone in front of the parser's sentence. */
        char msg[SLA_ERROR_MESSAGE_SIZE];
        snprintf(msg, sizeof msg, "%.60s: %.120s", name, err->message);
        memcpy(err->message, msg, sizeof msg);
    }
    free(data);
    return rc;
}

/* ASCII case-insensitive equality. */
static int same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

SLA_EXPORT int sla_zone_open(struct sla_zone **out, const char *spec,
                             const char *tzdir, struct sla_error *err)
{
    struct sla_error mine;
    int64_t off;
    int rc;
    if (!out || !spec)
        return SLA_EINVAL;
    if (same_word(spec, "UTC") || same_word(spec, "Z"))
        return sla_zone_from_offset(out, 0);
    if (parse_offset(spec, &off) == 0) {
        if (sla_zone_from_offset(out, off) == 0)
            return 0;
        return sla__error_set(err, SLA_EINVAL, 0,
                              "offset '%s' is beyond 26 hours", spec);
    }
    if (valid_name(spec)) {
        /* A name first; a failed lookup leaves err alone unless it is
         * the answer. */
        rc = sla_zone_from_name(out, spec, tzdir, &mine);
        if (rc != SLA_ENOTFOUND) {
            if (rc && err)
                *err = mine;
            return rc;
        }
        if (sla_zone_from_posix(out, spec, strlen(spec), NULL) == 0)
            return 0;
        return sla__error_set(err, SLA_ENOTFOUND, 0,
                              "unknown time zone '%s': not UTC, an offset "
                              "like +09:00, a zone under %s, nor a POSIX TZ "
                              "string like JST-9",
                              spec, zone_dir(tzdir));
    }
    /* Not a name: a POSIX string (rules may hold '/'), else an error that
     * says why the text is neither. */
    rc = sla_zone_from_posix(out, spec, strlen(spec), &mine);
    if (rc == 0 || rc == SLA_ENOMEM)
        return rc;
    if (strchr(spec, '/') && !strchr(spec, ','))
        return sla_zone_from_name(out, spec, tzdir, err);
    if (err)
        *err = mine;
    return rc;
}
