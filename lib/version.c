/* SPDX-License-Identifier: MIT */
#include "sla-private.h"

SLA_EXPORT uint32_t sla_version(void)
{
    return (uint32_t)SLA_VERSION_NUMBER;
}

SLA_EXPORT const char *sla_version_string(void)
{
    return SLA_VERSION_STRING;
}
