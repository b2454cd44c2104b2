#!/usr/bin/env python3
"""F2, the r1* transition at cN = 1500 (Feng & Brunel, Fig. 3A: C* = 0 at r1 = 0.004, C* > 0 at 0.012),
simulated at N = 30 000, c = 0.05 against the mean field. The mean field finds C* > 0 at both.

  nice python3 Benchmarks/double_well/transition.py [--out DIR] [--C 0,2.5,5] [--realizations 1]
      [--N 30000 --c 0.05] [--r1 0.004,0.012] [--test-times 2] [--max-sweeps 100]

Burn-in 10 tau, ages 5, 10, ... up to 1.3 x the mean-field p* (every 5th age: the mean-field gain, 16
patterns at r1 = 0.004, is three steps), 2 test times, seed 1.
MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, tempfile, time
from pathlib import Path
import numpy as np

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_capacity.yaml"


def run(out, name, *sets):
    return mesopop_runs.run(config, out, name, *sets)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-f2-"))
    parser.add_argument("--C", default="0,2.5,5")
    parser.add_argument("--realizations", type=int, default=1)
    parser.add_argument("--N", type=int, default=30000)
    parser.add_argument("--c", type=float, default=0.05)
    parser.add_argument("--r1", default="0.004,0.012")
    parser.add_argument("--test-times", type=int, default=2)
    parser.add_argument("--age-step", type=int, default=5)
    parser.add_argument("--max-sweeps", type=int, default=100)
    a = parser.parse_args()
    Path(a.out).mkdir(parents=True, exist_ok=True)
    C = [float(x) for x in a.C.split(",")]
    for r1 in [float(x) for x in a.r1.split(",")]:
        burn = int(np.ceil(10 / (2 * r1)))
        common = [f"network.N={a.N}", f"network.c={a.c}", f"synapses.r1={r1}", f"protocol.burn_in={burn}"]
        grid = [round(float(x), 2) for x in np.arange(0, 8.01, 0.25)]
        mf = run(a.out, f"mf_{r1}", *common, "simulation.simulate=false", "protocol.max_age=400", f"sweep={{key: C, values: {grid}}}")
        p0 = int(mf["p_theory"][0])
        print(f"r1 = {r1}: mean field p(0) = {p0}, p* = {int(mf['p_theory'].max())} at C* = {float(mf['best_value_theory'][0])}")
        age = int(np.ceil(1.3 * max(mf["p_theory"]) / 10) * 10)
        start = time.time()
        d = run(a.out, f"sim_{r1}", *common, f"protocol.max_age={age}", f"protocol.age_step={a.age_step}", f"protocol.realizations={a.realizations}",
                f"protocol.test_times={a.test_times}", f"protocol.max_sweeps={a.max_sweeps}",
                f"sweep={{key: C, values: {C}}}")
        for i, c in enumerate(C):
            print(f"   C = {c}: simulation p = {int(d['p_sim_pooled'][i])} (per realization {list(map(int, d['p_sim'][i]))}), "
                  f"mean field {int(d['p_theory'][i])}")
        print(f"   ({time.time() - start:.0f} s wall)", flush=True)


if __name__ == "__main__":
    main()
