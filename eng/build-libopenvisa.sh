#!/usr/bin/env bash
# Builds libopenvisa (OpenVisa as a VISA shared library) for this platform with NativeAOT, and writes its headers.
# Usage: eng/build-libopenvisa.sh OUTDIR
# Leaves OUTDIR/libopenvisa.so (libopenvisa.dylib on macOS, openvisa.dll on Windows) and OUTDIR/include/visa.h,
# visatype.h, written by the library itself from OpenVisa's status and attribute tables.
# Needs the .NET SDK and a C toolchain (gcc or clang: NativeAOT links with it).
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"

case "$(uname -s)" in
  Linux) os=linux; lib=libopenvisa.so ;;
  Darwin) os=osx; lib=libopenvisa.dylib ;;
  MINGW*|MSYS*|CYGWIN*) os=win; lib=openvisa.dll ;;
  *) echo "unsupported platform $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "unsupported processor $(uname -m)" >&2; exit 2 ;;
esac
rid="$os-$arch"

cc="$(command -v gcc || command -v clang || true)"
if [ -z "$cc" ]; then
  echo "NativeAOT links with a C compiler: install gcc (Debian: apt-get install gcc)" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
publish="$out/obj-publish"
dotnet publish "$root/src/OpenVisa.CApi/OpenVisa.CApi.csproj" -c Release -r "$rid" -o "$publish" -p:StripSymbols=true -nologo -v:q
cp "$publish/$lib" "$out/$lib"
rm -rf "$publish"

# The headers come from the library just built, so they carry exactly its tables.
mkdir -p "$out/include"
if [ "$os" != win ]; then
  writer="$(mktemp -d)"
  trap 'rm -rf "$writer"' EXIT
  printf '%s\n' 'int OpenVisaWriteHeaders(const char *folder);' \
    'int main(int argc, char **argv) { (void)argc; return OpenVisaWriteHeaders(argv[1]) == 0 ? 0 : 1; }' > "$writer/write.c"
  "$cc" -o "$writer/write-headers" "$writer/write.c" "$out/$lib" -Wl,-rpath,"$out"
  "$writer/write-headers" "$out/include"
fi
echo "$out/$lib"
