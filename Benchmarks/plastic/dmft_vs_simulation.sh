#!/usr/bin/env bash
# DMFT C(τ) against simulated networks (Clark & Abbott 2024, Fig. 2a) at g = 2, p = 2.5,
# k ∈ {−2, 0, 1}: one DMFT solution per k (same step as the network, dt = 0.05) and SEEDS networks of
# N neurons recording every neuron; compare_correlation.py prints the table and draws the figure.
# Knobs: KS (default "-2 0 1"), SEEDS (default "1 2"), N (default 2000), DURATION (default 400),
# T0 (default 100, discarded), OUT (default /tmp/mesopop-plastic-dmft).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-dmft
. "$here/common.sh"
for k in ${KS:--2 0 1}; do
  /usr/bin/time -f "dmft k = $k: %U CPU s" "$mesopop" plastic dmft --g 2 --k="$k" --p 2.5 --dt 0.05 --paths 400 \
    --duration 400 --out "$out/dmft_k$k.npz"
  for seed in ${SEEDS:-1 2}; do
    /usr/bin/time -f "network k = $k seed $seed: %U CPU s" "$mesopop" run "$root/Examples/configs/plastic_chaos.yaml" --quiet \
      --seed "$seed" --set parameters.k="$k" --set parameters.N="${N:-2000}" --set simulation.record_units="${N:-2000}" \
      --set simulation.duration="${DURATION:-400}" --out "$out/net_k${k}_s$seed.npz"
  done
done
python3 "$here/compare_correlation.py" --t0 "${T0:-100}" --out "$out" "$out"/dmft_k*.npz "$out"/net_k*.npz
