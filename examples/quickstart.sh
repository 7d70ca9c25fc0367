#!/bin/sh
# SPDX-License-Identifier: MIT
# Quick start: install what is missing, build libsla and the sla tool, and
# run the main job: the example platform's availability for 2025, month by
# month, against its 99.99% target; then the rest of its check sheet for
# 2025 (incidents, notice periods, cadences, backups) and November's probe
# gaps; the backups a 7-generation, 6-month policy keeps at the year's end;
# then the downtime that target allows in a 30-day month, and in
# February 2026 in Japan.
set -eu
cd "$(dirname "$0")/.."
sh .ci/install-deps build
[ -d build-quickstart ] || meson setup build-quickstart -Dtests=disabled -Ddocs=disabled >/dev/null
ninja -C build-quickstart >/dev/null
set -x
./build-quickstart/examples/sla report --service examples/data/service.ini \
    --outages examples/data/outages.csv --from 2025-01-01 --to 2026-01-01 --by month
./build-quickstart/examples/sla report --service examples/data/service.ini \
    --outages examples/data/outages.csv --incidents examples/data/incidents-2025.csv \
    --announcements examples/data/announcements-2025.csv \
    --events examples/data/operations-2025.csv --catalog examples/data/backups-2025.csv \
    --period 2025
./build-quickstart/examples/sla obligations --service examples/data/service.ini \
    --probes examples/data/probes-2025-11.csv --period 2025-11
./build-quickstart/examples/sla backup plan --catalog examples/data/backups-2025.csv \
    --zone Asia/Tokyo --now 2025-12-31T12:00:00+09:00 \
    --keep-generations 7 --keep-within P6M:full,off-site
./build-quickstart/examples/sla budget --target 99.99 --span P30D
./build-quickstart/examples/sla budget --target 99.99 --span P1M --start 2026-02-01T00:00:00+09:00
