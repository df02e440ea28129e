#!/usr/bin/env bash
# Measures start-up under Xvfb: exec → window mapped → first painted frame → the picture the
# window settles on (the map drawn), for Journeymap on the sample workspace and on a journey of
# 200 stages, and for a bare Fyne window of the same size, RUNS times each in turn, and prints
# the medians and ranges of the ratios of each pair. Needs xvfb and libx11-dev (make deps).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-8}
tmp=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/probe" .ci/startup/probe.c -lX11
go build -o "$tmp/journeymap" .
go build -o "$tmp/bare" ./.ci/startup/bare
display=:$((90 + RANDOM % 100))
Xvfb $display -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display LANG=en_US.UTF-8
# stop ends a run: SIGTERM, and SIGKILL for what is still there 5 s later (a bare Fyne window
# once ignored SIGTERM for good, and waiting for it hung make startup).
stop() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 50); do
    [ -e "/proc/$1" ] && ! grep -q ') Z' "/proc/$1/stat" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
once() { # title, command...
  local title=$1; shift
  HOME=$(mktemp -d -p "$tmp") "$@" >/dev/null 2>&1 &
  local pid=$!
  timeout -k 2 20 "$tmp/probe" "$title" "$(date +%s%N)" || true
  stop $pid
}
"$tmp/journeymap" import -store "$tmp/sample" assets/sample.journeymap.json >/dev/null
go run ./.ci/startup/big "$tmp/big.journeymap.json"
"$tmp/journeymap" import -store "$tmp/big" "$tmp/big.journeymap.json" >/dev/null
# Each pair: the app on the sample, the app on the 200-stage journey, the bare window; every
# ratio is to the bare window's first frame in the same pair.
for _ in $(seq "$runs"); do
  echo "sample $(once Journeymap "$tmp/journeymap" -store "$tmp/sample")"
  echo "big $(once Journeymap "$tmp/journeymap" -store "$tmp/big")"
  echo "bare $(once Bare "$tmp/bare")"
done | awk '
function num(s) { sub(/,$/, "", s); return s + 0 }
{ print }
$1 == "sample" { sp = num($6); ss = num($9) }
$1 == "big" { bs = num($9) }
$1 == "bare" {
  b = num($6); n++
  first[n] = sp / b; drawn[n] = ss / b; big[n] = bs; bare[n] = b; samplems[n] = ss
}
function sort(a, k,   i, j, t) { for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
function med(a, k) { sort(a, k); return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
function say(label, a, k, unit,   m) { m = med(a, k); printf "  %-52s %8.2f%s (%.2f-%.2f)\n", label, m, unit, a[1], a[k] }
END {
  if (!n) { print "startup: no run finished"; exit 1 }
  printf "\nStart-up under Xvfb, %d pairs, median (min-max):\n", n
  say("bare Fyne window, exec to first frame (ms)", bare, n, "")
  say("sample, exec to first frame / bare first frame", first, n, "x")
  say("sample, exec to the map settled / bare first frame", drawn, n, "x")
  say("sample, exec to the map settled (ms)", samplems, n, "")
  say("200-stage journey, exec to the map settled (ms)", big, n, "")
}'
