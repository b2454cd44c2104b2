#!/usr/bin/env bash
# V-A3 of the single STDP synapse (STDPMemorySimulation article): Kramers–Moyal drift from the
# microscopic engine against the full and rate-only theory, and the dt dependence of the drift's zero.
# Needs `mesopop stdp synapse` (registered in the `stdp` command group).
# Knobs: TRIALS (default 100000), T (100), DT (1e-4), BATCH (5000), MUS ("0.9"), DS ("0.1 0.2"),
# MESOPOP (binary), OUT (default /tmp/mesopop-stdp-synapse).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mesopop="${MESOPOP:-$here/../../.build/release/mesopop}"
out="${OUT:-/tmp/mesopop-stdp-synapse}"
mkdir -p "$out"
for mu in ${MUS:-0.9}; do
  for D in ${DS:-0.1 0.2}; do
    /usr/bin/time -f "mu = $mu, D = $D: %U CPU s" "$mesopop" stdp synapse --mu "$mu" --D "$D" --trials "${TRIALS:-100000}" \
      --batch "${BATCH:-5000}" --T "${T:-100}" --t-warm 50 --dt "${DT:-1e-4}" --window 0.01 --lag 1 --bin 0.005 \
      --out "$out/km_mu${mu}_D${D}.npz"
  done
done
# The zero of the drift at three steps (the O(dt) effect of the engine's step order, article).
for dt in ${DTS:-1e-3 2e-4 1e-4}; do
  "$mesopop" stdp synapse --mu 0.9 --D 0.1 --trials "${ZTRIALS:-20000}" --batch "${BATCH:-5000}" --T 20 --t-warm 4 --dt "$dt" \
    --out "$out/zero_dt$dt.npz"
done
