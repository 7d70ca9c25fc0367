#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test of libsla's window schedules against dateutil + zoneinfo.

Usage: schedule-oracle.py PATH-TO-SLA

Random schedules are expanded by `sla windows --json` and, independently,
here: the occurrences' local starts by python3-dateutil's rrule, the local
times turned into instants by Python's zoneinfo (both sides read the same
TZif files: zoneinfo's first TZPATH directory is given to the tool as
--tzdir). Every window's start_ms, end_ms, local_start and flags must match
exactly, in order.

The reference (sla/schedule.h, docs/calendar.md):

 * occurrences are the dates dateutil.rrule selects at or after DTSTART, at
   DTSTART's time of day;
 * a local time L is resolved as PEP 495 reads it: t0 = L with fold=0 and
   t1 = L with fold=1. L is a gap when neither round-trips through UTC, a
   fold when both do (to different instants), else unique (the instant that
   round-trips). compatible is t0 (a gap moves forward by its length, a fold
   takes the earlier instant), earlier and later are the smaller and the
   larger of the two;
 * a start in a gap flags the window "shifted", or drops the occurrence
   with --skip-gaps;
 * --end-time: the end is the start's local date at that time, or the next
   date when the time is at or before the start's time of day; the nominal
   length is that local difference. The end is resolved in the same mode (a
   gap: "shifted", or dropped with --skip-gaps). If the end instant is not
   after the start, end = start + nominal length and the window is
   "shifted"; otherwise a length other than the nominal one is "dst-length";
 * --duration: end = start + duration (days are 24 hours); without
   --end-time or --duration, one hour;
 * a window is listed when end > from and start < to, unclipped.

Cases: a zone from a list of zones with unusual transitions (midnight and
24:00 changes, 30-minute DST, 45-minute offsets, negative DST, a skipped day,
a +2h DST, zones that changed their standard offset); a rule of libsla's
subset (DAILY, WEEKLY, MONTHLY, YEARLY; INTERVAL, BYMONTH, BYMONTHDAY with
negatives, BYDAY plain or with ordinals, BYSETPOS, WKST, sometimes COUNT or
a local UNTIL); DTSTART in 2000-2035, its time of day weighted toward
00:00-04:00 and toward the zone's own gaps and folds (often on the date of
a transition, so monthly and yearly rules meet it); an --end-time weighted
toward 01:00-05:00 and the zone's transitions, sometimes at or before the
start (crossing midnight), or a --duration; a random disambiguation and
--skip-gaps; a span of 1 to 3 years, its ends sometimes on a window's
start or end (or a millisecond either side).

Rules are built so that they always match eventually (dateutil scans to
year 9999 for a rule that never does), and never mix plain and ordinal
BYDAY entries (dateutil intersects them, RFC 5545 unites them). For
WEEKLY rules with BYSETPOS dateutil's first period starts at DTSTART
instead of at the week start (WKST); RFC 5545 and libsla use the whole
week, so dateutil gets the week start as DTSTART and the earlier dates are
dropped here (as in rrule-oracle.py). COUNT is applied here to the dates
at or after DTSTART.

--clamp: some cases (about 6%) are MONTHLY or YEARLY rules with month-days
some months lack (or a DTSTART on the 29th to 31st), expanded here as
rrule.h describes SLA_RRULE_CLAMP (the month's last day, or first day for
a negative month-day); other cases sometimes add --clamp to a rule it
cannot change. rrule-oracle.py covers clamping in depth.

A run of the tool that does not end within TOOL_TIMEOUT seconds (a run
normally takes milliseconds) is killed and counted as a mismatch.

The expectations are computed in worker processes, the tool runs in a
thread pool, one process per case. Exit status: 0 when every case matched
and enough windows (and enough shifted and dst-length ones) were
compared, 1 on any mismatch (the first 20 are printed in full), 77 (skip)
when dateutil or zoneinfo is missing or there is no zone directory.
"""
import json
import multiprocessing
import os
import random
import shlex
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta


def skip(why):
    print(f"schedule-oracle: SKIP: {why}")
    sys.exit(77)


try:
    from dateutil import rrule as du
except ImportError:
    skip("python3-dateutil is not installed (pip install python-dateutil "
         "or apt-get install python3-dateutil)")
try:
    import zoneinfo
    from zoneinfo import ZoneInfo
except ImportError:
    skip("this Python (%s) has no zoneinfo module (Python 3.9 or later "
         "is needed)" % sys.version.split()[0])

SEED = 20250309
N_CASES = 8000
N_SHOWN = 20
# Sanity floors: fewer compared means the generator went wrong.
MIN_WINDOWS = 100000
MIN_SHIFTED = 500
MIN_DST_LENGTH = 500
MIN_SKIPPED = 200      # occurrences dropped by --skip-gaps
TOOL_TIMEOUT = 2       # seconds for one run of the tool (a run takes ms)
TOOL_TIMEOUT_LATER = 0.5   # ... after 4 runs timed out

ZONES = [
    "America/New_York", "America/Los_Angeles", "America/Chicago",
    "Europe/Berlin", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
    "Europe/Moscow", "Europe/Kyiv", "Atlantic/Azores",
    "Australia/Lord_Howe", "Australia/Sydney", "Australia/Adelaide",
    "America/Santiago", "Pacific/Easter", "America/Punta_Arenas",
    "America/Sao_Paulo", "America/Campo_Grande", "America/Asuncion",
    "America/Havana", "America/Nuuk", "America/Scoresbysund",
    "America/Miquelon", "America/St_Johns", "America/Adak",
    "America/Mexico_City", "America/Ciudad_Juarez", "America/Caracas",
    "Asia/Tokyo", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tehran",
    "Asia/Jerusalem", "Asia/Gaza", "Asia/Beirut", "Asia/Amman",
    "Asia/Damascus", "Africa/Cairo", "Africa/Casablanca", "Africa/Windhoek",
    "Asia/Pyongyang", "Asia/Almaty", "Pacific/Apia", "Pacific/Chatham",
    "Pacific/Auckland", "Pacific/Fiji", "Pacific/Norfolk",
    "Pacific/Tongatapu", "Pacific/Kiritimati", "Antarctica/Troll",
    "Antarctica/Macquarie", "UTC",
]
# The zones this test is about; the run fails if one is missing.
REQUIRED = [
    "America/New_York", "Europe/Berlin", "Europe/London", "Europe/Dublin",
    "Australia/Lord_Howe", "Australia/Sydney", "America/Santiago",
    "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Apia",
    "Antarctica/Troll", "America/Havana", "Asia/Tehran", "Pacific/Chatham",
]

FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
DU_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY,
           "YEARLY": du.YEARLY}
WD = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]      # index = Python weekday
DU_WD = [du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU]
MODES = ["compatible", "earlier", "later"]
MONTH_MAX = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

EPOCH = datetime(1970, 1, 1)
SEC = timedelta(seconds=1)
DAY_MS = 86400000

# Set in main() before the worker processes fork.
TZDIR = None
ZI = {}            # name -> ZoneInfo
TRANS = {}         # name -> [(utc seconds, offset before, offset after)]


def fmt(dt):
    return "%04d-%02d-%02dT%02d:%02d:%02d" % (
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)


def fmt_instant(ms):
    dt = EPOCH + timedelta(milliseconds=ms)
    s = fmt(dt)
    if ms % 1000:
        s += ".%03d" % (ms % 1000)
    return s + "Z"


def naive_s(dt):
    return (dt - EPOCH) // SEC


# ---- zones ----------------------------------------------------------------

def offset_at(z, t):
    return datetime.fromtimestamp(t, z).utcoffset() // SEC


def find_transitions(z, y0=1999, y1=2038):
    """Changes of UTC offset in [y0, y1): sampled every 2 days, bisected to
    the second."""
    out = []
    t = naive_s(datetime(y0, 1, 1))
    end = naive_s(datetime(y1, 1, 1))
    prev = offset_at(z, t)
    while t < end:
        n = min(t + 2 * 86400, end)
        if offset_at(z, n) == prev:
            t = n
            continue
        lo, hi = t, n              # offset(lo) == prev != offset(hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if offset_at(z, mid) == prev:
                lo = mid
            else:
                hi = mid
        new = offset_at(z, hi)
        out.append((hi, prev, new))
        t, prev = hi, new
    return out


def resolve(z, local, mode):
    """(instant ms, in a gap) of a local time, as described above."""
    s = naive_s(local)
    o0 = local.replace(tzinfo=z).utcoffset() // SEC
    o1 = local.replace(tzinfo=z, fold=1).utcoffset() // SEC
    u0, u1 = s - o0, s - o1
    if o0 == o1:
        return u0 * 1000, False
    r0 = datetime.fromtimestamp(u0, z).replace(tzinfo=None) == local
    r1 = datetime.fromtimestamp(u1, z).replace(tzinfo=None) == local
    if r0 != r1:                   # unique after all
        return (u0 if r0 else u1) * 1000, False
    gap = not r0
    if mode == "compatible":
        u = u0
    elif mode == "earlier":
        u = min(u0, u1)
    else:
        u = max(u0, u1)
    return u * 1000, gap


# ---- rules ----------------------------------------------------------------

class Rule:
    def __init__(self, freq):
        self.freq = freq
        self.interval = 1
        self.count = None
        self.until = None         # local datetime, inclusive
        self.until_date = False   # written as a date (the whole day)
        self.wkst = None
        self.bymonth = []
        self.bymonthday = []
        self.byday = []           # (weekday, ordinal or 0)
        self.bysetpos = []
        self.clamp = False        # expanded with --clamp (see clamped())

    def clamp_insensitive(self, dtstart):
        """--clamp changes nothing: every month has every month-day."""
        if any(abs(v) > 28 for v in self.bymonthday):
            return False
        return (self.freq not in ("MONTHLY", "YEARLY") or self.bymonthday or
                self.byday or dtstart.day <= 28)

    def text(self, rng):
        p = [("FREQ", self.freq)]
        if self.interval != 1 or rng.random() < 0.05:
            p.append(("INTERVAL", str(self.interval)))
        if self.count:
            p.append(("COUNT", str(self.count)))
        if self.until:
            u = self.until
            p.append(("UNTIL", "%04d%02d%02d" % (u.year, u.month, u.day) +
                      ("" if self.until_date else
                       "T%02d%02d%02d" % (u.hour, u.minute, u.second))))
        if self.bymonth:
            p.append(("BYMONTH", ",".join(map(str, self.bymonth))))
        if self.bymonthday:
            p.append(("BYMONTHDAY", ",".join(map(str, self.bymonthday))))
        if self.byday:
            p.append(("BYDAY", ",".join(("%d" % n if n else "") + WD[w]
                                        for w, n in self.byday)))
        if self.bysetpos:
            p.append(("BYSETPOS", ",".join(map(str, self.bysetpos))))
        if self.wkst is not None:
            p.append(("WKST", WD[self.wkst]))
        if rng.random() < 0.3:
            rng.shuffle(p)
        return ";".join(k + "=" + v for k, v in p)

    def occurrences(self, dtstart, limit):
        """Local starts at or after dtstart, up to limit (inclusive)."""
        if self.clamp:
            yield from self.clamped(dtstart, limit)
            return
        kw = dict(interval=self.interval,
                  wkst=self.wkst if self.wkst is not None else 0,
                  until=self.until,
                  bymonth=self.bymonth or None,
                  bymonthday=self.bymonthday or None,
                  byweekday=[DU_WD[w](n) if n else DU_WD[w]
                             for w, n in self.byday] or None,
                  bysetpos=self.bysetpos or None,
                  cache=False)
        ds = dtstart
        if self.freq == "WEEKLY" and self.bysetpos:
            ds = dtstart - timedelta(days=(dtstart.weekday() - kw["wkst"]) % 7)
            if not self.byday:
                kw["byweekday"] = [DU_WD[dtstart.weekday()]]
        n = 0
        for x in du.rrule(DU_FREQ[self.freq], dtstart=ds, **kw):
            if x < dtstart:
                continue
            if x > limit:
                return
            yield x
            n += 1
            if self.count and n >= self.count:
                return


    def clamped(self, dtstart, limit):
        """The occurrences with SLA_RRULE_CLAMP, for MONTHLY and YEARLY
        rules without BYDAY and BYSETPOS: a month-day the month lacks is
        its last day (a negative one its first), the month-day taken from
        DTSTART included (rrule.h)."""
        assert self.freq in ("MONTHLY", "YEARLY")
        assert not self.byday and not self.bysetpos
        mds = self.bymonthday or [dtstart.day]
        n = 0
        for i in range(100000):
            if self.freq == "MONTHLY":
                k = dtstart.year * 12 + dtstart.month - 1 + self.interval * i
                months = [(k // 12, k % 12 + 1)]
                if self.bymonth and months[0][1] not in self.bymonth:
                    continue
            else:
                y = dtstart.year + self.interval * i
                ms = self.bymonth or (range(1, 13) if self.bymonthday
                                      else [dtstart.month])
                months = [(y, m) for m in sorted(ms)]
            for y, m in months:
                last = monthlen(y, m)
                days = sorted({min(v, last) if v > 0 else max(1, last + v + 1)
                               for v in mds})
                for d in days:
                    x = dtstart.replace(year=y, month=m, day=d)
                    if x < dtstart:
                        continue
                    if x > limit or (self.until and x > self.until):
                        return
                    yield x
                    n += 1
                    if self.count and n >= self.count:
                        return


def clamp_rule(rng, dtstart):
    """A rule for the --clamp reference: month-days some months lack."""
    r = Rule(rng.choice(["MONTHLY", "MONTHLY", "YEARLY"]))
    r.clamp = True
    if rng.random() < 0.3:
        r.interval = rng.randint(2, 3)
    if rng.random() < 0.75:
        r.bymonthday = sorted({rng.choice([29, 30, 31, 31, -29, -30, -31, -31,
                                           28, 1, 15, -1])
                               for _ in range(rng.choice([1, 1, 2, 3]))})
    if rng.random() < 0.4:
        r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 2, 4])))
        if r.freq == "MONTHLY":
            reach = reachable_months("MONTHLY", r.interval, dtstart)
            if not reach & set(r.bymonth):
                r.bymonth = []
    x = rng.random()
    if x < 0.1:
        r.count = rng.randint(1, 30)
    elif x < 0.2:
        r.until = dtstart + timedelta(days=rng.randint(0, 900))
    return r


def reachable_months(freq, interval, dtstart):
    if freq == "MONTHLY":
        return {(dtstart.month - 1 + interval * i) % 12 + 1
                for i in range(12)}
    return set(range(1, 13))


def feb_max(freq, interval, dtstart):
    """The longest February a rule can reach (29 unless the interval keeps
    it off leap years)."""
    if freq == "YEARLY" and interval == 2 and dtstart.year % 2:
        return 28
    if freq == "DAILY" and interval > 1:
        return 28
    return 29


def day_fits(m, d, febmax):
    n = febmax if m == 2 else MONTH_MAX[m - 1]
    return abs(d) <= n


def rand_monthdays(rng, small=False):
    vals = set()
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 5])):
        r = rng.random()
        if small:
            vals.add(rng.choice([1, -1]) * rng.randint(1, 28))
        elif r < 0.25:
            vals.add(rng.choice([28, 29, 30, 31]))
        elif r < 0.45:
            vals.add(rng.choice([-1, -2, -3, -7, -28, -29, -30, -31]))
        else:
            vals.add(rng.randint(1, 31) * rng.choice([1, 1, 1, -1]))
    return sorted(vals)


def rand_plain_byday(rng):
    return [(w, 0) for w in sorted(rng.sample(range(7),
                                              rng.choice([1, 1, 2, 3, 5, 7])))]


def rand_ordinal_byday(rng, in_year):
    days = set()
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if in_year:
            x = rng.random()
            n = (rng.randint(1, 5) if x < 0.5 else
                 rng.randint(49, 53) if x < 0.7 else rng.randint(1, 53))
        else:
            n = rng.choice([1, 1, 2, 2, 3, 4, 4, 5])
        days.add((rng.randrange(7), n if rng.random() < 0.65 else -n))
    # A fifth (or 53rd) weekday exists only in some periods: keep one that
    # every period has, so the rule always matches.
    big = 53 if in_year else 5
    if all(abs(n) == big for _, n in days):
        days.add((rng.randrange(7), rng.choice([1, 2, -1])))
    return sorted(days, key=lambda x: (x[0], x[1]))


def rand_rule(rng, dtstart):
    freq = rng.choices(FREQS, weights=[2, 3, 4, 3])[0]
    r = Rule(freq)
    if freq == "DAILY":
        if rng.random() < 0.25:
            r.interval = rng.randint(2, 3)
        filters = rng.sample(["BYDAY", "BYMONTH", "BYMONTHDAY"],
                             rng.choice([0, 0, 1, 1, 2] if r.interval == 1
                                        else [0, 1]))
        if "BYMONTH" in filters:
            r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 2, 4, 6])))
        if "BYMONTHDAY" in filters:
            r.bymonthday = rand_monthdays(rng, small=bool(r.bymonth))
        if "BYDAY" in filters:
            r.byday = rand_plain_byday(rng)
    elif freq == "WEEKLY":
        if rng.random() < 0.3:
            r.interval = rng.randint(2, 4)
        if rng.random() < 0.75:
            r.byday = rand_plain_byday(rng)
        if rng.random() < 0.15:
            r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 3, 6])))
        if r.byday and rng.random() < 0.2:
            k = len(r.byday)
            r.bysetpos = sorted({rng.choice([1, -1]) * rng.randint(1, k)
                                 for _ in range(rng.choice([1, 1, 2]))})
    elif freq == "MONTHLY":
        if rng.random() < 0.3:
            r.interval = rng.choice([2, 3, 4, 5, 6])
        reach = reachable_months(freq, r.interval, dtstart)
        if rng.random() < 0.25:
            r.bymonth = sorted(rng.sample(sorted(reach),
                                          min(len(reach),
                                              rng.choice([1, 2, 3, 6]))))
        months = set(r.bymonth) or reach
        v = rng.random()
        if v < 0.2:
            pass                                   # DTSTART's day
        elif v < 0.45:
            r.bymonthday = rand_monthdays(rng)
            if rng.random() < 0.15:
                r.bysetpos = [rng.choice([1, -1])]
        elif v < 0.7:
            r.byday = rand_plain_byday(rng)
            if rng.random() < 0.3:
                r.bymonthday = rand_monthdays(rng, small=True)
            elif rng.random() < 0.4:
                r.bysetpos = sorted({rng.choice([1, 2, 3, 4, -1, -1, -2])
                                     for _ in range(rng.choice([1, 1, 2]))})
        else:
            r.byday = rand_ordinal_byday(rng, False)
            if rng.random() < 0.15:
                r.bysetpos = [rng.choice([1, -1])]
        fm = feb_max(freq, r.interval, dtstart)
        days = r.bymonthday or ([] if r.byday else [dtstart.day])
        if days and not any(day_fits(m, d, fm) for m in months for d in days):
            return None
    else:  # YEARLY
        if rng.random() < 0.25:
            r.interval = rng.randint(2, 3)
        fm = feb_max(freq, r.interval, dtstart)
        v = rng.random()
        if v < 0.12:
            pass                                   # DTSTART's month and day
        elif v < 0.27:
            r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 2, 3, 6])))
        elif v < 0.45:
            if rng.random() < 0.6:
                r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 2, 4])))
            r.bymonthday = rand_monthdays(rng)
            if rng.random() < 0.15:
                r.bysetpos = [rng.choice([1, -1, 2, -2])]
                if len([d for d in r.bymonthday if abs(d) <= 28]) < 2:
                    r.bysetpos = [rng.choice([1, -1])]
        elif v < 0.6:
            r.byday = rand_ordinal_byday(rng, True)
            if rng.random() < 0.1:
                r.bysetpos = [rng.choice([1, -1])]
        elif v < 0.75:
            r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 2, 3])))
            r.byday = rand_ordinal_byday(rng, False)
        else:
            if rng.random() < 0.6:
                r.bymonth = sorted(rng.sample(range(1, 13), rng.choice([1, 2, 3])))
            r.byday = rand_plain_byday(rng)
            if rng.random() < 0.25:
                r.bymonthday = rand_monthdays(rng, small=True)
            elif rng.random() < 0.35:
                lim = 4 if r.bymonth else 52
                r.bysetpos = sorted({rng.choice([1, -1]) * rng.randint(1, lim)
                                     for _ in range(rng.choice([1, 1, 2]))})
        months = set(r.bymonth) or (set(range(1, 13)) if (r.bymonthday or
                                                          r.byday)
                                    else {dtstart.month})
        days = r.bymonthday or ([] if r.byday else [dtstart.day])
        if days and not any(day_fits(m, d, fm) for m in months for d in days):
            return None
    if rng.random() < 0.2:
        r.wkst = rng.randrange(7)
    x = rng.random()
    if x < 0.08:
        r.count = rng.choice([1, 2, rng.randint(1, 20), rng.randint(1, 400)])
    elif x < 0.16:
        u = dtstart + timedelta(days=rng.randint(0, 900),
                                seconds=rng.choice([0, 0, rng.randint(-7200, 7200)]))
        if rng.random() < 0.3:
            r.until_date = True
            r.until = u.replace(hour=23, minute=59, second=59)
        else:
            r.until = u
    return r


def monthlen(y, m):
    return ((datetime(y + m // 12, m % 12 + 1, 1) - datetime(y, m, 1)).days)


def aligned_rule(rng, d):
    """A rule that meets the date d again in later years, the way zones'
    rules name their transition days (last Sunday of March, first Sunday
    of April, the 30th of December...)."""
    w, m = d.weekday(), d.month
    first = (d.day - 1) // 7 + 1
    last = -((monthlen(d.year, m) - d.day) // 7 + 1)
    n = last if first == 5 or rng.random() < 0.5 else first
    f = rng.randrange(7)
    if f == 0:
        r = Rule("YEARLY")
        r.bymonth, r.byday = [m], [(w, n)]
    elif f == 1:
        r = Rule("MONTHLY")
        r.byday = [(w, n)]
        if rng.random() < 0.5:
            r.bymonth = sorted({m, (m + 5) % 12 + 1})
    elif f == 2:
        r = Rule("WEEKLY")
        r.byday = sorted({(w, 0), (rng.randrange(7), 0)})
        if rng.random() < 0.6:
            r.bymonth = [m]
    elif f == 3:
        r = Rule("DAILY")
        r.bymonth = [m]
    elif f == 4 and abs(n) <= 4:
        r = Rule("MONTHLY")
        r.byday = [(w, 0)]
        r.bysetpos = [n]
        if rng.random() < 0.5:
            r.bymonth = [m]
    elif f == 5:
        r = Rule("YEARLY")
        r.bymonth, r.bymonthday = [m], [d.day]
    else:
        r = Rule("YEARLY")
        r.bymonth = [m]
        r.byday = [(w, 0)]
        r.bymonthday = sorted({(d.day - 1) // 7 * 7 + k + 1 for k in range(7)}
                              if first < 5 else
                              {-k - 1 for k in range(7)})
    if rng.random() < 0.2:
        r.wkst = rng.randrange(7)
    return r


# ---- times ----------------------------------------------------------------

def local_of(t, off):
    return EPOCH + timedelta(seconds=t + off)


def transition_times(rng, t, before, after):
    """Local times at and around the gap or fold of one transition."""
    a, b = local_of(t, before), local_of(t, after)
    lo, hi = min(a, b), max(a, b)
    inside = lo + timedelta(minutes=rng.randrange(max(1, (hi - lo) // SEC // 60)))
    return rng.choice([lo, lo, hi, hi, inside, inside,
                       lo - timedelta(minutes=1), hi - timedelta(minutes=1),
                       hi - SEC, lo - SEC, hi + SEC,
                       lo - timedelta(minutes=30), hi + timedelta(minutes=30),
                       lo - timedelta(hours=1), hi + timedelta(hours=1)])


def rand_time_of_day(rng, early):
    h0, h1 = early
    h = rng.randint(h0, h1)
    m = rng.choice([0, 0, 0, 30, 15, 45, rng.randint(0, 59)])
    s = 0 if rng.random() < 0.85 else rng.randint(0, 59)
    return h, m, s


def pick_transition(rng, trans):
    """A transition, gaps (the offset grows) twice as likely as folds."""
    gaps = [x for x in trans if x[2] > x[1]]
    if gaps and rng.random() < 0.67:
        return rng.choice(gaps)
    return rng.choice(trans)


def rand_dtstart(rng, name):
    trans = [x for x in TRANS[name] if 2000 <= local_of(x[0], x[1]).year <= 2035]
    while True:
        y = rng.randint(2000, 2035)
        mo = rng.randint(1, 12)
        d = rng.randint(1, 31) if rng.random() < 0.85 else rng.choice([28, 29, 30, 31])
        r = rng.random()
        if r < 0.45 and trans:
            c = transition_times(rng, *pick_transition(rng, trans))
            if rng.random() < 0.5:
                return c
            h, mi, s = c.hour, c.minute, c.second
        elif r < 0.8:
            h, mi, s = rand_time_of_day(rng, (0, 3) if rng.random() < 0.85 else (4, 4))
        else:
            h, mi, s = rand_time_of_day(rng, (0, 23))
        try:
            return datetime(y, mo, d, h, mi, s)
        except ValueError:
            continue


def rand_end(rng, name, dtstart, near=None):
    """("time", (h, m, s), text) or ("duration", ms, text); near: a
    transition to end near, sometimes."""
    if rng.random() < 0.65:
        r = rng.random()
        trans = TRANS[name]
        if near and rng.random() < 0.5:
            c = transition_times(rng, *near)
            h, m, s = c.hour, c.minute, c.second
        elif r < 0.45:
            h, m, s = rand_time_of_day(rng, (1, 4) if rng.random() < 0.9 else (5, 5))
        elif r < 0.65 and trans:
            c = transition_times(rng, *pick_transition(rng, trans))
            h, m, s = c.hour, c.minute, c.second
        elif r < 0.75:
            h, m, s = dtstart.hour, dtstart.minute, dtstart.second
        elif r < 0.85:
            # just before the start: a window of nearly a day
            t = datetime(2000, 1, 1, dtstart.hour, dtstart.minute,
                         dtstart.second) - timedelta(minutes=rng.choice([1, 30, 60]))
            h, m, s = t.hour, t.minute, t.second
        else:
            h, m, s = rand_time_of_day(rng, (0, 23))
        if s == 0 and rng.random() < 0.5:
            text = "%02d:%02d" % (h, m)
        else:
            text = "%02d:%02d:%02d" % (h, m, s)
        return ("time", (h, m, s), text)
    r = rng.random()
    if r < 0.05:
        return ("duration", 3600000, None)      # no end given: one hour
    if r < 0.5:
        secs = rng.choice([3600, 7200, 1800, 5400, 10800, 86400, 90000,
                           82800, 1, 60, 3599, 14400])
    elif r < 0.8:
        secs = rng.randint(1, 6 * 60) * 60
    else:
        secs = rng.randint(1, 50 * 3600)
    d, rest = divmod(secs, 86400)
    if d and rng.random() < 0.5:
        text = "P%dD" % d + ("T" if rest else "")
    else:
        text, rest = "PT", secs
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    if h:
        text += "%dH" % h
    if m:
        text += "%dM" % m
    if s:
        text += "%dS" % s
    return ("duration", secs * 1000, text)


# ---- one case -------------------------------------------------------------

def window(z, local, end, mode, skip_gaps):
    """(start_ms, end_ms, local_start, flags) or None when dropped."""
    flags = set()
    start, gap = resolve(z, local, mode)
    if gap:
        if skip_gaps:
            return None
        flags.add("shifted")
    if end[0] == "duration":
        return (start, start + end[1], fmt(local), flags)
    h, m, s = end[1]
    tod = (local.hour * 3600 + local.minute * 60 + local.second) * 1000
    nominal = (h * 3600 + m * 60 + s) * 1000 - tod
    e = local.replace(hour=h, minute=m, second=s)
    if nominal <= 0:
        nominal += DAY_MS
        e += timedelta(days=1)
    stop, gap = resolve(z, e, mode)
    if gap:
        if skip_gaps:
            return None
        flags.add("shifted")
    if stop <= start:
        stop = start + nominal
        flags.add("shifted")
    elif stop - start != nominal:
        flags.add("dst-length")
    return (start, stop, fmt(local), flags)


def make_case(i):
    rng = random.Random("%d/%d" % (SEED, i))
    name = rng.choice(ZONES_PRESENT)
    z = ZI[name]
    trans = [x for x in TRANS[name]
             if 2000 <= local_of(x[0], x[1]).year <= 2035]
    t = None
    if trans and rng.random() < 0.4:
        # On a transition's date, at a time near its gap or fold, with a
        # rule that comes back to such dates.
        t = pick_transition(rng, trans)
        c = transition_times(rng, *t)
        day = min(local_of(t[0], t[1]), local_of(t[0], t[2]))
        dtstart = day.replace(hour=c.hour, minute=c.minute, second=c.second)
        rule = aligned_rule(rng, dtstart)
    elif rng.random() < 0.1:
        dtstart = rand_dtstart(rng, name)
        if rng.random() < 0.6:
            day = rng.choice([29, 30, 31])
            while True:
                try:
                    dtstart = dtstart.replace(day=day)
                    break
                except ValueError:
                    day -= 1
        rule = clamp_rule(rng, dtstart)
    else:
        while True:
            dtstart = rand_dtstart(rng, name)
            rule = rand_rule(rng, dtstart)
            if rule is not None:
                break
    end = rand_end(rng, name, dtstart, t)
    mode = rng.choice(MODES)
    skip_gaps = rng.random() < 0.3
    # The span, in instants.
    base = (naive_s(dtstart) + rng.randint(-45, 400) * 86400 +
            rng.randint(-86400, 86400)) * 1000
    if rng.random() < 0.1:
        base -= rng.randint(1, 3) * 365 * DAY_MS
    length = (rng.randint(365, 3 * 365) * 86400 + rng.randint(0, 86399)) * 1000
    lo, hi = base, base + length
    # Every window that might meet it (a bit beyond, to snap to).
    limit = EPOCH + timedelta(milliseconds=hi) + timedelta(days=3)
    wins, dropped = [], []
    for occ in rule.occurrences(dtstart, limit):
        w = window(z, occ, end, mode, skip_gaps)
        if w is None:
            dropped.append(window(z, occ, end, mode, False))
        else:
            wins.append(w)
    # Sometimes an end of the span on a window's start or end (or a
    # millisecond either side), from windows that end before the span
    # did, so every window that may meet the new span was computed.
    snap = [w for w in wins if w[1] <= hi]
    if snap and rng.random() < 0.3:
        w = rng.choice(snap)
        lo = rng.choice([w[1], w[0]]) + rng.choice([-1, 0, 0, 1])
    if snap and rng.random() < 0.3:
        w = rng.choice(snap)
        hi = rng.choice([w[0], w[1]]) + rng.choice([-1, 0, 0, 1])
    lo, hi = min(lo, hi), max(lo, hi)
    want = [w for w in wins if w[1] > lo and w[0] < hi]
    start_text = fmt(dtstart)
    if dtstart.second == 0 and rng.random() < 0.5:
        start_text = start_text[:16]
    args = ["windows", "--zone", name, "--tzdir", TZDIR,
            "--rule", rule.text(rng), "--start", start_text,
            "--from", fmt_instant(lo), "--to", fmt_instant(hi), "--json"]
    if end[2] is not None:
        args += ["--end-time" if end[0] == "time" else "--duration", end[2]]
    if mode != "compatible" or rng.random() < 0.5:
        args += ["--disambiguation", mode]
    if skip_gaps:
        args.append("--skip-gaps")
    if rule.clamp or (rule.clamp_insensitive(dtstart) and rng.random() < 0.1):
        args.append("--clamp")
    want = [(a, b, l, sorted(f)) for a, b, l, f in want]
    # Occurrences --skip-gaps dropped that would have met the span.
    n_dropped = sum(1 for w in dropped if w[1] > lo and w[0] < hi)
    return i, args, want, n_dropped


# ---- main -----------------------------------------------------------------

TIMEOUTS = [0]
TIMEOUTS_LOCK = threading.Lock()


def run_tool(sla, args):
    # After a few runs that never ended (the test fails anyway), later ones
    # get less time, so a hang that many cases meet costs seconds, not
    # minutes.
    with TIMEOUTS_LOCK:
        limit = TOOL_TIMEOUT if TIMEOUTS[0] < 4 else TOOL_TIMEOUT_LATER
    try:
        p = subprocess.run([sla] + args, capture_output=True, text=True,
                           timeout=limit)
    except subprocess.TimeoutExpired:
        with TIMEOUTS_LOCK:
            TIMEOUTS[0] += 1
        return None, "", "no answer within %g s (killed)" % limit
    return p.returncode, p.stdout, p.stderr


def parse_output(out):
    got = []
    for w in json.loads(out):
        got.append((w["start_ms"], w["end_ms"], w["local_start"],
                    sorted(w["flags"])))
    return got


def show_window(w):
    a, b, l, f = w
    return "%s local %s: %s .. %s (%d ms) [%s]" % (
        "%d..%d" % (a, b), l, fmt_instant(a), fmt_instant(b), b - a,
        ",".join(f))


def describe(sla, args, got, want, why):
    lines = ["  $ " + shlex.join([sla] + args), "  " + why]
    if got is None:
        lines.append("  expected %d windows%s" % (
            len(want), ", the first: " if want else ""))
        lines += ["     " + show_window(w) for w in want[:3]]
        return "\n".join(lines)
    n = min(len(got), len(want))
    k = next((j for j in range(n) if got[j] != want[j]), n)
    lines.append("  first difference at window %d (tool %d windows, "
                 "expected %d)" % (k, len(got), len(want)))
    for j in range(max(0, k - 1), min(max(len(got), len(want)), k + 3)):
        g = show_window(got[j]) if j < len(got) else "-"
        w = show_window(want[j]) if j < len(want) else "-"
        mark = "  " if (j < n and got[j] == want[j]) else "!!"
        lines.append("  %s #%d tool:     %s" % (mark, j, g))
        lines.append("  %s #%d expected: %s" % (mark, j, w))
    return "\n".join(lines)


def main():
    global TZDIR, ZONES_PRESENT
    if len(sys.argv) != 2:
        print("usage: schedule-oracle.py PATH-TO-SLA", file=sys.stderr)
        return 2
    sla = sys.argv[1]
    TZDIR = next((d for d in zoneinfo.TZPATH if os.path.isdir(d)), None)
    if TZDIR is None:
        skip("no directory of zoneinfo.TZPATH %r exists (zoneinfo would "
             "use the tzdata package)" % (zoneinfo.TZPATH,))
    t_start = time.monotonic()
    ZONES_PRESENT = []
    for name in ZONES:
        path = os.path.join(TZDIR, name)
        if not os.path.isfile(path):
            if name in REQUIRED:
                print(f"schedule-oracle: FAIL: {path} is missing")
                return 1
            continue
        with open(path, "rb") as f:
            ZI[name] = ZoneInfo.from_file(f, key=name)
        TRANS[name] = find_transitions(ZI[name])
        ZONES_PRESENT.append(name)
    print(f"schedule-oracle: Python {sys.version.split()[0]}, dateutil "
          f"{getattr(sys.modules['dateutil'], '__version__', '?')}, "
          f"{len(ZONES_PRESENT)} zones from {TZDIR}, seed {SEED}", flush=True)

    ncpu = os.cpu_count() or 1
    mismatches = []
    kinds = {}
    n_cases = n_windows = n_shifted = n_dst = n_skipped = n_empty = 0
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        ctx = None
    with ThreadPoolExecutor(max_workers=ncpu) as tools:
        futs = []
        if ctx is not None and ncpu > 1:
            pool = ctx.Pool(ncpu)
            cases = pool.imap(make_case, range(N_CASES), chunksize=16)
        else:
            pool = None
            cases = map(make_case, range(N_CASES))
        for case in cases:
            i, args, want, dropped = case
            futs.append((args, want, dropped, tools.submit(run_tool, sla, args)))
        if pool is not None:
            pool.close()
            pool.join()
        for args, want, dropped, fut in futs:
            rc, out, err = fut.result()
            n_cases += 1
            if rc != 0 or err:
                kind = "no answer" if rc is None else "error"
                kinds[kind] = kinds.get(kind, 0) + 1
                mismatches.append(describe(sla, args, None, want,
                                           "exit status %s, stderr: %s"
                                           % (rc, err.strip())))
                continue
            try:
                got = parse_output(out)
            except (ValueError, KeyError, TypeError) as e:
                kinds["unreadable"] = kinds.get("unreadable", 0) + 1
                mismatches.append(describe(sla, args, None, want,
                                           "unreadable output (%s): %s"
                                           % (e, out[:500])))
                continue
            if got != want:
                kinds["differ"] = kinds.get("differ", 0) + 1
                mismatches.append(describe(sla, args, got, want,
                                           "windows differ"))
                continue
            if any(got[j][0] > got[j + 1][0] for j in range(len(got) - 1)):
                kinds["order"] = kinds.get("order", 0) + 1
                mismatches.append(describe(sla, args, got, want,
                                           "windows not in order of start"))
                continue
            n_windows += len(got)
            n_shifted += sum(1 for w in got if "shifted" in w[3])
            n_dst += sum(1 for w in got if "dst-length" in w[3])
            n_skipped += dropped
            n_empty += not got
    elapsed = time.monotonic() - t_start
    print(f"schedule-oracle: {n_cases} cases, {n_windows} windows compared "
          f"({n_shifted} shifted, {n_dst} dst-length, {n_empty} empty "
          f"cases, {n_skipped} occurrences in the span dropped by --skip-gaps), "
          f"{elapsed:.1f} s")
    if mismatches:
        print(f"schedule-oracle: FAIL: {len(mismatches)} of {n_cases} cases "
              f"differ (%s); the first {min(N_SHOWN, len(mismatches))}:"
              % ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
        for m in mismatches[:N_SHOWN]:
            print(m)
        return 1
    floors = [(n_windows, MIN_WINDOWS, "windows"),
              (n_shifted, MIN_SHIFTED, "shifted windows"),
              (n_dst, MIN_DST_LENGTH, "dst-length windows"),
              (n_skipped, MIN_SKIPPED, "occurrences dropped by --skip-gaps")]
    low = [(n, floor, what) for n, floor, what in floors if n < floor]
    if low:
        for n, floor, what in low:
            print(f"schedule-oracle: FAIL: only {n} {what} compared "
                  f"(at least {floor} expected)")
        return 1
    print("schedule-oracle: OK")
    return 0


ZONES_PRESENT = []

if __name__ == "__main__":
    sys.exit(main())
