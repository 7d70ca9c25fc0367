#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test of libsla's recurrence rules against python3-dateutil.

Usage: rrule-oracle.py RRULE-EXPAND

Random rules of libsla's subset (FREQ DAILY, WEEKLY, MONTHLY, YEARLY;
INTERVAL; COUNT or a local date-time UNTIL or neither; WKST; BYMONTH;
BYMONTHDAY with negatives; BYDAY with ordinals for MONTHLY and YEARLY;
BYSETPOS) are written as RRULE text (parts in random order, random case,
sometimes behind "RRULE:" or with a trailing ";"), expanded by the
rrule-expand program in one process, and compared occurrence by occurrence
with dateutil's rrule built from the same parts.

 * Plain expansion: the first 60 occurrences (up to 150, that is all of
   them in most cases, when COUNT or UNTIL bounds the rule) must be
   exactly dateutil's.
 * SLA_RRULE_CLAMP (not RFC 5545, dateutil has no such option; the
   month-day a MONTHLY or YEARLY rule takes from the start is clamped
   too, so monthly from the 31st is every month's last day): dateutil
   produces the candidate days of each period (BYMONTHDAY widened to every
   day a clamped day can land on, without BYSETPOS), the script keeps the
   days of the clamped
   month-day filter, applies BYSETPOS per period, then the start, UNTIL
   and COUNT. The same pipeline with the plain filter must give dateutil's
   own answer, which checks the pipeline.
 * Formatting: sla_rrule_format of every rule must be the canonical text
   rrule.h describes (built here independently), and expanding that text
   must give the same occurrences as the original.
 * Refusals: rules RFC 5545 forbids (BYDAY ordinals with DAILY or WEEKLY,
   BYMONTHDAY with WEEKLY, BYSETPOS without another BY part, COUNT with
   UNTIL), values out of range and unsupported parts must be errors with
   the right code (and offset where the error has a place).

Known differences from dateutil, handled here:
 * dateutil's first WEEKLY period starts at DTSTART instead of at the week
   start (WKST), which changes BYSETPOS in that week. RFC 5545 applies
   BYSETPOS to the whole interval (the week), as libsla does; for WEEKLY
   rules with BYSETPOS dateutil is given the week start as DTSTART and the
   script drops the earlier dates and applies COUNT itself.
 * Rules that can never match (BYMONTH=2;BYMONTHDAY=30): libsla ends after
   one 400-year cycle of empty periods, dateutil loops to year 9999. They
   are found with a probe (the rule without COUNT/UNTIL, through libsla);
   a sample of them is checked against dateutil with the start moved by a
   multiple of 400 years (the Gregorian cycle, a whole number of weeks)
   close to 9999, so dateutil's scan covers a full cycle quickly.
 * dateutil reads BYDAY with both plain and ordinal weekdays (BYDAY=1MO,FR)
   as an intersection: a day must match a plain weekday and an ordinal
   one, so such rules give nothing (after a scan to year 9999). RFC 5545
   lists the days: a day matching any entry is selected, as in libsla.
   Those rules go through the pipeline above with BYDAY applied here
   (checked against dateutil on rules without the mix).
 * UNTIL is always a local date-time here: dateutil reads a date-only
   UNTIL as midnight, libsla as the whole day (tested in test-rrule.c).
 * dateutil cannot go past year 9999; rrule-expand marks an occurrence it
   cannot format with ">9999" and only the ones before are compared.

Exit status: 0 when everything matched, 1 on any mismatch (the first 20
are printed), 77 when dateutil is not installed.
"""
import itertools
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta


def skip(why):
    print(f"rrule-oracle: SKIP: {why}")
    sys.exit(77)


try:
    from dateutil import rrule as du
except ImportError:
    skip("python3-dateutil is not installed (pip install python-dateutil "
         "or apt-get install python3-dateutil)")

SEED = 5545
N_RULES = 4000          # valid random rules (before dropping never-matching)
N_INVALID = 400         # rules libsla must refuse
N_NEVER_CHECKED = 30    # never-matching rules checked against dateutil
MAX_OPEN = 60           # occurrences compared for an unbounded rule
MAX_BOUNDED = 150       # ... for a rule with COUNT or UNTIL
N_SHOWN = 20

FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
DU_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY,
           "YEARLY": du.YEARLY}
WD = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]      # index = Python weekday
DU_WD = [du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU]
SLA_EPARSE = -5
SLA_EUNSUPPORTED = -8


def fmt(dt):
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)


def fmt_until(dt):
    return "%04d%02d%02dT%02d%02d%02d" % (
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)


class Rule:
    """The parts of a rule; lists hold distinct values."""

    def __init__(self, freq):
        self.freq = freq
        self.interval = 1
        self.count = None
        self.until = None
        self.wkst = None          # Python weekday or None
        self.bymonth = []
        self.bymonthday = []
        self.byday = []           # (weekday, ordinal or 0)
        self.bysetpos = []

    def mixed(self):
        """BYDAY with and without ordinals: dateutil keeps only the days
        matching both kinds (an intersection), RFC 5545 any of them."""
        return (any(n for _, n in self.byday) and
                any(not n for _, n in self.byday))

    def clamp_effective(self, dtstart):
        """The rule with RFC 5545's month-day taken from the start made
        explicit (MONTHLY and YEARLY without BYMONTHDAY or BYDAY):
        SLA_RRULE_CLAMP moves that day too (monthly from the 31st is the
        last day of every month)."""
        if (self.freq in ("MONTHLY", "YEARLY") and not self.bymonthday and
                not self.byday):
            r = Rule(self.freq)
            r.__dict__.update(self.__dict__)
            r.bymonthday = [dtstart.day]
            if self.freq == "YEARLY" and not self.bymonth:
                r.bymonth = [dtstart.month]
            return r
        return self

    def limit(self):
        return MAX_BOUNDED if (self.count or self.until) else MAX_OPEN

    def unbounded(self):
        r = Rule(self.freq)
        r.__dict__.update(self.__dict__)
        r.count = None
        r.until = None
        return r

    # -- text -------------------------------------------------------------

    def parts(self):
        """(name, [values]) as libsla reads them, in canonical order."""
        p = [("FREQ", [self.freq])]
        if self.interval != 1:
            p.append(("INTERVAL", [str(self.interval)]))
        if self.count:
            p.append(("COUNT", [str(self.count)]))
        if self.until:
            p.append(("UNTIL", [fmt_until(self.until)]))
        if self.bymonth:
            p.append(("BYMONTH", [str(v) for v in sorted(self.bymonth)]))
        if self.bymonthday:
            p.append(("BYMONTHDAY",
                      [str(v) for v in sorted(self.bymonthday)]))
        if self.byday:
            # Weekday by weekday; the plain day first, then the ordinals
            # in increasing order.
            days = sorted(self.byday, key=lambda x: (x[0], x[1] != 0, x[1]))
            p.append(("BYDAY", [("%d" % n if n else "") + WD[w]
                                for w, n in days]))
        if self.bysetpos:
            p.append(("BYSETPOS", [str(v) for v in sorted(self.bysetpos)]))
        if self.wkst is not None and self.wkst != 0:
            p.append(("WKST", [WD[self.wkst]]))
        return p

    def canonical(self):
        return ";".join(n + "=" + ",".join(v) for n, v in self.parts())

    def text(self, rng):
        """The rule as some producer might write it."""
        parts = [(n, list(v)) for n, v in self.parts()]
        if self.wkst == 0:
            parts.append(("WKST", ["MO"]))
        if self.interval == 1 and rng.random() < 0.1:
            parts.append(("INTERVAL", ["1"]))
        for _, values in parts:
            if len(values) > 1:
                rng.shuffle(values)
                if rng.random() < 0.1:
                    values.append(rng.choice(values))   # a repeated value
        if rng.random() < 0.5:
            rng.shuffle(parts)
        s = ";".join(n + "=" + ",".join(v) for n, v in parts)
        if rng.random() < 0.15:
            s = s.lower()
        elif rng.random() < 0.1:
            s = "".join(c.lower() if rng.random() < 0.5 else c for c in s)
        if rng.random() < 0.15:
            s = rng.choice(["RRULE:", "rrule:"]) + s
        if rng.random() < 0.1:
            s += ";"
        return s

    # -- dateutil --------------------------------------------------------

    def dateutil(self, dtstart, **override):
        kw = dict(
            dtstart=dtstart,
            interval=self.interval,
            wkst=self.wkst if self.wkst is not None else 0,
            count=self.count,
            until=self.until,
            bymonth=self.bymonth or None,
            bymonthday=self.bymonthday or None,
            byweekday=[DU_WD[w](n) if n else DU_WD[w]
                       for w, n in self.byday] or None,
            bysetpos=self.bysetpos or None,
            cache=False)
        kw.update(override)
        return du.rrule(DU_FREQ[self.freq], **kw)


# ---- generation -----------------------------------------------------------

def rand_dtstart(rng):
    while True:
        y = rng.randint(1990, 2040)
        m = rng.randint(1, 12)
        r = rng.random()
        if r < 0.1:
            d = rng.choice([28, 29, 30, 31])
        elif r < 0.13 and m == 2:
            d = 29
        else:
            d = rng.randint(1, 31)
        r = rng.random()
        if r < 0.6:
            h = rng.randint(0, 3)
        elif r < 0.7:
            h = 4
        else:
            h = rng.randint(0, 23)
        mi = rng.choice([0, 0, 0, 30, rng.randint(0, 59)])
        s = 0 if rng.random() < 0.8 else rng.randint(0, 59)
        try:
            return datetime(y, m, d, h, mi, s)
        except ValueError:
            continue


def rand_monthdays(rng):
    pool = list(range(1, 32)) + list(range(-31, 0))
    k = rng.choice([1, 1, 1, 2, 2, 3, 4])
    vals = set()
    for _ in range(k):
        r = rng.random()
        if r < 0.25:
            vals.add(rng.choice([28, 29, 30, 31]))
        elif r < 0.45:
            vals.add(rng.choice([-1, -2, -3, -7, -28, -29, -30, -31]))
        else:
            vals.add(rng.choice(pool))
    return sorted(vals)


def rand_ordinal(rng, in_year):
    if in_year:
        r = rng.random()
        if r < 0.4:
            n = rng.randint(1, 5)
        elif r < 0.6:
            n = rng.randint(48, 53)
        else:
            n = rng.randint(1, 53)
    else:
        n = rng.choice([1, 1, 2, 2, 3, 4, 4, 5])
    return n if rng.random() < 0.65 else -n


def rand_byday(rng, freq, in_year, ordinals):
    days = set()
    if ordinals:
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            days.add((rng.randrange(7), rand_ordinal(rng, in_year)))
        if rng.random() < 0.2:
            days.add((rng.randrange(7), 0))
    else:
        k = rng.choice([1, 1, 2, 2, 3, 5, 7])
        for w in rng.sample(range(7), k):
            days.add((w, 0))
    return sorted(days)


def rand_rule(rng, dtstart):
    freq = rng.choices(FREQS, weights=[2, 3, 4, 3])[0]
    r = Rule(freq)
    if rng.random() < 0.3:
        r.interval = rng.randint(2, 4)
    x = rng.random()
    if x < 0.3:
        r.count = rng.choice([1, 2, 3, rng.randint(1, 30), rng.randint(1, 120)])
    elif x < 0.6:
        span = {"DAILY": 200, "WEEKLY": 1000, "MONTHLY": 3000,
                "YEARLY": 12000}[freq]
        day = dtstart + timedelta(days=rng.randint(-3, span))
        t = rng.random()
        if t < 0.35:
            until = day      # the start's time of day: an edge
        elif t < 0.5:
            until = day.replace(hour=0, minute=0, second=0)
        elif t < 0.65:
            until = day.replace(hour=23, minute=59, second=59)
        else:
            until = day.replace(hour=rng.randint(0, 23),
                                minute=rng.randint(0, 59),
                                second=rng.choice([0, rng.randint(0, 59)]))
        r.until = until
    if rng.random() < 0.25:
        r.wkst = rng.randrange(7)
    if rng.random() < 0.3:
        r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 1, 2, 3, 4, 6])))
    if freq != "WEEKLY" and rng.random() < 0.35:
        r.bymonthday = rand_monthdays(rng)
    if rng.random() < (0.6 if freq == "WEEKLY" else 0.45):
        ordinals = freq in ("MONTHLY", "YEARLY") and rng.random() < 0.6
        in_year = freq == "YEARLY" and not r.bymonth
        r.byday = rand_byday(rng, freq, in_year, ordinals)
    if (r.bymonth or r.bymonthday or r.byday) and rng.random() < 0.25:
        vals = set()
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            x = rng.random()
            if x < 0.8:
                vals.add(rng.choice([1, 2, 3, 4, -1, -1, -2, -3]))
            else:
                vals.add(rng.choice([1, -1]) * rng.randint(1, 60))
        r.bysetpos = sorted(vals)
    return r


def rand_invalid(rng, dtstart):
    """(text, code, offset or None) of a rule libsla must refuse."""
    kind = rng.randrange(14)
    pre = "RRULE:" if rng.random() < 0.2 else ""
    base = pre + "FREQ=" + rng.choice(FREQS)
    if kind == 0:
        t = "%s=%s;BYDAY=%d%s" % (pre + "FREQ", rng.choice(["DAILY", "WEEKLY"]),
                                  rng.choice([1, 2, -1, 5]), rng.choice(WD))
        return t, SLA_EPARSE, None
    if kind == 1:
        return (pre + "FREQ=WEEKLY;BYMONTHDAY=%d" % rng.choice([1, 15, -1]),
                SLA_EPARSE, None)
    if kind == 2:
        return base + ";BYSETPOS=%d" % rng.choice([1, -1, 3]), SLA_EPARSE, None
    if kind == 3:
        return (base + ";COUNT=3;UNTIL=" + fmt_until(dtstart), SLA_EPARSE,
                None)
    if kind == 4:
        name = rng.choice(["BYWEEKNO=20", "BYYEARDAY=100", "BYHOUR=3",
                           "BYMINUTE=30", "BYSECOND=0", "RSCALE=GREGORIAN",
                           "SKIP=FORWARD"])
        return base + ";" + name, SLA_EUNSUPPORTED, len(base) + 1
    if kind == 5:
        f = rng.choice(["HOURLY", "MINUTELY", "SECONDLY"])
        return pre + "FREQ=" + f, SLA_EUNSUPPORTED, len(pre) + 5
    if kind == 6:
        v = rng.choice(["0", "13", "-1", "x", ""])
        t = base + ";BYMONTH=" + v
        return t, SLA_EPARSE, len(base) + (1 if v == "" else 9)
    if kind == 7:
        v = rng.choice(["0", "32", "-32", "1a"])
        return base + ";BYMONTHDAY=" + v, SLA_EPARSE, len(base) + 12
    if kind == 8:
        v = rng.choice(["0", "367", "-367"])
        return (base + ";BYMONTH=1;BYSETPOS=" + v, SLA_EPARSE,
                len(base) + 20)
    if kind == 9:
        v = rng.choice(["0", "-1", "1000001"])
        return base + ";INTERVAL=" + v, SLA_EPARSE, len(base) + 10
    if kind == 10:
        return base + ";COUNT=0", SLA_EPARSE, len(base) + 7
    if kind == 11:
        return base + ";BYMONTH=1;BYMONTH=2", SLA_EPARSE, len(base) + 11
    if kind == 12:
        return pre + "INTERVAL=2", SLA_EPARSE, len(pre) + 10
    return base + ";FOO=1", SLA_EPARSE, len(base) + 1


# ---- dateutil expectations -------------------------------------------------

def monthlen(y, m):
    if m == 12:
        return 31
    return (datetime(y, m + 1, 1) - datetime(y, m, 1)).days


def md_filter(rule, clamp):
    pos = {v for v in rule.bymonthday if v > 0}
    neg = {-v for v in rule.bymonthday if v < 0}

    def ok(dt):
        dim = monthlen(dt.year, dt.month)
        if dt.day in pos or (dim - dt.day + 1) in neg:
            return True
        if clamp:
            if dt.day == dim and any(v > dim for v in pos):
                return True
            if dt.day == 1 and any(v > dim for v in neg):
                return True
        return False
    return ok


def byday_filter(rule):
    """BYDAY as RFC 5545 reads it: a day matches when any entry does."""
    in_year = rule.freq == "YEARLY" and not rule.bymonth

    def ok(dt):
        for w, n in rule.byday:
            if dt.weekday() != w:
                continue
            if n == 0:
                return True
            if in_year:
                day = dt.timetuple().tm_yday
                length = 366 if monthlen(dt.year, 2) == 29 else 365
            else:
                day, length = dt.day, monthlen(dt.year, dt.month)
            if n == (day - 1) // 7 + 1 or n == -((length - day) // 7 + 1):
                return True
        return False
    return ok


def period_key(freq, dt):
    if freq == "YEARLY":
        return dt.year
    if freq == "MONTHLY":
        return (dt.year, dt.month)
    return dt.date()      # DAILY (WEEKLY has no BYMONTHDAY)


def select_setpos(group, setpos):
    picked = set()
    for p in setpos:
        i = p - 1 if p > 0 else len(group) + p
        if 0 <= i < len(group):
            picked.add(group[i])
    return sorted(picked)


def pipeline(rule, dtstart, limit, clamp, py_byday=False):
    """A DAILY, MONTHLY or YEARLY rule with BYMONTHDAY or BYDAY, expanded
    from dateutil's candidate days with the month-day filter (clamped or
    not), with BYSETPOS, and with BYDAY when py_byday, applied here."""
    if rule.freq == "YEARLY":
        p0 = dtstart.replace(month=1, day=1)
    elif rule.freq == "MONTHLY":
        p0 = dtstart.replace(day=1)
    else:
        p0 = dtstart
    # dateutil's filters, opened to a superset of the days wanted: every
    # day a clamped month-day can land on, every weekday BYDAY names.
    # (A non-empty BYMONTHDAY also keeps dateutil from filling in the
    # start's day.)
    days = set(range(1, 32))
    if rule.bymonthday:
        days = set(rule.bymonthday)
        if clamp and any(v >= 29 for v in rule.bymonthday):
            days |= {28, 29, 30}
        if clamp and any(v <= -29 for v in rule.bymonthday):
            days.add(1)
    kw = {"bymonthday": sorted(days), "bysetpos": None,
          "count": None, "until": None}
    if py_byday:
        kw["byweekday"] = sorted({w for w, _ in rule.byday}) or None
    cand = rule.dateutil(p0, **kw)
    md_ok = md_filter(rule, clamp) if rule.bymonthday else None
    wd_ok = byday_filter(rule) if py_byday and rule.byday else None

    def ok(dt):
        return ((md_ok is None or md_ok(dt)) and
                (wd_ok is None or wd_ok(dt)))
    want = limit if not rule.count else min(limit, rule.count)
    out = []

    def flush(group):
        sel = select_setpos(group, rule.bysetpos) if rule.bysetpos else group
        for x in sel:
            if x < dtstart:
                continue
            if rule.until and x > rule.until:
                return True
            out.append(x)
            if len(out) >= want:
                return True
        return False

    group, key = [], None
    for x in cand:
        if rule.until and x > rule.until and not rule.bysetpos:
            break
        if x.year > 9999:
            break
        if not ok(x):
            continue
        k = period_key(rule.freq, x)
        if group and k != key:
            if flush(group):
                return out
            group = []
            if rule.until and x > rule.until:
                break
        key = k
        group.append(x)
    if group:
        flush(group)
    return out


def expected(rule, dtstart, limit):
    """dateutil's first occurrences of rule (without CLAMP)."""
    if rule.freq == "WEEKLY" and rule.bysetpos:
        wkst = rule.wkst if rule.wkst is not None else 0
        week0 = dtstart - timedelta(days=(dtstart.weekday() - wkst) % 7)
        byday = None if rule.byday else [DU_WD[dtstart.weekday()]]
        kw = {"count": None}
        if byday:
            kw["byweekday"] = byday
        want = limit if not rule.count else min(limit, rule.count)
        out = []
        for x in rule.dateutil(week0, **kw):
            if x < dtstart:
                continue
            out.append(x)
            if len(out) >= want:
                break
        return out
    return list(itertools.islice(rule.dateutil(dtstart), limit))


def shift_years(dt, years):
    return dt.replace(year=dt.year + years)


# ---- running libsla -------------------------------------------------------

def run_expand(exe, lines, fmt_mode=False):
    args = [exe] + (["--format"] if fmt_mode else [])
    data = "".join(line + "\n" for line in lines)
    p = subprocess.run(args, input=data, capture_output=True, text=True,
                       check=False)
    if p.returncode != 0:
        print(f"rrule-oracle: {exe} exited with {p.returncode}: {p.stderr}")
        sys.exit(1)
    out = p.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        print(f"rrule-oracle: {len(lines)} lines in, {len(out)} out")
        sys.exit(1)
    return out


def occurrences(line):
    """The dates of an output line, and whether it stopped at year 9999."""
    toks = line.split()
    if toks and toks[0] == "error":
        return None, False
    far = bool(toks) and toks[-1] == ">9999"
    if far:
        toks.pop()
    return toks, far


# ---- main -------------------------------------------------------------------

def main():
    if len(sys.argv) != 2:
        print("usage: rrule-oracle.py RRULE-EXPAND")
        return 2
    exe = sys.argv[1]
    t0 = time.monotonic()
    rng = random.Random(SEED)
    mismatches = []
    stats = {"rules": 0, "occurrences": 0, "clamp_rules": 0,
             "clamp_occurrences": 0, "never": 0, "never_checked": 0,
             "refused": 0, "formatted": 0, "weekly_setpos": 0,
             "far": 0, "mixed": 0, "self_checks": 0}
    by_freq = {}

    def mismatch(kind, text, dtstart, flags, got, want):
        by_freq[kind] = by_freq.get(kind, 0) + 1
        mismatches.append((kind, text, dtstart, flags, got, want))

    # The issue's worked example, and a few of RFC 5545's.
    fixed = [
        ("FREQ=MONTHLY;BYDAY=1TU", "2025-01-07T03:00:00",
         ["2025-01-07T03:00:00", "2025-02-04T03:00:00",
          "2025-03-04T03:00:00", "2025-04-01T03:00:00"]),
        ("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
         "1997-08-05T09:00:00",
         ["1997-08-05T09:00:00", "1997-08-10T09:00:00",
          "1997-08-19T09:00:00", "1997-08-24T09:00:00"]),
        ("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
         "1997-08-05T09:00:00",
         ["1997-08-05T09:00:00", "1997-08-17T09:00:00",
          "1997-08-19T09:00:00", "1997-08-31T09:00:00"]),
        ("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
         "1997-09-04T09:00:00",
         ["1997-09-04T09:00:00", "1997-10-07T09:00:00",
          "1997-11-06T09:00:00"]),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=3",
         "1997-09-29T09:00:00",
         ["1997-09-29T09:00:00", "1997-10-30T09:00:00",
          "1997-11-27T09:00:00"]),
        ("FREQ=YEARLY;BYDAY=20MO;COUNT=3", "1997-05-19T09:00:00",
         ["1997-05-19T09:00:00", "1998-05-18T09:00:00",
          "1999-05-17T09:00:00"]),
        ("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13;COUNT=3",
         "1997-09-13T09:00:00",
         ["1997-09-13T09:00:00", "1997-10-11T09:00:00",
          "1997-11-08T09:00:00"]),
    ]
    for text, start, want in fixed:
        got, _ = occurrences(run_expand(exe, ["%s\t%s\t%d\t0" % (
            text, start, len(want))])[0])
        if got != want:
            mismatch("fixed", text, start, 0, got, want)
        parts = dict(p.split("=") for p in text.split(";"))
        rule = Rule(parts["FREQ"])
        rule.interval = int(parts.get("INTERVAL", 1))
        rule.count = int(parts["COUNT"]) if "COUNT" in parts else None
        if "WKST" in parts:
            rule.wkst = WD.index(parts["WKST"])
        if "BYMONTHDAY" in parts:
            rule.bymonthday = [int(v) for v in parts["BYMONTHDAY"].split(",")]
        if "BYSETPOS" in parts:
            rule.bysetpos = [int(v) for v in parts["BYSETPOS"].split(",")]
        if "BYDAY" in parts:
            rule.byday = [(WD.index(v[-2:]), int(v[:-2] or 0))
                          for v in parts["BYDAY"].split(",")]
        du_got = [fmt(x) for x in expected(
            rule, datetime.fromisoformat(start), len(want))]
        if du_got != want:
            mismatch("fixed-dateutil", text, start, 0, du_got, want)

    # Random valid rules: one text each, and a start.
    cands = []
    for _ in range(N_RULES):
        dtstart = rand_dtstart(rng)
        rule = rand_rule(rng, dtstart)
        cands.append((rule, rule.text(rng), dtstart))

    # Probe: the rule without COUNT/UNTIL, plain and clamped. An empty
    # probe is a rule that never matches.
    probe = []
    for rule, _, dtstart in cands:
        u = rule.unbounded().canonical()
        probe.append("%s\t%s\t1\t0" % (u, fmt(dtstart)))
        probe.append("%s\t%s\t1\t1" % (u, fmt(dtstart)))
    probed = run_expand(exe, probe)

    # Formatting: canonical text, and the same expansion from it.
    formatted = run_expand(exe, [t for _, t, _ in cands], fmt_mode=True)
    for (rule, text, dtstart), got in zip(cands, formatted):
        stats["formatted"] += 1
        if got != rule.canonical():
            mismatch("format", text, fmt(dtstart), 0, [got],
                     [rule.canonical()])

    plain_lines, clamp_lines, jobs = [], [], []
    never = []
    for i, (rule, text, dtstart) in enumerate(cands):
        p_plain, p_clamp = probed[2 * i], probed[2 * i + 1]
        if p_plain.startswith("error"):
            mismatch("refused", text, fmt(dtstart), 0, [p_plain], ["a rule"])
            continue
        lim = rule.limit()
        if p_plain == "":
            never.append((rule, text, dtstart))
        else:
            jobs.append(("plain", rule, text, dtstart, lim))
            plain_lines.append("%s\t%s\t%d\t0" % (text, fmt(dtstart), lim))
        implicit = rule.clamp_effective(dtstart) is not rule
        if p_clamp != "" and (rule.bymonthday or
                              rng.random() < (0.5 if implicit else 0.1)):
            jobs.append(("clamp", rule, text, dtstart, lim))
            clamp_lines.append("%s\t%s\t%d\t1" % (text, fmt(dtstart), lim))
    # The canonical text of each plain rule must expand the same way.
    canon_lines = ["%s\t%s\t%d\t0" % (j[1].canonical(), fmt(j[3]), j[4])
                   for j in jobs if j[0] == "plain"]
    out_plain = run_expand(exe, plain_lines)
    out_clamp = run_expand(exe, clamp_lines)
    out_canon = run_expand(exe, canon_lines)
    for a, b, line in zip(out_plain, out_canon, canon_lines):
        if a != b:
            mismatch("format-expand", line.split("\t")[0],
                     line.split("\t")[1], 0, b.split(), a.split())
    outs = iter(out_plain)
    outs_clamp = iter(out_clamp)

    for kind, rule, text, dtstart, lim in jobs:
        line = next(outs) if kind == "plain" else next(outs_clamp)
        got, far = occurrences(line)
        if got is None:
            mismatch(kind + ":" + rule.freq, text, fmt(dtstart),
                     int(kind == "clamp"), [line], ["occurrences"])
            continue
        mixed = rule.mixed()
        if kind == "plain":
            if mixed:
                want = [fmt(x) for x in pipeline(rule, dtstart, lim, False,
                                                  True)]
                stats["mixed"] += 1
            else:
                want = [fmt(x) for x in expected(rule, dtstart, lim)]
            if rule.freq == "WEEKLY" and rule.bysetpos:
                stats["weekly_setpos"] += 1
            stats["rules"] += 1
            stats["occurrences"] += len(want)
            if (not mixed and rule.freq != "WEEKLY" and
                    (rule.bymonthday or rule.byday) and rng.random() < 0.3):
                # Check the pipeline against dateutil on plain rules.
                alt = [fmt(x) for x in pipeline(rule, dtstart, lim, False,
                                                bool(rule.byday))]
                stats["self_checks"] += 1
                if alt != want:
                    mismatch("pipeline(oracle self-check)", text,
                             fmt(dtstart), 0, alt, want)
        else:
            eff = rule.clamp_effective(dtstart)
            if eff.bymonthday or mixed:
                want = [fmt(x) for x in pipeline(eff, dtstart, lim, True,
                                                  mixed)]
            else:
                want = [fmt(x) for x in expected(rule, dtstart, lim)]
            stats["clamp_rules"] += 1
            stats["clamp_occurrences"] += len(want)
        if far:
            stats["far"] += 1
        if got != want:
            mismatch(kind + ":" + rule.freq, text, fmt(dtstart),
                     int(kind == "clamp"), got, want)

    # Never-matching rules: libsla says so after one 400-year cycle;
    # dateutil, started near year 9999 at the same place of the cycle,
    # must find nothing until 9999 either.
    stats["never"] = len(never)
    never.sort(key=lambda c: FREQS.index(c[0].freq), reverse=True)
    for rule, text, dtstart in never[:N_NEVER_CHECKED]:
        k = (9200 - dtstart.year + 399) // 400
        s = shift_years(dtstart, 400 * k)
        shifted = rule.unbounded()
        got = list(itertools.islice(shifted.dateutil(s), 1))
        stats["never_checked"] += 1
        if got:
            mismatch("never-matching", text, fmt(dtstart), 0, [],
                     ["(shifted by %d years) %s" % (400 * k, fmt(got[0]))])

    # Rules libsla must refuse.
    bad = []
    for _ in range(N_INVALID):
        dtstart = rand_dtstart(rng)
        bad.append(rand_invalid(rng, dtstart) + (dtstart,))
    out_bad = run_expand(exe, ["%s\t%s\t5\t0" % (t, fmt(d))
                               for t, _, _, d in bad])
    for (text, code, offset, dtstart), line in zip(bad, out_bad):
        toks = line.split(" ", 3)
        stats["refused"] += 1
        ok = (len(toks) == 4 and toks[0] == "error" and
              toks[1] == str(code) and
              (offset is None or toks[2] == str(offset)))
        if not ok:
            mismatch("refusal", text, fmt(dtstart), 0, [line],
                     ["error %d %s ..." % (code, "?" if offset is None
                                           else offset)])

    elapsed = time.monotonic() - t0
    print("rrule-oracle: %d rules, %d occurrences compared with dateutil "
          "(%d WEEKLY+BYSETPOS rules from the week start, %d with mixed "
          "BYDAY through the pipeline, %d pipeline self-checks); with CLAMP %d "
          "rules, %d occurrences; %d formatted; %d never-matching rules "
          "(%d checked); %d refusals; %d reach year 9999; %.1f s" % (
              stats["rules"], stats["occurrences"], stats["weekly_setpos"],
              stats["mixed"], stats["self_checks"],
              stats["clamp_rules"], stats["clamp_occurrences"],
              stats["formatted"], stats["never"], stats["never_checked"],
              stats["refused"], stats["far"], elapsed))
    if stats["rules"] < 1000:
        print("rrule-oracle: FAIL: too few rules compared")
        return 1
    if mismatches:
        print("rrule-oracle: FAIL: %d mismatches (%s)" % (
            len(mismatches), ", ".join(
                "%s: %d" % kv for kv in sorted(by_freq.items()))))
        # The first mismatches, with at most 4 of a kind before the others
        # get their turn; N_SHOWN in all, in the order found.
        picked, per_kind = set(), {}
        for i, m in enumerate(mismatches):
            if len(picked) < N_SHOWN and per_kind.get(m[0], 0) < 4:
                picked.add(i)
                per_kind[m[0]] = per_kind.get(m[0], 0) + 1
        for i in range(len(mismatches)):
            if len(picked) >= N_SHOWN:
                break
            picked.add(i)
        for i in sorted(picked):
            kind, text, start, flags, got, want = mismatches[i]
            print("--- %s: %s  DTSTART=%s  FLAGS=%d" % (kind, text, start,
                                                       flags))
            print("  libsla:   %s" % " ".join(got[:12]) +
                  (" ..." if len(got) > 12 else ""))
            print("  expected: %s" % " ".join(want[:12]) +
                  (" ..." if len(want) > 12 else ""))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
