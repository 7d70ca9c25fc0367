/* SPDX-License-Identifier: MIT */
/* Built with -std=c11 -pedantic-errors -Werror: the public header must be
 * clean for every C consumer. Running it checks the versions agree. */
#include <sla.h>

int main(void)
{
    struct sla_error err;
    int64_t t = 0;
    err.code = 0;
    if (sla_rfc3339_parse(&t, NULL, "1970-01-01T00:00:00Z", 20, &err) != 0)
        return 1;
    return sla_version() == SLA_VERSION_NUMBER && t == 0 ? 0 : 1;
}
