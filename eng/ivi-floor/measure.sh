#!/usr/bin/env bash
# Measures PyVISA's @ivi client CPU per *IDN? query over a zero-cost VISA library (the floor), over a VISA library
# that does only the socket I/O in C (the I/O floor), and over libopenvisa, against pyvisa-py, in alternating rounds
# in one Python process (eng/ivi-floor/floor.py), all against one `ovisa serve --demo --socket 0` server.
# Usage: eng/ivi-floor/measure.sh [LIBOPENVISA] [ROUNDS] [QUERIES]
#   LIBOPENVISA: a libopenvisa.so built by eng/build-libopenvisa.sh (left out when not given or empty)
#   OVISA: the ovisa command to serve with (default: dotnet run --project src/OpenVisa.Cli -c Release --)
# Needs gcc and Debian's python3-pyvisa and python3-pyvisa-py. The stubs are built in a temporary folder and removed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
libopenvisa="${1:-}"
rounds="${2:-7}"
queries="${3:-3000}"
if [ -n "$libopenvisa" ]; then
  libopenvisa="$(cd "$(dirname "$libopenvisa")" && pwd)/$(basename "$libopenvisa")"
fi
python="$(command -v -p python3)"
if ! "$python" -c 'import pyvisa, pyvisa_py' 2>/dev/null; then
  echo "$python cannot import pyvisa and pyvisa_py: install the Debian packages python3-pyvisa python3-pyvisa-py" >&2
  exit 1
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$work/libfloorvisa.so" "$root/eng/ivi-floor/floorvisa.c"
gcc -DFLOOR_IO -shared -fPIC -O2 -Wall -Wextra -Werror -o "$work/libfloorvisa-io.so" "$root/eng/ivi-floor/floorvisa.c"

if [ -n "${OVISA:-}" ]; then
  read -r -a ovisa <<< "$OVISA"
else
  dotnet build "$root/src/OpenVisa.Cli" -c Release -nologo -v:q >&2
  ovisa=(dotnet run --no-build -c Release --project "$root/src/OpenVisa.Cli" --)
fi
"${ovisa[@]}" serve --demo --socket 0 > "$work/server.log" 2>&1 &
server=$!
resource=""
for _ in $(seq 1 600); do
  resource="$(grep -o 'TCPIP[0-9]*::[^ ]*::SOCKET' "$work/server.log" || true)"
  [ -n "$resource" ] && break
  if ! kill -0 "$server" 2>/dev/null; then cat "$work/server.log" >&2; echo "ovisa serve stopped before serving" >&2; exit 1; fi
  sleep 0.2
done
if [ -z "$resource" ]; then cat "$work/server.log" >&2; echo "ovisa serve named no SOCKET resource within 120 s" >&2; exit 1; fi

"$python" "$root/eng/ivi-floor/floor.py" "$resource" "$work/libfloorvisa.so" "$work/libfloorvisa-io.so" "$libopenvisa" "$rounds" "$queries"
