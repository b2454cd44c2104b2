#!/usr/bin/env bash
# Benchmarks of the microscopic engine on NEST's gif_pop_psc_exp example network
# (Examples/configs/nest_ei_network.yaml: 800/200 GIF neurons, p = 0.2, dt = 0.5 ms) at scales 1, 4
# and 16 (N ×k, p fixed, J ×1/k so that the rates stay the same and the synaptic events grow with the
# synapses), static and with STP on the excitatory connections, 1 and 2 threads.
#
#   bash scripts/bench-micro.sh [DURATION_S] [REPEATS]
#
# Prints one line per case: CPU and wall seconds per simulated second (best of REPEATS, whole run
# including building the synapses), peak resident memory, and bytes per synapse: of the whole process,
# and above the process of a 10-neuron network (runtime, libraries, recording). Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
repeats=${2:-3}
swift build -c release --product mesopop >/dev/null
bin="$(swift build -c release --show-bin-path)/mesopop"
config=Examples/configs/nest_ei_network.yaml

scale_args() {
  local k=$1
  python3 - "$k" <<'EOF'
import sys
k = int(sys.argv[1])
for a in [f"populations[0].N={800*k}", f"populations[1].N={200*k}", f"connections[0].J={0.3/k}",
          f"connections[1].J={0.3/k}", f"connections[2].J={-1.5/k}", f"connections[3].J={-1.5/k}"]:
    print("--set"); print(a)
EOF
}

baseline=$( { /usr/bin/time -f "%M" "$bin" bench "$config" --level micro --duration "$duration" \
              --set populations[0].N=5 --set populations[1].N=5 >/dev/null; } 2>&1 | tail -1)
printf "%-6s %-7s %-7s %12s %12s %10s %10s %10s\n" scale synapse threads "cpu_s/sim_s" "wall_s/sim_s" "peak_MB" "B/synapse" "B/syn_net"
for k in 1 4 16; do
  mapfile -t scaled < <(scale_args "$k")
  synapses=$((1000 * k * 200 * k))
  for mode in static stp; do
    stp=()
    if [ "$mode" = stp ]; then
      stp=(--set "connections[0].stp={U: 0.2, tau_D: 0.3}" --set "connections[1].stp={U: 0.2, tau_D: 0.3}")
    fi
    for threads in 1 2; do
      best_cpu=""; best_wall=""; peak=""
      for _ in $(seq "$repeats"); do
        out=$( { /usr/bin/time -f "%M" "$bin" bench "$config" --level micro --duration "$duration" \
                 "${scaled[@]}" "${stp[@]}" --set "micro.threads=$threads"; } 2>&1 )
        json=$(echo "$out" | head -1); rss=$(echo "$out" | tail -1)
        read -r cpu wall < <(python3 -c "import json,sys; r=json.loads(sys.argv[1]); print(r['build_cpu_s'] + r['cpu_s'], r['build_wall_s'] + r['wall_s'])" "$json")
        if [ -z "$best_cpu" ] || python3 -c "import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))" "$cpu" "$best_cpu"; then
          best_cpu=$cpu; best_wall=$wall
        fi
        peak=$rss
      done
      python3 -c "
import sys
k, mode, threads, cpu, wall, rss, syn, d, base = sys.argv[1:]
d = float(d)
print(f'{k:<6} {mode:<7} {threads:<7} {float(cpu)/d:12.5f} {float(wall)/d:12.5f} {int(rss)/1024:10.1f} {int(rss)*1024/int(syn):10.2f} {(int(rss)-int(base))*1024/int(syn):10.2f}')
" "$k" "$mode" "$threads" "$best_cpu" "$best_wall" "$peak" "$synapses" "$duration" "$baseline"
    done
  done
done
