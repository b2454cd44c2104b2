#!/usr/bin/env bash
# CPU time of the mesoscopic engine against NEST's gif_pop_psc_exp, side by side on one machine
# (issue: at most one fifth of NEST's time on its example network, dt = 0.5 ms, 10 s), the cost
# against N, and the bin sweep per instruction set (kernels/run.sh, which also checks the bits).
#
# Usage: Benchmarks/meso_speed.sh   (after Benchmarks/setup.sh and `swift build -c release`)
# Knobs: CONFIG (default Examples/configs/nest_ei_network.yaml, with its step input), DURATION (s,
# default 10), SEEDS (default 1 2 3 4 5), OUT (default Benchmarks/out/meso_speed), MESOPOP.
# Writes OUT/timing.jsonl (one line per run) and OUT/summary.md; prints the summary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
seeds="${SEEDS:-1 2 3 4 5}"
out="${OUT:-$here/out/meso_speed}"
[ -x "$mesopop" ] || { echo "meso_speed.sh: $mesopop missing; run 'swift build -c release'" >&2; exit 1; }
mkdir -p "$out"
timing="$out/timing.jsonl"
: > "$timing"

for s in $seeds; do
    "$py" "$here/peers/nest_meso.py" "$config" --duration "$duration" --seed "$s" --timing-only 2>/dev/null \
        | tag run=nest_meso N=1000 | tee -a "$timing"
    for hazard in trapezoid end_of_step; do
        "$mesopop" bench "$config" --level meso --duration "$duration" --seed "$s" --set meso.hazard=$hazard \
            | tag run="mesopop_meso_$hazard" N=1000 | tee -a "$timing"
    done
done
# Cost against N: N_E = 0.8 N, N_I = 0.2 N, every J scaled by 1000/N (J·p·N fixed).
couplings=($("$py" -c "import yaml, sys
for c in yaml.safe_load(open(sys.argv[1]))['connections']: print(float(str(c['J']).removesuffix(' mV')))" "$config"))
for N in 100 1000 10000 100000 1000000; do
    sets=(--set "populations[0].N=$((N * 8 / 10))" --set "populations[1].N=$((N * 2 / 10))")
    for c in "${!couplings[@]}"; do
        sets+=(--set "connections[$c].J=$("$py" -c "print(${couplings[$c]} * 1000 / $N)") mV")
    done
    "$mesopop" bench "$config" --level meso --duration "$duration" --seed 1 "${sets[@]}" \
        | tag run=mesopop_meso_scaling N="$N" | tee -a "$timing"
done
"$here/kernels/run.sh" | tee "$out/kernels.txt"

"$py" - "$timing" "$out/kernels.txt" > "$out/summary.md" <<'EOF'
import json, sys
import numpy as np
runs = [json.loads(l) for l in open(sys.argv[1])]
def per_sim(label):
    x = np.array([r["cpu_s"] / r["simulated_s"] for r in runs if r["run"] == label])
    return x.mean(), x.std(ddof=1) / np.sqrt(len(x)) if len(x) > 1 else 0.0, len(x)
nest, _, _ = per_sim("nest_meso")
print("| run | seeds | CPU s per simulated s | share of NEST |\n|---|---|---|---|")
for label in ["nest_meso", "mesopop_meso_trapezoid", "mesopop_meso_end_of_step"]:
    m, se, k = per_sim(label)
    print(f"| {label} | {k} | {m:.4f} ± {se:.4f} | 1/{nest / m:.1f} |")
print("\n| N (total) | MesoPop meso CPU s per simulated s |\n|---|---|")
for r in runs:
    if r["run"] == "mesopop_meso_scaling":
        print(f"| {int(r['N']):,} | {r['cpu_s'] / r['simulated_s']:.4f} |")
print("\nBin sweep per instruction set (ns per bin update):\n")
for line in open(sys.argv[2]):
    print(f"    {line.rstrip()}")
EOF
cat "$out/summary.md"
