#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole test suite, as CI runs it: install what is missing, then
#  1. gcc build with warnings as errors: every test, docs included;
#  2. the same build under valgrind;
#  3. clang build with address and undefined-behaviour sanitizers;
#  4. clang build with ThreadSanitizer, for the tests that share objects
#     between threads.
# Benchmarks are separate: meson test -C build --benchmark
set -eu
cd "$(dirname "$0")/.."
sh .ci/install-deps test

step() { printf '\n=== %s\n' "$*"; }

step "gcc, -Werror: all tests"
[ -d build ] || CC=gcc CXX=g++ meson setup build --werror -Dtests=enabled
meson test -C build --print-errorlogs

step "valgrind"
meson test -C build --setup=valgrind --print-errorlogs

step "clang, -Werror, address+undefined sanitizers"
[ -d build-sanitize ] || CC=clang CXX=clang++ meson setup build-sanitize --werror \
    -Db_sanitize=address,undefined -Db_lundef=false -Ddocs=disabled \
    -Dtests=enabled
meson test -C build-sanitize --setup=sanitize --print-errorlogs

step "clang, ThreadSanitizer: zones shared by threads"
[ -d build-tsan ] || CC=clang CXX=clang++ meson setup build-tsan --werror \
    -Db_sanitize=thread -Db_lundef=false -Ddocs=disabled -Dtests=enabled
meson test -C build-tsan --setup=tsan --suite threads --print-errorlogs

step "all test runs passed"
