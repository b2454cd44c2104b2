#!/usr/bin/env bash
# C6: at k = 0 the Jacobian bulk is the disk |1 + λ| ≤ g √⟨φ′(x)²⟩ (Clark & Abbott 2024, Eq. 21 at
# k = 0). Eigenvalues of −I + J diag φ′(x) (the x block of M̃; A = 0) at a chaotic snapshot of one
# network of N neurons, g = G; prints the largest |1 + λ|, the radius holding 99 % of the
# eigenvalues and the predicted radius from the same snapshot. Knobs: N (default 2000), G (default 2), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-bulk
. "$here/common.sh"
/usr/bin/time -f "spectrum: %U CPU s" "$mesopop" plastic spectrum --halted --g "${G:-2}" --k=0 --N "${N:-2000}" --settle 200 \
  --out "$out/spectrum.npz"
python3 - "$out/spectrum.npz" <<'PY'
import json, sys
import numpy as np
d = np.load(sys.argv[1])
m = json.loads(str(d["meta"]))
radius = np.abs(1 + d["re"] + 1j * d["im"])
predicted = m["g"] * np.sqrt(np.mean((1 - np.tanh(d["x"]) ** 2) ** 2))
print(f"N = {m['N']:.0f}, g = {m['g']}: max |1 + λ| = {radius.max():.4f}, 99 % radius = {np.quantile(radius, 0.99):.4f}, "
      f"predicted g√⟨φ′²⟩ = {predicted:.4f}; edge/prediction = {radius.max() / predicted:.4f}")
PY
