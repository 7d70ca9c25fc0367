/* SPDX-License-Identifier: MIT */
/* Shared by the sla subcommands. */
#ifndef SLA_CLI_H
#define SLA_CLI_H

#include <sla.h>

/* Exit status of a command line the tool cannot understand. */
#define EXIT_USAGE 2

/* "sla: <what>" or "sla: <what> '<arg>'", then a hint; returns EXIT_USAGE. */
int usage_error(const char *what, const char *arg);

/* "--name value" or "--name=value" at argv[*i]: the value (advancing *i
 * past a separate value), or NULL when argv[*i] is not that option. */
const char *option_value(int argc, char **argv, int *i, const char *name);

/* Report a parser's error for an option's value; returns EXIT_FAILURE. */
int parse_failed(const char *option, const char *text,
                 const struct sla_error *err);

/* An instant as RFC 3339: UTC with Z, or (local) at the zone's offset;
 * its length, or, for an instant RFC 3339 cannot write, an error and the
 * text "+N ms since 1970". */
int format_bound(char *buf, size_t size, const struct sla_zone *zone,
                 int64_t t, int local);

/* Read a whole file ("-": standard input) into a new buffer; on failure
 * say why on stderr and return EXIT_FAILURE. */
int read_file(const char *path, char **out, size_t *len);

/* --from/--to: an RFC 3339 instant, or a date read as local midnight. */
int parse_bound(int64_t *out, const char *s, const struct sla_zone *z,
                struct sla_error *err);

/* --from and --to of a command (named in errors) in a zone, from before
 * to; 0, or the exit status after saying what is wrong. */
int parse_span(int64_t *from, int64_t *to, const char *from_s,
               const char *to_s, const struct sla_zone *z, const char *cmd);

/* day, week, month, quarter, year: the SLA_PERIOD_* value, or -1. */
int period_unit_of(const char *s);

/* A length as "7 h 18 min 45 s", "1 d 1 h 40 min", "45 min", "0 s"
 * (days of 24 h; parts that are zero left out; milliseconds only when
 * there are some). */
void format_length(char *buf, size_t size, int64_t ms);

/* --period YYYY, YYYY-MM or YYYY-MM-DD: the span in the zone and its
 * SLA_PERIOD_* unit, or -1 if the text is none of those. */
int period_span(const char *period, const struct sla_zone *z, int64_t *from,
                int64_t *to);

/* Read a service file, ics paths relative to its directory; on failure
 * say why on stderr and return EXIT_FAILURE. */
int load_service(struct sla_service **svc, const char *path,
                 const char *tzdir);

/* Print text as a JSON string. */
void json_string(const char *s);

/* sla tz ...: argv[1] is "tz". */
int sla_cli_tz(int argc, char **argv);

/* sla periods ... */
int sla_cli_periods(int argc, char **argv);

/* sla incidents ... */
int sla_cli_incidents(int argc, char **argv);

/* sla backup plan|rpo|restore-chain ... */
int sla_cli_backup(int argc, char **argv);

/* sla obligations ... */
int sla_cli_obligations(int argc, char **argv);

/* sla report ... */
int sla_cli_report(int argc, char **argv);

/* sla windows ... */
int sla_cli_windows(int argc, char **argv);

#endif
