/* SPDX-License-Identifier: MIT */
/* Shared declarations of the fuzz targets and their corpus replay driver. */
#ifndef SLA_FUZZ_H
#define SLA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sla.h>

/* The libFuzzer entry point; each fuzz-*.c defines it. Returns 0, and
 * aborts when an invariant of the library breaks. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Report a broken invariant with the input that broke it, then abort so
 * that libFuzzer (or the replay driver, or a test harness) notices. */
static inline void fuzz_fail(const char *what, const uint8_t *data,
                             size_t size)
{
    size_t i;
    fprintf(stderr, "fuzz invariant broken: %s\ninput (%zu bytes): \"", what,
            size);
    for (i = 0; i < size; i++) {
        unsigned ch = data[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')
            fputc((int)ch, stderr);
        else
            fprintf(stderr, "\\x%02x", ch);
    }
    fputs("\"\n", stderr);
    abort();
}

#define FUZZ_CHECK(cond, data, size)                                        \
    do {                                                                    \
        if (!(cond))                                                        \
            fuzz_fail(#cond, (data), (size));                               \
    } while (0)

/* A parser error record filled with junk, so that a field the parser
 * forgets to set is noticed. */
static inline void fuzz_error_poison(struct sla_error *err)
{
    memset(err, 0x5a, sizeof *err);
}

/* Check the record a parser filled when it returned SLA_EPARSE on input
 * of the given size: code, place (0 <= offset <= size, line 1, column
 * offset + 1) and a NUL-terminated non-empty message. */
static inline void fuzz_error_check(const struct sla_error *err,
                                    const uint8_t *data, size_t size)
{
    FUZZ_CHECK(err->code == SLA_EPARSE, data, size);
    FUZZ_CHECK(err->offset >= 0, data, size);
    FUZZ_CHECK((uint64_t)err->offset <= (uint64_t)size, data, size);
    FUZZ_CHECK(err->line == 1, data, size);
    FUZZ_CHECK((int64_t)err->column == err->offset + 1, data, size);
    FUZZ_CHECK(err->reserved == 0, data, size);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL, data,
               size);
    FUZZ_CHECK(err->message[0] != '\0', data, size);
}

/* For the readers of files: the record's line and column are where its
 * offset is: line = 1 + the newlines before it, column = the bytes since
 * the last one, plus one (a leading byte-order mark does not count). */
static inline void fuzz_error_place_check(const struct sla_error *err,
                                          const uint8_t *data, size_t size)
{
    size_t i, line = 1, col = 1, off;
    FUZZ_CHECK(err->offset >= 0, data, size);
    FUZZ_CHECK((uint64_t)err->offset <= (uint64_t)size, data, size);
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL, data,
               size);
    FUZZ_CHECK(err->message[0] != '\0', data, size);
    off = (size_t)err->offset;
    i = size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) && off >= 3 ? 3 : 0;
    for (; i < off; i++) {
        if (data[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    FUZZ_CHECK(err->line == (int32_t)line, data, size);
    FUZZ_CHECK(err->column == (int32_t)col, data, size);
}

#endif /* SLA_FUZZ_H */
