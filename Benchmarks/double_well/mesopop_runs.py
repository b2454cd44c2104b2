"""Runs `mesopop run` on a double-well configuration with `--set` overrides and loads the .npz
(shared by the scripts of this folder). MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import os, subprocess
from pathlib import Path
import numpy as np

root = Path(__file__).resolve().parents[2]
binary = os.environ.get("MESOPOP_BIN", str(root / ".build/release/mesopop"))


def run(config, out, name, *sets):
    """Runs `config` with every `key=value` of `sets`, writes OUT/NAME.npz and returns it loaded."""
    target = Path(out) / f"{name}.npz"
    args = [binary, "run", str(config), "--out", str(target), "--quiet"]
    for s in sets:
        args += ["--set", s]
    subprocess.run(args, check=True)
    return np.load(target)


def mean_se(values):
    """Mean and standard error (ddof 1) over the last axis of `values` (the realizations)."""
    v = np.asarray(values, float)
    return v.mean(axis=-1), v.std(axis=-1, ddof=1) / np.sqrt(v.shape[-1])


def figure():
    """A (fig, ax) pair in the size of this folder's figures, drawn without a display."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt.subplots(figsize=(5, 3.5))


def save(fig, ax, path, xlabel, ylabel, title):
    """Labels, title and legend of `ax`, then `fig` as a PNG at `path`."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
