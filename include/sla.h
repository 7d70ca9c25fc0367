/* SPDX-License-Identifier: MIT */
/**
 * @file sla.h
 * @brief libsla: availability and SLA metrics. The one header to include.
 *
 * See the concepts page (docs/concepts.md) for the time model, the error
 * model, ownership, threads and versioning.
 */
#ifndef SLA_H
#define SLA_H

#include "sla/version.h"
#include "sla/error.h"
#include "sla/time.h"
#include "sla/intervals.h"
#include "sla/budget.h"
#include "sla/zone.h"
#include "sla/rrule.h"
#include "sla/period.h"
#include "sla/schedule.h"
#include "sla/business.h"
#include "sla/ics.h"
#include "sla/availability.h"
#include "sla/incidents.h"
#include "sla/obligations.h"
#include "sla/backup.h"

#endif /* SLA_H */
