#!/usr/bin/env python3
"""Fig. 1B (Feng & Brunel): m_v against age at N = 30 000, c = 0.05, f = 1/2, theta = 0, r3 = 0, for several
well depths r1, C at the mean-field optimum C* of each r1; simulation (2 test times, seed 1) against the
mean field. The paper: m_v ~ 1 then an abrupt drop; deeper wells (larger r1) give smaller p.

  nice python3 Benchmarks/double_well/fig1b.py [--out DIR] [--r1 0.05,0.1,0.5] [--N 30000]
MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, tempfile, time
from pathlib import Path
import numpy as np

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_capacity.yaml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-fig1b-"))
    parser.add_argument("--r1", default="0.05,0.1,0.5")
    parser.add_argument("--N", type=int, default=30000)
    a = parser.parse_args()
    Path(a.out).mkdir(parents=True, exist_ok=True)
    for r1 in [float(x) for x in a.r1.split(",")]:
        common = [f"network.N={a.N}", f"synapses.r1={r1}"]
        grid = [round(float(x), 2) for x in np.arange(0, 8.01, 0.1)]
        mf = mesopop_runs.run(config, a.out, f"mf_{r1}", *common, "simulation.simulate=false", "protocol.max_age=400", "protocol.burn_in=401",
                              f"sweep={{key: C, values: {grid}}}")
        C = float(mf["best_value_theory"][0])
        ages = int(np.ceil(1.3 * mf["p_theory"].max()))
        start = time.time()
        d = mesopop_runs.run(config, a.out, f"sim_{r1}", *common, f"synapses.C={C}", f"protocol.max_age={ages}",
                             f"protocol.burn_in={max(300, int(np.ceil(10 / (2 * r1))), ages + 1)}")
        sim = d["m_v"][0].mean(axis=(0, 1))
        theory = d["m_v_theory"][0]
        p_sim, p_mf = int(d["p_sim_pooled"][0]), int(d["p_theory"][0])
        window = range(max(0, min(p_sim, p_mf) - 3), min(len(sim), max(p_sim, p_mf) + 3))
        print(f"r1 = {r1}, C* = {C}: p simulated {p_sim}, mean field {p_mf}; min m_v over ages 1..{min(p_sim, p_mf)}: "
              f"simulated {sim[:min(p_sim, p_mf)].min():.3f}, mean field {theory[:min(p_sim, p_mf)].min():.3f}; "
              f"cycles {int(d['cycles'].sum())} of {d['cycles'].size} ({time.time() - start:.0f} s wall)")
        print("   age:       " + " ".join(f"{k + 1:5d}" for k in window))
        print("   simulated: " + " ".join(f"{sim[k]:5.2f}" for k in window))
        print("   theory:    " + " ".join(f"{theory[k]:5.2f}" for k in window), flush=True)


if __name__ == "__main__":
    main()
