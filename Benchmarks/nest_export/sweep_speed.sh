#!/usr/bin/env bash
# Sweep throughput (issue #16): a 100-point meso sweep of Examples/configs/nest_ei_network.yaml,
# 10 s each, on both cores, against 100 × (one run) / 2. One run is timed the same way (a
# `mesopop run` of the middle point, 3 repeats, minimum) right before and after the sweep; the
# load average is printed with every measurement, since the machine is shared.
# Knobs: MESOPOP (default ../../.build/release/mesopop), OUT (default out/sweep_speed), POINTS_AXIS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mesopop="${MESOPOP:-$here/../../.build/release/mesopop}"
out="${OUT:-$here/out/sweep_speed}"
config="$here/../../Examples/configs/nest_ei_network.yaml"
rm -rf "$out"; mkdir -p "$out"
common=(--set simulation.duration=10)
one() {
    local best=1e9 t
    for _ in 1 2 3; do
        t0=$(date +%s.%N)
        "$mesopop" run "$config" "${common[@]}" --set 'populations[0].mu=24 mV' --level meso --seed 1 --quiet --out "$out/one.npz"
        t=$(echo "$(date +%s.%N) - $t0" | bc -l)
        best=$(echo "if ($t < $best) $t else $best" | bc -l)
    done
    echo "$best"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
single_before=$(one)
echo "single run: $single_before s (load $(cut -d' ' -f1-3 /proc/loadavg))"
t0=$(date +%s.%N)
"$mesopop" sweep "$config" "${common[@]}" --grid 'populations[0].mu=lin(20 mV, 28 mV, 10)' \
    --grid 'connections[0].J=lin(0.2, 0.4, 10)' --level meso --seed 1 --threads 2 --quiet --out "$out/sweep"
sweep=$(echo "$(date +%s.%N) - $t0" | bc -l)
echo "sweep of 100 points, 2 threads: $sweep s (load $(cut -d' ' -f1-3 /proc/loadavg))"
single_after=$(one)
echo "single run after: $single_after s"
python3 - "$sweep" "$single_before" "$single_after" <<'PY'
import sys
sweep, a, b = map(float, sys.argv[1:])
single = (a + b) / 2
ideal = 100 * single / 2
print(f"ideal 100 x single / 2 = {ideal:.1f} s; sweep / ideal = {sweep / ideal:.3f}")
PY
