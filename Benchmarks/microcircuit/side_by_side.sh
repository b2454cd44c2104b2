#!/usr/bin/env bash
# MesoPop's mesoscopic engine on 1 and 2 threads (micro.threads) against NEST's gif_pop_psc_exp on
# 1 and 2 threads (total_num_virtual_procs), side by side: for each seed and network the four runs
# follow each other within a minute. Networks: the full cortical microcircuit (8 populations, 55
# connections, dt = 0.1 ms) and NEST's two-population example (Examples/configs/nest_ei_network.yaml,
# dt = 0.5 ms), DURATION s simulated (default 10), seeds SEEDS (default 1 2 3). About 2 minutes on
# an idle 2-core machine.
#
# Usage: Benchmarks/microcircuit/side_by_side.sh   (after Benchmarks/setup.sh and `swift build -c release`)
# Writes OUT/timing.jsonl (default Benchmarks/out/microcircuit_side_by_side) and OUT/summary.md: CPU
# and wall seconds per simulated second (mean ± s.e. over seeds), the load average, MesoPop's ns per
# history-bin update (CPU time / (steps × Σ K)) and per connection update (CPU time / (steps × C)),
# and every ratio NEST / MesoPop, of CPU and of wall time.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/common.sh"
[ -x "$mesopop" ] || { echo "side_by_side.sh: $mesopop missing; run 'swift build -c release'" >&2; exit 1; }
seeds="${SEEDS:-1 2 3}" out="${OUT:-$here/out/microcircuit_side_by_side}"
timing="$out/timing.jsonl"
mkdir -p "$out" && : > "$timing"
# NEST's OpenMP threads sleep instead of spinning while they wait (otherwise they burn CPU time).
export OMP_WAIT_POLICY=PASSIVE

for s in $seeds; do
    for net in microcircuit two; do
        cfg="$here/microcircuit/microcircuit_full.yaml"; [ "$net" = two ] && cfg="$here/../Examples/configs/nest_ei_network.yaml"
        for threads in 1 2; do
            "$py" "$here/peers/nest_meso.py" "$cfg" --duration "$duration" --seed "$s" --threads "$threads" --timing-only 2>/dev/null \
                | tag run=nest_meso threads="$threads" net="$net" | tee -a "$timing"
            "$mesopop" bench "$cfg" --level meso --duration "$duration" --seed "$s" --set micro.threads="$threads" \
                | tag run=mesopop_meso threads="$threads" net="$net" | tee -a "$timing"
        done
    done
done

"$py" - "$timing" > "$out/summary.md" <<'PY'
import json, sys
import numpy as np
runs = [json.loads(l) for l in open(sys.argv[1])]
# History bins per step (Σ K: 8 × 500 with τ_m = 10 ms, dt = 0.1 ms, no kernel; 2 × 2772 for the
# 1 s kernel at dt = 0.5 ms) and connections C.
bins = {"microcircuit": 8 * 500, "two": 2 * 2772}
connections = {"microcircuit": 55, "two": 4}
labels = [(r, t) for r in ("nest_meso", "mesopop_meso") for t in ("1", "2")]
def stats(rs, key):
    x = np.array([r[key] / r["simulated_s"] for r in rs])
    return x.mean(), (x.std(ddof=1) / np.sqrt(len(x)) if len(x) > 1 else 0.0)
print("| network | run | threads | seeds | load (1 min) | CPU s per simulated s | wall s per simulated s | ns per bin update (CPU) | ns per connection update (CPU) |")
print("|---|---|---|---|---|---|---|---|---|")
mean = {}
for net in ("microcircuit", "two"):
    for label, threads in labels:
        rs = [r for r in runs if r["net"] == net and r["run"] == label and r["threads"] == threads]
        if not rs:
            continue
        (cpu, cpu_se), (wall, wall_se) = stats(rs, "cpu_s"), stats(rs, "wall_s")
        mean[net, label, threads] = (cpu, wall)
        per_step = np.sum([r["cpu_s"] for r in rs]) / np.sum([r["steps"] for r in rs])
        print(f"| {net} | {label} | {threads} | {len(rs)} | {np.mean([r['load'] for r in rs]):.1f} | {cpu:.4f} ± {cpu_se:.4f} "
              f"| {wall:.4f} ± {wall_se:.4f} | {1e9 * per_step / bins[net]:.2f} | {1e9 * per_step / connections[net]:.1f} |")
print()
print("| network | NEST threads | MesoPop threads | NEST / MesoPop (CPU) | NEST / MesoPop (wall) |")
print("|---|---|---|---|---|")
for net in ("microcircuit", "two"):
    for nest_threads, ours in (("1", "1"), ("1", "2"), ("2", "2"), ("2", "1")):
        n, m = mean.get((net, "nest_meso", nest_threads)), mean.get((net, "mesopop_meso", ours))
        if n and m:
            print(f"| {net} | {nest_threads} | {ours} | {n[0] / m[0]:.1f} | {n[1] / m[1]:.1f} |")
PY
cat "$out/summary.md"
