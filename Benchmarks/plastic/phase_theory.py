#!/usr/bin/env python3
"""Assembles the theory phase diagram of phase_theory.sh: reads OUT/freezing_g*_k*.npz and
OUT/fixed_points.npz, writes OUT/phase_theory.npz (g, k, Q0, r, phase, converged (residual < SETTLED) on the grid;
fp_g, fp_onset_k) and OUT/phase_theory.png, and prints the freezable boundary k(r = 1) per g against
the paper's. Usage: phase_theory.py OUT"""
import glob
import json
import os
import sys

import numpy as np

# Boundaries of Clark & Abbott (2024), Fig. 1(b), p = 2.5, read by eye from the published figure
# (800 dpi rendering of the PDF; about ±0.03 in g and k). Not tabulated in the paper.
PAPER_FREEZABLE = ([1.0, 1.5, 2.0, 2.5, 3.0, 3.245], [0.371, 0.76, 1.15, 1.53, 1.92, 2.10])  # (vii)/(viii): r = 1
PAPER_SEMIFREEZABLE = ([1.0, 1.5, 2.0, 2.25, 3.0, 3.245], [0.371, 0.51, 0.69, 0.78, 1.11, 1.19])  # (ii)/(vii)
PAPER_HATCHED = ([0.0, 0.48, 0.74, 1.0, 2.0, 3.245], [2.0, 1.66, 1.51, 1.39, 1.25, 1.22])  # finite-size fixed points (vi)
SETTLED = 1e-5
PAPER_G_BELOW_1 = ([0.0, 0.35, 0.74, 0.94, 1.0], [2.0, 1.81, 1.65, 1.36, 1.12])  # (iv)/(v)


def main(out):
    runs = {}
    for path in glob.glob(os.path.join(out, "freezing_g*_k*.npz")):
        m = json.loads(str(np.load(path)["meta"]))["config"]
        runs[(m["g"], m["k"])] = m
    gs, ks = sorted({g for g, _ in runs}), sorted({k for _, k in runs})
    grid = {name: np.full((len(gs), len(ks)), np.nan) for name in ("Q0", "r", "phase", "converged")}
    names = {"no aligned fixed point": 0, "semifreezable": 1, "freezable": 2}
    for (g, k), m in runs.items():
        i, j = gs.index(g), ks.index(k)
        grid["Q0"][i, j], grid["r"][i, j] = m["Q0"], m["r"]
        # A replica iteration that stopped at its limit with sup|ΔQ, ΔD| above SETTLED decides nothing:
        # phase NaN (drawn as an open square). Q and D are O(0.1–1), so 10⁻⁵ is far below the class
        # differences; the solver's own tolerance is 10⁻⁶.
        settled = m["converged"] or m["residual"] < SETTLED
        grid["phase"][i, j] = names[m["phase"]] if settled else np.nan
        grid["converged"][i, j] = float(settled)
    fp = np.load(os.path.join(out, "fixed_points.npz"))
    np.savez(os.path.join(out, "phase_theory.npz"), g=np.array(gs), k=np.array(ks), fp_g=fp["g"], fp_onset_k=fp["onset_k"],
             **grid)
    print("| g | k at r = 1 (theory, interpolated) | paper (Fig. 1b, read) | first k with an aligned fixed point | "
          "paper's semifreezable onset (read) | fixed-point onset k (Eqs. 24–26) | paper's hatched edge (read) |")
    print("|---|---|---|---|---|---|---|")
    boundary = []
    for i, g in enumerate(gs):
        q, r = grid["Q0"][i], grid["r"][i]
        live = (np.abs(q) > 1e-3) & (grid["converged"][i] == 1)
        cross = np.nan
        for j in range(len(ks) - 1):
            if live[j] and live[j + 1] and r[j] >= 1 > r[j + 1]:
                cross = ks[j] + (1 - r[j]) * (ks[j + 1] - ks[j]) / (r[j + 1] - r[j])
        boundary.append(cross)
        first = next((k for k, l in zip(ks, live) if l), np.nan)
        onset = np.interp(g, fp["g"], fp["onset_k"])
        print(f"| {g:g} | {cross:.3f} | {np.interp(g, *PAPER_FREEZABLE):.2f} | {first:g} | "
              f"{np.interp(g, *PAPER_SEMIFREEZABLE):.2f} | {onset:.3f} | {np.interp(g, *PAPER_HATCHED):.2f} |")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8.5, 4.5), constrained_layout=True)
    colors = ["#9ecae1", "#f4b6d2", "#74c476"]
    labels = ["no aligned fixed point", "aligned fixed point, r > 1 (semifreezable)", "r < 1 (freezable)"]
    for c in range(3):
        sel = grid["phase"] == c
        gg, kk = np.meshgrid(gs, ks, indexing="ij")
        ax.scatter(gg[sel], kk[sel], s=90, marker="s", color=colors[c], edgecolor="k", lw=0.5, label=f"theory: {labels[c]}")
    gg, kk = np.meshgrid(gs, ks, indexing="ij")
    sel = grid["converged"] == 0
    ax.scatter(gg[sel], kk[sel], s=90, marker="s", facecolor="none", edgecolor="k", lw=0.8, label="theory: not converged")
    ok = np.isfinite(boundary)
    ax.plot(np.array(gs)[ok], np.array(boundary)[ok], "o-", color="g", label="theory: r = 1")
    ax.plot(fp["g"], fp["onset_k"], "k.-", label="theory: onset of stable joint fixed points")
    ax.axvline(1, color="k", lw=1)
    for (x, y), style, name in [(PAPER_FREEZABLE, "g--", "(vii)/(viii) freezable"), (PAPER_SEMIFREEZABLE, "m--", "(ii)/(vii) semifreezable"),
                                (PAPER_HATCHED, "k:", "hatched (fixed points)"), (PAPER_G_BELOW_1, "y--", "(iv)/(v)")]:
        ax.plot(x, y, style, lw=1.2, label=f"paper Fig. 1(b): {name}")
    ax.set(xlabel="g", ylabel="k", xlim=(0, 3.3), ylim=(-0.2, 2.4), title="plastic rate network, p = 2.5: theory vs Fig. 1(b)")
    ax.legend(fontsize=6, bbox_to_anchor=(1.02, 1), loc="upper left")
    fig.savefig(os.path.join(out, "phase_theory.png"), dpi=120)
    print("wrote", os.path.join(out, "phase_theory.png"))


if __name__ == "__main__":
    main(sys.argv[1])
