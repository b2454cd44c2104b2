#!/usr/bin/env bash
# Stationary rates of the full cortical microcircuit: MesoPop meso and NEST gif_pop_psc_exp (SEEDS,
# default 1 2 3; DURATION s, default 10; the first T0 s discarded, default 1) against the authors'
# rates for their per-population mu (schwalger/mesopopdyn_microcircuit,
# single_run/PDmodel_C-code-tilo_NEST.py). Writes OUT (default Benchmarks/out/microcircuit_rates)
# /{mesopop,nest}-SEED.npz and prints the table (mean over seeds, s.e. across seeds).
#
# Usage: Benchmarks/microcircuit/rates.sh   (after Benchmarks/setup.sh and `swift build -c release`)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
source "$here/common.sh"
seeds="${SEEDS:-1 2 3}"
t0="${T0:-1}"
out="${OUT:-$here/out/microcircuit_rates}"
cfg="$here/microcircuit/microcircuit_full.yaml"
mkdir -p "$out"
for s in $seeds; do
    nice -n 10 "$mesopop" run "$cfg" --level meso --seed "$s" --quiet --set "simulation.duration=$duration" --out "$out/mesopop-$s.npz"
    nice -n 10 "$py" "$here/peers/nest_meso.py" "$cfg" --duration "$duration" --seed "$s" --out "$out/nest-$s.npz" >/dev/null
done
"$py" - "$out" "$t0" $seeds <<'PY'
import sys
import numpy as np
out, t0, seeds = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
names = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"]
authors = np.array([0.9736411, 2.86068612, 4.67324687, 5.64983048, 8.1409982, 9.01281818, 0.98813263, 7.53034027])
def rates(kind):
    r = []
    for s in seeds:
        d = np.load(f"{out}/{kind}-{s}.npz")
        t, A = d["t"], d["A"]
        r.append(A[t >= t0].mean(axis=0))
    r = np.array(r)
    return r.mean(axis=0), r.std(axis=0, ddof=1) / np.sqrt(len(r)) if len(r) > 1 else np.zeros(r.shape[1])
meso, meso_se = rates("mesopop")
nest, nest_se = rates("nest")
print(f"| population | authors (Hz) | MesoPop meso (Hz) | vs authors | NEST gif_pop_psc_exp (Hz) | vs authors | MesoPop vs NEST |")
print("|---|---|---|---|---|---|---|")
for k, n in enumerate(names):
    print(f"| {n} | {authors[k]:.4f} | {meso[k]:.4f} ± {meso_se[k]:.4f} | {100 * (meso[k] / authors[k] - 1):+.2f} % "
          f"| {nest[k]:.4f} ± {nest_se[k]:.4f} | {100 * (nest[k] / authors[k] - 1):+.2f} % | {100 * (meso[k] / nest[k] - 1):+.2f} % |")
PY
