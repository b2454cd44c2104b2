#!/usr/bin/env bash
# Fixed-point mean field (Clark & Abbott 2024, Sec. VI, Eqs. 24–26): for each g in GS the curve k(s)
# over the self-coupling s = kC(0), with C(0) and log2(#)/N, and the onset (smallest k). The paper
# states the onset is discontinuous (log2(#)/N > 0 at the onset) for g < 0.76 and that
# log2(#)/N grows with k and saturates at 1; at g → 0 the onset is k_c = 2.017 (C3).
# Knobs: GS (default "0.05 0.5 0.6 0.7 0.72 0.74 0.76 0.78 0.8 0.9 1 1.5 2"), S_MIN, S_MAX, S_POINTS, OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-fixed-points
. "$here/common.sh"
gs=$(echo ${GS:-0.05 0.5 0.6 0.7 0.72 0.74 0.76 0.78 0.8 0.9 1 1.5 2} | tr ' ' ',')
/usr/bin/time -f "%U CPU s" "$mesopop" plastic fixed-points --g "$gs" --s-min "${S_MIN:-1.001}" --s-max "${S_MAX:-3}" \
  --s-points "${S_POINTS:-80}" --out "$out/fixed_points.npz"
python3 - "$out/fixed_points.npz" <<'PY'
import sys
import numpy as np
d = np.load(sys.argv[1])
print("| g | onset k | s at onset | C(0) at onset | log2(#)/N at onset | log2(#)/N at k = onset + 0.5 |")
print("|---|---|---|---|---|---|")
for i, g in enumerate(d["g"]):
    k, n = d["k"][i], d["log2_count"][i]
    ok = np.isfinite(k)
    later = np.interp(d["onset_k"][i] + 0.5, k[ok][np.argmin(k[ok]):], n[ok][np.argmin(k[ok]):]) if ok.sum() > 1 else np.nan
    print(f"| {g:g} | {d['onset_k'][i]:.4f} | {d['onset_s'][i]:.4f} | "
          f"{np.interp(d['onset_s'][i], d['s'][ok], d['C0'][i][ok]) if ok.any() else np.nan:.4f} | {d['onset_log2_count'][i]:.4f} | {later:.3f} |")
PY
