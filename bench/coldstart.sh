#!/usr/bin/env bash
# Cold start: Herald (scan, parse, summarize, render, ready to serve) against
# Hugo building only its RSS feed from the same Markdown files, in one run;
# then Herald's restart over the unchanged folder with the state it kept.
#
#   bench/coldstart.sh 10000 50000
#
# For each size N it generates N articles with bench/gen (deterministic, about
# 55 % Markdown, 30 % plain text, 15 % HTML), warms the page cache, then runs
# each case RUNS times (default 2) and keeps the fastest run:
#   hugo     /usr/bin/time: wall seconds and peak RSS;
#   cold     Herald with a fresh state file, from exec to its "serving" log
#            line (feeds published, HTTP answering); peak RSS from
#            /proc/PID/status VmHWM;
#   restart  the same, with the state file the cold start left.
# Needs hugo (Debian package), curl and bc.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
runs=${RUNS:-2}
trap 'if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi' EXIT
go build -o "$work/herald" ./cmd/herald
go build -o "$work/gen" ./bench/gen

# herald_start DIR: starts herald on DIR's config, waits until it serves,
# stops it, and prints "seconds peak_kB". The time is that of the "serving"
# line Herald logs once its feeds are published, not that of the first
# answer to a poll: on 2 cores, a curl started every few milliseconds takes
# CPU from the start it measures (and Hugo, timed by /usr/bin/time, has no
# such guest). The poll, every 50 ms, only tells when to read the log.
herald_start() {
  local d=$1 start ready kb
  : > "$d/herald.log"
  start=$(date +%s.%N)
  "$work/herald" -config "$d/herald.toml" 2>>"$d/herald.log" &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:18181/healthz; do
    kill -0 "$pid" 2>/dev/null || { cat "$d/herald.log" >&2; exit 1; }
    sleep 0.05
  done
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  ready=$(sed -n 's/^time=\([^ ]*\) .*msg=serving .*/\1/p' "$d/herald.log" | head -1)
  [ -n "$ready" ] || { echo "no serving line in $d/herald.log" >&2; exit 1; }
  echo "$(echo "$(date -d "$ready" +%s.%N) - $start" | bc -l) $kb"
}

# best CMD...: runs CMD $runs times and prints the line with the least seconds.
best() {
  for _ in $(seq "$runs"); do "$@"; done | sort -n | head -1
}

hugo_build() {
  local d=$1 out
  rm -rf "$d/hugo-out"
  out=$( { /usr/bin/time -f '%e %M' hugo --quiet -s "$d/hugo" -d "$d/hugo-out" >/dev/null; } 2>&1 | tail -1)
  echo "$out"
}

cold() { rm -rf "$1/state"; herald_start "$1"; }

printf '%-7s %-6s | %8s %8s | %8s %8s %8s %8s | %8s %8s\n' N md hugo_s hugo_MB cold_s cold_MB speedup mem herest_s rest_MB
for n in "${@:-10000}"; do
  d="$work/n$n"
  rm -rf "$d"
  "$work/gen" -n "$n" -out "$d/content" -hugo "$d/hugo" >/dev/null
  md=$(find "$d/hugo/content" -name '*.md' | wc -l)
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
level = "info"
TOML
  sync
  find "$d/content" "$d/hugo/content" -type f -print0 | xargs -0 cat >/dev/null
  read -r hugo_s hugo_kb < <(best hugo_build "$d")
  read -r cold_s cold_kb < <(best cold "$d")
  read -r rest_s rest_kb < <(best herald_start "$d")
  printf '%-7s %-6s | %8.2f %8.0f | %8.2f %8.0f %7.1fx %8.2f | %8.2f %8.0f\n' "$n" "$md" \
    "$hugo_s" "$((hugo_kb / 1024))" "$cold_s" "$((cold_kb / 1024))" \
    "$(echo "$hugo_s / $cold_s" | bc -l)" "$(echo "$cold_kb / $hugo_kb" | bc -l)" "$rest_s" "$((rest_kb / 1024))"
  [ -n "${KEEP:-}" ] || rm -rf "$d"
done
