/* SPDX-License-Identifier: MIT */
/* Fuzz target: recurrence rules.
 *
 * The bytes go to sla_rrule_parse. A failure must be SLA_EPARSE or
 * SLA_EUNSUPPORTED with the error record filled properly (the same code,
 * 0 <= offset <= size, column offset + 1, a NUL-terminated non-empty
 * message), and the same code without a record. A success must:
 *  - format (and refuse, with SLA_ENOSPC, a buffer one byte short) as
 *    canonical text: the parts in the documented order, values increasing,
 *    INTERVAL=1 and WKST=MO left out; a small reader of that text gives the
 *    rule's contents to the checks below;
 *  - parse back from that text, and from it lowercased behind "RRULE:", to
 *    a rule that formats identically;
 *  - expand, from a fixed start and from one derived from the input, with
 *    flags 0 and SLA_RRULE_CLAMP, into at most RR_OCCURRENCES occurrences
 *    that strictly increase, are at or after the start, keep its time of
 *    day, exist (sla_civil_check), fall in a period of the rule
 *    (INTERVAL), pass its filters (BYMONTH, BYMONTHDAY with or without
 *    clamping, BYDAY with ordinals in the month or the year, and RFC
 *    5545's defaults from the start), are not after UNTIL, and are no more
 *    than COUNT; after SLA_ENOTFOUND the iterator keeps answering it;
 *  - be exactly the occurrences of a small reference expansion built on
 *    that reading (period by period: the days the filters select,
 *    BYSETPOS applied, those before the start dropped, up to UNTIL, COUNT
 *    or the end of the calendar), as far as the reference gets within
 *    RR_DAY_BUDGET days of periods: none left out (also after
 *    SLA_ENOTFOUND), none extra, none moved.
 *
 * Work per input is bounded by the number of occurrences asked for and the
 * reference's budget; a rule that never matches still costs libsla one
 * 400-year cycle of periods before SLA_ENOTFOUND.
 *
 * Known libsla bugs, reported with the corpus inputs that show them. By
 * default the checks include them; build with -DRR_STRICT=0 to step around
 * them, so that the fuzzer can look for other bugs:
 *  1. (Fixed in e157757: with SLA_RRULE_CLAMP, day_matches() shifted the
 *     32-bit month-day masks by 32 on the last day of a 31-day month, and
 *     on x86 FREQ=MONTHLY;BYMONTHDAY=1 then also gave every 31st; and
 *     WEEKLY periods advanced by INTERVAL days, not weeks, so FREQ=WEEKLY
 *     gave each date up to seven times.)
 *  2. (Fixed in e2ff854: fill_period() stopped a year early at the top
 *     of the calendar: YEARLY and MONTHLY never reached the year
 *     2147483647, DAILY and WEEKLY stopped 7 days before 2147483647-12-31,
 *     so a start there gave SLA_ENOTFOUND for dates the rule selects:
 *     "fREQ=YEARLY", "FREQ=DAILY;BYDAY=FR" and "FREQ=MONTHLY;COUNT=49"
 *     from their derived starts.) Not strict: the reference gives up
 *     before that year.
 *  3. (Fixed in e2ff854: SLA_RRULE_SIZE was 2048, less than the
 *     canonical text of a rule with many BYDAY ordinals or BYSETPOS values,
 *     which then got SLA_ENOSPC: 438 BYSETPOS values are enough; the input
 *     bug-format-enospc-max-7374, every value of every list part, formats
 *     to 7374 bytes.) Only inputs of 2 KB or more show it. Not strict:
 *     such rules are not checked. */
#include "fuzz.h"

#ifndef RR_STRICT
#define RR_STRICT 1
#endif

/* Occurrences asked of each expansion. */
#define RR_OCCURRENCES 50
/* Days of the calendar the reference expansion looks at, per expansion. */
#define RR_DAY_BUDGET 20000

enum { RR_DAILY, RR_WEEKLY, RR_MONTHLY, RR_YEARLY };
enum { RR_FREQ, RR_INTERVAL, RR_COUNT, RR_UNTIL, RR_BYMONTH, RR_BYMONTHDAY,
       RR_BYDAY, RR_BYSETPOS, RR_WKST, RR_PARTS };

static const char *const rr_part_names[RR_PARTS] = {
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY",
    "BYDAY", "BYSETPOS", "WKST"};
static const char *const rr_freq_names[4] = {"DAILY", "WEEKLY", "MONTHLY",
                                             "YEARLY"};
static const char rr_wd_codes[8][3] = {"", "MO", "TU", "WE", "TH",
                                       "FR", "SA", "SU"};

/* The input, for reports. */
struct rr_in {
    const uint8_t *data;
    size_t size;
};

#define RR_CHECK(in, cond) FUZZ_CHECK(cond, (in)->data, (in)->size)

/* ---- Calendar ---------------------------------------------------------- */

static int64_t rr_floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}

static int rr_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int rr_dim(int64_t y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    return m == 2 && rr_leap(y) ? 29 : len[m - 1];
}

/* Day of the year, 0-based. */
static int rr_doy(int64_t y, int m, int d)
{
    int k, n = d - 1;
    for (k = 1; k < m; k++)
        n += rr_dim(y, k);
    return n;
}

/* A day: its date, day number and ISO weekday. */
struct rr_day {
    int64_t y, n;
    int m, d, wd;
};

static void rr_day_next(struct rr_day *x)
{
    x->n++;
    x->wd = x->wd % 7 + 1;
    if (++x->d > rr_dim(x->y, x->m)) {
        x->d = 1;
        if (++x->m > 12) {
            x->m = 1;
            x->y++;
        }
    }
}

static int64_t rr_floor_div(int64_t a, int64_t b)
{
    return (a - rr_floor_mod(a, b)) / b;
}

/* Days since 1970-01-01, for any year that fits 40 bits. */
static int64_t rr_days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = rr_floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void rr_day_from_n(struct rr_day *x, int64_t n)
{
    int64_t z = n + 719468, era, doe, yoe, doy, mp;
    era = rr_floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    x->n = n;
    x->d = (int)(doy - (153 * mp + 2) / 5 + 1);
    x->m = (int)(mp < 10 ? mp + 3 : mp - 9);
    x->y = yoe + era * 400 + (x->m <= 2);
    x->wd = (int)rr_floor_mod(n + 3, 7) + 1;
}

static void rr_day_of(const struct rr_in *in, struct rr_day *x,
                      const struct sla_civil *c)
{
    struct sla_date date;
    int32_t wd;
    date.year = c->year;
    date.month = c->month;
    date.day = c->day;
    RR_CHECK(in, sla_date_to_days(&x->n, &date) == 0);
    RR_CHECK(in, sla_date_weekday(&wd, &date) == 0);
    x->y = c->year;
    x->m = c->month;
    x->d = c->day;
    x->wd = wd;
    /* The library's calendar is this one. */
    RR_CHECK(in, rr_days_from_civil(x->y, x->m, x->d) == x->n);
}

static int64_t rr_time_ms(const struct sla_civil *c)
{
    return ((c->hour * INT64_C(60) + c->minute) * 60 + c->second) * 1000 +
           c->millisecond;
}

/* ---- The canonical text, read back ----------------------------------- */

struct rr_ord {
    int ord, wd;
};

struct rr_model {
    int freq, wkst, has_until, until_kind, has_setpos;
    int64_t interval, count, until_day, until_ms;
    uint32_t bymonth;       /* bit m */
    uint64_t md_pos, md_neg; /* bit d for day d, or -d */
    uint32_t wd_plain;      /* bit w */
    size_t nord, nsetpos;
    struct rr_ord ord[7 * 2 * 53];
    int setpos[2 * 366];
};

/* A canonical integer: optional '-', no '+', no leading zero, in [lo, hi]. */
static int rr_num(const char *s, size_t a, size_t b, int64_t lo, int64_t hi,
                  int64_t *out)
{
    int64_t v = 0;
    int neg = 0;
    if (a < b && s[a] == '-') {
        neg = 1;
        a++;
    }
    if (a == b || b - a > 10 || s[a] == '0')
        return -1;
    for (; a < b; a++) {
        if (s[a] < '0' || s[a] > '9')
            return -1;
        v = v * 10 + (s[a] - '0');
    }
    if (neg)
        v = -v;
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int rr_wd_code(const char *s, size_t a, size_t b)
{
    int w;
    if (b - a != 2)
        return 0;
    for (w = 1; w <= 7; w++)
        if (s[a] == rr_wd_codes[w][0] && s[a + 1] == rr_wd_codes[w][1])
            return w;
    return 0;
}

static int rr_read_until(struct rr_model *m, const char *s, size_t a,
                         size_t b)
{
    struct sla_civil c;
    struct sla_date date;
    size_t n = b - a, i;
    if (n != 8 && n != 15 && n != 16)
        return -1;
    for (i = 0; i < n; i++)
        if (i == 8 ? s[a + i] != 'T'
                   : i == 15 ? s[a + i] != 'Z'
                             : s[a + i] < '0' || s[a + i] > '9')
            return -1;
#define RR_D(k) (s[a + (k)] - '0')
    memset(&c, 0, sizeof c);
    c.year = RR_D(0) * 1000 + RR_D(1) * 100 + RR_D(2) * 10 + RR_D(3);
    c.month = RR_D(4) * 10 + RR_D(5);
    c.day = RR_D(6) * 10 + RR_D(7);
    if (n > 8) {
        c.hour = RR_D(9) * 10 + RR_D(10);
        c.minute = RR_D(11) * 10 + RR_D(12);
        c.second = RR_D(13) * 10 + RR_D(14);
    }
#undef RR_D
    if (sla_civil_check(&c))
        return -1;
    date.year = c.year;
    date.month = c.month;
    date.day = c.day;
    if (sla_date_to_days(&m->until_day, &date))
        return -1;
    m->has_until = 1;
    m->until_kind = n == 8 ? 0 : n == 15 ? 1 : 2;
    m->until_ms = n == 8 ? SLA_MS_PER_DAY - 1 : rr_time_ms(&c);
    return 0;
}

/* One value of a list part; key orders the values canonically. */
static int rr_read_item(struct rr_model *m, int part, const char *s,
                        size_t a, size_t b, int64_t *key)
{
    int64_t v;
    int w;
    switch (part) {
    case RR_BYMONTH:
        if (rr_num(s, a, b, 1, 12, &v))
            return -1;
        m->bymonth |= UINT32_C(1) << v;
        *key = v;
        return 0;
    case RR_BYMONTHDAY:
        if (rr_num(s, a, b, -31, 31, &v))
            return -1;
        if (v > 0)
            m->md_pos |= UINT64_C(1) << v;
        else
            m->md_neg |= UINT64_C(1) << -v;
        *key = v;
        return 0;
    case RR_BYDAY:
        if (b - a < 2 || !(w = rr_wd_code(s, b - 2, b)))
            return -1;
        if (b - a == 2) {
            m->wd_plain |= UINT32_C(1) << w;
            *key = w * 200;
            return 0;
        }
        if (rr_num(s, a, b - 2, -53, 53, &v))
            return -1;
        m->ord[m->nord].ord = (int)v;
        m->ord[m->nord].wd = w;
        m->nord++;
        *key = w * 200 + 100 + v;
        return 0;
    default: /* RR_BYSETPOS */
        if (rr_num(s, a, b, -366, 366, &v))
            return -1;
        m->has_setpos = 1;
        m->setpos[m->nsetpos++] = (int)v;
        *key = v;
        return 0;
    }
}

/* Read sla_rrule_format's text; -1 if it is not canonical. */
static int rr_read(struct rr_model *m, const char *s, size_t n)
{
    size_t pos = 0;
    int last = -1;
    memset(m, 0, sizeof *m);
    m->interval = 1;
    m->wkst = 1;
    while (pos < n || last < 0) {
        size_t end, eq, a, b, i;
        int part = -1, k;
        int64_t v;
        if (last >= 0 && s[pos++] != ';')
            return -1;
        for (end = pos; end < n && s[end] != ';'; end++)
            ;
        for (eq = pos; eq < end && s[eq] != '='; eq++)
            ;
        if (eq == end || eq + 1 == end)
            return -1;
        for (k = 0; k < RR_PARTS; k++)
            if (strlen(rr_part_names[k]) == eq - pos &&
                memcmp(rr_part_names[k], s + pos, eq - pos) == 0)
                part = k;
        if (part <= last || (last < 0 && part != RR_FREQ) ||
            (part == RR_UNTIL && last == RR_COUNT))
            return -1;
        last = part;
        a = eq + 1;
        b = end;
        switch (part) {
        case RR_FREQ:
            m->freq = -1;
            for (k = 0; k < 4; k++)
                if (strlen(rr_freq_names[k]) == b - a &&
                    memcmp(rr_freq_names[k], s + a, b - a) == 0)
                    m->freq = k;
            if (m->freq < 0)
                return -1;
            break;
        case RR_INTERVAL:
            if (rr_num(s, a, b, 2, 1000000, &m->interval))
                return -1;
            break;
        case RR_COUNT:
            if (rr_num(s, a, b, 1, INT32_MAX, &m->count))
                return -1;
            break;
        case RR_UNTIL:
            if (rr_read_until(m, s, a, b))
                return -1;
            break;
        case RR_WKST:
            m->wkst = rr_wd_code(s, a, b);
            if (m->wkst <= 1)
                return -1;
            break;
        default: {
            int64_t prev = INT64_MIN;
            for (i = a;; i++) {
                size_t j;
                for (j = i; j < b && s[j] != ','; j++)
                    ;
                if (rr_read_item(m, part, s, i, j, &v) || v <= prev)
                    return -1;
                prev = v;
                if (j == b)
                    break;
                i = j;
            }
        }
        }
        pos = end;
    }
    /* What the parser refuses (RFC 5545), the formatter cannot write. */
    if (m->nord && (m->freq == RR_DAILY || m->freq == RR_WEEKLY))
        return -1;
    if ((m->md_pos || m->md_neg) && m->freq == RR_WEEKLY)
        return -1;
    if (m->has_setpos && !m->bymonth && !m->md_pos && !m->md_neg &&
        !m->wd_plain && !m->nord)
        return -1;
    return 0;
}

/* ---- Selection: which days a rule picks from a start ------------------ */

struct rr_sel {
    const struct rr_model *m;
    int flags;
    struct rr_day start;
    int64_t start_ms;
    /* The filters, with RFC 5545's defaults from the start. */
    uint32_t bymonth, wd_plain;
    uint64_t md_pos, md_neg;
    int ord_in_year;
};

static int64_t rr_week_start(const struct rr_sel *sel, const struct rr_day *x)
{
    return x->n - rr_floor_mod(x->wd - sel->m->wkst, 7);
}

static void rr_sel_init(struct rr_sel *sel, const struct rr_in *in,
                        const struct rr_model *m,
                        const struct sla_civil *start, int flags)
{
    memset(sel, 0, sizeof *sel);
    sel->m = m;
    sel->flags = flags;
    rr_day_of(in, &sel->start, start);
    sel->start_ms = rr_time_ms(start);
    sel->bymonth = m->bymonth;
    sel->md_pos = m->md_pos;
    sel->md_neg = m->md_neg;
    sel->wd_plain = m->wd_plain;
    sel->ord_in_year = m->freq == RR_YEARLY && !m->bymonth;
    if (!m->md_pos && !m->md_neg && !m->wd_plain && !m->nord) {
        if (m->freq == RR_YEARLY) {
            if (!sel->bymonth)
                sel->bymonth = UINT32_C(1) << start->month;
            sel->md_pos = UINT64_C(1) << start->day;
        } else if (m->freq == RR_MONTHLY) {
            sel->md_pos = UINT64_C(1) << start->day;
        } else if (m->freq == RR_WEEKLY) {
            sel->wd_plain = UINT32_C(1) << sel->start.wd;
        }
    }
}

/* Does the rule select day x (leaving BYSETPOS, COUNT and UNTIL aside)? */
static int rr_selects(const struct rr_sel *sel, const struct rr_day *x)
{
    const struct rr_model *m = sel->m;
    int64_t apart;
    int dim = rr_dim(x->y, x->m);
    size_t i;

    switch (m->freq) {
    case RR_DAILY: apart = x->n - sel->start.n; break;
    case RR_WEEKLY:
        apart = (rr_week_start(sel, x) - rr_week_start(sel, &sel->start)) / 7;
        break;
    case RR_MONTHLY:
        apart = (x->y - sel->start.y) * 12 + x->m - sel->start.m;
        break;
    default: apart = x->y - sel->start.y; break;
    }
    if (rr_floor_mod(apart, m->interval) != 0)
        return 0;
    if (sel->bymonth && !(sel->bymonth >> x->m & 1))
        return 0;
    if (sel->md_pos || sel->md_neg) {
        int hit = (sel->md_pos >> x->d & 1) ||
                  (sel->md_neg >> (dim - x->d + 1) & 1);
        if (!hit && (sel->flags & SLA_RRULE_CLAMP))
            hit = (x->d == dim && (sel->md_pos >> (dim + 1)) != 0) ||
                  (x->d == 1 && (sel->md_neg >> (dim + 1)) != 0);
        if (!hit)
            return 0;
    }
    if (sel->wd_plain || m->nord) {
        if (sel->wd_plain >> x->wd & 1)
            return 1;
        for (i = 0; i < m->nord; i++) {
            int nth, from_end;
            if (m->ord[i].wd != x->wd)
                continue;
            if (sel->ord_in_year) {
                int doy = rr_doy(x->y, x->m, x->d);
                int ylen = rr_leap(x->y) ? 366 : 365;
                nth = doy / 7 + 1;
                from_end = -((ylen - 1 - doy) / 7 + 1);
            } else {
                nth = (x->d - 1) / 7 + 1;
                from_end = -((dim - x->d) / 7 + 1);
            }
            if (m->ord[i].ord == nth || m->ord[i].ord == from_end)
                return 1;
        }
        return 0;
    }
    return 1;
}

/* Is day n (at the start's time of day) within UNTIL? */
static int rr_within_until(const struct rr_sel *sel, int64_t n)
{
    const struct rr_model *m = sel->m;
    return !m->has_until || n < m->until_day ||
           (n == m->until_day && sel->start_ms <= m->until_ms);
}

/* ---- Reference expansion --------------------------------------------- */

/* The rule expanded period by period, straight from the model: the days
 * of each period the rule selects, BYSETPOS applied to them, those before
 * the start dropped, until UNTIL, COUNT or the end of the calendar. It
 * looks at no more than RR_DAY_BUDGET days, then gives up. */
struct rr_ref {
    const struct rr_sel *sel;
    int64_t k, budget, last, emitted;
    int64_t days[366];
    size_t n, pos;
    int state; /* 1: going; 0: no more occurrences; -1: gave up */
};

static int rr_cmp_days(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* The next period's days: 1, 0 at the end of the calendar, -1 over
 * budget (or, not strict, near the end of the calendar: known bug 2). */
static int rr_ref_fill(struct rr_ref *ref)
{
    const struct rr_sel *sel = ref->sel;
    const struct rr_model *m = sel->m;
    struct rr_day x;
    int64_t step = ref->k * m->interval, len, i, mi, y;
    int64_t sel_days[366];
    size_t n = 0, ns = 0, j;

    switch (m->freq) {
    case RR_DAILY:
        rr_day_from_n(&x, sel->start.n + step);
        len = 1;
        break;
    case RR_WEEKLY:
        rr_day_from_n(&x, rr_week_start(sel, &sel->start) + 7 * step);
        len = 7;
        break;
    case RR_MONTHLY:
        mi = sel->start.y * 12 + sel->start.m - 1 + step;
        y = rr_floor_div(mi, 12);
        rr_day_from_n(&x, rr_days_from_civil(y, (int)rr_floor_mod(mi, 12) + 1,
                                             1));
        len = rr_dim(y, x.m);
        break;
    default:
        y = sel->start.y + step;
        rr_day_from_n(&x, rr_days_from_civil(y, 1, 1));
        len = rr_leap(y) ? 366 : 365;
        break;
    }
    if (x.n > ref->last || (!RR_STRICT && x.n + len - 1 > ref->last))
        return RR_STRICT ? 0 : -1;
    if (x.n + len - 1 > ref->last)
        len = ref->last - x.n + 1; /* the calendar's last week */
    if (len > ref->budget)
        return -1;
    ref->budget -= len;
    for (i = 0; i < len; i++, rr_day_next(&x))
        if (rr_selects(sel, &x))
            ref->days[n++] = x.n;
    if (m->nsetpos) {
        for (j = 0; j < m->nsetpos; j++) {
            int64_t at = m->setpos[j] > 0 ? m->setpos[j] - 1
                                          : (int64_t)n + m->setpos[j];
            if (at >= 0 && at < (int64_t)n)
                sel_days[ns++] = ref->days[at];
        }
        qsort(sel_days, ns, sizeof *sel_days, rr_cmp_days);
        for (n = 0, j = 0; j < ns; j++)
            if (n == 0 || sel_days[j] != ref->days[n - 1])
                ref->days[n++] = sel_days[j];
    }
    ref->n = n;
    ref->pos = 0;
    ref->k++;
    return 1;
}

/* The next occurrence's day number: 1; 0 when there is none; -1 when the
 * reference gave up. */
static int rr_ref_next(struct rr_ref *ref, int64_t *out)
{
    const struct rr_sel *sel = ref->sel;
    while (ref->state == 1) {
        int64_t d;
        if (ref->pos == ref->n) {
            int rc = rr_ref_fill(ref);
            if (rc <= 0)
                ref->state = rc;
            continue;
        }
        d = ref->days[ref->pos++];
        if (d < sel->start.n)
            continue;
        if (!rr_within_until(sel, d) ||
            (sel->m->count && ref->emitted >= sel->m->count)) {
            ref->state = 0;
            break;
        }
        ref->emitted++;
        *out = d;
        return 1;
    }
    return ref->state;
}

/* ---- Expansion ------------------------------------------------------- */

/* Say which expansion broke, then fail. Days are day numbers, or
 * INT64_MIN for none. */
static void rr_expand_fail(const struct rr_in *in, const char *what,
                           const struct sla_civil *start, int flags,
                           int64_t emitted, int64_t got, int64_t want)
{
    struct rr_day g, w;
    rr_day_from_n(&g, got == INT64_MIN ? 0 : got);
    rr_day_from_n(&w, want == INT64_MIN ? 0 : want);
    fprintf(stderr,
            "rrule expanded from %d-%02d-%02dT%02d:%02d:%02d.%03d with "
            "flags %d, after %lld occurrences: library %s%lld-%02d-%02d, "
            "reference %s%lld-%02d-%02d\n",
            (int)start->year, (int)start->month, (int)start->day,
            (int)start->hour, (int)start->minute, (int)start->second,
            (int)start->millisecond, flags, (long long)emitted,
            got == INT64_MIN ? "none, not " : "", (long long)g.y, g.m, g.d,
            want == INT64_MIN ? "none, not " : "", (long long)w.y, w.m, w.d);
    fuzz_fail(what, in->data, in->size);
}

#define RR_XCHECK(cond, got, want)                                          \
    do {                                                                    \
        if (!(cond))                                                        \
            rr_expand_fail(in, #cond, start, flags, emitted, (got),         \
                           (want));                                         \
    } while (0)

static void rr_expand(const struct rr_in *in, const struct sla_rrule *rule,
                      const struct rr_model *m, const struct sla_civil *start,
                      int flags)
{
    struct sla_rrule_iter *it = NULL;
    struct sla_civil o;
    struct rr_sel sel;
    struct rr_day x;
    struct rr_ref ref;
    int64_t emitted = 0, prev = INT64_MIN, want = 0;
    int ended = 0, rc, calls, rrc;

    rr_sel_init(&sel, in, m, start, flags);
    memset(&ref, 0, sizeof ref);
    ref.sel = &sel;
    ref.budget = RR_DAY_BUDGET;
    ref.state = 1;
    /* Known bug 2: not strict, the reference stops a year early. */
    ref.last = RR_STRICT ? SLA_DAYS_MAX : SLA_DAYS_MAX - 365;
    rc = sla_rrule_iter_new(&it, rule, start, flags);
    if (rc == SLA_ENOMEM)
        return;
    RR_CHECK(in, rc == 0 && it != NULL);
    /* Enough calls to see COUNT end the expansion when it is small. */
    for (calls = 0; calls <= RR_OCCURRENCES; calls++) {
        memset(&o, 0x5a, sizeof o);
        rc = sla_rrule_iter_next(&o, it);
        if (rc == SLA_ENOTFOUND) {
            ended = 1;
            break;
        }
        RR_XCHECK(rc == 0, INT64_MIN, INT64_MIN);
        emitted++;
        RR_XCHECK(!m->count || emitted <= m->count, INT64_MIN, INT64_MIN);
        RR_XCHECK(sla_civil_check(&o) == 0, INT64_MIN, INT64_MIN);
        RR_XCHECK(o.hour == start->hour && o.minute == start->minute &&
                      o.second == start->second &&
                      o.millisecond == start->millisecond,
                  INT64_MIN, INT64_MIN);
        rr_day_of(in, &x, &o);
        RR_XCHECK(x.n >= sel.start.n, x.n, INT64_MIN);
        RR_XCHECK(x.n > prev, x.n, INT64_MIN);
        prev = x.n;
        RR_XCHECK(rr_selects(&sel, &x), x.n, INT64_MIN);
        RR_XCHECK(rr_within_until(&sel, x.n), x.n, INT64_MIN);
        if (ref.state == 1) {
            rrc = rr_ref_next(&ref, &want);
            RR_XCHECK(rrc != 0 && "the reference has no more", x.n,
                      INT64_MIN);
            RR_XCHECK(rrc != 1 || want == x.n, x.n, want);
        }
        if (calls == RR_OCCURRENCES - 1 &&
            !(m->count && m->count < RR_OCCURRENCES))
            break;
    }
    if (ended) {
        RR_CHECK(in, sla_rrule_iter_next(&o, it) == SLA_ENOTFOUND);
        RR_CHECK(in, sla_rrule_iter_next(&o, it) == SLA_ENOTFOUND);
        /* Nothing the rule selects was left out at the end. */
        if (ref.state == 1) {
            rrc = rr_ref_next(&ref, &want);
            RR_XCHECK(rrc != 1 && "SLA_ENOTFOUND, the reference has more",
                      INT64_MIN, want);
        }
    }
    sla_rrule_iter_free(it);
}

#undef RR_XCHECK

/* A start derived from the input: mostly near today, sometimes anywhere
 * in the calendar or near either end of it. */
static void rr_derived_start(struct sla_civil *c, const uint8_t *data,
                             size_t size)
{
    uint64_t h = UINT64_C(14695981039346656037);
    size_t i;
    int dim;
    for (i = 0; i < size; i++) {
        h ^= data[i];
        h *= UINT64_C(1099511628211);
    }
    h ^= h >> 29;
    switch (h % 8) {
    case 5: c->year = (int32_t)(uint32_t)(h >> 32); break;
    case 6: c->year = INT32_MAX - (int32_t)(h >> 8 & 1); break;
    case 7: c->year = INT32_MIN + (int32_t)(h >> 8 & 1); break;
    default: c->year = 1900 + (int32_t)((h >> 8) % 301); break;
    }
    h /= 8;
    c->month = (int32_t)(h % 12) + 1;
    h /= 12;
    dim = sla_month_days(c->year, c->month);
    /* Half the time one of the month's last days. */
    c->day = h % 2 ? dim - (int32_t)(h / 2 % 3)
                   : (int32_t)(h / 2 % (uint64_t)dim) + 1;
    h /= 64;
    c->hour = (int32_t)(h % 24);
    h /= 24;
    c->minute = (int32_t)(h % 60);
    h /= 60;
    c->second = (int32_t)(h % 60);
    h /= 60;
    c->millisecond = h % 4 ? 0 : (int32_t)(h / 4 % 1000);
}

/* ---- Parsing and formatting ------------------------------------------- */

static int rr_same_format(const struct rr_in *in, const char *text,
                          size_t len, const char *want, int n)
{
    struct sla_rrule *r = NULL;
    struct sla_error err;
    char buf[SLA_RRULE_SIZE];
    int rc, k;
    fuzz_error_poison(&err);
    rc = sla_rrule_parse(&r, text, len, &err);
    if (rc == SLA_ENOMEM)
        return 0;
    RR_CHECK(in, rc == 0 && r != NULL);
    k = sla_rrule_format(buf, sizeof buf, r);
    sla_rrule_free(r);
    return k == n && memcmp(buf, want, (size_t)n + 1) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct sla_civil fixed = {2024, 1, 31, 9, 30, 15, 250};
    const struct rr_in in = {data, size};
    const char *s = data ? (const char *)data : "";
    struct sla_rrule *r = NULL, *r2 = NULL;
    struct sla_error err;
    struct sla_civil derived, bad;
    struct sla_rrule_iter *it = NULL;
    static struct rr_model model;
    char buf[SLA_RRULE_SIZE], small[SLA_RRULE_SIZE], alt[SLA_RRULE_SIZE + 6];
    int rc, n, i;

    fuzz_error_poison(&err);
    rc = sla_rrule_parse(&r, s, size, &err);
    if (rc == SLA_ENOMEM)
        return 0;
    /* The same answer without an error record. */
    RR_CHECK(&in, sla_rrule_parse(&r2, s, size, NULL) == rc);
    sla_rrule_free(r2);
    if (rc != 0) {
        RR_CHECK(&in, rc == SLA_EPARSE || rc == SLA_EUNSUPPORTED);
        RR_CHECK(&in, err.code == rc);
        RR_CHECK(&in, err.offset >= 0);
        RR_CHECK(&in, (uint64_t)err.offset <= (uint64_t)size);
        RR_CHECK(&in, err.line == 1);
        RR_CHECK(&in, (int64_t)err.column == err.offset + 1);
        RR_CHECK(&in, memchr(err.message, '\0', sizeof err.message) != NULL);
        RR_CHECK(&in, err.message[0] != '\0');
        return 0;
    }
    RR_CHECK(&in, r != NULL);

    /* Canonical text, exactly as long as it says. */
    n = sla_rrule_format(buf, sizeof buf, r);
    if (!RR_STRICT && n == SLA_ENOSPC) {
        sla_rrule_free(r); /* known bug 3 */
        return 0;
    }
    RR_CHECK(&in, n > 0 && (size_t)n < sizeof buf);
    RR_CHECK(&in, strlen(buf) == (size_t)n);
    RR_CHECK(&in, sla_rrule_format(small, (size_t)n, r) == SLA_ENOSPC);
    RR_CHECK(&in, sla_rrule_format(small, (size_t)n + 1, r) == n &&
                      memcmp(small, buf, (size_t)n + 1) == 0);
    RR_CHECK(&in, rr_read(&model, buf, (size_t)n) == 0);

    /* format(parse(format(r))) == format(r), also through "RRULE:" and
     * lowercase. */
    RR_CHECK(&in, rr_same_format(&in, buf, (size_t)n, buf, n));
    memcpy(alt, "rrule:", 6);
    for (i = 0; i < n; i++)
        alt[6 + i] = buf[i] >= 'A' && buf[i] <= 'Z' ? (char)(buf[i] + 32)
                                                     : buf[i];
    RR_CHECK(&in, rr_same_format(&in, alt, (size_t)n + 6, buf, n));

    /* Arguments iter_new refuses. */
    bad = fixed;
    bad.day = 30;
    bad.month = 2;
    RR_CHECK(&in, sla_rrule_iter_new(&it, r, &bad, 0) == SLA_EINVAL);
    RR_CHECK(&in, sla_rrule_iter_new(&it, r, &fixed, 2) == SLA_EINVAL);

    rr_derived_start(&derived, data, size);
    RR_CHECK(&in, sla_civil_check(&derived) == 0);
    rr_expand(&in, r, &model, &fixed, 0);
    rr_expand(&in, r, &model, &fixed, SLA_RRULE_CLAMP);
    rr_expand(&in, r, &model, &derived, 0);
    rr_expand(&in, r, &model, &derived, SLA_RRULE_CLAMP);
    sla_rrule_free(r);
    return 0;
}
