#!/usr/bin/env bash
# C2: the DMFT near the transition g = 1 + ε, k < 1 (Clark & Abbott 2024, Eq. 13): to leading order
# C(0) = ε/(1 − k) and C(τ) = C(0) sech(C(0) τ/√3). Solves the DMFT at EPS × KS (p = 2.5) with a
# coarse step (h = 0.5, 1 at ε ≤ 0.01: the correlation time is ~ √3/C(0)), a lag window of
# 8√3(1 − k)/ε, the quasi-Newton iteration from the near-critical start (shift μ = 0 at k = 0, 0.2
# otherwise; SHIFT overrides) stopped when the step is below 10⁻⁴ ε, and prints C(0)(1 − k)/ε and the largest
# deviation of C(τ)/C(0) from the sech shape. At k = 0 it also prints the exact SCS value.
# Knobs: EPS (default "0.01 0.02 0.04"), KS (default "-0.5 0 0.5"), PATHS (default 100), SHIFT, OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-critical
. "$here/common.sh"
for eps in ${EPS:-0.01 0.02 0.04}; do
  for k in ${KS:--0.5 0 0.5}; do
    g=$(python3 -c "print(1 + $eps)")
    window=$(python3 -c "print(round(8 * 3 ** 0.5 * (1 - $k) / $eps))")
    h=$(python3 -c "print(1.0 if $eps <= 0.01 else 0.5)")
    shift=${SHIFT:-$(python3 -c "print(0 if $k == 0 else 0.2)")}
    tol=$(python3 -c "print(1e-4 * $eps)")
    /usr/bin/time -f "eps $eps k $k: %U CPU s" "$mesopop" plastic dmft --g "$g" --k="$k" --p 2.5 --dt "$h" --paths "${PATHS:-100}" \
      --lag-window "$window" --duration "$((20 * window))" --tolerance "$tol" --newton --newton-shift "$shift" \
      --near-critical-start --max-iterations 80 --out "$out/dmft_e${eps}_k$k.npz" || echo "eps $eps k $k: failed"
  done
done
python3 - "$out" <<'PY'
import glob, json, sys
import numpy as np
from scipy.optimize import brentq
z, w = np.polynomial.hermite_e.hermegauss(200)
w = w / w.sum()
def scs(g):  # SCS: Δ₀²/2 = g² Var[ln cosh(√Δ₀ z)], C(0) = ⟨tanh²(√Δ₀ z)⟩
    lc = lambda d: np.log(np.cosh(np.sqrt(d) * z))
    d = brentq(lambda d: d * d / 2 - g * g * (np.sum(w * lc(d) ** 2) - np.sum(w * lc(d)) ** 2), 1e-6, 5)
    return np.sum(w * np.tanh(np.sqrt(d) * z) ** 2)
print("| ε | k | C(0) ± s.e. | C(0)(1 − k)/ε | max |C/C(0) − sech(C(0)τ/√3)| | iterations | converged | SCS C(0) (k = 0) |")
print("|---|---|---|---|---|---|---|---|")
for f in sorted(glob.glob(f"{sys.argv[1]}/dmft_e*.npz")):
    d = np.load(f)
    m = json.loads(str(d["meta"]))["config"]
    eps, k, c = m["g"] - 1, m["k"], d["C"].ravel()
    shape = 1 / np.cosh(c[0] * d["t"] / 3 ** 0.5)
    exact = f"{scs(1 + eps):.6f}" if k == 0 else ""
    print(f"| {eps:.2f} | {k:g} | {c[0]:.6f} ± {d['C_se'].ravel()[0]:.6f} | {c[0] * (1 - k) / eps:.3f} | "
          f"{np.max(np.abs(c / c[0] - shape)):.3f} | {m['iterations']:.0f} | {m['converged']} | {exact} |")
PY
