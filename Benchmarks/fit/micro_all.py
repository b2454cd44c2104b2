#!/usr/bin/env python3
"""All-parameter fit on microscopic data in the setting of René, Longtin & Macke (2020): the E–I
network of ei_500_100.yaml simulated neuron by neuron (`mesopop run --level micro`), then the
population equations fitted to its counts with every parameter the paper fits free: the four
couplings J, and per population mu, tau_m, the threshold V_th (u_th) and its softness Delta_V
(Delta u), plus the adaptation J_theta and tau_theta of E (14 parameters).

  micro_all.py [--seed 1] [--duration 10] [--method bfgs] [--iterations 400] [--level micro]
              [--reparametrize none|threshold-relative] [--hold NAME ...] --out DIR

With --level meso --method simplex --iterations 1 it measures only the identifiability of the
model itself: the observed information (near the truth) of the engine's own data.

The fit starts at the configuration's values (the truth of the microscopic network). It prints and
writes to DIR/micro_all.json: the estimates against the truth with their standard errors, the
identifiability of the fit (eigenvalues of the observed information in relative units, i.e. of
I_ij |theta_i theta_j|, with the parameters dominating the weakest eigenvectors, and the largest
correlations of the covariance), and the fitted model's rates, std(A) and PSD against a held-out
microscopic run (seed 10000 + seed), from `mesopop fit --heldout`.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
from pathlib import Path

import numpy as np

here = Path(__file__).resolve().parent
mesopop = __import__("os").environ.get("MESOPOP", str(here / "../../.build/release/mesopop"))
CONFIG = here / "ei_500_100.yaml"
# Key, bounds (base units: V as mV, s, mV·s), short name.
FREE = [
    ("connections[0].J", "0:5", "J_EE"), ("connections[1].J", "0:5", "J_IE"),
    ("connections[2].J", "-20:0", "J_EI"), ("connections[3].J", "-20:0", "J_II"),
    ("populations[0].mu", ":", "mu_E"), ("populations[1].mu", ":", "mu_I"),
    ("populations[0].tau_m", "0.001:0.2", "tau_m,E"), ("populations[1].tau_m", "0.001:0.2", "tau_m,I"),
    ("populations[0].V_th", ":", "u_th,E"), ("populations[1].V_th", ":", "u_th,I"),
    ("populations[0].Delta_V", "0.1:20", "Delta_u,E"), ("populations[1].Delta_V", "0.1:20", "Delta_u,I"),
    ("populations[0].threshold_kernel[0].J", "0:20", "J_theta"), ("populations[0].threshold_kernel[0].tau", "0.01:20", "tau_theta"),
]


def run(args: list[str]) -> None:
    result = subprocess.run([mesopop, *args, "--quiet"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mesopop {' '.join(args)} failed ({result.returncode}): {result.stderr}")


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def band_ratios(data: dict, fitted: dict) -> list[dict]:
    """Mean of S_fitted/S_data over frequency bands (the PSDs of `compare`, same f grid)."""
    f, sd, sf = (np.asarray(x) for x in (data["f"], data["S"], fitted["S"]))
    out = []
    for lo, hi in [(0.5, 5), (5, 20), (20, 80), (80, 250)]:
        m = (f >= lo) & (f < hi)
        if m.any():
            out.append({"band_hz": [lo, hi], "ratio": float(sf[m].mean() / sd[m].mean())})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--method", default="bfgs")
    parser.add_argument("--iterations", type=int, default=400)
    parser.add_argument("--level", default="micro", help="micro (the study) or meso (the model's own data)")
    parser.add_argument("--reparametrize", default="none", help="none or threshold-relative (mesopop fit --reparametrize)")
    parser.add_argument("--hold", action="append", default=[], help="a parameter name (e.g. Delta_u,E) held at its true value")
    parser.add_argument("--out", required=True)
    a = parser.parse_args()
    free = [f for f in FREE if f[2] not in a.hold]
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    sets = [f"--set=simulation.duration={a.duration}"]
    data, held, fit_dir = out / f"{a.level}-{a.seed}.npz", out / f"heldout-{a.seed}.npz", out / f"fit-{a.seed}"
    cpu0 = cpu_children()
    for path, seed in [(data, a.seed), (held, 10_000 + a.seed)]:
        if not path.exists():
            run(["run", str(CONFIG), "--level", a.level, "--seed", str(seed), *sets, "--out", str(path)])
    cpu_data = cpu_children() - cpu0
    if not (fit_dir / "fit.json").exists():
        run(["fit", str(CONFIG), *sets, "--data", str(data), "--heldout", str(held), "--method", a.method,
             "--iterations", str(a.iterations), "--reparametrize", a.reparametrize, "--trials", "4", "--out", str(fit_dir),
             *sum([["--free", k, "--bounds", f"{k}={b}"] for k, b, _ in free], [])])
    cpu_fit = cpu_children() - cpu0 - cpu_data
    fit = json.loads((fit_dir / "fit.json").read_text())
    params = fit["parameters"]
    n = len(params)
    truth = np.array([p["start"] for p in params])
    estimate = np.array([p["estimate"] for p in params])
    se = [p["standard_error"] for p in params]
    names = [name for _, _, name in free]
    result = {"seed": a.seed, "level": a.level, "duration_s": a.duration, "method": a.method, "reparametrize": a.reparametrize, "log_likelihood": fit["log_likelihood"],
              "evaluations": fit["evaluations"], "cpu_s_data": cpu_data, "cpu_s_fit": cpu_fit, "history": fit["history"],
              "history_consistent": fit["history_consistent"], "starts": fit["starts"], "parameters": []}
    print(f"seed {a.seed}, {a.duration:g} s of {a.level} data; ln L = {fit['log_likelihood']:.3f} after {fit['evaluations']} evaluations, "
          f"{cpu_fit:.0f} s CPU (data {cpu_data:.0f} s); K = {fit['history']}; converged: {[s['converged'] for s in fit['starts']]}")
    print("| parameter | key | truth | estimate | s.e. | (estimate − truth)/truth | (estimate − truth)/s.e. |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for i, p in enumerate(params):
        rel = (estimate[i] - truth[i]) / truth[i] if truth[i] else float("nan")
        z = (estimate[i] - truth[i]) / se[i] if se[i] else float("nan")
        result["parameters"].append({"name": names[i], "key": p["key"], "truth": truth[i], "estimate": estimate[i], "se": se[i],
                                     "relative_error": rel, "z": z})
        print(f"| {names[i]} | `{p['key']}` | {truth[i]:.5g} | {estimate[i]:.5g} | {se[i] if se[i] else float('nan'):.2g} | "
              f"{rel:+.1%} | {z:+.1f} |")
    if fit.get("information"):
        # Relative units: I_ij·|θ_i θ_j| is the information about ln|θ|, so eigenvalues compare across units;
        # 1/sqrt(λ) is the relative s.e. along the eigenvector.
        info = np.array(fit["information"]).reshape(n, n)
        scale = np.abs(estimate)
        relative = info * np.outer(scale, scale)
        w, v = np.linalg.eigh(relative)
        result["information_eigenvalues_relative"] = w.tolist()
        print("eigenvalues of the relative information (smallest first), relative s.e. 1/sqrt(λ) along each, and the "
              "parameters with the largest weights in its eigenvector:")
        eig = []
        for k in range(n):
            order = np.argsort(-np.abs(v[:, k]))[:3]
            weights = ", ".join(f"{names[j]} {v[j, k]:+.2f}" for j in order)
            rse = 1 / math.sqrt(w[k]) if w[k] > 0 else float("inf")
            eig.append({"eigenvalue": w[k], "relative_se": rse, "top": [[names[j], v[j, k]] for j in order]})
            print(f"  λ = {w[k]:.3g}  (rel. s.e. {rse:.2g}): {weights}")
        result["eigen"] = eig
        result["condition_number"] = float(w[-1] / w[0]) if w[0] > 0 else float("inf")
        print(f"condition number {result['condition_number']:.3g}")
    if fit.get("covariance"):
        c = np.array(fit["covariance"]).reshape(n, n)
        d = np.sqrt(np.diag(c))
        rho = c / np.outer(d, d)
        pairs = sorted(((abs(rho[i, j]), i, j) for i in range(n) for j in range(i + 1, n)), reverse=True)[:8]
        result["largest_correlations"] = [[names[i], names[j], rho[i, j]] for _, i, j in pairs]
        print("largest correlations: " + "; ".join(f"{names[i]}–{names[j]} {rho[i, j]:+.3f}" for _, i, j in pairs))
    else:
        print(f"no covariance: {fit.get('interval_problem')}")
    stats = {}
    m = lambda x: x["mean"] if isinstance(x, dict) else x  # {"mean", "sem"} of compare's statistics
    print("| population | rate data | rate fit | std(A) 1 ms data | fit | std(A) 10 ms data | fit | PSD fit/data in 0.5–5, 5–20, 20–80, 80–250 Hz |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, s in fit["statistics"].items():
        d, f = s["data"], s["fitted"]
        bands = band_ratios(d["psd"], f["psd"]) if d.get("psd") and f.get("psd") else []
        row = {"rate_hz": [m(d["rate_hz"]), m(f["rate_hz"])], "std_1ms": [m(d["std_A_hz"]["1ms"]), m(f["std_A_hz"]["1ms"])],
               "std_10ms": [m(d["std_A_hz"]["10ms"]), m(f["std_A_hz"]["10ms"])], "psd_ratio": bands}
        stats[name] = row
        print(f"| {name} | " + " | ".join(f"{row[k][0]:.4g} | {row[k][1]:.4g}" for k in ["rate_hz", "std_1ms", "std_10ms"]) + " | "
              + ", ".join(f"{b['ratio']:.2f}" for b in bands) + " |")
    result["statistics"] = stats
    (out / f"micro_all-{a.seed}.json").write_text(json.dumps(result, indent=1, default=float))


if __name__ == "__main__":
    main()
