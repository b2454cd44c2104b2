#!/usr/bin/env python3
"""Fig. 6 (Feng & Brunel), simulated: the trade-off between the capacity without noise, p0 = p(r3 = 0), and the
robustness R = |dp/dr3~|^-1, r3~ = r3 / Omega (eq. 15, Omega the RMS of the stationary weight density), per well
depth r1, at N = 10^4, c = 0.05, f = 1/2, theta = 0, C at each r1's mean-field optimum. The paper: deeper wells
(larger r1) give a smaller p0 but a larger R.

  nice -n 10 python3 Benchmarks/double_well/fig6.py [--r1 0.02,0.05,0.1,0.5] [--r3 0,0.5,1] [--realizations 3]

dp/dr3~ is the least-squares slope of p against r3~ over the --r3 grid, fitted per realization (R realizations of
seed 1, 2 test times each); the simulated R comes from the mean slope, its error from the slopes' standard error.
The mean field is evaluated on the same grid. MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, json, tempfile, time
from pathlib import Path
import numpy as np

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_capacity.yaml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--r1", default="0.02,0.05,0.1,0.5")
    parser.add_argument("--r3", default="0,0.5,1")
    parser.add_argument("--realizations", type=int, default=3)
    parser.add_argument("--max-sweeps", type=int, default=20, help="sweep limit of one retrieval")
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-fig6-"))
    parser.add_argument("--figure", help="PNG to draw p0 against R into")
    parser.add_argument("--reuse", action="store_true", help="load a run's OUT/NAME.npz when it exists instead of running it")
    a = parser.parse_args()

    def run(name, *sets):
        target = Path(a.out) / f"{name}.npz"
        return np.load(target) if a.reuse and target.exists() else mesopop_runs.run(config, a.out, name, *sets)

    Path(a.out).mkdir(parents=True, exist_ok=True)
    noise = [float(x) for x in a.r3.split(",")]
    grid = [round(float(x), 2) for x in np.arange(0, 7.01, 0.05)]
    rows = []
    for r1 in [float(x) for x in a.r1.split(",")]:
        start = time.time()
        mf = run(f"fig6_mf_{r1}", f"synapses.r1={r1}", "simulation.simulate=false",
                              "protocol.max_age=1000", "protocol.burn_in=1001", f"sweep={{key: C, values: {grid}}}")
        C = float(mf["best_value_theory"][0])
        ages = int(np.ceil(1.3 * mf["p_theory"].max())) + 2
        d = run(f"fig6_sim_{r1}", f"synapses.r1={r1}", f"synapses.C={C}", f"sweep={{key: r3, values: {noise}}}",
                             f"protocol.max_age={ages}", f"protocol.burn_in={max(300, int(np.ceil(10 / (2 * r1))), ages + 1)}",
                             f"protocol.max_sweeps={a.max_sweeps}", f"protocol.realizations={a.realizations}")
        x = np.array(noise) / d["omega"]                                       # r3~ = r3 / Omega (eq. 15)
        p = d["p_sim"].T.astype(float)                                         # [realization, r3]
        slopes = np.array([np.polyfit(x, row, 1)[0] for row in p])
        s, ds = mesopop_runs.mean_se(slopes)
        p0, p0_se = mesopop_runs.mean_se(p[:, 0])
        s_mf = np.polyfit(x, d["p_theory"].astype(float), 1)[0]
        row = {"r1": r1, "C": C, "omega": d["omega"].tolist(), "p_sim": d["p_sim"].tolist(), "p_theory": d["p_theory"].tolist(),
               "p0": p0, "p0_se": p0_se, "p0_theory": int(d["p_theory"][0]),
               "R": 1 / abs(s), "R_se": ds / s**2, "R_theory": 1 / abs(s_mf), "cpu_s": json.loads(str(d["meta"]))["cpu_s"]}
        rows.append(row)
        print(f"r1 = {r1}, C* = {C:.2f}, Omega(r3) = {np.round(d['omega'], 3).tolist()}; "
              f"p(r3 = {noise}) per realization {d['p_sim'].tolist()}, mean field {d['p_theory'].tolist()}")
        print(f"   p0 = {row['p0']:.2f} ± {row['p0_se']:.2f} (mean field {row['p0_theory']}); R = {row['R']:.3f} ± {row['R_se']:.3f} "
              f"(mean field {row['R_theory']:.3f}); {time.time() - start:.0f} s wall, {row['cpu_s']:.0f} CPU s", flush=True)
        (Path(a.out) / "fig6.json").write_text(json.dumps(rows))
    if a.figure:
        fig, ax = mesopop_runs.figure()
        ax.errorbar([r["R"] for r in rows], [r["p0"] for r in rows], xerr=[r["R_se"] for r in rows], yerr=[r["p0_se"] for r in rows],
                    fmt="o", capsize=3, label="simulation")
        ax.plot([r["R_theory"] for r in rows], [r["p0_theory"] for r in rows], "s--", mfc="none", label="mean field")
        for r in rows:
            ax.annotate(f"$r_1$ = {r['r1']:g}", (r["R"], r["p0"]), textcoords="offset points", xytext=(5, 4), fontsize=8)
        mesopop_runs.save(fig, ax, a.figure, r"robustness R = $|dp/d\tilde r_3|^{-1}$", "$p_0$ = p($r_3$ = 0)",
                          f"N = $10^4$, c = 0.05, C = C*($r_1$), {a.realizations} realizations, mean ± s.e.")


if __name__ == "__main__":
    main()
