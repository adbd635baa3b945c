#!/usr/bin/env bash
# USBTMC through the fake libusb (tests/OpenVisa.Managed.Tests/Usb/fake_libusb.c): *IDN? round trips and the CPU per
# byte of a 16 MiB block, for a raw C client making the same libusb calls, for the same calls from C# with the cheapest
# P/Invoke (the floor any managed front end has, RawFloor.cs) and for OpenVisa. Needs gcc.
# Usage: eng/usb-perf/run.sh [ROUND_TRIPS] [RUNS]   (figures in docs/performance.md, "USBTMC through the fake libusb")
# Each run: the raw C client twice alone and twice with an idle second thread (see raw_client.c), then one .NET process
# that alternates rounds of the floor, the backend alone (VisaLibrary Write + Read) and OpenVisa's Query.
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -shared -fPIC -O2 -pthread -o "$out/libusb-fake.so" ../../tests/OpenVisa.Managed.Tests/Usb/fake_libusb.c
gcc -O2 -pthread -o "$out/raw_client" raw_client.c "$out/libusb-fake.so" -Wl,-rpath,"$out"
dotnet build -c Release -o "$out/net" UsbPerf.csproj >/dev/null
for run in $(seq 1 "${2:-2}"); do
    echo "run $run, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    for i in 1 2; do "$out/raw_client" "${1:-20000}"; "$out/raw_client" "${1:-20000}" threaded; done
    OPENVISA_LIBUSB="$out/libusb-fake.so" OPENVISA_DISCOVERY_TIMEOUT_MS=0 dotnet "$out/net/UsbPerf.dll" "${1:-20000}" 3
done
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
