#!/usr/bin/env bash
# USBTMC through the fake libusb (tests/OpenVisa.Managed.Tests/Usb/fake_libusb.c): *IDN? round trips and the CPU per
# byte of a 16 MiB block, for a raw C client making the same libusb calls and for OpenVisa. Needs gcc.
# Usage: eng/usb-perf/run.sh [ROUND_TRIPS]   (figures in docs/performance.md, "USBTMC through the fake libusb")
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
gcc -shared -fPIC -O2 -pthread -o "$out/libusb-fake.so" ../../tests/OpenVisa.Managed.Tests/Usb/fake_libusb.c
gcc -O2 -o "$out/raw_client" raw_client.c "$out/libusb-fake.so" -Wl,-rpath,"$out"
dotnet build -c Release -o "$out/net" UsbPerf.csproj >/dev/null
for run in 1 2 3; do "$out/raw_client" "${1:-20000}"; done
OPENVISA_LIBUSB="$out/libusb-fake.so" OPENVISA_DISCOVERY_TIMEOUT_MS=0 dotnet "$out/net/UsbPerf.dll" "${1:-20000}"
