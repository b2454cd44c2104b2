"""Figures of a `mesopop compare` folder: population activity, power spectra, Up/Down dwell times
and STP traces, micro vs meso. Reads DIR/report.json and DIR/{micro,meso}-K.npz; writes PNGs to
DIR/figures/ and prints the name of every figure it wrote (one per line).

Usage: python3 plot_comparison.py DIR
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

COLORS = {"micro": "tab:gray", "meso": "tab:red"}


def boxcar(x, width):
    """Centred moving average over `width` samples (same length)."""
    width = max(1, int(width))
    return np.convolve(x, np.ones(width) / width, mode="same")


def save(fig, folder, name):
    fig.tight_layout()
    fig.savefig(folder / name, dpi=110)
    plt.close(fig)
    print(name)


def activity(runs, report, names, folder):
    t0 = report["transient_s"]
    fig, axes = plt.subplots(len(names), 1, figsize=(10, 2.6 * len(names)), squeeze=False)
    for ax, (j, name) in zip(axes[:, 0], enumerate(names)):
        for level in ("micro", "meso"):
            t, A = runs[level]["t"], runs[level]["A"][:, j]
            dt = t[1] - t[0]
            window = (t >= t0) & (t < t0 + 20)
            ax.plot(t[window], boxcar(A, 0.01 / dt)[window], color=COLORS[level], lw=0.8, label=f"{level} (10 ms boxcar)")
        ud = report["populations"][name]["micro"]["up_down"]
        for key in ("theta_hi", "theta_lo"):
            if ud.get(key) is not None:
                ax.axhline(ud[key], color="k", lw=0.5, ls=":")
        ax.set_title(f"population {name}: activity, trial 0")
        ax.set_xlabel("time (s)")
        ax.set_ylabel("A (Hz)")
        ax.legend(loc="upper right", fontsize=8)
    save(fig, folder, "activity.png")


def mean_activity(folder, report, names, figures):
    """Trial-averaged A(t) of both levels (the response to the inputs), 10 ms bins."""
    fig, axes = plt.subplots(len(names), 1, figsize=(10, 2.6 * len(names)), squeeze=False)
    for ax, (j, name) in zip(axes[:, 0], enumerate(names)):
        for level in ("micro", "meso"):
            runs = sorted(folder.glob(f"{level}-*.npz"))
            A = np.mean([np.load(f)["A"][:, j] for f in runs], axis=0)
            t = np.load(runs[0])["t"]
            per = max(1, int(round(0.01 / (t[1] - t[0]))))
            n = len(A) // per
            ax.plot(t[: n * per : per], A[: n * per].reshape(n, per).mean(axis=1), color=COLORS[level], lw=0.9,
                    label=f"{level}, mean of {len(runs)} trials")
        ax.set_title(f"population {name}: trial-averaged activity (10 ms bins)")
        ax.set_xlabel("time (s)")
        ax.set_ylabel("A (Hz)")
        ax.legend(loc="upper right", fontsize=8)
    save(fig, figures, "mean_activity.png")


def spectra(report, names, folder):
    fig, axes = plt.subplots(1, len(names), figsize=(5 * len(names), 3.6), squeeze=False)
    for ax, name in zip(axes[0], names):
        for level in ("micro", "meso"):
            psd = report["populations"][name][level]["psd"]
            f, S = np.array(psd["f"]), np.array(psd["S"])
            keep = f > 0
            ax.loglog(f[keep], S[keep], color=COLORS[level], lw=0.9, label=level)
        ax.set_title(f"population {name}: power spectrum (mean over trials)")
        ax.set_xlabel("f (Hz)")
        ax.set_ylabel("S(f) (Hz²/Hz)")
        ax.legend(fontsize=8)
    save(fig, folder, "psd.png")


def dwell_times(report, names, folder):
    pops = [n for n in names if any(report["populations"][n]["dwell_times_s"][lv]["up"] for lv in ("micro", "meso"))]
    if not pops:
        return
    fig, axes = plt.subplots(len(pops), 2, figsize=(10, 3.2 * len(pops)), squeeze=False)
    for row, name in zip(axes, pops):
        times = report["populations"][name]["dwell_times_s"]
        for ax, state in zip(row, ("up", "down")):
            pooled = np.concatenate([times[lv][state] for lv in ("micro", "meso")])
            if pooled.size == 0:
                continue
            bins = np.linspace(0, np.percentile(pooled, 99), 30)
            for level in ("micro", "meso"):
                ax.hist(times[level][state], bins=bins, density=True, histtype="step", color=COLORS[level],
                        label=f"{level} (n = {len(times[level][state])})")
            ks = report["populations"][name]["dwell_time_ks"].get(state)
            title = f"population {name}: {state} durations"
            if ks:
                title += f" (KS D = {ks['D']:.2f}, p = {ks['p']:.2g})"
            ax.set_title(title, fontsize=10)
            ax.set_xlabel("duration (s)")
            ax.set_ylabel("density (1/s)")
            ax.legend(fontsize=8)
    save(fig, folder, "dwell_times.png")


def stp_traces(runs, report, folder):
    if "stp_x" not in runs["micro"] or "stp_x" not in runs["meso"]:
        return
    t0 = report["transient_s"]
    fig, axes = plt.subplots(2, 1, figsize=(10, 4.5), sharex=True)
    for ax, key, label in zip(axes, ("stp_u", "stp_x"), ("mean u", "mean x")):
        for level in ("micro", "meso"):
            t = runs[level]["t"]
            window = (t >= t0) & (t < t0 + 20)
            ax.plot(t[window], runs[level][key][window, 0], color=COLORS[level], lw=0.8, label=level)
        ax.set_ylabel(label)
        ax.legend(fontsize=8, loc="upper right")
    axes[0].set_title("short-term plasticity of the first STP connection, trial 0")
    axes[1].set_xlabel("time (s)")
    save(fig, folder, "stp.png")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    report = json.loads((folder / "report.json").read_text())
    runs = {level: np.load(folder / f"{level}-0.npz") for level in ("micro", "meso")}
    names = [p["name"] for p in report["config"]["populations"]]
    figures = folder / "figures"
    figures.mkdir(exist_ok=True)
    activity(runs, report, names, figures)
    mean_activity(folder, report, names, figures)
    spectra(report, names, figures)
    dwell_times(report, names, figures)
    stp_traces(runs, report, figures)


if __name__ == "__main__":
    main()
