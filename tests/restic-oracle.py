#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential test of `sla backup plan` against the real restic.

Random snapshot sets are written into a scratch restic repository with
chosen times (one set a host, as restic groups snapshots by host), and
random policies run through `restic forget --dry-run --json` and through
`sla backup plan --restic-0.14` on a catalog of the same snapshots. Both
must keep exactly the same snapshots, for the same reasons in the same
order. restic reads the times in the zone of TZ; the catalog is read in the
same zone. Two zones with summer time, one east and one west of UTC, so
that days, weeks and the within rules cross their changes (Go reads a
skipped or repeated local time differently on each side).

usage: restic-oracle.py SLA [HOSTS POLICIES]   (exit 77: no restic here)
"""
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zoneinfo
from concurrent.futures import ThreadPoolExecutor

ZONES = ["Europe/Berlin", "America/New_York"]


def main():
    sla = sys.argv[1]
    hosts = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    npolicies = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    restic = shutil.which("restic")
    if not restic:
        print("restic is not installed: skipped")
        return 77
    rng = random.Random(20261126)
    failed = 0
    for zone in ZONES:
        work = tempfile.mkdtemp(prefix="sla-restic-")
        env = dict(os.environ, RESTIC_PASSWORD="libsla",
                   RESTIC_REPOSITORY=os.path.join(work, "repo"),
                   RESTIC_CACHE_DIR=os.path.join(work, "cache"), TZ=zone)
        try:
            failed |= run(sla, restic, rng, work, env, zone, hosts, npolicies)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return failed


def times_for(rng, zone_name, n):
    """n distinct local times: spread over years, with clusters in one
    hour, one day and one week, and some next to summer-time changes."""
    zone = zoneinfo.ZoneInfo(zone_name)
    base = datetime.datetime(2021, 1, 1, tzinfo=zone)
    out = set()
    anchors = [datetime.datetime(2024, 3, 31, 1, 30), datetime.datetime(2024, 10, 27, 2, 30),
               datetime.datetime(2024, 3, 10, 2, 30), datetime.datetime(2024, 11, 3, 1, 30),
               datetime.datetime(2023, 12, 31, 23, 30), datetime.datetime(2024, 2, 29, 12)]
    while len(out) < n:
        r = rng.random()
        if out and r < 0.35:
            # near an earlier one: minutes, hours or days away
            t = rng.choice(sorted(out))
            step = rng.choice([60, 600, 3600, 3 * 3600, 86400, 3 * 86400, 8 * 86400])
            t = t + datetime.timedelta(seconds=rng.randint(1, step))
        elif r < 0.45:
            t = rng.choice(anchors) + datetime.timedelta(minutes=rng.randint(-90, 90))
        else:
            t = (base + datetime.timedelta(seconds=rng.randint(0, 4 * 365 * 86400))).replace(tzinfo=None)
        out.add(t.replace(microsecond=0))
    return sorted(out)


def policy(rng):
    """restic forget flags: one to four rules. restic keeps the last value
    of a repeated flag (but every --keep-tag), where sla adds a rule for
    each, so flags other than --keep-tag are not repeated."""
    flags = []
    counts = ["--keep-last", "--keep-hourly", "--keep-daily", "--keep-weekly",
              "--keep-monthly", "--keep-yearly"]
    withins = ["--keep-within", "--keep-within-hourly", "--keep-within-daily",
               "--keep-within-weekly", "--keep-within-monthly", "--keep-within-yearly"]
    while not flags:
        flags = more_rules(rng, counts, withins)
    return flags


def more_rules(rng, counts, withins):
    flags = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.55:
            flag = rng.choice(counts)
            if flag in flags:
                continue
            flags += [flag, str(rng.randint(1, 8))]
        elif r < 0.9:
            parts = ""
            while not parts:
                for unit, top in (("y", 2), ("m", 14), ("d", 40), ("h", 50)):
                    if rng.random() < 0.4:
                        parts += "%d%s" % (rng.randint(1, top), unit)
            flag = rng.choice(withins)
            if flag in flags:
                continue
            flags += [flag, parts]
        else:
            flags += ["--keep-tag", rng.choice(["a", "b", "a,b", "c"])]
    return flags


def run(sla, restic, rng, work, env, zone, hosts, npolicies):
    data = os.path.join(work, "data")
    os.makedirs(data)
    with open(os.path.join(data, "file"), "w") as f:
        f.write("libsla\n")
    subprocess.run([restic, "init", "-q"], env=env, check=True)
    jobs = []
    for h in range(hosts):
        for t in times_for(rng, zone, rng.randint(4, 22)):
            tags = [x for x in "abc" if rng.random() < 0.3]
            cmd = [restic, "backup", "-q", "--host", "h%d" % h, "--time",
                   t.strftime("%Y-%m-%d %H:%M:%S"), data]
            if tags:
                cmd += ["--tag", ",".join(tags)]
            jobs.append(cmd)

    def backup(cmd):
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(backup, jobs))
    snaps = json.loads(subprocess.run([restic, "--no-lock", "snapshots", "--json"], env=env,
                                      check=True, capture_output=True, text=True).stdout)
    by_host = {}
    for s in snaps:
        by_host.setdefault(s["hostname"], []).append(s)
    catalogs = {}
    for host, ss in by_host.items():
        path = os.path.join(work, host + ".csv")
        with open(path, "w") as f:
            f.write("id,captured,completed,kind,tags\n")
            for s in ss:
                f.write("%s,%s,%s,full,%s\n" % (s["id"], s["time"], s["time"],
                                                ";".join(s.get("tags") or [])))
        catalogs[host] = path
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    mismatches = compared = 0
    for p in range(npolicies):
        flags = policy(rng)
        out = subprocess.run([restic, "--no-lock", "forget", "--dry-run", "--json"] + flags,
                             env=env, check=True, capture_output=True, text=True).stdout
        groups = {g["host"]: g for g in json.loads(out)}
        for host, path in sorted(catalogs.items()):
            g = groups[host]
            # restic's reasons carry the snapshot without its id: match by time
            want = {}
            ids_by_time = {s["time"]: s["id"] for s in by_host[host]}
            for r in g.get("reasons") or []:
                want[ids_by_time[r["snapshot"]["time"]]] = r["matches"]
            res = subprocess.run([sla, "backup", "plan", "--catalog", path, "--zone", zone,
                                  "--now", now, "--restic-0.14", "--json"] + flags,
                                 capture_output=True, text=True)
            if res.returncode != 0:
                print("policy %d %s: sla failed: %s" % (p, flags, res.stderr))
                mismatches += 1
                continue
            got = {b["id"]: [r["text"] for r in b["reasons"]]
                   for b in json.loads(res.stdout)["backups"] if b["keep"]}
            compared += len(by_host[host])
            if got != want:
                mismatches += 1
                print("MISMATCH policy %d %s host %s" % (p, " ".join(flags), host))
                time_of = {s["id"]: s["time"] for s in by_host[host]}
                for i in sorted(set(got) | set(want), key=lambda i: time_of[i]):
                    if got.get(i) != want.get(i):
                        print("  %s %s: restic %s, sla %s"
                              % (i[:8], time_of[i], want.get(i), got.get(i)))
    print("restic %s, %s: %d policies x %d hosts, %d snapshots, %d snapshot decisions "
          "compared, %d mismatching groups"
          % (subprocess.run([restic, "version"], capture_output=True, text=True).stdout.split()[1],
             zone, npolicies, len(catalogs), len(snaps), compared, mismatches))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
