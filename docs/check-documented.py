#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fail unless every public declaration of libsla is documented.

doxygen's own warnings (the 'doxygen' test) catch an undocumented member of a
documented header, but say nothing about a header that has no @file block:
its declarations silently drop out of the reference. This check runs doxygen
with XML output and requires that

  - every public header was read and has a @file description,
  - every function, macro, struct and struct field declared in a public
    header has a description,
  - every function exported by the version script is documented.

usage: check-documented.py DOXYGEN DOXYFILE XML_DIR SYMBOL_FILE INCLUDE_DIR...

The public headers are INCLUDE_DIR/*.h and INCLUDE_DIR/sla/*.h of each
INCLUDE_DIR (the source tree's, and the build tree's for version.h).
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def text(node):
    return "".join(node.itertext()).strip() if node is not None else ""


def described(element):
    return bool(text(element.find("briefdescription")) or
                text(element.find("detaileddescription")))


def location(element, include_dirs):
    """The header of an element, relative to its include directory (as
    STRIP_FROM_PATH writes it, e.g. sla/time.h), and the line."""
    loc = element.find("location")
    if loc is None or not loc.get("file"):
        return "", ""
    file = loc.get("file")
    for d in include_dirs:
        if Path(file).is_absolute() and Path(file).resolve().is_relative_to(d):
            file = str(Path(file).resolve().relative_to(d))
    return file, loc.get("line", "?")


def exported_symbols(symbol_file):
    names = set()
    for line in Path(symbol_file).read_text().splitlines():
        match = re.match(r"\s*(sla_\w+)\s*;", line)
        if match:
            names.add(match.group(1))
    return names


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    doxygen, doxyfile, xml_dir, symbol_file, *include_dirs = argv[1:]
    include_dirs = [Path(d).resolve() for d in include_dirs]
    headers = set()
    for d in include_dirs:
        for pattern in ("*.h", "sla/*.h"):
            headers.update(str(p.relative_to(d)) for p in d.glob(pattern))

    # Results of an earlier run must not stand in for this one.
    for stale in Path(xml_dir).glob("*.xml"):
        stale.unlink()
    status = subprocess.run([doxygen, doxyfile]).returncode
    if status != 0:
        print(f"doxygen exited with status {status}", file=sys.stderr)

    problems = set()
    seen = set()
    documented_functions = set()
    for path in sorted(Path(xml_dir).glob("*.xml")):
        root = ET.parse(path).getroot()
        for compound in root.iter("compounddef"):
            file, line = location(compound, include_dirs)
            if file not in headers:
                continue
            kind = compound.get("kind")
            name = compound.findtext("compoundname")
            if kind == "file":
                seen.add(file)
            if kind in ("file", "struct", "union") and not described(compound):
                problems.add(f"{file}:{line}: {kind} {name} is not documented")
        for member in root.iter("memberdef"):
            file, line = location(member, include_dirs)
            if file not in headers:
                continue
            name = member.findtext("name")
            if described(member):
                if member.get("kind") == "function":
                    documented_functions.add(name)
            else:
                problems.add(f"{file}:{line}: {member.get('kind')} {name} "
                             "is not documented")

    for file in sorted(headers - seen):
        problems.add(f"{file}: public header not read by doxygen")
    exported = exported_symbols(symbol_file)
    for name in sorted(exported - documented_functions):
        problems.add(f"{symbol_file}: exported function {name} has no "
                     "documentation in the public headers")

    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if problems or status != 0:
        return 1
    print(f"{len(headers)} public headers and {len(exported)} exported "
          "functions, all documented")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
