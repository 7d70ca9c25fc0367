/* SPDX-License-Identifier: MIT */
/* Error codes and the parser error record. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sla-private.h"

SLA_EXPORT const char *sla_strerror(int code)
{
    switch (code) {
    case SLA_OK: return "success";
    case SLA_EINVAL: return "invalid argument";
    case SLA_ENOMEM: return "out of memory";
    case SLA_EOVERFLOW: return "time arithmetic overflow";
    case SLA_ERANGE: return "value out of the representable range";
    case SLA_EPARSE: return "text could not be parsed";
    case SLA_ENOSPC: return "output buffer too small";
    case SLA_ENOTFOUND: return "no such item";
    case SLA_EUNSUPPORTED: return "unsupported feature";
    case SLA_EIO: return "input/output error";
    case SLA_EAMBIGUOUS:
        return "civil time is skipped or repeated in the time zone";
    default: return "unknown error";
    }
}

int sla__error_set(struct sla_error *err, int code, size_t offset,
                   const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->offset = (int64_t)offset;
        err->line = 1;
        err->column = offset < INT32_MAX ? (int32_t)offset + 1 : INT32_MAX;
        err->reserved = 0;
        memset(err->reserved2, 0, sizeof err->reserved2);
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

int sla__check_text(struct sla_error *err, const void *out,
                    const char **text, size_t len)
{
    if (!*text && len == 0)
        *text = "";
    if (out && *text)
        return 0;
    if (err) {
        err->code = SLA_EINVAL;
        err->line = 0;
        err->column = 0;
        err->reserved = 0;
        memset(err->reserved2, 0, sizeof err->reserved2);
        err->offset = -1;
        snprintf(err->message, sizeof err->message, "%s",
                 out ? "invalid argument: the text is NULL with a length"
                     : "invalid argument: the output pointer is NULL");
    }
    return SLA_EINVAL;
}

size_t sla__put_uint(char *buf, uint64_t v, int width)
{
    char tmp[20];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while ((int)n < width)
        tmp[n++] = '0';
    for (i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

int sla__put_result(char *buf, size_t size, const char *text, size_t n)
{
    if (n >= size)
        return SLA_ENOSPC;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return (int)n;
}

int sla__grow(void **v, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 8;
    void *old, *q;
    if (need <= *cap)
        return 0;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            return SLA_ENOMEM;
        c *= 2;
    }
    /* *v is the caller's typed pointer (struct x *): it is read and
     * written as bytes, not through a void * lvalue, so no aliasing rule
     * is broken (object pointers share one representation, as POSIX
     * requires). */
    memcpy(&old, v, sizeof old);
    if (c > SIZE_MAX / size || !(q = realloc(old, c * size)))
        return SLA_ENOMEM;
    memcpy(v, &q, sizeof q);
    *cap = c;
    return 0;
}
