#!/usr/bin/env bash
# Two-replica fixed-point theory of freezing (Clark & Abbott 2024, Sec. VII): Q(0), D, ρ(0), r and the
# class at g = 2.25, p = 2.5 for KS (default C8's 0.6 1.2 1.55), and near the transition (C7) at
# g = 1 + ε for EPS × KC against the leading order of Eqs. (36–39) (`nearCriticalFreezing`).
# Knobs: KS, EPS (default empty: skip C7; try "0.05"), KC (default "0.5 0.6"), PATHS, RPATHS, OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-freezing-theory
. "$here/common.sh"
for k in ${KS:-0.6 1.2 1.55}; do
  "$mesopop" plastic freezing --g 2.25 --k="$k" --p 2.5 --dt 0.1 --paths "${PATHS:-100}" --duration 200 \
    --replica-paths "${RPATHS:-50}" --replica-duration 300 --out "$out/c8_k$k.npz"
done
for eps in ${EPS:-}; do
  for k in ${KC:-0.5 0.6}; do
    g=$(python3 -c "print(1 + $eps)")
    window=$(python3 -c "print(round(10 * 3 ** 0.5 * (1 - $k) / $eps))")
    "$mesopop" plastic freezing --g "$g" --k="$k" --p 2.5 --dt 0.25 --lag-window "$window" --paths "${PATHS:-100}" \
      --duration "$((10 * window))" --replica-paths "${RPATHS:-50}" --replica-duration "$((10 * window))" \
      --out "$out/c7_e${eps}_k$k.npz"
  done
done
