#!/usr/bin/env bash
# Sweep throughput (issue #16): a 100-point meso sweep of Examples/configs/nest_ei_network.yaml,
# 10 s each, on 2 threads, against 100 × (one run) / 2. One run (`mesopop run` of one point) is
# timed 3 times before and 3 times after the sweep. Wall and CPU (user + sys) seconds of every
# process, and the load average: on a shared machine wall time says little, CPU time is the measure
# of the work, and wall / (CPU / 2) the parallel efficiency only when the machine is otherwise idle.
# Knobs: MESOPOP (default ../../.build/release/mesopop), OUT (default out/sweep_speed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mesopop="${MESOPOP:-$here/../../.build/release/mesopop}"
out="${OUT:-$here/out/sweep_speed}"
config="$here/../../Examples/configs/nest_ei_network.yaml"
rm -rf "$out"; mkdir -p "$out"
log="$out/times.txt"
timed() {  # timed LABEL CMD...: "LABEL wall cpu load1" appended to the log
    local label="$1"; shift
    /usr/bin/time -f "$label %e %U %S" -o "$out/t" "$@"
    echo "$(cat "$out/t") $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
}
one=(run "$config" --set simulation.duration=10 --set 'populations[0].mu=24 mV' --level meso --seed 1 --quiet --out "$out/one.npz")
for _ in 1 2 3; do timed single "$mesopop" "${one[@]}"; done
timed sweep "$mesopop" sweep "$config" --set simulation.duration=10 --grid 'populations[0].mu=lin(20 mV, 28 mV, 10)' \
    --grid 'connections[0].J=lin(0.2, 0.4, 10)' --level meso --seed 1 --threads 2 --quiet --out "$out/sweep"
for _ in 1 2 3; do timed single "$mesopop" "${one[@]}"; done
# Summary assembly alone (every point already there): `sweep merge` of the 100-point folder.
timed merge "$mesopop" sweep merge --quiet "$out/sweep"
python3 - "$log" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
single = [(float(w), float(u) + float(s)) for label, w, u, s, _ in rows if label == "single"]
sweep = [(float(w), float(u) + float(s), float(l)) for label, w, u, s, l in rows if label == "sweep"][0]
wall1, cpu1 = min(w for w, _ in single), min(c for _, c in single)
print(f"one run: min wall {wall1:.2f} s, min CPU {cpu1:.2f} s")
print(f"sweep: wall {sweep[0]:.1f} s, CPU {sweep[1]:.1f} s (load {sweep[2]})")
print(f"CPU: sweep / (100 x one run) = {sweep[1] / (100 * cpu1):.3f}")
print(f"wall: sweep / (100 x one run wall / 2) = {sweep[0] / (100 * wall1 / 2):.3f}")
PY
