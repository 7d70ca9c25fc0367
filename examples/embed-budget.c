/* SPDX-License-Identifier: MIT */
/* The smallest useful embedding of libsla: how much downtime does a
 * 99.99% monthly target allow in a 31-day month with one 2-hour
 * maintenance window excluded? Build it against an installed libsla:
 *
 *     cc embed-budget.c $(pkg-config --cflags --libs libsla)
 */
#include <stdio.h>
#include <string.h>

#include <sla.h>

int main(void)
{
    const char *target = "99.99";
    struct sla_intervals *planned = NULL, *maintenance = NULL;
    struct sla_error err;
    int64_t month_start, month_end, window_start, planned_ms, allowed;
    int32_t ppm;
    char human[64];
    int rc;

    if (sla_ppm_parse_percent(&ppm, target, strlen(target), &err)) {
        fprintf(stderr, "target: %s\n", err.message);
        return 1;
    }
    /* March 2026 in UTC, and a maintenance window 02:00-04:00 on the 10th. */
    rc = sla_rfc3339_parse(&month_start, NULL, "2026-03-01T00:00:00Z", 20, &err);
    rc = rc ? rc : sla_rfc3339_parse(&month_end, NULL, "2026-04-01T00:00:00Z", 20, &err);
    rc = rc ? rc : sla_rfc3339_parse(&window_start, NULL, "2026-03-10T02:00:00Z", 20, &err);
    rc = rc ? rc : sla_intervals_new(&planned);
    rc = rc ? rc : sla_intervals_new(&maintenance);
    rc = rc ? rc : sla_intervals_add(planned, month_start, month_end);
    rc = rc ? rc : sla_intervals_add(maintenance, window_start,
                                     window_start + 2 * SLA_MS_PER_HOUR);
    rc = rc ? rc : sla_intervals_subtract(planned, planned, maintenance);
    rc = rc ? rc : sla_intervals_measure(&planned_ms, planned);
    rc = rc ? rc : sla_budget_compute(&allowed, planned_ms, ppm);
    if (rc == 0)
        rc = sla_time_format_human(human, sizeof human, allowed) < 0;
    if (rc == 0)
        printf("planned service time %lld ms; %s%% allows %lld ms (%s)\n",
               (long long)planned_ms, target, (long long)allowed, human);
    else
        fprintf(stderr, "error: %s\n", sla_strerror(rc));
    sla_intervals_free(planned);
    sla_intervals_free(maintenance);
    return rc ? 1 : 0;
}
