#!/usr/bin/env bash
# Phase diagram over (g, k) at p = 2.5 from theory (Clark & Abbott 2024, Fig. 1b): the two-replica
# fixed point (`mesopop plastic freezing`: Q(0), r, class) on a grid of GS × KS, the onset of stable
# joint fixed points (`mesopop plastic fixed-points`, Eqs. 24–26) over FP_GS, and the trivial point's
# stability line g = 1. phase_theory.py writes the arrays (phase_theory.npz) and phase_theory.png with
# the paper's boundaries as read from its Fig. 1(b).
# Knobs: GS (default "1.5 2 2.5 3"), KS (default "0.5 0.75 1 1.25 1.5 1.75 2 2.25"), FP_GS, PATHS,
# RPATHS, OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-phase-theory
. "$here/common.sh"
fp_gs=$(echo ${FP_GS:-0.05 0.2 0.4 0.6 0.7 0.8 0.9 0.95 1 1.1 1.25 1.5 2 2.5 3} | tr ' ' ',')
/usr/bin/time -f "fixed points: %U CPU s" "$mesopop" plastic fixed-points --g "$fp_gs" --s-min 1.001 --s-max 3 \
  --s-points 80 --out "$out/fixed_points.npz"
for g in ${GS:-1.5 2 2.5 3}; do
  for k in ${KS:-0.5 0.75 1 1.25 1.5 1.75 2 2.25}; do
    "$mesopop" plastic freezing --g "$g" --k="$k" --p 2.5 --dt 0.1 --paths "${PATHS:-100}" --duration 200 \
      --replica-paths "${RPATHS:-50}" --replica-duration 300 --out "$out/freezing_g${g}_k$k.npz" \
      || echo "g $g k $k: failed"
  done
done
python3 "$here/phase_theory.py" "$out"
