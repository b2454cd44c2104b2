#!/usr/bin/env python3
"""Figures of the rate-model example outputs.

Reads `wilson_cowan.npz` (written by the WilsonCowanOscillation example) and
`chaotic_rate_network.npz` (ChaoticRateNetwork), by default from this script's folder, and
writes PNG figures into `figures/` beside them:

    python3 notebooks-data/plot_rate_models.py [--wilson-cowan FILE] [--chaotic FILE] [--out DIR]

Each file holds `t` (B,) in s, `r` (B, n) and `meta`, a JSON string with "config", "seed" and
"units". The plotting functions return matplotlib Figures (no pyplot, so no display is needed
and the PNGs are drawn by the Agg canvas); rate_models.ipynb imports them.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

HERE = Path(__file__).resolve().parent
EXAMPLES = {"wilson_cowan.npz": "WilsonCowanOscillation", "chaotic_rate_network.npz": "ChaoticRateNetwork"}


def load(path):
    """The arrays of an .npz output by name, `meta` parsed from JSON. Raises FileNotFoundError naming the
    example that writes a missing file, ValueError for a file without `t`, `r` or a JSON `meta`."""
    path = Path(path)
    if not path.is_file():
        hint = f": run `swift run -c release {EXAMPLES[path.name]}` first" if path.name in EXAMPLES else ""
        raise FileNotFoundError(f"{path} not found{hint}")
    with np.load(path) as f:
        missing = {"t", "r", "meta"} - set(f.files)
        if missing:
            raise ValueError(f"{path} lacks array(s) {', '.join(sorted(missing))} (it has {', '.join(f.files)})")
        arrays = {name: f[name] for name in f.files}
        try:
            arrays["meta"] = json.loads(str(f["meta"]))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: meta is not JSON ({error})") from None
    return arrays


def label(data, text, name, default):
    """Axis label `text (unit)`, the unit of array `name` taken from meta["units"], else `default`;
    plain `text` for a dimensionless array (unit "1")."""
    units = data["meta"].get("units")
    unit = units.get(name, default) if isinstance(units, dict) else default
    return text if unit in ("1", "") else f"{text} ({unit})"


def title(text, data):
    """`text`, with the seed of the run when meta has one."""
    seed = data["meta"].get("seed")
    return text if seed is None else f"{text} (seed {seed})"


def wilson_cowan_traces(data):
    """r_E and r_I against time."""
    t, r = data["t"], data["r"]
    fig = Figure(figsize=(8, 3.5), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(t, r[:, 0], color="tab:red", label="$r_E$ (excitatory)")
    ax.plot(t, r[:, 1], color="tab:blue", label="$r_I$ (inhibitory)")
    ax.set(xlabel=label(data, "time", "t", "s"), ylabel=label(data, "rate", "r", "a.u."),
           title=title("Wilson–Cowan: population rates", data))
    ax.legend(loc="upper right")
    return fig


def wilson_cowan_phase_plane(data):
    """The trajectory in the (r_E, r_I) plane, coloured by time, from its start (circle) to its end (square)."""
    t, r = data["t"], data["r"]
    fig = Figure(figsize=(5, 4.5), layout="constrained")
    ax = fig.add_subplot()
    path = LineCollection(np.stack([r[:-1, :2], r[1:, :2]], axis=1), array=t[:-1], cmap="viridis", linewidth=1.2)
    ax.add_collection(path)
    ax.autoscale()
    ax.plot(*r[0, :2], "o", color="black", label="start")
    ax.plot(*r[-1, :2], "s", color="black", label="end")
    fig.colorbar(path, ax=ax, label=label(data, "time", "t", "s"))
    ax.set(xlabel=label(data, "$r_E$", "r", "a.u."), ylabel=label(data, "$r_I$", "r", "a.u."),
           title=title("Wilson–Cowan: phase plane", data))
    fig.legend(loc="outside lower center", ncols=2)
    return fig


def chaotic_traces(data, units=5):
    """The first `units` units against time, one panel each."""
    t, r = data["t"], data["r"]
    shown = min(units, r.shape[1])
    fig = Figure(figsize=(8, 1.2 + 1.1 * shown), layout="constrained")
    axes = fig.subplots(shown, 1, sharex=True, squeeze=False)[:, 0]
    for i, ax in enumerate(axes):
        ax.plot(t, r[:, i], color=f"C{i}", linewidth=0.8)
        ax.set_ylabel(label(data, f"$r_{{{i}}}$", "r", "a.u."))
    axes[-1].set_xlabel(label(data, "time", "t", "s"))
    fig.suptitle(title(f"Chaotic rate network: {shown} of {r.shape[1]} units", data))
    return fig


def mean_autocorrelation(r, max_lag):
    """Δ(τ)/Δ(0) for τ = 0 … max_lag bins, Δ the population mean of each unit's autocovariance
    (biased estimate, via FFT, a block of units at a time to bound memory)."""
    samples = r.shape[0]
    total = np.zeros(max_lag + 1)
    for start in range(0, r.shape[1], 64):
        x = r[:, start:start + 64] - r[:, start:start + 64].mean(axis=0)
        spectrum = np.fft.rfft(x, n=2 * samples, axis=0)
        total += np.fft.irfft(np.abs(spectrum) ** 2, axis=0)[:max_lag + 1].sum(axis=1) / samples
    return total / total[0] if total[0] > 0 else np.full_like(total, np.nan)


def chaotic_statistics(data):
    """Population-mean autocorrelation against lag (up to 10 decay times, where Δ first falls below 1/e,
    or half the run), and the histogram of all finite rates."""
    t, r = data["t"], data["r"]
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2)
    correlation = mean_autocorrelation(r, max(1, len(t) // 2))
    below = np.flatnonzero(correlation < np.exp(-1))
    shown = correlation[:10 * below[0] + 1] if below.size else correlation
    bin_width = t[1] - t[0] if len(t) > 1 else 1.0
    left.plot(np.arange(len(shown)) * bin_width, shown, color="black")
    left.axhline(0, color="0.6", linewidth=0.5)
    left.set(xlabel=label(data, "lag τ", "t", "s"), ylabel="Δ(τ) / Δ(0)", title="Population-mean autocorrelation")
    finite = r[np.isfinite(r)]
    left_out = f" ({r.size - finite.size} non-finite left out)" if finite.size < r.size else ""
    right.hist(finite, bins=60, density=True, color="tab:gray")
    right.set(xlabel=label(data, "rate", "r", "a.u."), ylabel="probability density",
              title=f"Rates of all {r.shape[1]} units{left_out}")
    fig.suptitle(title("Chaotic rate network", data))
    return fig


FIGURES = {
    "wilson_cowan": [("wilson_cowan_traces", wilson_cowan_traces),
                     ("wilson_cowan_phase_plane", wilson_cowan_phase_plane)],
    "chaotic": [("chaotic_rate_network_traces", chaotic_traces),
                ("chaotic_rate_network_statistics", chaotic_statistics)],
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wilson-cowan", type=Path, default=HERE / "wilson_cowan.npz", help="Wilson–Cowan .npz")
    parser.add_argument("--chaotic", type=Path, default=HERE / "chaotic_rate_network.npz", help="chaotic network .npz")
    parser.add_argument("--out", type=Path, default=HERE / "figures", help="folder for the PNG files")
    args = parser.parse_args(argv)
    try:
        inputs = {"wilson_cowan": load(args.wilson_cowan), "chaotic": load(args.chaotic)}
    except (OSError, ValueError) as error:
        sys.exit(f"plot_rate_models: {error}")
    args.out.mkdir(parents=True, exist_ok=True)
    for model, figures in FIGURES.items():
        for name, plot in figures:
            path = args.out / f"{name}.png"
            plot(inputs[model]).savefig(path, dpi=120)
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
