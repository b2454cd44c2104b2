#!/usr/bin/env bash
# Builds the C kernels once per x86-64 instruction-set level and checks that every version gives the
# same bits: the mesoscopic bin sweep (Sources/MesoKernels, timed on the example network's and the
# microcircuit's histories by meso_sweep_bench.c) and the microscopic neuron kernels (Sources/MicroKernels, micro_kernels_bits.c).
# The STDP kernels (Sources/MicroKernels/STDPKernels.c, stdp_kernels_bits.c) choose their AVX2 loops
# at run time: they are built with them and with -DMK_STDP_SCALAR (the scalar loops only) instead.
# Usage: Benchmarks/kernels/run.sh   (needs clang; prints one JSON line per build; exit 1 on a mismatch).
# The harnesses are built without FMA contraction too, so their own arithmetic is the same in every build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sources="$here/../../Sources"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
levels=(x86-64 x86-64-v3)
grep -q -w avx512f /proc/cpuinfo && levels+=(x86-64-v4)
status=0
for pair in meso_sweep_bench:MesoKernels micro_kernels_bits:MicroKernels; do
    harness="${pair%%:*}" kernels="$sources/${pair##*:}"
    checksums=()
    for level in "${levels[@]}"; do
        # As in the multi-versioned library, the cell indices go through memory in the AVX-512 build only.
        memory=0; [ "$level" = x86-64-v4 ] && memory=1
        clang -O2 -std=gnu11 -ffp-contract=off -march="$level" -DMK_CLONES= -DMK_INDICES_VIA_MEMORY=$memory -I"$kernels/include" \
            "$here/$harness.c" "$kernels/${pair##*:}.c" -lm -o "$build/$harness-$level"
        line="$("$build/$harness-$level" "$level")"
        echo "$line"
        checksums+=("$(sed 's/.*"checksum": "\([0-9a-f]*\)".*/\1/' <<<"$line")")
    done
    if [ "$(printf '%s\n' "${checksums[@]}" | sort -u | wc -l)" != 1 ]; then
        echo "run.sh: the ${pair##*:} versions disagree: ${checksums[*]}" >&2
        status=1
    else
        echo "run.sh: ${pair##*:}: all ${#levels[@]} versions give the same bits (${checksums[0]})"
    fi
done
checksums=()
for variant in avx2: scalar:-DMK_STDP_SCALAR; do
    clang -O2 -std=gnu11 -ffp-contract=off ${variant#*:} -I"$sources/MicroKernels/include" -I"$sources/MicroKernels" \
        "$here/stdp_kernels_bits.c" "$sources/MicroKernels/STDPKernels.c" -lm -o "$build/stdp_kernels_bits"
    line="$("$build/stdp_kernels_bits" "${variant%%:*}")"
    echo "$line"
    checksums+=("$(sed 's/.*"checksum": "\([0-9a-f]*\)".*/\1/' <<<"$line")")
done
if [ "${checksums[0]}" != "${checksums[1]}" ]; then
    echo "run.sh: the STDP kernels' AVX2 and scalar loops disagree: ${checksums[*]}" >&2
    status=1
else
    echo "run.sh: STDPKernels: AVX2 and scalar loops give the same bits (${checksums[0]})"
fi
exit $status
