#!/usr/bin/env bash
# C2: the DMFT near the transition g = 1 + ε, k < 1 (Clark & Abbott 2024, Eq. 13): to leading order
# C(0) = ε/(1 − k) and C(τ) = C(0) sech(C(0) τ/√3). Solves the DMFT at EPS × KS (p = 2.5) with a
# coarse step (the dynamics are slow: correlation time ~ √3/C(0)) and prints C(0)(1 − k)/ε and the
# largest deviation of C(τ)/C(0) from the sech shape. Knobs: EPS (default "0.02 0.04"), KS
# (default "-0.5 0 0.5"), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-critical
. "$here/common.sh"
for eps in ${EPS:-0.02 0.04}; do
  for k in ${KS:--0.5 0 0.5}; do
    g=$(python3 -c "print(1 + $eps)")
    window=$(python3 -c "print(round(6 * 3 ** 0.5 * (1 - $k) / $eps))")
    /usr/bin/time -f "eps $eps k $k: %U CPU s" "$mesopop" plastic dmft --g "$g" --k="$k" --p 2.5 --dt 0.5 --paths 100 \
      --lag-window "$window" --duration "$((20 * window))" --tolerance 1e-5 --out "$out/dmft_e${eps}_k$k.npz"
  done
done
python3 - "$out" <<'PY'
import glob, json, sys
import numpy as np
print("| ε | k | C(0) ± s.e. | C(0)(1 − k)/ε | max |C/C(0) − sech(C(0)τ/√3)| |")
print("|---|---|---|---|---|")
for f in sorted(glob.glob(f"{sys.argv[1]}/dmft_e*.npz")):
    d = np.load(f)
    m = json.loads(str(d["meta"]))["config"]
    eps, k, c = m["g"] - 1, m["k"], d["C"].ravel()
    shape = 1 / np.cosh(c[0] * d["t"] / 3 ** 0.5)
    print(f"| {eps:.2f} | {k:g} | {c[0]:.5f} ± {d['C_se'].ravel()[0]:.5f} | {c[0] * (1 - k) / eps:.3f} | {np.max(np.abs(c / c[0] - shape)):.3f} |")
PY
