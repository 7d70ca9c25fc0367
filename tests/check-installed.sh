#!/bin/sh
# SPDX-License-Identifier: MIT
# Install into a scratch root, then build and run a program against the
# installed header and library found only through pkg-config, as a user
# of the packaged library would.
set -eu
build=$1
src=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
meson install -C "$build" --no-rebuild --destdir "$root" >"$root/install.log" 2>&1 || {
    cat "$root/install.log"; exit 1; }
pcdir=$(dirname "$(find "$root" -name libsla.pc | head -n 1)")
[ -n "$pcdir" ] || { echo "libsla.pc was not installed"; exit 1; }
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$root"
cflags=$(pkg-config --cflags libsla)
libs=$(pkg-config --libs libsla)
version=$(pkg-config --modversion libsla)
cc=${CC:-cc}
# shellcheck disable=SC2086
$cc -std=c11 -Wall -Werror -o "$root/embed" "$src/../examples/embed-budget.c" $cflags $libs
# The library directory as pkg-config gives it (with the scratch root).
libdir=$(pkg-config --libs-only-L libsla | sed 's/^ *-L//; s/ *$//')
LD_LIBRARY_PATH="$libdir" "$root/embed" >"$root/out.txt"
grep -q "99.99% allows 267120 ms" "$root/out.txt" || { cat "$root/out.txt"; exit 1; }
for f in include/sla.h include/sla/version.h include/sla/time.h bin/sla; do
    find "$root" -path "*/$f" | grep -q . || { echo "not installed: $f"; exit 1; }
done
sla=$(find "$root" -path '*/bin/sla' | head -n 1)
LD_LIBRARY_PATH="$libdir" "$sla" version | grep -q "libsla $version" || {
    echo "installed sla does not report libsla $version"; exit 1; }
echo "installed libsla $version: header, library, libsla.pc and sla work"
