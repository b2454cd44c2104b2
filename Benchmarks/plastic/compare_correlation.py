#!/usr/bin/env python3
"""C(tau) of the plastic rate network: DMFT solutions (`mesopop plastic dmft`) against simulated
networks (`mesopop run`, model plastic_rate_network, every neuron recorded). Files are grouped by
k (from their meta). Prints a Markdown table (C(0), tau* of Eq. 9, the largest |difference| of
C(tau)/C(0) and the largest difference in units of its standard error; the network's error comes from
the spread of time blocks of all seeds, so with one seed it lacks the network-to-network part) and writes correlation.png and correlation.json."""
import argparse, json, os
import numpy as np


def meta(d):
    return json.loads(str(d["meta"]))


def block_correlation(phi, lags):
    """C(l) = <phi_i(t) phi_i(t + l)> over neurons and the block's times (FFT, unbiased), l = 0..lags."""
    n = phi.shape[0]
    f = np.fft.rfft(phi, n=2 * n, axis=0)
    return np.fft.irfft(np.abs(f) ** 2, axis=0)[: lags + 1].mean(axis=1) / (n - np.arange(lags + 1))


def network_correlation(path, t0, max_lag, blocks):
    """C(tau) of one network over t >= t0, lags 0..max_lag, on each of `blocks` equal time blocks."""
    d = np.load(path)
    t, phi = d["t"], np.tanh(d["x"][d["t"] >= t0])
    dt = t[1] - t[0]
    lags = int(round(max_lag / dt))
    cs = [block_correlation(b, lags) for b in np.array_split(phi, blocks, axis=0)]
    return dt * np.arange(lags + 1), cs, float(meta(d)["config"]["parameters"]["k"])


def tau_star(lags, c):
    r = (c / c[0]) ** 2
    return float(np.trapezoid(r, lags) if hasattr(np, "trapezoid") else np.trapz(r, lags))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--t0", type=float, default=100, help="time discarded from each network run")
    ap.add_argument("--max-lag", type=float, default=30)
    ap.add_argument("--blocks", type=int, default=3,
                    help="time blocks per network: the error band is the spread of all blocks of all seeds / sqrt(their number)")
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    theory, sims = {}, {}
    for path in a.files:
        d = np.load(path)
        m = meta(d)
        if m["level"] == "dmft":
            theory[float(m["config"]["k"])] = (d["t"], d["C"].ravel(), d["C_se"].ravel(), m["config"])
        else:
            lags, cs, k = network_correlation(path, a.t0, a.max_lag, a.blocks)
            sims.setdefault(k, []).append((lags, cs))
    rows, summary = [], {}
    print("| k | C(0) DMFT | C(0) network (seeds × blocks) | tau* DMFT | tau* network | max |ΔC/C(0)| for tau ≤ %g | there, in s.e. | "
          "largest |ΔC/C(0)|/s.e. |" % a.max_lag)
    print("|---|---|---|---|---|---|---|---|")
    for k in sorted(theory):
        tl, tc, tse, cfg = theory[k]
        if k not in sims:
            continue
        lags = sims[k][0][0]
        # every block of every seed is one sample: with one seed the band is the within-network
        # (time-sampling) error only, with several it also holds the network-to-network spread
        blocks = np.array([c for _, cs in sims[k] for c in cs])
        cs = np.array([np.mean(bs, axis=0) for _, bs in sims[k]])
        mean = blocks.mean(axis=0)
        se = blocks.std(axis=0, ddof=1) / np.sqrt(len(blocks))
        ct = np.interp(lags, tl, tc)
        cte = np.interp(lags, tl, tse)
        diff = mean / mean[0] - ct / ct[0]
        band = np.sqrt((se / mean[0]) ** 2 + (cte / ct[0]) ** 2)
        worst = int(np.argmax(np.abs(diff)))
        tau_sim = [tau_star(lags, c) for c in cs]
        tau_blocks = [tau_star(lags, c) for c in blocks]
        summary[k] = dict(C0_dmft=float(tc[0]), C0_dmft_se=float(tse[0]), C0_net=float(mean[0]), C0_net_se=float(se[0]),
                          tau_dmft=float(cfg["tau_star"]), tau_net=float(np.mean(tau_sim)),
                          tau_net_se=float(np.std(tau_blocks, ddof=1) / np.sqrt(len(blocks))),
                          max_abs_diff=float(abs(diff[worst])), at_lag=float(lags[worst]),
                          in_se=float(abs(diff[worst]) / band[worst]) if band[worst] > 0 else float("nan"),
                          max_in_se=float(np.max(np.abs(diff) / band)), seeds=len(cs), blocks=len(blocks))
        s = summary[k]
        print(f"| {k:g} | {s['C0_dmft']:.4f} ± {s['C0_dmft_se']:.4f} | {s['C0_net']:.4f} ± {s['C0_net_se']:.4f} ({len(cs)} × {a.blocks}) | "
              f"{s['tau_dmft']:.2f} | {s['tau_net']:.2f} ± {s['tau_net_se']:.2f} | {s['max_abs_diff']:.3f} at tau = {s['at_lag']:g} | "
              f"{s['in_se']:.1f} | {s['max_in_se']:.1f} |")
        rows.append((k, lags, mean, se, tl, tc, tse))
    with open(os.path.join(a.out, "correlation.json"), "w") as f:
        json.dump(summary, f, indent=1)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(6, 4))
    for k, lags, mean, se, tl, tc, tse in rows:
        line, = ax.plot(tl[tl <= a.max_lag], (tc / tc[0])[tl <= a.max_lag], label=f"DMFT k = {k:g}")
        ax.errorbar(lags[::2], (mean / mean[0])[::2], yerr=2 * (se / mean[0])[::2], fmt="o", ms=3, color=line.get_color(),
                    label=f"network k = {k:g}")
    ax.set_xlabel("τ (neuronal time constants)")
    ax.set_ylabel("C(τ)/C(0)")
    ax.axhline(0, color="k", lw=0.5)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(a.out, "correlation.png"), dpi=120)


if __name__ == "__main__":
    main()
