#!/usr/bin/env bash
# Measures start-up under Xvfb: exec → window mapped → first painted frame → map drawn, for
# Journeymap on the sample workspace and for a bare Fyne window of the same size, RUNS times
# each, alternating, and prints the means and their ratio. Needs xvfb and libx11-dev (make deps).
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
"$tmp/journeymap" import -store "$tmp/store" assets/sample.journeymap.json >/dev/null
for _ in $(seq "$runs"); do
  echo "journeymap $(once Journeymap "$tmp/journeymap" -store "$tmp/store")"
  echo "bare $(once Bare "$tmp/bare")"
done | awk '{print} / painted / { n[$1]++; for (i = 1; i <= NF; i++) if ($i == "painted" || $i == "detailed") v[$1, $i] += $(i + 1) }
END {
  jp = v["journeymap", "painted"] / n["journeymap"]; jd = v["journeymap", "detailed"] / n["journeymap"]
  bp = v["bare", "painted"] / n["bare"]
  printf "mean first painted frame: journeymap %.0f ms, bare Fyne window %.0f ms, ratio %.2f; journeymap map drawn %.0f ms (%.2f)\n", jp, bp, jp / bp, jd, jd / bp
}'
