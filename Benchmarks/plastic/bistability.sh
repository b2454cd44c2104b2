#!/usr/bin/env bash
# C12 bistability (Clark & Abbott 2024, Fig. 8, App. B): g = 2, k = 1.1, p = 45, N = 800. The same
# network (seed SEED) from initial conditions x_i(0) ~ 𝒩(0, σ²) for σ in SIGMAS; per run the time
# course of PR_A and of the speed max_i |ẋ_i| (low-passed over WINDOW), and the fraction of time in the
# "slow" state (low-passed speed below SLOW). The paper: a fast state (plasticity averaged out,
# τ = O(1), large PR_A) and a slow one (synapses drag the neurons, τ ≫ p, PR_A ≈ 1–2) between which
# finite networks switch. Knobs: SIGMAS (default "0.1 3"), SEED (default 1), DURATION (default 3000),
# DT (default 0.1), WINDOW (default 50), SLOW (default 0.5), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-bistability
. "$here/common.sh"
for sigma in ${SIGMAS:-0.1 3}; do
  /usr/bin/time -f "sigma $sigma: %U CPU s" "$mesopop" run "$root/Examples/configs/plastic_chaos.yaml" --quiet \
    --seed "${SEED:-1}" --set parameters.N=800 --set parameters.g=2 --set parameters.k=1.1 --set parameters.p=45 \
    --set parameters.x0_sigma="$sigma" --set simulation.dt="${DT:-0.1}" --set simulation.record_interval=1 \
    --set simulation.record_units=20 --set simulation.duration="${DURATION:-3000}" --out "$out/bistable_x0_$sigma.npz"
done
python3 - "$out" "${WINDOW:-50}" "${SLOW:-0.5}" <<'PY'
import glob, sys
import numpy as np
out, window, slow = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
print("| x0 σ | time | PR_A (mean over the interval) | low-passed speed | state |")
print("|---|---|---|---|---|")
runs = []
for f in sorted(glob.glob(f"{out}/bistable_x0_*.npz")):
    d = np.load(f)
    t, pr, v = d["t"], d["PR_A"].ravel(), d["speed"].ravel()
    n = max(1, int(round(window / (t[1] - t[0]))))
    lp = np.convolve(v, np.ones(n) / n, mode="same")
    sigma = f.split("_x0_")[1][:-4]
    runs.append((sigma, t, pr, lp))
    for lo in np.arange(0, t[-1], t[-1] / 6):
        sel = (t >= lo) & (t < lo + t[-1] / 6) & (t >= window)
        if sel.any():
            m = np.mean(lp[sel])
            print(f"| {sigma} | {lo:.0f}–{lo + t[-1] / 6:.0f} | {np.mean(pr[sel]):.2f} | {m:.3f} | {'slow' if m < slow else 'fast'} |")
    late = t >= window
    print(f"| {sigma} | fraction of time slow | | {np.mean(lp[late] < slow):.2f} | |")
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit()
fig, ax = plt.subplots(2, 1, figsize=(7, 4.5), sharex=True, constrained_layout=True)
for sigma, t, pr, lp in runs:
    ax[0].plot(t, lp, lw=0.8, label=f"x(0) σ = {sigma}")
    ax[1].plot(t, pr, lw=0.8, label=f"x(0) σ = {sigma}")
ax[0].axhline(slow, color="k", lw=0.5, ls=":")
ax[0].set(ylabel=f"speed, low-passed ({window:g})", yscale="log")
ax[1].set(ylabel="PR_A", xlabel="t (neuronal time constants)")
ax[0].legend(fontsize=7)
fig.suptitle("g = 2, k = 1.1, p = 45, N = 800 (Clark & Abbott 2024, Fig. 8)", fontsize=8)
fig.savefig(f"{out}/bistability.png", dpi=120)
PY
