#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Golden tests of the sla tool.

Each case in the golden directory is a file NAME.case:

    args: budget --target 99.99 --span P30D
    status: 0
    --- stdout
    ...expected standard output...
    --- stderr
    ...expected standard error...

Cases run in the source tree's root, so paths such as
examples/data/service.ini work. The output must match byte for byte. Run with SLA_UPDATE_GOLDEN=1 to
rewrite the expected parts from the tool's current behaviour (then review
the diff before committing).
"""
import os
import shlex
import subprocess
import sys

sla, golden = os.path.abspath(sys.argv[1]), sys.argv[2]
# Cases run from the source tree, so they can name examples/data/ files.
root = os.path.dirname(os.path.dirname(os.path.abspath(golden)))
update = os.environ.get("SLA_UPDATE_GOLDEN") == "1"
cases = sorted(f for f in os.listdir(golden) if f.endswith(".case"))
if not cases:
    print(f"no cases in {golden}")
    sys.exit(1)


def parse(text):
    head, _, rest = text.partition("--- stdout\n")
    out, _, err = rest.partition("--- stderr\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines() if line)
    return fields, out, err


failures = 0
for name in cases:
    path = os.path.join(golden, name)
    with open(path, encoding="utf-8") as f:
        fields, want_out, want_err = parse(f.read())
    args = shlex.split(fields["args"])
    stdin = fields.get("stdin", "").encode().decode("unicode_escape")
    run = subprocess.run([sla] + args, input=stdin.encode(),
                         capture_output=True, cwd=root)
    got_out = run.stdout.decode()
    got_err = run.stderr.decode()
    if update:
        with open(path, "w", encoding="utf-8") as f:
            for key in ("args", "stdin"):
                if key in fields:
                    f.write(f"{key}: {fields[key]}\n")
            f.write(f"status: {run.returncode}\n--- stdout\n{got_out}"
                    f"--- stderr\n{got_err}")
        continue
    problems = []
    if run.returncode != int(fields["status"]):
        problems.append(f"exit status {run.returncode}, expected {fields['status']}")
    if got_out != want_out:
        problems.append(f"stdout:\n{got_out}expected:\n{want_out}")
    if got_err != want_err:
        problems.append(f"stderr:\n{got_err}expected:\n{want_err}")
    if problems:
        failures += 1
        print(f"FAIL {name}: sla {fields['args']}")
        for p in problems:
            print("  " + p.replace("\n", "\n  "))
    else:
        print(f"ok   {name}")
print(f"{len(cases) - failures}/{len(cases)} golden cases pass")
sys.exit(1 if failures else 0)
