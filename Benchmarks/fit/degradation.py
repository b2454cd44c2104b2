#!/usr/bin/env python3
"""Where recovery degrades: the two-parameter fit of recovery.py (J_EE and tau_m of I) on meso data
against the data length (N fixed) and the population size (length fixed), as René et al. (2020)
show it. The connection probabilities scale as 1/N so that the mean field stays the same. Each
cell runs recovery.py in its own folder. The seeds run in rounds, one seed of every cell per round,
so that a study stopped early (or by --budget, CPU seconds) has the same number of seeds in every
cell; a rerun with the same --out continues where it stopped. After each round the table (bias
with its standard error, rms error, mean standard error, coverage with its binomial standard
error, per key) is printed and written to DIR/degradation.json.

  degradation.py [--seeds 20] [--lengths 2.5 5 10 20 40] [--sizes 100/20 500/100 2000/400]
                 [--length-at 500/100] [--size-at 10] [--budget CPU_S] --out DIR
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
FREE = ["--free", "connections[0].J", "--free", "populations[1].tau_m",
        "--bounds", "connections[0].J=0:2", "--bounds", "populations[1].tau_m=0.001:0.1"]


def cell(out: Path, seed: int, duration: float, sizes: str) -> dict:
    """Fits seed `seed` of the cell (if not done yet) and returns the cell's summary over its seeds."""
    e, i = sizes.split("/")
    # p scaled so that every neuron keeps C = 0.2·500 = 100 E and 0.2·100 = 20 I partners: the mean
    # field (J·p·N) is the same in every cell, only the finite-size fluctuations change with N.
    pe, pi = 100 / int(e), 20 / int(i)
    probabilities = sum([["--set", f"connections[{k}].p={q!r}"] for k, q in [(0, pe), (1, pe), (2, pi), (3, pi)]], [])
    folder = out / f"N{e}-{i}_T{duration:g}"
    subprocess.run([sys.executable, str(here / "recovery.py"), str(here / "ei_500_100.yaml"), *FREE,
                    "--set", f"populations[0].N={e}", "--set", f"populations[1].N={i}", *probabilities,
                    "--truth", "0.3", "--truth", "0.01", "--first-seed", str(seed), "--seeds", "1", "--duration", str(duration),
                    "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    return json.loads((folder / "summary.json").read_text())


def table(summaries: list[tuple[float, str, dict]]) -> list[dict]:
    print("| N_E/N_I | T (s) | seeds | key | truth | bias ± se | rms error | mean se | coverage ± se | CPU s/fit |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = []
    for T, sizes, s in summaries:
        for p in s["parameters"]:
            rows.append({"sizes": sizes, "duration_s": T, "seeds": s["seeds"], **p, "cpu_s": s["mean_cpu_s_per_fit"]})
            se = f"{p['mean_se']:.3g}" if p["mean_se"] else "–"
            print(f"| {sizes} | {T:g} | {s['seeds']} | `{p['key']}` | {p['truth']:.4g} | {p['mean_error']:.2g} ± {p['bias_se']:.2g} | "
                  f"{p['rms_error']:.3g} | {se} | {p['covered']}/{s['seeds']} = {p['coverage']:.2f} ± {p['coverage_se']:.2f} | "
                  f"{s['mean_cpu_s_per_fit']:.1f} |", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--lengths", type=float, nargs="*", default=[2.5, 5, 10, 20, 40])
    parser.add_argument("--sizes", nargs="*", default=["100/20", "500/100", "2000/400"])
    parser.add_argument("--length-at", default="500/100", help="N_E/N_I of the length study")
    parser.add_argument("--size-at", type=float, default=10, help="data length (s) of the size study")
    parser.add_argument("--budget", type=float, help="stop after the round in which the fits' CPU seconds exceed this")
    parser.add_argument("--out", required=True)
    a = parser.parse_args()
    out = Path(a.out)
    cells = [(T, a.length_at) for T in a.lengths] + [(a.size_at, s) for s in a.sizes if (a.size_at, s) not in
                                                      [(T, a.length_at) for T in a.lengths]]
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    for seed in range(1, a.seeds + 1):
        summaries = [(T, sizes, cell(out, seed, T, sizes)) for T, sizes in cells]
        print(f"after round {seed}:")
        (out / "degradation.json").write_text(json.dumps(table(summaries), indent=1))
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        if a.budget and (now.ru_utime + now.ru_stime) - (start.ru_utime + start.ru_stime) > a.budget:
            print(f"stopped after round {seed}: CPU budget of {a.budget:g} s used")
            break


if __name__ == "__main__":
    main()
