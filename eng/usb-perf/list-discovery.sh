#!/usr/bin/env bash
# 'ovisa list' with discovery on (VXI-11 broadcast and mDNS within OPENVISA_DISCOVERY_TIMEOUT_MS) against its budget
# + 200 ms (issue 15). Runs inside a pair of network namespaces made here and deleted on exit, never on the host's
# interfaces: 'ovisa serve --advertise' on one side, 'ovisa list' on the other. The same list with discovery off
# (budget 0) is the process's own start-up cost, subtracted to give the listing's time. Needs root and iproute2.
# Usage: sudo eng/usb-perf/list-discovery.sh   (figures in docs/performance.md, "USBTMC through the fake libusb")
set -euo pipefail
cd "$(dirname "$0")/../.."
id=$$
server=ovl-s$id client=ovl-c$id
out=$(mktemp -d)
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  ip netns del "$server" 2>/dev/null || true
  ip netns del "$client" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
dotnet build -c Release -o "$out" src/OpenVisa.Cli >/dev/null
ip netns add "$server"
ip netns add "$client"
ip link add "ls$id" netns "$server" type veth peer name "lc$id" netns "$client"
for side in "$server ls$id 10.232.9.1" "$client lc$id 10.232.9.2"; do
  set -- $side
  ip -n "$1" link set lo up
  ip -n "$1" addr add "$3/24" brd + dev "$2"
  ip -n "$1" link set "$2" up
  ip -n "$1" route add 224.0.0.0/4 dev "$2"
done
ip netns exec "$server" dotnet "$out/ovisa.dll" serve --demo --socket 5025 --bind 0.0.0.0 --advertise >"$out/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 120); do grep -q Advertising "$out/serve.log" && break; sleep 0.5; done
grep -q Advertising "$out/serve.log" || { cat "$out/serve.log"; exit 1; }

wall_ms() { # budget -> milliseconds of one 'ovisa list TCPIP?*' in the client namespace
  local start end
  start=$(date +%s%N)
  ip netns exec "$client" env OPENVISA_DISCOVERY_TIMEOUT_MS="$1" dotnet "$out/ovisa.dll" list 'TCPIP?*' >"$out/list.txt" 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
wall_ms 0 >/dev/null # warm the disk cache
for budget in 500 1000 2000; do
  for run in 1 2 3; do
    base=$(wall_ms 0)
    with=$(wall_ms "$budget")
    echo "budget $budget ms: list $with ms, start-up (budget 0) $base ms, listing $((with - base)) ms (target <= $((budget + 200)) ms); found: $(tr '\n' ' ' <"$out/list.txt")"
  done
done
