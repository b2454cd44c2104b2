#!/usr/bin/env python3
"""C(tau) of the plastic rate network: DMFT solutions (`mesopop plastic dmft`) against simulated
networks (`mesopop run`, model plastic_rate_network, every neuron recorded). Files are grouped by
k (from their meta). Prints a Markdown table (C(0), tau* of Eq. 9, the largest |difference| of
C(tau)/C(0) in units of its standard error) and writes correlation.png and correlation.json."""
import argparse, json, os
import numpy as np


def meta(d):
    return json.loads(str(d["meta"]))


def network_correlation(path, t0, max_lag):
    """C(tau) = <phi_i(t) phi_i(t + tau)> over neurons and t >= t0 (FFT, unbiased), lags 0..max_lag."""
    d = np.load(path)
    t, phi = d["t"], np.tanh(d["x"][d["t"] >= t0])
    dt = t[1] - t[0]
    n = phi.shape[0]
    lags = int(round(max_lag / dt))
    f = np.fft.rfft(phi, n=2 * n, axis=0)
    ac = np.fft.irfft(np.abs(f) ** 2, axis=0)[: lags + 1].mean(axis=1) / (n - np.arange(lags + 1))
    return dt * np.arange(lags + 1), ac, float(meta(d)["config"]["parameters"]["k"])


def tau_star(lags, c):
    r = (c / c[0]) ** 2
    return float(np.trapezoid(r, lags) if hasattr(np, "trapezoid") else np.trapz(r, lags))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--t0", type=float, default=100, help="time discarded from each network run")
    ap.add_argument("--max-lag", type=float, default=30)
    ap.add_argument("--out", default=".")
    a = ap.parse_args()
    theory, sims = {}, {}
    for path in a.files:
        d = np.load(path)
        m = meta(d)
        if m["level"] == "dmft":
            theory[float(m["config"]["k"])] = (d["t"], d["C"].ravel(), d["C_se"].ravel(), m["config"])
        else:
            lags, c, k = network_correlation(path, a.t0, a.max_lag)
            sims.setdefault(k, []).append((lags, c))
    rows, summary = [], {}
    print("| k | C(0) DMFT | C(0) network (seeds) | tau* DMFT | tau* network | max |ΔC/C(0)| for tau ≤ %g | in s.e. |" % a.max_lag)
    print("|---|---|---|---|---|---|---|")
    for k in sorted(theory):
        tl, tc, tse, cfg = theory[k]
        if k not in sims:
            continue
        lags = sims[k][0][0]
        cs = np.array([c for _, c in sims[k]])
        mean = cs.mean(axis=0)
        se = cs.std(axis=0, ddof=1) / np.sqrt(len(cs)) if len(cs) > 1 else np.zeros_like(mean)
        ct = np.interp(lags, tl, tc)
        cte = np.interp(lags, tl, tse)
        diff = mean / mean[0] - ct / ct[0]
        band = np.sqrt((se / mean[0]) ** 2 + (cte / ct[0]) ** 2)
        worst = int(np.argmax(np.abs(diff)))
        tau_sim = [tau_star(lags, c) for c in cs]
        summary[k] = dict(C0_dmft=float(tc[0]), C0_dmft_se=float(tse[0]), C0_net=float(mean[0]), C0_net_se=float(se[0]),
                          tau_dmft=float(cfg["tau_star"]), tau_net=float(np.mean(tau_sim)),
                          max_abs_diff=float(abs(diff[worst])), at_lag=float(lags[worst]),
                          # the band needs the seed-to-seed spread of the networks: none with one seed
                          in_se=float(abs(diff[worst]) / band[worst]) if len(cs) > 1 and band[worst] > 0 else float("nan"),
                          seeds=len(cs))
        s = summary[k]
        print(f"| {k:g} | {s['C0_dmft']:.4f} ± {s['C0_dmft_se']:.4f} | {s['C0_net']:.4f} ± {s['C0_net_se']:.4f} ({len(cs)}) | "
              f"{s['tau_dmft']:.2f} | {s['tau_net']:.2f} | {s['max_abs_diff']:.3f} at tau = {s['at_lag']:g} | "
              f"{s['in_se']:.1f} |")
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
