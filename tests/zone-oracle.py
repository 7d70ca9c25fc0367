#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test of libsla's time zones against Python's zoneinfo.

Every zone zoneinfo lists (zoneinfo.available_timezones()) is read by both
sides from the same TZif file: zoneinfo from the first directory of its
TZPATH, the tool with that directory as --tzdir.

Transitions. The explicit ones come from the TZif file (a small reader
below); those of the footer's rule are found by sampling zoneinfo's offset
every week and bisecting to the second, over the footer's years up to 2200
and over windows around the boundaries of libsla's 400-year rule cycle
(2370, 2770, 9970) and two random years.

 * to-local: random instants over 1900..2200 UTC, a few over years
   2..9990, and instants just before, at and after every transition. The
   tool's local time and offset must be exactly zoneinfo's (the offset is
   the one zoneinfo's fromutc applied).
 * to-utc, in the four disambiguation modes: local times every 15 minutes
   from 3 hours before to 3 hours after the local time of each transition
   of 1800..2100 and of the far windows, the edges of each gap or fold to
   the second, and random local times. zoneinfo's answer: with
   t0 = local.replace(tzinfo=zone, fold=0) and t1 the same with fold=1, a
   local time is a gap when neither round-trips through UTC, a fold when
   both round-trip to different instants, else unique. compatible is t0's
   instant (Python's fold=0: a gap moves forward by its length, a fold
   takes the earlier instant, as libsla's compatible does); earlier and
   later are the smaller and the larger of the two; reject is an error line
   naming the input and both candidates for a gap or a fold.
 * transitions: every change of offset zoneinfo shows within the windows
   above must be listed, and every listed one must show zoneinfo's local
   time, abbreviation and DST flag, and change at least one of them.

The tool runs once per zone and command, with every input on standard
input. Exit status: 0 when every case matched and enough were compared, 1
on any mismatch, 77 (skip) when there is no Python with zoneinfo or no zone
directory.

SLA_ORACLE_ZONES="Europe/Dublin Asia/Tokyo" checks only those zones (for
debugging; such a run fails the sanity floor unless it has 10 zones).
"""
import os
import random
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta


def skip(why):
    print(f"zone-oracle: SKIP: {why}")
    sys.exit(77)


try:
    import zoneinfo
    from zoneinfo import ZoneInfo
except ImportError:
    skip("this Python (%s) has no zoneinfo module (Python 3.9 or later "
         "is needed)" % sys.version.split()[0])

SEED = 20261126
# Per zone: random instants (to-local) and local times (to-utc), over
# 1900..2200 and over years 2..9990.
RANDOM_INSTANTS, RANDOM_FAR_INSTANTS = 200, 20
RANDOM_LOCALS, RANDOM_FAR_LOCALS = 100, 20
NEAR = (1900, 2200)
FAR = (2, 9990)
# Instants (ms) around each transition for to-local.
AROUND_MS = (-86400000, -3600000, -1000, -1, 0, 1, 1000, 3600000)
# Local-time grid around each transition for to-utc.
GRID_STEP_S = 15 * 60
GRID_HALF_S = 3 * 3600
# Explicit transitions probed: years [1700, 2200); to-utc from 1800 on.
EXPLICIT = (1700, 2200)
UTC_FROM, UTC_TO = 1800, 2100
# Windows (UTC years, [from, to)) where the footer rule's transitions are
# scanned besides [last explicit transition, 2200): around the starts of
# libsla's 400-year cycles (years 1970 + 400k), plus RANDOM_WINDOWS random
# two-year windows per zone.
CYCLE_WINDOWS = ((2368, 2372), (2768, 2772), (9968, 9972))
RANDOM_WINDOWS = 2
SCAN_STEP_S = 7 * 86400
# The transitions command's range.
LIST_YEARS = (1700, 2800)
MODES = ("compatible", "earlier", "later", "reject")
MAX_SHOWN = 20
# Enough cases per zone for a run to count.
FLOOR_PER_ZONE = 100

EPOCH = datetime(1970, 1, 1)
MS = timedelta(milliseconds=1)
SEC = timedelta(seconds=1)
ZERO = timedelta(0)


def year_s(y):
    return (datetime(y, 1, 1) - EPOCH) // SEC


# ---- TZif: the explicit transitions -----------------------------------------

def read_tzif(path):
    """Transition times (seconds) of a TZif file, from its 64-bit data when
    it has some; whether its footer is a rule with DST; and, when zoneinfo
    would read times before the first transition with another type than
    type 0 (it takes the first type without DST, RFC 8536 section 3.2 says
    type 0), a note saying so."""
    with open(path, "rb") as f:
        data = f.read()

    def header(at):
        if data[at:at + 4] != b"TZif":
            raise ValueError(f"{path}: not a TZif file")
        version = 1 if data[at + 4] == 0 else data[at + 4] - ord("0")
        return version, struct.unpack(">6l", data[at + 20:at + 44])

    version, (isut, isstd, leap, timecnt, typecnt, charcnt) = header(0)
    at, tsize, fmt = 44, 4, "l"
    if version >= 2:
        at += timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
        version, (isut, isstd, leap, timecnt, typecnt, charcnt) = header(at)
        at, tsize, fmt = at + 44, 8, "q"
    times = struct.unpack(f">{timecnt}{fmt}", data[at:at + timecnt * tsize])
    types = at + timecnt * (tsize + 1)
    isdst = [data[types + 6 * i + 4] for i in range(typecnt)]
    note = None
    if timecnt and isdst and isdst[0]:
        first_std = isdst.index(0) if 0 in isdst else 0
        note = ("type 0 has DST: before the first transition RFC 8536 "
                "reads type 0, zoneinfo type %d" % first_std)
    footer = ""
    if version >= 2:
        end = (at + timecnt * (tsize + 1) + typecnt * 6 + charcnt +
               leap * (tsize + 4) + isstd + isut)
        footer = data[end:].strip(b"\n").decode("ascii", "replace")
    return list(times), "," in footer, note


# ---- zoneinfo's answers -----------------------------------------------------

# Instants are handed to zoneinfo's fromutc as aware datetimes with the zone
# as tzinfo and the UTC reading as wall time: EZ[zone] + delta, where
# EZ[zone] is 1970-01-01T00:00 with tzinfo=zone. The difference of two
# aware datetimes with one tzinfo is that of their wall times, so
# fromutc(x) - x is the offset zoneinfo applied.

def offset_s(ez, sec):
    """zoneinfo's offset (seconds) at an instant (seconds)."""
    x = ez + sec * SEC
    return (ez.tzinfo.fromutc(x) - x) // SEC


def fmt_civil(dt):
    """A naive datetime holding whole milliseconds as libsla prints it:
    YYYY-MM-DDTHH:MM:SS, with .mmm only when not zero."""
    return dt.isoformat()[:23]


def fmt_utc(dt):
    return dt.isoformat()[:23] + "Z"


_offsets = {}


def fmt_offset(td):
    """An offset as libsla prints it: +HH:MM, or +HH:MM:SS."""
    s = _offsets.get(td)
    if s is None:
        n = td // SEC
        sign = "-" if n < 0 else "+"
        n = abs(n)
        h, m, sec = n // 3600, n // 60 % 60, n % 60
        s = _offsets[td] = ("%s%02d:%02d" % (sign, h, m) +
                            (":%02d" % sec if sec else ""))
    return s


def scan_transitions(ez, start_s, end_s):
    """Instants (seconds) in (start_s, end_s] where zoneinfo's offset
    changes, sampled every SCAN_STEP_S and bisected."""
    found = []
    prev_t, prev_o = start_s, offset_s(ez, start_s)
    t = start_s
    while t < end_s:
        t = min(t + SCAN_STEP_S, end_s)
        o = offset_s(ez, t)
        if o != prev_o:
            lo, hi = prev_t, t  # offset(lo) == prev_o != offset(hi)
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset_s(ez, mid) == prev_o:
                    lo = mid
                else:
                    hi = mid
            found.append(hi)
        prev_t, prev_o = t, o
    return found


class Expect:
    """zoneinfo's reading of one local time: its kind and the instants
    (formatted) of the modes."""
    __slots__ = ("kind", "compatible", "earlier", "later")


def expect_utc(zone, local):
    a0 = local.replace(tzinfo=zone)  # fold=0
    a1 = a0.replace(fold=1)
    off0, off1 = a0.utcoffset(), a1.utcoffset()
    # Round trips: back through fromutc (aware comparisons with one tzinfo
    # compare wall times).
    r0 = zone.fromutc(a0 - off0) == a0
    r1 = off1 == off0 and r0 or zone.fromutc(a0 - off1) == a0
    e = Expect()
    u0 = fmt_utc(local - off0)
    if off0 == off1:
        e.earlier = e.later = u0
    else:
        u1 = fmt_utc(local - off1)
        e.earlier, e.later = (u0, u1) if off0 > off1 else (u1, u0)
    e.compatible = u0
    if r0 and r1:
        e.kind = "unique" if off0 == off1 else "fold"
    elif not r0 and not r1:
        e.kind = "gap"
    else:
        # Only one reading round-trips: zoneinfo contradicts itself. The one
        # that round-trips is the only instant known to read 'local'.
        e.kind = "inconsistent"
        e.compatible = e.earlier = e.later = u0 if r0 else u1
    return e


class ErrorLine(str):
    """An expected error line: how it starts, and instants it names."""
    def __new__(cls, prefix, instants):
        self = super().__new__(cls, "%s ... %s" % (prefix,
                                                   " ... ".join(instants)))
        self.prefix, self.instants = prefix, instants
        return self

    def matches(self, got):
        rest = got[len(self.prefix):]
        return got.startswith(self.prefix) and all(
            i in rest for i in self.instants)


# ---- one zone ---------------------------------------------------------------

class Zone:
    """One zone's inputs for the tool and zoneinfo's expected outputs."""

    def __init__(self, name, path, rng):
        self.name = name
        self.odd = []  # zoneinfo contradicting itself
        with open(path, "rb") as f:
            self.zone = zone = ZoneInfo.from_file(f, key=name)
        self.ez = ez = EPOCH.replace(tzinfo=zone)
        times, has_rule, note = read_tzif(path)
        if note:
            self.odd.append((name, "TZif", "-", note))

        # Windows [from, to) in seconds whose offset changes are all known.
        lo, hi = year_s(EXPLICIT[0]), year_s(EXPLICIT[1])
        trans = [t for t in times if lo <= t < hi]
        self.windows = [(lo, hi)]
        if has_rule:
            start = max([year_s(EXPLICIT[0])] + times[-1:])
            trans += scan_transitions(ez, start, hi)
            years = list(CYCLE_WINDOWS)
            for _ in range(RANDOM_WINDOWS):
                y = rng.randrange(EXPLICIT[1], FAR[1] - 2)
                years.append((y, y + 2))
            for a, b in years:
                a, b = max(year_s(a), start), year_s(b)
                if a < b:
                    trans += scan_transitions(ez, a, b)
                    self.windows.append((a + 1, b + 1))
        self.trans = trans = sorted(set(trans))
        self.make_local(rng)
        self.make_utc(rng)

    def make_local(self, rng):
        zone = self.zone
        near = (year_s(NEAR[0]) * 1000, year_s(NEAR[1]) * 1000)
        far = (year_s(FAR[0]) * 1000, year_s(FAR[1]) * 1000)
        instants = [rng.randrange(*near) for _ in range(RANDOM_INSTANTS)]
        instants += [rng.randrange(*far) for _ in range(RANDOM_FAR_INSTANTS)]
        # Half on whole seconds, so both output forms are exercised.
        instants = [ms - ms % 1000 if i % 2 else ms
                    for i, ms in enumerate(instants)]
        for t in self.trans:
            instants.extend(t * 1000 + d for d in AROUND_MS)
        self.local_in, self.local_want = [], []
        ez = self.ez
        for ms in dict.fromkeys(instants):
            d = ms * MS
            x = ez + d
            w = zone.fromutc(x)
            off = w - x
            if w.utcoffset() != off:
                self.odd.append((self.name, "to-local", fmt_utc(EPOCH + d),
                                 "fromutc applied %s, its result's "
                                 "utcoffset() says %s" % (
                                     fmt_offset(off),
                                     fmt_offset(w.utcoffset()))))
            u = EPOCH + d
            self.local_in.append(fmt_utc(u))
            self.local_want.append(fmt_civil(u + off) + fmt_offset(off))

    def make_utc(self, rng):
        zone = self.zone
        lo, hi = year_s(UTC_FROM), year_s(UTC_TO)
        locals_ = []
        for t in self.trans:
            if not (lo <= t < hi or t >= year_s(EXPLICIT[1])):
                continue
            ob, oa = offset_s(self.ez, t - 1), offset_s(self.ez, t)
            before, after = t + ob, t + oa  # local readings at the change
            secs = list(range(before - GRID_HALF_S, before + GRID_HALF_S + 1,
                              GRID_STEP_S))
            secs += [before - 1, before + 1, after - 1, after, after + 1,
                     (before + after) // 2]
            locals_.extend(EPOCH + s * SEC for s in secs)
            # A millisecond before each edge.
            locals_ += [EPOCH + (s * 1000 - 1) * MS for s in (before, after)]
            a, b = min(before, after) - 3600, max(before, after) + 3600
            locals_.append(EPOCH + rng.randrange(a * 1000, b * 1000) * MS)
        near = (year_s(NEAR[0]) * 1000, year_s(NEAR[1]) * 1000)
        far = (year_s(FAR[0]) * 1000, year_s(FAR[1]) * 1000)
        locals_ += [EPOCH + rng.randrange(*near) * MS
                    for _ in range(RANDOM_LOCALS)]
        locals_ += [EPOCH + rng.randrange(*far) * MS
                    for _ in range(RANDOM_FAR_LOCALS)]
        self.utc_in, self.utc_want = [], []
        for local in dict.fromkeys(locals_):
            e = expect_utc(zone, local)
            if e.kind == "inconsistent":
                self.odd.append((self.name, "to-utc", fmt_civil(local),
                                 "only one of fold=0 and fold=1 round-trips;"
                                 " expecting %s" % e.compatible))
            self.utc_in.append(fmt_civil(local))
            self.utc_want.append(e)

    def utc_expected(self, mode):
        """Expected lines and exit status of to-utc in one mode."""
        want, status = [], 0
        for inp, e in zip(self.utc_in, self.utc_want):
            if mode == "reject" and e.kind in ("gap", "fold"):
                what = ("does not exist in" if e.kind == "gap"
                        else "happened twice in")
                want.append(ErrorLine(f"error: '{inp}' {what} {self.name}",
                                      (e.earlier, e.later)))
                status = 1
            else:
                want.append(getattr(
                    e, "compatible" if mode == "reject" else mode))
        return want, status

    def reading(self, sec):
        """zoneinfo's (local, abbreviation, dst) at an instant."""
        x = self.ez + sec * SEC
        w = self.zone.fromutc(x)
        off = w - x
        return (fmt_civil(EPOCH + sec * SEC + off) + fmt_offset(off),
                w.tzname(), w.dst() != ZERO, off)

    def check_transitions(self, lines, report):
        """Compare the transitions command's lines within the windows."""
        listed = {}
        for line in lines:
            f = line.split(" ")
            if (len(f) not in (3, 4) or (len(f) == 4 and f[3] != "dst")
                    or not f[0].endswith("Z") or len(f[0]) != 20):
                report("(line)", line, "INSTANT LOCAL ABBR[ dst]")
                return
            i = f[0]
            sec = (datetime(int(i[0:4]), int(i[5:7]), int(i[8:10]),
                            int(i[11:13]), int(i[14:16]), int(i[17:19]))
                   - EPOCH) // SEC
            listed[sec] = (f[1], f[2], len(f) == 4)

        end = year_s(LIST_YEARS[1])

        def inside(t):
            return t < end and any(a <= t < b for a, b in self.windows)

        for t in self.trans:
            if not inside(t) or t in listed:
                continue
            now, before = self.reading(t), self.reading(t - 1)
            if now[1:] != before[1:]:
                report(fmt_utc(EPOCH + t * SEC), "(not listed)",
                       "%s %s%s (from %s %s%s)" % (
                           now[0], now[1], " dst" if now[2] else "",
                           before[0], before[1], " dst" if before[2] else ""))
        for t, got in listed.items():
            if not inside(t):
                continue
            now, before = self.reading(t), self.reading(t - 1)
            if got != now[:3] or now[1:] == before[1:]:
                report(fmt_utc(EPOCH + t * SEC), " ".join(
                    [got[0], got[1]] + (["dst"] if got[2] else [])),
                    "%s %s%s%s" % (now[0], now[1], " dst" if now[2] else "",
                                   "" if now[1:] != before[1:]
                                   else " (and no change at all)"))


# ---- the tool ---------------------------------------------------------------

tool_seconds = {}
tool_lock = threading.Lock()


def run_tool(sla, tzdir, name, args, lines):
    cmd = [sla, "tz"] + args + ["--zone", name, "--tzdir", tzdir]
    t0 = time.monotonic()
    p = subprocess.run(cmd, input="".join(l + "\n" for l in lines),
                       capture_output=True, text=True)
    with tool_lock:
        label = args[-1] if args[0] == "to-utc" else args[0]
        tool_seconds[label] = (tool_seconds.get(label, 0) +
                               time.monotonic() - t0)
    return p.returncode, p.stdout.splitlines(), p.stderr


def main():
    if len(sys.argv) != 2:
        print("usage: zone-oracle.py PATH-TO-SLA", file=sys.stderr)
        return 2
    sla = sys.argv[1]
    t_start = time.monotonic()

    # The directory zoneinfo reads, handed to the tool as well.
    tzdir = next((d for d in zoneinfo.TZPATH if os.path.isdir(d)), None)
    if tzdir is None:
        skip("no directory of zoneinfo.TZPATH %r exists (zoneinfo would "
             "use the tzdata package)" % (zoneinfo.TZPATH,))
    names = sorted(n for n in zoneinfo.available_timezones()
                   if os.path.isfile(os.path.join(tzdir, n)))
    only = os.environ.get("SLA_ORACLE_ZONES", "").split()
    if only:
        names = [n for n in names if n in only]
    if not names:
        skip(f"no zone of zoneinfo.available_timezones() is under {tzdir}")
    print(f"zone-oracle: Python {sys.version.split()[0]}, zones from "
          f"{tzdir}, seed {SEED}", flush=True)

    rng = random.Random(SEED)
    mismatches = []   # (zone, command, input, tool output, expected)
    odd = []
    counts = {"to-local": 0, "transitions": 0}
    counts.update({m: 0 for m in MODES})
    kinds = {"unique": 0, "gap": 0, "fold": 0, "inconsistent": 0}
    n_trans = 0

    def check(name, what, inputs, result, want, want_status):
        status, out, err = result
        if len(out) != len(inputs):
            mismatches.append((name, what, "(%d lines)" % len(inputs),
                               "%d lines, exit status %d: %s" % (
                                   len(out), status, err.strip()[:200]),
                               "one line per input"))
            return
        bad = 0
        for inp, got, exp in zip(inputs, out, want):
            ok = exp.matches(got) if isinstance(exp, ErrorLine) else got == exp
            if not ok:
                bad += 1
                mismatches.append((name, what, inp, got, exp))
        if status != want_status and not bad:
            mismatches.append((name, what, "(exit status)", str(status),
                               str(want_status)))

    def finish(z, futs):
        check(z.name, "to-local", z.local_in, futs["to-local"].result(),
              z.local_want, 0)
        counts["to-local"] += len(z.local_in)
        for mode in MODES:
            want, status = z.utc_expected(mode)
            check(z.name, "to-utc --disambiguation " + mode, z.utc_in,
                  futs[mode].result(), want, status)
            counts[mode] += len(z.utc_in)
        status, out, err = futs["transitions"].result()
        if status != 0:
            mismatches.append((z.name, "transitions", "(exit status)",
                               f"{status}: {err.strip()[:200]}", "0"))
        z.check_transitions(out, lambda inp, got, exp: mismatches.append(
            (z.name, "transitions", inp, got, exp)))
        counts["transitions"] += len(out)

    # The tool runs in two threads while zoneinfo works out the next zone.
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = None
        for name in names:
            try:
                z = Zone(name, os.path.join(tzdir, name), rng)
            except Exception as e:  # zoneinfo or the reader refused it
                mismatches.append((name, "(zoneinfo)", "-", "-",
                                   f"zoneinfo cannot read it: {e!r}"))
                continue
            odd.extend(z.odd)
            n_trans += len(z.trans)
            for e in z.utc_want:
                kinds[e.kind] += 1
            futs = {
                "to-local": pool.submit(run_tool, sla, tzdir, name,
                                        ["to-local"], z.local_in),
                "transitions": pool.submit(run_tool, sla, tzdir, name,
                                           ["transitions", "--from",
                                            "%04d-01-01T00:00:00Z"
                                            % LIST_YEARS[0], "--to",
                                            "%04d-01-01T00:00:00Z"
                                            % LIST_YEARS[1]], []),
            }
            for mode in MODES:
                futs[mode] = pool.submit(run_tool, sla, tzdir, name,
                                         ["to-utc", "--disambiguation", mode],
                                         z.utc_in)
            if pending:
                finish(*pending)
            pending = (z, futs)
        if pending:
            finish(*pending)

    elapsed = time.monotonic() - t_start
    print(f"zones: {len(names)}, transitions probed: {n_trans}")
    print(f"to-local cases: {counts['to-local']}")
    for mode in MODES:
        print(f"to-utc --disambiguation {mode} cases: {counts[mode]}")
    print("  local times by zoneinfo: %d unique, %d in gaps, %d in folds, "
          "%d where fold=0 and fold=1 disagree" % (
              kinds["unique"], kinds["gap"], kinds["fold"],
              kinds["inconsistent"]))
    print(f"transitions lines: {counts['transitions']}")
    print(f"time: {elapsed:.1f}s; the tool, in two threads: " + ", ".join(
        "%s %.1fs" % kv for kv in sorted(tool_seconds.items())))
    if odd:
        print(f"notes on zoneinfo ({len(odd)}: where it contradicts itself "
              "or RFC 8536; not counted as mismatches), the first ones:")
        for o in odd[:MAX_SHOWN]:
            print("  %s %s %s: %s" % o)
    print(f"mismatches: {len(mismatches)}")
    for zone, what, inp, got, exp in mismatches[:MAX_SHOWN]:
        print(f"  {zone} {what}\n    input:    {inp}\n    sla:      {got}"
              f"\n    expected: {exp}")
    if mismatches:
        print("FAIL")
        return 1
    # A run that compared (almost) nothing must not pass.
    floor = FLOOR_PER_ZONE * len(names)
    if (len(names) < 10 or counts["to-local"] < floor
            or min(counts[m] for m in MODES) < floor):
        print(f"FAIL: too few cases compared (at least 10 zones and "
              f"{floor} cases of each command are needed)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
