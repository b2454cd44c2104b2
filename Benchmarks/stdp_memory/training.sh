#!/usr/bin/env bash
# The training network (STDPMemorySimulation article) at full size: V-A4 (one episode, the four weight
# populations at its end against the full and rate-only theory) at dt = 1e-2, 1e-3, 1e-4 tau_m, and V-A5
# (accuracy a_k of the association of episode REFERENCE after k later episodes, TRIALS trials of EPISODES
# episodes, static readout) at dt = 1e-3. Each study folder gets accuracy.npz and report.md.
# Knobs: TRIALS (4), EPISODES (30), REFERENCE (5), DTS ("1e-2 1e-3 1e-4"), SET (extra --set options,
# e.g. "--set inputs.f_c=0.1"), SHARES (1: one process; N: N processes of --index 0..N-1, then merge),
# MESOPOP (binary), OUT (default /tmp/mesopop-stdp-training).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mesopop="${MESOPOP:-$here/../../.build/release/mesopop}"
config="$here/../../Examples/configs/stdp_memory.yaml"
out="${OUT:-/tmp/mesopop-stdp-training}"
mkdir -p "$out"
for dt in ${DTS:-1e-2 1e-3 1e-4}; do
  /usr/bin/time -f "V-A4 dt = $dt: %U CPU s" "$mesopop" stdp train "$config" --out "$out/va4_dt$dt" --trials 1 \
    --set training.episodes=1 --set training.reference=0 --set simulation.dt="$dt" ${SET:-}
done
shares=${SHARES:-1}
for ((i = 0; i < shares; i++)); do
  "$mesopop" stdp train "$config" --out "$out/va5_share$i" --trials "${TRIALS:-4}" --index "$i" --of "$shares" \
    --set training.episodes="${EPISODES:-30}" --set training.reference="${REFERENCE:-5}" --set simulation.dt=1e-3 ${SET:-} &
done
wait
"$mesopop" stdp merge "$out"/va5_share*
cat "$out/va5_share0/report.md"
