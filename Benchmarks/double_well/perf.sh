#!/usr/bin/env bash
# One capacity measurement (burn-in 300, ages 1–20, 2 test times, C = 2.5, r1 = 0.1, c = 0.05) at
# N = 10^4 and 3·10^4: CPU seconds; and the cost of a learning step per synapse (a run of 300
# presentations and one retrieval at N = 3·10^4) against this machine's memory bandwidth
# (bandwidth.c: a presentation reads and writes the Float32 weight and reads the UInt32 index,
# 12 bytes per synapse, the traffic of bandwidth.c's a = a·s + b), both per CPU second, which a
# loaded machine does not inflate as it does the wall time. Usage:
#   [MESOPOP_BIN=…] Benchmarks/double_well/perf.sh [output folder, default /tmp/mesopop-double-well]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
out="${1:-/tmp/mesopop-double-well}"; mkdir -p "$out"
# MESOPOP_BIN: a release binary already built (otherwise this builds one).
if [ -z "${MESOPOP_BIN:-}" ]; then (cd "$root" && swift build -c release --product mesopop >/dev/null); fi
bin="${MESOPOP_BIN:-$root/.build/release/mesopop}"; config="$root/Examples/configs/double_well_capacity.yaml"
cc -O3 -pthread "$here/bandwidth.c" -o "$out/bandwidth"
"$out/bandwidth" 2 | tee "$out/bandwidth.txt"
rmw=$(awk '/read-modify-write/ {print $(NF-4)}' "$out/bandwidth.txt")   # GB per CPU second
uptime
report() { # name, then the bench JSON file and the /usr/bin/time file
  python3 - "$@" "$rmw" <<'PY'
import sys, json
name, bench, timing, rmw = sys.argv[1], json.load(open(sys.argv[2])), open(sys.argv[3]).read().split(), float(sys.argv[4])
per = bench["cpu_ns_per_synaptic_update"]
print(f"{name}: p_sim = {bench['p_sim']}, p_theory = {bench['p_theory']}, {bench['retrieval_sweeps']} retrieval sweeps, "
      f"{bench['presentations']:.0f} presentations of {bench['synapses']:.3g} synapses; CPU {bench['cpu_s']:.1f} s, wall {bench['wall_s']:.1f} s, "
      f"max RSS {float(timing[3]) / 1e6:.2f} GB; {per:.2f} CPU ns per presented synapse (retrieval included) against "
      f"12 B / ({rmw} GB per CPU s) = {12 / rmw:.2f} CPU ns ({per / (12 / rmw):.2f}x)")
PY
}
run() { # name, then --set arguments
  local name=$1; shift
  /usr/bin/time -f "%U %S %e %M" -o "$out/time_$name.txt" "$bin" bench "$config" "$@" > "$out/bench_$name.json"
  report "$name" "$out/bench_$name.json" "$out/time_$name.txt"
}
run learning_30000 --set network.N=30000 --set protocol.max_age=1 --set protocol.test_times=1
for N in 10000 30000; do run capacity_$N --set network.N=$N; done
