#!/usr/bin/env bash
# Serving load: Herald against nginx serving the same RSS bytes as a static
# file, in one run, with wrk on loopback. Each server is pinned to core 0 and
# wrk to core 1, 64 connections, DURATION seconds (default 10) per case:
# plain GET, GET with Accept-Encoding: gzip, and a conditional GET (304).
#
#   bench/serve.sh            # needs wrk and nginx (Debian packages)
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${DURATION:-10}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT
go build -o "$work/herald" ./cmd/herald
go run ./bench/gen -n 200 -out "$work/content"
cat > "$work/herald.toml" <<TOML
[site]
title = "Bench"
base_url = "http://127.0.0.1:18282"
[content]
dir = "content"
[feed]
items = 50
[http]
listen = "127.0.0.1:18282"
[log]
level = "warn"
TOML
taskset -c 0 "$work/herald" -config "$work/herald.toml" 2>"$work/herald.log" &
until curl -sf -o /dev/null http://127.0.0.1:18282/healthz; do sleep 0.05; done

# nginx serves the very bytes Herald serves, with gzip_static and its own ETag.
mkdir -p "$work/www"; chmod 755 "$work"
curl -s http://127.0.0.1:18282/rss.xml > "$work/www/rss.xml"
curl -s -H 'Accept-Encoding: gzip' http://127.0.0.1:18282/rss.xml > "$work/www/rss.xml.gz"
chmod -R a+rX "$work/www"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/rss+xml xml; }
  gzip_static on;
  server { listen 127.0.0.1:18283; root $work/www; }
}
CONF
taskset -c 0 nginx -c "$work/nginx.conf"
for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:18283/rss.xml && break; sleep 0.05; done
curl -sf -o /dev/null http://127.0.0.1:18283/rss.xml || { echo "nginx does not serve the file"; cat "$work/nginx-error.log"; exit 1; }

printf 'RSS document: %s bytes, %s gzipped\n' "$(wc -c < "$work/www/rss.xml")" "$(wc -c < "$work/www/rss.xml.gz")"
run() { # name url header...
  local name=$1 url=$2; shift 2
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  local out
  out=$(taskset -c 1 wrk -t1 -c64 -d"${dur}s" --latency "${args[@]}" "$url")
  printf '%-22s %10s req/s   p99 %s\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
h_etag=$(curl -sI http://127.0.0.1:18282/rss.xml | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
n_etag=$(curl -sI http://127.0.0.1:18283/rss.xml | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
run "nginx plain" http://127.0.0.1:18283/rss.xml
run "herald plain" http://127.0.0.1:18282/rss.xml
run "nginx gzip_static" http://127.0.0.1:18283/rss.xml "Accept-Encoding: gzip"
run "herald gzip" http://127.0.0.1:18282/rss.xml "Accept-Encoding: gzip"
run "nginx 304" http://127.0.0.1:18283/rss.xml "If-None-Match: $n_etag"
run "herald 304" http://127.0.0.1:18282/rss.xml "If-None-Match: $h_etag"
