// SPDX-License-Identifier: MIT
// Built as C++11 with -pedantic-errors -Werror: the public header must be
// clean for C++ consumers and give C linkage to every function.
#include <sla.h>

#include <cstring>

int main()
{
    sla_intervals *set = nullptr;
    int64_t total = -1;
    if (sla_intervals_new(&set) != SLA_OK)
        return 1;
    if (sla_intervals_add(set, 0, 10) != SLA_OK ||
        sla_intervals_measure(&total, set) != SLA_OK) {
        sla_intervals_free(set);
        return 1;
    }
    sla_intervals_free(set);
    return total == 10 && std::strcmp(sla_version_string(), SLA_VERSION_STRING) == 0
               ? 0
               : 1;
}
