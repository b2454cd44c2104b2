"""Figures of a `mesopop compare` folder, micro vs meso, only for the statistics the report computed:
population activity (with the inputs, the analysis window and the detection thresholds that apply),
the trial-averaged response, power spectra, Up/Down dwell times and STP traces. Reads DIR/report.json
and DIR/{micro,meso}-K.npz; writes PNGs to DIR/figures/ and prints the name of every figure it wrote
(one per line). A statistic the report leaves out (`absent`) gets no panel.

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
SHOWN_S = 20.0  # longest stretch of a single trial drawn


def boxcar(x, width):
    """Centred moving average over `width` samples (same length)."""
    width = max(1, int(round(width)))
    return np.convolve(x, np.ones(width) / width, mode="same")


def save(fig, folder, name):
    fig.tight_layout()
    fig.savefig(folder / name, dpi=110)
    plt.close(fig)
    print(name)


def input_label(x):
    if x["kind"] == "step":
        return f"step {x['amplitude']:+g} mV to {x['to']} at {x['start']:g} s"
    if x["kind"] == "pulse":
        return f"pulse {x['amplitude']:+g} mV to {x['to']}, {x['start']:g}–{x['start'] + x['width']:g} s"
    return f"sine {x['amplitude']:g} mV, {x['frequency']:g} Hz to {x['to']}"


def mark_inputs(ax, report, t_from, t_to):
    """Dashed vertical lines at the input changes inside [t_from, t_to), labelled once each; the
    analysis window shaded."""
    for x in report["inputs"]:
        times = [x["start"]] + ([x["start"] + x["width"]] if x["kind"] == "pulse" else [])
        label = input_label(x)
        for t in times:
            if t_from <= t < t_to:
                ax.axvline(t, color="tab:blue", lw=0.8, ls="--", label=label)
                label = None
    window = report.get("analysis_window_s")
    if window and window[0] < t_to and window[1] > t_from:
        ax.axvspan(max(window[0], t_from), min(window[1], t_to), color="tab:green", alpha=0.07,
                   label=f"analysis window [{window[0]:g}, {window[1]:g}) s")


def mark_thresholds(ax, pop):
    """The detection thresholds of the statistics that apply to this population."""
    absent, ud, width = pop["absent"], pop["micro"]["up_down"], pop["smoothing_s"]
    if "up_down" not in absent:
        on = f"(on the {1000 * width['up_down']:g} ms boxcar)"
        ax.axhline(ud["theta_hi"], color="k", lw=0.6, ls=":", label=f"Up/Down θ_hi = {ud['theta_hi']:.3g} Hz {on}")
        ax.axhline(ud["theta_lo"], color="k", lw=0.6, ls="-.", label=f"Up/Down θ_lo = {ud['theta_lo']:.3g} Hz {on}")
    if "population_spikes" not in absent:
        theta = pop["population_spike_threshold_hz"]
        ax.axhline(theta, color="tab:purple", lw=0.6, ls=":",
                   label=f"population-spike θ = {theta:.3g} Hz (on the {1000 * width['population_spikes']:g} ms boxcar)")


def activity(runs, report, names, folder):
    """Trial 0 of both levels, 10 ms boxcar: the whole run when short, else SHOWN_S after the transient."""
    duration = report["duration_s"]
    t_from = 0.0 if duration <= SHOWN_S else report["transient_s"]
    t_to = min(duration, t_from + SHOWN_S)
    fig, axes = plt.subplots(len(names), 1, figsize=(10, 2.8 * len(names)), squeeze=False)
    for ax, (j, name) in zip(axes[:, 0], enumerate(names)):
        for level in ("micro", "meso"):
            t, A = runs[level]["t"], runs[level]["A"][:, j]
            shown = (t >= t_from) & (t < t_to)
            ax.plot(t[shown], boxcar(A, 0.01 / (t[1] - t[0]))[shown], color=COLORS[level], lw=0.8,
                    label=f"{level} (10 ms boxcar)")
        pop = report["populations"][name]
        mark_thresholds(ax, pop)
        mark_inputs(ax, report, t_from, t_to)
        ax.set_title(f"population {name}: activity, trial 0")
        ax.set_xlabel("time (s)")
        ax.set_ylabel("A (Hz)")
        ax.legend(loc="upper right", fontsize=7)
    save(fig, folder, "activity.png")


def mean_activity(folder, report, names, figures):
    """Trial-averaged A(t) of both levels (the response to the inputs), 10 ms bins."""
    fig, axes = plt.subplots(len(names), 1, figsize=(10, 2.8 * len(names)), squeeze=False)
    for ax, (j, name) in zip(axes[:, 0], enumerate(names)):
        for level in ("micro", "meso"):
            runs = sorted(folder.glob(f"{level}-*.npz"))
            A = np.mean([np.load(f)["A"][:, j] for f in runs], axis=0)
            t = np.load(runs[0])["t"]
            per = max(1, int(round(0.01 / (t[1] - t[0]))))
            n = len(A) // per
            ax.plot(t[: n * per : per], A[: n * per].reshape(n, per).mean(axis=1), color=COLORS[level], lw=0.9,
                    label=f"{level}, mean of {len(runs)} trials")
        mark_inputs(ax, report, 0.0, report["duration_s"])
        ax.set_title(f"population {name}: trial-averaged activity (10 ms bins)")
        ax.set_xlabel("time (s)")
        ax.set_ylabel("A (Hz)")
        ax.legend(loc="upper right", fontsize=7)
    save(fig, figures, "mean_activity.png")


def spectra(report, names, folder):
    pops = [n for n in names if "psd" not in report["populations"][n]["absent"]]
    if not pops:
        return
    window = report["analysis_window_s"]
    fig, axes = plt.subplots(1, len(pops), figsize=(5 * len(pops), 3.8), squeeze=False)
    for ax, name in zip(axes[0], pops):
        pop = report["populations"][name]
        for level in ("micro", "meso"):
            f, S = np.array(pop[level]["psd"]["f"]), np.array(pop[level]["psd"]["S"])
            keep = (f > 0) & (S > 0)
            ax.loglog(f[keep], S[keep], color=COLORS[level], lw=0.9, label=level)
        ax.set_title(f"population {name}: power spectrum, mean over trials\n"
                     f"window [{window[0]:g}, {window[1]:g}) s, {pop['psd_segment_s']:g} s segments", fontsize=9)
        ax.set_xlabel("f (Hz)")
        ax.set_ylabel("S(f) (Hz²/Hz)")
        ax.legend(fontsize=8)
    save(fig, folder, "psd.png")


def dwell_times(report, names, folder, minimum=5):
    """Up and Down durations of the populations with Up/Down states; a panel per state with at least
    `minimum` complete intervals over both levels."""
    panels = []
    for name in names:
        pop = report["populations"][name]
        if "up_down" in pop["absent"]:
            continue
        times = pop["dwell_times_s"]
        for state in ("up", "down"):
            if sum(len(times[lv][state]) for lv in ("micro", "meso")) >= minimum:
                panels.append((name, state, times, pop["dwell_time_ks"].get(state)))
    if not panels:
        return
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 3.4), squeeze=False)
    for ax, (name, state, times, ks) in zip(axes[0], panels):
        pooled = np.concatenate([times[lv][state] for lv in ("micro", "meso")])
        bins = np.linspace(0, np.percentile(pooled, 99), 30)
        for level in ("micro", "meso"):
            if times[level][state]:
                ax.hist(times[level][state], bins=bins, density=True, histtype="step", color=COLORS[level],
                        label=f"{level} (n = {len(times[level][state])})")
        title = f"population {name}: {state} durations"
        if ks:
            title += f"\nKS D = {ks['D']:.2f}, p = {ks['p']:.2g}"
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("duration (s)")
        ax.set_ylabel("density (1/s)")
        ax.legend(fontsize=8)
    save(fig, folder, "dwell_times.png")


def stp_traces(runs, report, folder):
    """Mean depression variable x of every STP connection (after each step's releases) and, for
    facilitating connections only, the recorded mean u. Without facilitation (τ_F = 0) every spike
    sees u⁺ = U, and the recorded mean u (taken right after each step's spikes: U for the neurons that
    just fired, U_0 for the others) is only U times the fraction that fired — no panel is drawn for it."""
    connections = report["stp_connections"]
    if not connections or "stp_x" not in runs["micro"] or "stp_x" not in runs["meso"]:
        return
    t0 = report["transient_s"]
    rows = [(c, "stp_x", "mean x after the step") for c in range(len(connections))]
    rows += [(c, "stp_u", "mean u after the step") for c, s in enumerate(connections) if s["facilitates"]]
    rows.sort()
    fig, axes = plt.subplots(len(rows), 1, figsize=(10, 2.3 * len(rows) + 0.6), sharex=True, squeeze=False)
    for ax, (c, key, label) in zip(axes[:, 0], rows):
        for level in ("micro", "meso"):
            t = runs[level]["t"]
            shown = (t >= t0) & (t < t0 + SHOWN_S)
            ax.plot(t[shown], runs[level][key][shown, c], color=COLORS[level], lw=0.8, label=level)
        s = connections[c]
        facilitation = (f"τ_F = {s['tau_F_s']:g} s" if s["facilitates"]
                        else f"no facilitation: every spike sees u⁺ = U = {s['U']:g}")
        ax.set_title(f"{s['from']} → {s['to']}: U = {s['U']:g}, τ_D = {s['tau_D_s']:g} s, {facilitation}; trial 0",
                     fontsize=9)
        ax.set_ylabel(label)
        ax.legend(fontsize=8, loc="upper right")
    axes[-1, 0].set_xlabel("time (s)")
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
