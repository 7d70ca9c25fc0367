/* SPDX-License-Identifier: MIT */
/* What the service-definition reader needs of a service. */
#ifndef SLA_SERVICE_PRIVATE_H
#define SLA_SERVICE_PRIVATE_H

#include "sla-private.h"

/* The calendar of service hours, or NULL for 24x7. */
struct sla_business *sla__service_hours(struct sla_service *s);

/* Make the service own (and free) a calendar, as its service hours. */
int sla__service_own_hours(struct sla_service *s, struct sla_business *b);

/* Read an .ics file (path relative to basedir unless absolute) and add
 * its events as maintenance; floating times are in zone. Errors name the
 * file and are reported at line of the service file. */
int sla__service_add_ics(struct sla_service *s, const char *path,
                         const char *basedir, struct sla_zone *zone,
                         const char *tzdir, int32_t line,
                         struct sla_error *err);

#endif
