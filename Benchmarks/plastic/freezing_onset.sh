#!/usr/bin/env bash
# C7: onset k*(ε) of the aligned fixed point of the halted network at g = 1 + ε, p = 2.5, from the
# two-replica map linearised at Q ≡ 0 (`mesopop plastic freezing-onset`: λ(k*) = 1, Brent in
# [K_LOW, K_HIGH] to ONSET_TOL), against 2/(√3π) = 0.36755 as ε → 0 (Clark & Abbott 2024, Eq. 39).
# Per ε: quasi-Newton DMFT from the sech start (h = DT, lag window WINDOW_<ε without the dot>, default
# 86 at ε = 0.2 and 20√3·0.63/ε otherwise (218 at ε = 0.1), PATHS × 10 windows, μ = 0.2, depth 5, stopped
# at estimated distance 10⁻⁴ε), then the response from RPATHS A paths of 10 windows, kicks every
# SPACING_<ε> (default 0.8/ε); one run per seed.
# Knobs: EPS (default "0.2 0.1"), SEEDS (default "11 12"), PATHS, RPATHS (200), DT (0.25),
# K_LOW/K_HIGH (0.3/0.55), ONSET_TOL (2e-3), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-freezing-onset
. "$here/common.sh"
for eps in ${EPS:-0.2 0.1}; do
  key="${eps//./}" window_key="WINDOW_${eps//./}" spacing_key="SPACING_${eps//./}"
  g=$(python3 -c "print(1 + $eps)")
  default_window=$(python3 -c "print(86 if $eps == 0.2 else round(20 * 3 ** 0.5 * 0.63 / $eps))")
  window=${!window_key:-$default_window}
  for seed in ${SEEDS:-11 12}; do
    /usr/bin/time -f "C7 onset eps $eps seed $seed: %U CPU s" "$mesopop" plastic freezing-onset --g "$g" --p 2.5 \
      --k-low "${K_LOW:-0.3}" --k-high "${K_HIGH:-0.55}" --onset-tolerance "${ONSET_TOL:-2e-3}" --dt "${DT:-0.25}" \
      --lag-window "$window" --duration "$((10 * window))" --paths "${PATHS:-200}" --replica-paths "${RPATHS:-200}" \
      --replica-duration "$((10 * window))" --start-spacing "${!spacing_key:-$(python3 -c "print(0.8 / $eps)")}" --seed "$seed" \
      --newton --newton-shift 0.2 --near-critical-start --newton-anderson-depth 5 --stop-on-distance --max-iterations 600 \
      --tolerance "$(python3 -c "print(1e-4 * $eps)")" --out "$out/onset_e${key}_s$seed.npz" || echo "C7 onset eps $eps seed $seed: failed"
  done
done
python3 - "$out" <<'PY'
import glob, json, sys
import numpy as np
rows = {}
for f in sorted(glob.glob(f"{sys.argv[1]}/onset_e*_s*.npz")):
    m = json.loads(str(np.load(f)["meta"]))["config"]
    rows.setdefault(round(m["g"] - 1, 6), []).append((m["k_onset"], m["r"], m["D"]))
print("| ε | seeds | k* per seed | mean ± s.e. | D*/ε | r at Q ≡ 0 |")
print("|---|---|---|---|---|---|")
for eps, r in sorted(rows.items()):
    k = np.array([x[0] for x in r])
    se = k.std(ddof=1) / len(k) ** 0.5 if len(k) > 1 else float("nan")
    print(f"| {eps:g} | {len(k)} | {', '.join(f'{x:.4f}' for x in k)} | {k.mean():.4f} ± {se:.4f} | {r[0][2] / eps:.4f} | {r[0][1]:.5f} |")
print(f"limit 2/(√3π) = {2 / (3 ** 0.5 * np.pi):.5f}")
PY
