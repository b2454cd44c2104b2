#!/usr/bin/env bash
# Builds the mesoscopic bin sweep (Sources/MesoKernels) once per x86-64 instruction-set level, times
# each on the example network's history (meso_sweep_bench.c) and checks that all give the same bits.
# Usage: Benchmarks/kernels/run.sh   (needs clang; prints one JSON line per build; exit 1 on a mismatch).
# The harness is built without FMA contraction too, so its table is the same in every build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kernels="$here/../../Sources/MesoKernels"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
levels=(x86-64 x86-64-v3)
grep -q -w avx512f /proc/cpuinfo && levels+=(x86-64-v4)
checksums=()
for level in "${levels[@]}"; do
    clang -O2 -std=gnu11 -ffp-contract=off -march="$level" -DMK_CLONES= -I"$kernels/include" \
        "$here/meso_sweep_bench.c" "$kernels/MesoKernels.c" -lm -o "$build/$level"
    line="$("$build/$level" "$level")"
    echo "$line"
    checksums+=("$(sed 's/.*"checksum": "\([0-9a-f]*\)".*/\1/' <<<"$line")")
done
if [ "$(printf '%s\n' "${checksums[@]}" | sort -u | wc -l)" != 1 ]; then
    echo "run.sh: the instruction-set versions disagree: ${checksums[*]}" >&2
    exit 1
fi
echo "run.sh: all ${#levels[@]} versions give the same bits (${checksums[0]})"
