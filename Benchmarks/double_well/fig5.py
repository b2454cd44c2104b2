#!/usr/bin/env python3
"""Fig. 5 (Feng & Brunel), target F7: p(r3) at fixed C, N = 10^4, c = 0.05, f = 1/2, r1 = 0.1, theta = 0, simulated
over R realizations (2 test times each) against the mean field. The paper: p(r3) decreasing for C = 0-3, rising
to a peak and then falling for C = 4, 5 (noise-assisted learning).

  nice -n 10 python3 Benchmarks/double_well/fig5.py [--C 4] [--r3 0,0.5,1,1.5,2,3] [--realizations 3] [--out DIR]

Prints, per r3, the capacity of every realization, their mean ± s.e. and the mean-field p; writes OUT/fig5_C*.json
and, with --figure PNG, the plot. MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, json, tempfile, time
from pathlib import Path

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_capacity.yaml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--C", default="4", help="comma-separated well separations")
    parser.add_argument("--r3", default="0,0.5,1,1.5,2,3")
    parser.add_argument("--realizations", type=int, default=3)
    parser.add_argument("--max-age", type=int, default=15)
    parser.add_argument("--max-sweeps", type=int, default=20, help="sweep limit of one retrieval")
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-fig5-"))
    parser.add_argument("--figure", help="PNG to draw p(r3) into")
    a = parser.parse_args()
    Path(a.out).mkdir(parents=True, exist_ok=True)
    r3 = [float(x) for x in a.r3.split(",")]
    results = {}
    for C in [float(x) for x in a.C.split(",")]:
        start = time.time()
        d = mesopop_runs.run(config, a.out, f"fig5_C{C}", f"synapses.C={C}", f"sweep={{key: r3, values: {r3}}}",
                             f"protocol.max_age={a.max_age}", f"protocol.max_sweeps={a.max_sweeps}", "protocol.burn_in=300",
                             f"protocol.realizations={a.realizations}")
        mean, se = mesopop_runs.mean_se(d["p_sim"])
        results[C] = {"r3": r3, "p_sim": d["p_sim"].tolist(), "mean": mean.tolist(), "se": se.tolist(),
                      "p_theory": d["p_theory"].tolist(), "cpu_s": json.loads(str(d["meta"]))["cpu_s"]}
        print(f"C = {C} ({a.realizations} realizations x 2 test times, seed 1; {time.time() - start:.0f} s wall, {results[C]['cpu_s']:.0f} CPU s)")
        for k, x in enumerate(r3):
            print(f"   r3 = {x:4.2f}: p = {d['p_sim'][k].tolist()}, {mean[k]:5.2f} ± {se[k]:4.2f}; mean field {int(d['p_theory'][k])}", flush=True)
        (Path(a.out) / f"fig5_C{C}.json").write_text(json.dumps(results[C]))
    if a.figure:
        fig, ax = mesopop_runs.figure()
        for C, r in results.items():
            line = ax.errorbar(r["r3"], r["mean"], yerr=r["se"], fmt="o", capsize=3, label=f"C = {C:g}, simulation")
            ax.plot(r["r3"], r["p_theory"], "-", color=line[0].get_color(), label=f"C = {C:g}, mean field")
        mesopop_runs.save(fig, ax, a.figure, "synaptic noise $r_3$", "capacity p",
                          f"N = $10^4$, c = 0.05, $r_1$ = 0.1 ({a.realizations} realizations, mean ± s.e.)")


if __name__ == "__main__":
    main()
