#!/usr/bin/env python3
"""Benchmark-tier checks of the double-well attractor network (Feng & Brunel) with `mesopop run`.

  python3 Benchmarks/double_well/validate.py [--simulate] [--parts 1,2,3,4] [--realizations R] [--out DIR]

1. p(C) at N = 10^4, c = 0.05, r1 = 0.1 (Fig. 2B, Fig. 5 at r3 = 0): simulation and mean field.
2. Noise (Fig. 5): p(r3) at C = 0 ... 5 (the paper: decreasing for C = 0-3, rising then falling for
   C = 4, 5), mean field; the simulation too with --simulate (R realizations, 2 test times each).
3. Exponent (Fig. 3B): mean-field p*(cN) for cN = 10^3 ... 3·10^4 at r1 = 0.05, 0.1, 0.5, C on a fine grid.
4. Trade-off (Fig. 6): p0 = p*(r3 = 0) and R = |dp/dr3~|^-1 per r1, mean field (C at its r3 = 0 optimum).
MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, tempfile
from pathlib import Path
import numpy as np

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_capacity.yaml"


def run(out, name, simulate, *sets):
    return mesopop_runs.run(config, out, name, f"simulation.simulate={str(simulate).lower()}", *sets)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--simulate", action="store_true", help="simulate the noise sweep too (minutes)")
    parser.add_argument("--parts", default="1,2,3,4")
    parser.add_argument("--realizations", type=int, default=1, help="realizations of the simulated noise sweep")
    parser.add_argument("--noise-C", default="0,1,2,3,4,5", help="C values of the noise sweep")
    parser.add_argument("--noise-r3", default="0,0.25,0.5,0.75,1,1.5,2", help="r3 values of the noise sweep")
    parser.add_argument("--noise-max-age", type=int, default=40, help="oldest age of the noise sweep")
    parser.add_argument("--max-sweeps", type=int, default=100, help="sweep limit of one retrieval (simulation)")
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-"))
    a = parser.parse_args()
    Path(a.out).mkdir(parents=True, exist_ok=True)
    parts = a.parts.split(",")
    if "1" in parts:
        part1(a)
    if "2" in parts:
        part2(a)
    if "3" in parts:
        part3(a)
    if "4" in parts:
        part4(a)


def part1(a):
    C = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]
    d = run(a.out, "p_of_C", True, f"sweep={{key: C, values: {C}}}")
    print("1. p(C), N = 1e4, c = 0.05, r1 = 0.1, seed 1")
    for i, c in enumerate(C):
        print(f"   C = {c:3.1f}: simulation {int(d['p_sim_pooled'][i]):3d}, mean field {int(d['p_theory'][i]):3d}")



def part2(a):
    r3 = [float(x) for x in a.noise_r3.split(",")]
    print(f"2. p(r3), N = 1e4, c = 0.05, r1 = 0.1 (simulation: {a.realizations} realizations x 2 test times, pooled)")
    for c in [float(x) for x in a.noise_C.split(",")]:
        d = run(a.out, f"noise_C{c}", a.simulate, f"synapses.C={c}", f"sweep={{key: r3, values: {r3}}}", f"protocol.max_age={a.noise_max_age}",
                f"protocol.max_sweeps={a.max_sweeps}",
                "protocol.burn_in=300", f"protocol.realizations={a.realizations}")
        sim = f", simulation {list(map(int, d['p_sim_pooled']))}" if a.simulate else ""
        print(f"   C = {c}: r3 = {r3}: mean field {list(map(int, d['p_theory']))}{sim}", flush=True)



def part3(a):
    grid = [round(float(x), 2) for x in np.arange(0, 7.01, 0.05)]
    print("3. exponent of p*(cN), mean field, C step 0.05")
    for r1 in (0.05, 0.1, 0.5):
        best = []
        for n in (20000, 60000, 200000, 600000):
            d = run(a.out, f"exp_{r1}_{n}", False, f"synapses.r1={r1}", f"network.N={n}", "protocol.max_age=1000", "protocol.burn_in=1001",
                    f"sweep={{key: C, values: {grid}}}")
            best.append(int(d["p_theory"].max()))
        cN = np.array([1e3, 3e3, 1e4, 3e4])
        slope = np.polyfit(np.log(cN), np.log(best), 1)[0]
        print(f"   r1 = {r1}: p* = {best}, a = {slope:.3f}")



def part4(a):
    grid = [round(float(x), 2) for x in np.arange(0, 7.01, 0.05)]
    print("4. p0 against R, N = 1e4, c = 0.05, mean field")
    for r1 in (0.02, 0.05, 0.1, 0.2, 0.5):
        d = run(a.out, f"fig6_C_{r1}", False, f"synapses.r1={r1}", "protocol.max_age=1000", "protocol.burn_in=1001", f"sweep={{key: C, values: {grid}}}")
        p0, cstar = int(d["p_theory"].max()), float(d["best_value_theory"][0])
        noise = [0, 0.1, 0.2, 0.3]
        d = run(a.out, f"fig6_r3_{r1}", False, f"synapses.r1={r1}", f"synapses.C={cstar}", "protocol.max_age=1000", "protocol.burn_in=1001",
                f"sweep={{key: r3, values: {noise}}}")
        slope = np.polyfit(np.array(noise) / d["omega"], d["p_theory"].astype(float), 1)[0]  # r3~ = r3 / Omega (eq. 15)
        print(f"   r1 = {r1}: C* = {cstar:.2f}, p0 = {p0}, R = |dp/dr3~|^-1 = {1 / abs(slope):.4f}")


if __name__ == "__main__":
    main()
