#!/usr/bin/env bash
# One capacity measurement (burn-in 300, ages 1–20, 2 test times, C = 2.5, r1 = 0.1, c = 0.05) at
# N = 10^4 and 3·10^4: CPU seconds, and the cost per synaptic update against this machine's memory
# bandwidth (bandwidth.c). Usage: Benchmarks/double_well/perf.sh [output folder, default /tmp/mesopop-double-well]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
out="${1:-/tmp/mesopop-double-well}"; mkdir -p "$out"
(cd "$root" && swift build -c release --product mesopop >/dev/null)
bin="$root/.build/release/mesopop"
cc -O3 -pthread "$here/bandwidth.c" -o "$out/bandwidth"
"$out/bandwidth" 2 | tee "$out/bandwidth.txt"
rmw=$(awk '/read-modify-write/ {print $7}' "$out/bandwidth.txt"); rd=$(awk '/^read:/ {print $2}' "$out/bandwidth.txt")
for N in 10000 30000; do
  /usr/bin/time -f "%U %S %e %M" -o "$out/time_$N.txt" "$bin" run "$root/Examples/configs/double_well_capacity.yaml" \
    --set network.N=$N --out "$out/capacity_$N.npz" --quiet
  python3 - "$out/capacity_$N.npz" "$out/time_$N.txt" "$N" "$rmw" "$rd" <<'PY'
import sys, json, numpy as np
d = np.load(sys.argv[1]); user, sys_, wall, rss = map(float, open(sys.argv[2]).read().split())
N, rmw, rd = int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
meta = json.loads(str(d["meta"])); cfg = meta["config"]
synapses = N * (N - 1) * 0.05                     # expected count (binomial, ±0.01 %)
presentations = 300 + 20                          # burn-in + one test interval
sweeps = int(d["sweeps"].sum())
updates = synapses * (presentations + sweeps)
floor = synapses * (presentations * 12 / (rmw * 1e9) + sweeps * 8 / (rd * 1e9))
print(f"N = {N}: p_sim = {int(d['p_sim_pooled'][0])}, p_theory = {int(d['p_theory'][0])}, {sweeps} retrieval sweeps, "
      f"CPU {user + sys_:.1f} s, wall {wall:.1f} s, max RSS {rss / 1e6:.2f} GB; "
      f"{1e9 * (user + sys_) / updates:.2f} ns CPU and {1e9 * wall / updates:.2f} ns wall per synaptic update; "
      f"bandwidth floor {floor:.1f} s wall ({wall / floor:.2f}x)")
PY
done
