/* SPDX-License-Identifier: MIT */
/* Placeholder: parses the bytes as a rule. */
#include <stdlib.h>

#include <sla.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sla_rrule *r = NULL;
    if (sla_rrule_parse(&r, (const char *)data, size, NULL) == 0)
        sla_rrule_free(r);
    return 0;
}
