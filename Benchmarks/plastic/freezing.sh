#!/usr/bin/env bash
# Freezing and fixed points of the plastic rate network (Clark & Abbott 2024):
#  C8  the three classes at g = 2.25, p = 2.5: k = 0.6 nonfreezable, 1.2 semifreezable, 1.55 freezable
#      (Fig. 7a), N = 1000, SEEDS networks each (`mesopop plastic phase`, settle 300, halt 200);
#  Fig. 7(b) control: g = 2.5, k = 2.55 — halt A at 200, shuffle J at 300, release A at 400: the fixed
#      point of the halted network disappears after the shuffle (speed before/after, from `mesopop run`);
#  C9  settling to a joint fixed point at g = 2, k = 2.25, p = 2.5, N = 300: fraction of SEEDS9 networks
#      at a fixed point after T = 1000.
# Knobs: SEEDS (default "1 2 3 4 5"), SEEDS9 (default "1 … 10"), N (default 1000), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-freezing
. "$here/common.sh"
for seed in ${SEEDS:-1 2 3 4 5}; do
  /usr/bin/time -f "C8 seed $seed: %U CPU s" "$mesopop" plastic phase --g 2.25 --k 0.6,1.2,1.55 --p 2.5 --N "${N:-1000}" \
    --settle 300 --halt 200 --seed "$seed" --out "$out/classes_s$seed.npz"
done
for seed in ${SEEDS:-1 2 3 4 5}; do
  "$mesopop" run "$root/Examples/configs/plastic_freezing.yaml" --quiet --seed "$seed" --set parameters.N="${N:-1000}" \
    --set parameters.g=2.5 --set parameters.k=2.55 --set simulation.duration=500 \
    --set "simulation.protocol=[{at: 200, action: halt}, {at: 300, action: shuffle_J}, {at: 400, action: release}]" \
    --out "$out/shuffle_s$seed.npz"
done
for seed in ${SEEDS9:-1 2 3 4 5 6 7 8 9 10}; do
  "$mesopop" plastic phase --g 2 --k 2.25 --p 2.5 --N 300 --settle 1000 --halt 1 --seed "$seed" --out "$out/settle_s$seed.npz"
done
python3 - "$out" <<'PY'
import glob, sys
import numpy as np
out = sys.argv[1]
names = ["quiescent", "fixed point", "nonfreezable", "semifreezable", "freezable"]
print("C8 (g = 2.25, p = 2.5): state per seed, overlap, speed after halting")
for f in sorted(glob.glob(f"{out}/classes_s*.npz")):
    d = np.load(f)
    row = ", ".join(f"k = {k:g}: {names[s]} (overlap {o:.2f}, speed {v:.1e})"
                    for k, s, o, v in zip(d["k"], d["state"][0], d["overlap"][0], d["speed_after"][0]))
    print(f"  {f.split('/')[-1]}: {row}")
print("Fig. 7(b) control (g = 2.5, k = 2.55): median speed in [280, 300) (halted) and [380, 400) (halted, J shuffled)")
for f in sorted(glob.glob(f"{out}/shuffle_s*.npz")):
    d = np.load(f)
    t, v = d["t"], d["speed"].ravel()
    print(f"  {f.split('/')[-1]}: {np.median(v[(t >= 280) & (t < 300)]):.2e} -> {np.median(v[(t >= 380) & (t < 400)]):.2e}")
states = [int(np.load(f)["state"][0, 0]) for f in sorted(glob.glob(f"{out}/settle_s*.npz"))]
print(f"C9 (g = 2, k = 2.25, N = 300, T = 1000): {states.count(1)} of {len(states)} networks at a joint fixed point; states {states}")
PY
