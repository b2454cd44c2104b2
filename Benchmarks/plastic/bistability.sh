#!/usr/bin/env bash
# C12 bistability (Clark & Abbott 2024, Fig. 8, App. B): g = 2, k = 1.1, p = 45, N = 800. Networks
# (seeds SEEDS) from the starts STARTS; per run the time course of PR_A and of the speed max_i |ẋ_i|
# (low-passed over WINDOW), the fraction of time in the "slow" state (low-passed speed below SLOW) and
# the number of switches between the states. Starts: `random` (x_i(0) ~ 𝒩(0, σ²), σ = SIGMA, A(0) = 0),
# `halted` (plasticity halted for t < PREP, so the neurons are on the static network's fast chaos when A
# starts to grow), `annealed` (g = 3 for t < PREP, ramped to 2 over 50 units: A is built from the faster,
# higher-dimensional chaos of g = 3, a prepared fast state). The paper: a fast state (plasticity averaged
# out, τ = O(1), large PR_A) and a slow one (synapses drag the neurons, τ ≫ p, PR_A ≈ 1–2) between which
# finite networks switch; it does not say how its states were reached. Knobs: SEEDS (default 1), STARTS
# (default "random"), SIGMA (default 1), PREP (default 300), DURATION (default 3000), DT (default 0.1),
# WINDOW (default 50), SLOW (default 0.5), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-bistability
. "$here/common.sh"
prep="${PREP:-300}"
for start in ${STARTS:-random}; do
  config="$out/bistable_$start.yaml"
  sed '/^  seed:/d' "$root/Examples/configs/plastic_chaos.yaml" > "$config"
  case "$start" in
    random) ;;
    halted) printf '  protocol:\n    - {at: 0, action: halt}\n    - {at: %s, action: release}\n' "$prep" >> "$config" ;;
    annealed) printf '  protocol:\n    - {at: %s, action: set_g, g: 2, ramp: 50}\n' "$prep" >> "$config" ;;
    *) echo "unknown start $start (random, halted, annealed)" >&2; exit 64 ;;
  esac
  g0=2; [ "$start" = annealed ] && g0=3
  for seed in ${SEEDS:-1}; do
    /usr/bin/time -f "$start seed $seed: %U CPU s" "$mesopop" run "$config" --quiet --seed "$seed" \
      --set parameters.N=800 --set parameters.g=$g0 --set parameters.k=1.1 --set parameters.p=45 \
      --set parameters.x0_sigma="${SIGMA:-1}" --set simulation.dt="${DT:-0.1}" --set simulation.record_interval=1 \
      --set simulation.record_units=20 --set simulation.duration="${DURATION:-3000}" --out "$out/bistable_${start}_s$seed.npz"
  done
done
python3 - "$out" "${WINDOW:-50}" "${SLOW:-0.5}" "$prep" <<'PY'
import glob, sys
import numpy as np
out, window, slow, prep = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print("| start, seed | time | PR_A (mean over the interval) | low-passed speed | state |")
print("|---|---|---|---|---|")
runs, summary = [], []
for f in sorted(glob.glob(f"{out}/bistable_*_s*.npz")):
    d = np.load(f)
    t, pr, v = d["t"], d["PR_A"].ravel(), d["speed"].ravel()
    n = max(1, int(round(window / (t[1] - t[0]))))
    lp = np.convolve(v, np.ones(n) / n, mode="same")
    label = f.split("bistable_")[1][:-4].replace("_s", ", seed ")
    runs.append((label, t, pr, lp))
    t0 = window + (0 if label.startswith("random") else prep)  # after the preparation and one window
    for lo in np.arange(0, t[-1], t[-1] / 6):
        sel = (t >= lo) & (t < lo + t[-1] / 6) & (t >= t0)
        if sel.any():
            m = np.mean(lp[sel])
            print(f"| {label} | {lo:.0f}–{lo + t[-1] / 6:.0f} | {np.mean(pr[sel]):.2f} | {m:.3f} | {'slow' if m < slow else 'fast'} |")
    late = (t >= t0) & (t <= t[-1] - window / 2)  # the "same" convolution is biased in the last half window
    state = lp[late] < slow
    # A switch: the thresholded state changes and the new state lasts at least one window.
    runs_of = np.split(state, np.flatnonzero(np.diff(state.astype(int))) + 1)
    kept = [r[0] for r in runs_of if len(r) * (t[1] - t[0]) >= window]
    switches = sum(a != b for a, b in zip(kept, kept[1:]))
    summary.append((label, np.mean(state), switches, np.mean(pr[late][state]) if state.any() else np.nan,
                    np.mean(pr[late][~state]) if (~state).any() else np.nan, t[late][0], t[late][-1]))
print("| start, seed | analysed | fraction of time slow | switches (states lasting ≥ window) | mean PR_A slow / fast |")
print("|---|---|---|---|---|")
for label, frac, sw, prs, prf, a, b in summary:
    print(f"| {label} | {a:.0f}–{b:.0f} | {frac:.2f} | {sw} | {prs:.2f} / {prf:.2f} |")
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit()
fig, ax = plt.subplots(2, 1, figsize=(7, 4.5), sharex=True, constrained_layout=True)
for label, t, pr, lp in runs:
    ax[0].plot(t, lp, lw=0.8, label=label)
    ax[1].plot(t, pr, lw=0.8, label=label)
ax[0].axhline(slow, color="k", lw=0.5, ls=":")
if any(not label.startswith("random") for label, *_ in runs):
    for a in ax:
        a.axvline(prep, color="k", lw=0.5, ls="--")  # end of the preparation (halted or g = 3)
ax[0].set(ylabel=f"speed, low-passed ({window:g})", yscale="log")
ax[1].set(ylabel="PR_A", xlabel="t (neuronal time constants)")
ax[0].legend(fontsize=7)
fig.suptitle("g = 2, k = 1.1, p = 45, N = 800 (Clark & Abbott 2024, Fig. 8)", fontsize=8)
fig.savefig(f"{out}/bistability.png", dpi=120)
PY
