#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The shared object exports exactly the symbols of the version script,
each starting with sla_, and every one in a release node."""
import re
import subprocess
import sys

nm, lib, script = sys.argv[1:4]
out = subprocess.run([nm, "-D", "--defined-only", lib], check=True,
                     capture_output=True, text=True).stdout
exported = set()
for line in out.splitlines():
    parts = line.split()
    if len(parts) < 3:
        continue
    kind, name = parts[1], parts[2]
    if kind == "A":  # the version node itself, e.g. LIBSLA_0.1
        continue
    exported.add(name.split("@")[0])

text = open(script, encoding="utf-8").read()
listed = set(re.findall(r"^\s*(sla_[A-Za-z0-9_]+)\s*;", text, re.M))
problems = []
for name in sorted(exported - listed):
    problems.append(f"exported but not in {script}: {name}")
for name in sorted(listed - exported):
    problems.append(f"in the version script but not exported: {name}")
for name in sorted(exported):
    if not name.startswith("sla_"):
        problems.append(f"exported symbol without the sla_ prefix: {name}")
if not re.search(r"local:\s*\*\s*;", text):
    problems.append("the version script does not end with 'local: *;'")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{len(exported)} symbols exported, all listed in the version script")
