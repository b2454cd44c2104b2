#!/usr/bin/env bash
# C10, rank of A (Clark & Abbott 2024, Eq. 23): the time average of PR_A = (tr A)²/‖A‖_F² in simulated
# networks against the DMFT's p/T, T = ∫_0^∞ e^{−τ/p} [C(τ)/C(0)]² dτ, at g = 3, k = 0.5, p = 2.5.
# Per seed the average over t ≥ T0 (A starts at 0); the s.e. is the spread over seeds / √seeds.
# Knobs: SEEDS (default "1 2 3 4"), N (default 1000), DURATION (default 400), T0 (default 100), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-pr
. "$here/common.sh"
/usr/bin/time -f "dmft: %U CPU s" "$mesopop" plastic dmft --g 3 --k 0.5 --p 2.5 --dt 0.05 --paths 400 --duration 400 \
  --out "$out/dmft.npz"
for seed in ${SEEDS:-1 2 3 4}; do
  /usr/bin/time -f "network seed $seed: %U CPU s" "$mesopop" run "$root/Examples/configs/plastic_chaos.yaml" --quiet \
    --seed "$seed" --set parameters.g=3 --set parameters.k=0.5 --set parameters.N="${N:-1000}" \
    --set simulation.record_units=1 --set simulation.duration="${DURATION:-400}" --out "$out/net_s$seed.npz"
done
python3 - "$out" "${T0:-100}" <<'PY'
import glob, json, sys
import numpy as np
out, t0 = sys.argv[1], float(sys.argv[2])
theory = json.loads(str(np.load(f"{out}/dmft.npz")["meta"]))["config"]
pr = [float(np.load(f)["PR_A"][np.load(f)["t"] >= t0].mean()) for f in sorted(glob.glob(f"{out}/net_s*.npz"))]
mean, se = np.mean(pr), np.std(pr, ddof=1) / np.sqrt(len(pr))
print(f"PR_A per seed: {', '.join(f'{v:.4f}' for v in pr)}")
print(f"network {mean:.4f} ± {se:.4f} (s.e., {len(pr)} seeds); DMFT p/T = {theory['PR_A']:.4f} "
      f"(C(0) = {theory['C0']:.4f}, tau* = {theory['tau_star']:.3f}); difference {(mean - theory['PR_A']) / se:.1f} s.e.")
PY
