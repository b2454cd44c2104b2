"""Draws `mesopop plastic phase --theory` output: the simulated class per (g, k) beside the
two-replica theory's class and r. Usage: python3 phase_diagram.py PHASE.npz OUT.png"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

d = np.load(sys.argv[1])
g, k = d["g"], d["k"]
meta = json.loads(str(d["meta"]))
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), constrained_layout=True)
panels = [
    ("state", "simulation: " + meta["states"], 0, 4),
    ("theory_phase", "theory: " + meta["theory_phases"], 0, 2),
    ("theory_r", "theory: bulk radius r (freezable where r < 1)", None, None),
]
for ax, (name, title, lo, hi) in zip(axes, panels):
    image = ax.pcolormesh(k, g, d[name], shading="nearest", vmin=lo, vmax=hi, cmap="viridis")
    if name == "theory_r" and min(d[name].shape) > 1:
        ax.contour(k, g, d[name], levels=[1], colors="w")
    fig.colorbar(image, ax=ax)
    ax.set(xlabel="k", ylabel="g", title=title)
    ax.title.set_fontsize(7)
fig.suptitle(f"plastic rate network, p = {meta['p']}, N = {int(meta['N'])}")
fig.savefig(sys.argv[2], dpi=120)
print("wrote", sys.argv[2])
