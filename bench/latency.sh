#!/usr/bin/env bash
# Save-to-feed latency: how long after a new article file is closed it is in
# /feed.json, with 1,000 generated articles in the folder. It builds herald
# and bench/gen, then runs bench/latency, which saves 500 articles one at a
# time and polls feed.json (If-None-Match, every 1ms) after each. Flags are
# passed on to bench/latency, e.g.
#
#   bench/latency.sh -debounce 250ms -n 200
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/herald" ./cmd/herald
go build -o "$work/gen" ./bench/gen
go build -o "$work/latency" ./bench/latency
cmd=("$work/latency" -herald "$work/herald" -gen "$work/gen" -preload 1000 -n 500 -debounce 100ms "$@")
echo "+ ${cmd[*]}"
"${cmd[@]}"
