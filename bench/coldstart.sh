#!/usr/bin/env bash
# Cold start: Herald (scan, parse, summarize, render, ready to serve) against
# Hugo building only its RSS feed from the same Markdown files, in one run.
#
#   bench/coldstart.sh 10000 50000
#
# For each size N it generates N articles with bench/gen (deterministic), then
# times Hugo (wall, peak RSS via /usr/bin/time) and Herald (wall from exec to
# the first 200 on /healthz, peak RSS from /proc/PID/status VmHWM), fresh state
# each time. Needs hugo (Debian package) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
trap 'kill "${pid:-0}" 2>/dev/null || true' EXIT
go build -o "$work/herald" ./cmd/herald
go build -o "$work/gen" ./bench/gen
printf '%-8s %-7s %10s %12s %10s %12s %9s %9s\n' N files hugo_s hugo_MB herald_s herald_MB speedup mem_ratio
for n in "${@:-10000}"; do
  d="$work/n$n"
  rm -rf "$d"
  "$work/gen" -n "$n" -out "$d/content" -hugo "$d/hugo"
  sync
  md=$(find "$d/hugo/content" -name '*.md' | wc -l)
  # Warm the page cache for both, so neither pays for the first read.
  cat "$d"/content/*/* >/dev/null; cat "$d"/hugo/content/posts/* >/dev/null
  hugo_out=$( { /usr/bin/time -f '%e %M' hugo --quiet -s "$d/hugo" -d "$d/hugo-out" >/dev/null; } 2>&1 | tail -1)
  hugo_s=${hugo_out% *}; hugo_kb=${hugo_out#* }
  cat > "$d/herald.toml" <<TOML
[site]
title = "Bench"
base_url = "http://127.0.0.1:18181"
[content]
dir = "content"
rescan = "0s"
[http]
listen = "127.0.0.1:18181"
[state]
path = "state/herald.db"
[log]
level = "warn"
TOML
  rm -rf "$d/state"
  start=$(date +%s.%N)
  "$work/herald" -config "$d/herald.toml" 2>"$d/herald.log" &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:18181/healthz; do
    kill -0 "$pid" 2>/dev/null || { cat "$d/herald.log"; exit 1; }
    sleep 0.005
  done
  end=$(date +%s.%N)
  herald_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  herald_s=$(echo "$end - $start" | bc -l)
  printf '%-8s %-7s %10.2f %12.0f %10.2f %12.0f %8.1fx %8.2f\n' "$n" "$md md" "$hugo_s" "$((hugo_kb / 1024))" "$herald_s" "$((herald_kb / 1024))" \
    "$(echo "$hugo_s / $herald_s" | bc -l)" "$(echo "$herald_kb / $hugo_kb" | bc -l)"
  [ -n "${KEEP:-}" ] || rm -rf "$d"
done
