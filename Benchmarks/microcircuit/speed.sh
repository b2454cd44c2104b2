#!/usr/bin/env bash
# CPU time of the mesoscopic engine against NEST's gif_pop_psc_exp, side by side (each seed: NEST,
# then MesoPop, in the same minute), on the full cortical microcircuit (8 populations, 55
# connections, dt = 0.1 ms) and on NEST's two-population example network (dt = 0.5 ms, with its
# step input), DURATION s simulated (default 10), seeds SEEDS (default 1 2 3).
#
# Usage: Benchmarks/microcircuit/speed.sh   (after Benchmarks/setup.sh and `swift build -c release`)
# Writes OUT/timing.jsonl (default Benchmarks/out/microcircuit_speed) and prints a summary with the
# load average, CPU s per simulated s, the ratio, and MesoPop's ns per history-bin update
# (CPU time / (steps x sum of the populations' history lengths K)).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/common.sh"
[ -x "$mesopop" ] || { echo "speed.sh: $mesopop missing; run 'swift build -c release'" >&2; exit 1; }
seeds="${SEEDS:-1 2 3}" out="${OUT:-$here/out/microcircuit_speed}"
timing="$out/timing.jsonl"
mkdir -p "$out" && : > "$timing"
microcircuit="$here/microcircuit/microcircuit_full.yaml"
two="$here/../Examples/configs/nest_ei_network.yaml"

for s in $seeds; do
    for net in microcircuit two; do
        cfg="$microcircuit"; [ "$net" = two ] && cfg="$two"
        "$py" "$here/peers/nest_meso.py" "$cfg" --duration "$duration" --seed "$s" --timing-only 2>/dev/null \
            | tag run=nest_meso net="$net" | tee -a "$timing"
        "$mesopop" bench "$cfg" --level meso --duration "$duration" --seed "$s" | tag run=mesopop_meso net="$net" | tee -a "$timing"
    done
done

"$py" - "$timing" > "$out/summary.md" <<'PY'
import json, sys
import numpy as np
runs = [json.loads(l) for l in open(sys.argv[1])]
# History bins per step: 8 x 500 (tau_m = 10 ms, dt = 0.1 ms, no kernel) and 2 x 2772 (the 1 s kernel).
bins = {"microcircuit": 8 * 500, "two": 2 * 2772}
print("| network | run | seeds | load (1 min) | CPU s per simulated s | NEST / MesoPop | ns per bin update |")
print("|---|---|---|---|---|---|---|")
for net in ("microcircuit", "two"):
    per = {}
    for label in ("nest_meso", "mesopop_meso"):
        rs = [r for r in runs if r["net"] == net and r["run"] == label]
        x = np.array([r["cpu_s"] / r["simulated_s"] for r in rs])
        per[label] = (x.mean(), x.std(ddof=1) / np.sqrt(len(x)) if len(x) > 1 else 0.0, len(x),
                      np.mean([r["load"] for r in rs]), np.sum([r["cpu_s"] for r in rs]) / np.sum([r["steps"] for r in rs]))
    nest = per["nest_meso"][0]
    for label, (m, se, k, load, per_step) in per.items():
        ratio = f"{nest / m:.1f}" if label == "mesopop_meso" else "1"
        print(f"| {net} | {label} | {k} | {load:.1f} | {m:.4f} ± {se:.4f} | {ratio} | {1e9 * per_step / bins[net]:.2f} |")
PY
cat "$out/summary.md"
