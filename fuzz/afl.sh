#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with afl-fuzz and SharpFuzz, for as long as you like (issue 18, section D).
#
#   fuzz/afl.sh TARGET [SECONDS]        e.g. fuzz/afl.sh resource-name 600
#
# Needs afl++ (Debian: apt-get install afl++) and the SharpFuzz.CommandLine .NET tool (installed here into
# fuzz/.tools). Publishes the fuzz program, instruments OpenVisa's assemblies for coverage, writes the target's seeds
# and runs afl-fuzz; findings go to fuzz/findings/TARGET/default/{crashes,hangs}. Replay one with
#   dotnet fuzz/.afl/OpenVisa.Fuzz.dll replay TARGET FILE
# and, once fixed, copy it into fuzz/corpus/TARGET/ so every test run replays it.
set -euo pipefail
target=${1:?usage: fuzz/afl.sh TARGET [SECONDS]}
seconds=${2:-300}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/.afl
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++" >&2; exit 2; }
if [ ! -x "$here/.tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$here/.tools" >/dev/null
fi
# A fresh copy each time: SharpFuzz refuses to instrument an assembly twice.
rm -rf "$out"
dotnet publish "$here/OpenVisa.Fuzz" -c Release -o "$out" >/dev/null
for assembly in OpenVisa OpenVisa.Managed OpenVisa.Sim OpenVisa.Instruments; do
  "$here/.tools/sharpfuzz" "$out/$assembly.dll" >/dev/null
done
rm -rf "$here/findings/$target" "$out/seeds-$target"
mkdir -p "$here/findings"
dotnet "$out/OpenVisa.Fuzz.dll" seeds "$target" "$out/seeds-$target"
# dotnet itself is not instrumented, only the assemblies it loads: skip afl's binary check and its memory limit.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  afl-fuzz -V "$seconds" -i "$out/seeds-$target" -o "$here/findings/$target" -t 5000 -m none -- \
  dotnet "$out/OpenVisa.Fuzz.dll" afl "$target"
