#!/bin/sh
# Builds libqff.so from libqff.c (called by Maven in ffi/pom.xml, phase process-classes).
#   build.sh OUTDIR JAVA_HOME CLASSPATH_FILE
# Skips with a message, without failing the build, when gcc or the JNI headers are missing.
set -eu
out="$1"; jhome="$2"; cpfile="$3"
src="$(cd "$(dirname "$0")" && pwd)"
if ! command -v gcc >/dev/null 2>&1; then
  echo "qff-ffi: gcc not found: libqff.so is NOT built (apt-get install gcc); C/Python ABI tests will skip" >&2
  exit 0
fi
if [ ! -f "$jhome/include/jni.h" ]; then
  echo "qff-ffi: $jhome/include/jni.h not found (need a JDK, not a JRE): libqff.so is NOT built" >&2
  exit 0
fi
mkdir -p "$out"
classes="$(cd "$out/.." && pwd)/classes"
cp="$classes"
if [ -s "$cpfile" ]; then cp="$classes:$(cat "$cpfile")"; fi
gcc -O2 -g -Wall -Wextra -std=c11 -fPIC -shared -o "$out/libqff.so.tmp" "$src/libqff.c" \
  -I"$src" -I"$jhome/include" -I"$jhome/include/linux" \
  -DQFF_DEFAULT_CLASSPATH="\"$cp\"" -DQFF_DEFAULT_JAVA_HOME="\"$jhome\"" \
  -ldl -lpthread
mv "$out/libqff.so.tmp" "$out/libqff.so"
cp "$src/qff.h" "$out/qff.h"
echo "qff-ffi: built $out/libqff.so"
