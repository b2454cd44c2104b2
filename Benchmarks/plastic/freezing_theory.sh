#!/usr/bin/env bash
# Two-replica fixed-point theory of freezing (Clark & Abbott 2024, Sec. VII): Q(0), D, ρ(0), r and the
# class at g = 2.25, p = 2.5 for KS (default C8's 0.6 1.2 1.55), and near the transition (C7) at
# g = 1 + ε for EPS × KC against the leading order of Eqs. (36–39): D = uε with h(u; k) = k, Q(0)² =
# D(D − ε)/k, r = 1 − D + ε, so the freezable onset is k = 2/(√3π) ≈ 0.3676 as ε → 0. Near g = 1 the
# DMFT uses the quasi-Newton iteration from the near-critical start (h = 0.25, lag window
# 10√3(1 − k)/ε) with Anderson mixing of depth DEPTH, and both iterations stop on the estimated distance
# to the fixed point (residual/(1 − λ̂) < 10⁻⁴ε, at most MAXIT iterations); per ε the table gives the
# onset estimates k at Q(0)² = 0 (linear fit in k) and at r = 1 (the freezable onset, C7).
# Knobs: KS (empty: skip C8), EPS (default empty: skip C7; try "0.2 0.1 0.05"), KC (default "0.45 0.55 0.65";
# per ε as KC_<ε without the dot, e.g. KC_01="0.4 0.5"), DEPTH (default 5), MAXIT (default 600), PATHS, RPATHS, OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-freezing-theory
. "$here/common.sh"
for k in ${KS-0.6 1.2 1.55}; do
  "$mesopop" plastic freezing --g 2.25 --k="$k" --p 2.5 --dt 0.1 --paths "${PATHS:-100}" --duration 200 \
    --replica-paths "${RPATHS:-50}" --replica-duration 300 --out "$out/c8_k$k.npz"
done
for eps in ${EPS:-}; do
  per_eps="KC_${eps//./}"
  for k in ${!per_eps:-${KC:-0.45 0.55 0.65}}; do
    g=$(python3 -c "print(1 + $eps)")
    window=$(python3 -c "print(round(10 * 3 ** 0.5 * (1 - $k) / $eps))")
    /usr/bin/time -f "C7 eps $eps k $k: %U CPU s" "$mesopop" plastic freezing --g "$g" --k="$k" --p 2.5 --dt 0.25 \
      --lag-window "$window" --paths "${PATHS:-100}" --duration "$((10 * window))" --replica-paths "${RPATHS:-50}" \
      --replica-duration "$((10 * window))" --newton --newton-shift 0.2 --near-critical-start \
      --newton-anderson-depth "${DEPTH:-5}" --stop-on-distance --max-iterations "${MAXIT:-600}" \
      --tolerance "$(python3 -c "print(1e-4 * $eps)")" --replica-tolerance "$(python3 -c "print(1e-4 * $eps)")" \
      --replica-max-iterations "${MAXIT:-600}" --out "$out/c7_e${eps}_k$k.npz" \
      || echo "C7 eps $eps k $k: failed"
  done
done
if [ -n "${EPS:-}" ]; then python3 - "$out" <<'PY'
import glob, json, sys
import numpy as np
from scipy.optimize import brentq
from scipy.special import digamma
def h(u, k):  # Eq. (39)
    b = 3 ** 0.5 * (1 - k) * (u - 1)
    return 2 / 3 ** 0.5 / (digamma((b + 3) / 4) - digamma((b + 1) / 4))
print("| ε | k | C(0)(1 − k)/ε | DMFT converged (iterations) | Q(0) | D/ε | r | replica converged (iterations) | leading order: Q(0), D/ε, r |")
print("|---|---|---|---|---|---|---|---|---|")
rows = {}
for f in sorted(glob.glob(f"{sys.argv[1]}/c7_e*.npz")):
    m = json.loads(str(np.load(f)["meta"]))["config"]
    eps, k = round(m["g"] - 1, 6), m["k"]
    lead = "none (k < 2/(√3π))"
    if k > h(1, k):
        u = brentq(lambda u: h(u, k) - k, 1, 50)
        lead = f"{eps * (u * (u - 1) / k) ** 0.5:.4f}, {u:.3f}, {1 - (u - 1) * eps:.4f}"
    print(f"| {eps:g} | {k:g} | {m['C0'] * (1 - k) / eps:.3f} | {m['dmft_converged']} ({m.get('dmft_iterations', 0):.0f}) | "
          f"{m['Q0']:.4f} | {m['D'] / eps:.3f} | {m['r']:.4f} | {m['converged']} ({m['iterations']:.0f}) | {lead} |")
    rows.setdefault(eps, []).append((k, m["Q0"], m["r"]))
print("| ε | onset k from Q(0)² → 0 (linear fit) | onset k from r = 1 (linear interpolation) |")
print("|---|---|---|")
for eps, r in sorted(rows.items()):
    k, q, rad = (np.array(c) for c in zip(*sorted(r)))
    live = q > 1e-3 * eps
    fit = -np.polyfit(k[live], q[live] ** 2, 1)[1] / np.polyfit(k[live], q[live] ** 2, 1)[0] if live.sum() >= 2 else np.nan
    cross = np.nan
    for i in range(len(k) - 1):
        if live[i] and live[i + 1] and (rad[i] - 1) * (rad[i + 1] - 1) <= 0:
            cross = k[i] + (1 - rad[i]) * (k[i + 1] - k[i]) / (rad[i + 1] - rad[i])
    print(f"| {eps:g} | {fit:.4f} | {cross:.4f} (all r < 1: {bool(np.all(rad[live] < 1))}) |")
print(f"limit 2/(√3π) = {2 / (3 ** 0.5 * np.pi):.5f}")
PY
fi
