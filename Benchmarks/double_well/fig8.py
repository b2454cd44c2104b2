#!/usr/bin/env python3
"""Fig. 8 (Feng & Brunel), target F9, in the steady state of spec 4.3 with several realizations: p*(r3) for the
Amit-Fusi rule (7) at r1 = 0.5, C = 1 and the Tsodyks-Feigel'man rule (6) at r1 = 10^-3, C = 0; N = 1500, c = 1,
f = 4 ln(N)/N, r2 = 1, theta optimised. The paper: rule (7) degrades much more slowly with r3 than rule (6); at
small r3 rule (6) has the larger p at this N.

  nice -n 10 python3 Benchmarks/double_well/fig8.py --rule amit_fusi --r3 0,0.25,0.4,0.15 [--realizations 3]

One run per r3 learns R realizations (seed 1) once and tests every theta of the grid on them (burn-in B, ages
every `--age-step` up to `--max-age`, 1 test time). theta* maximises the capacity averaged over the
realizations; p* is reported per realization at theta* with its mean ± s.e. (choosing theta on the same
realizations biases p* up by at most the spread between neighbouring thetas, printed too).
Results go to OUT/fig8_RULE.json after every point; --figure draws every rule's JSON found in OUT.
MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, json, tempfile, time
from pathlib import Path
import numpy as np

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_sparse.yaml"

# rule: (r1, C, theta grid as multiples of the scale, scale per fN, initial J)
RULES = {"amit_fusi": (0.5, 1, (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1), 1.0, -1),
         "tsodyks_feigelman": (0.001, 0, (3, 4, 6, 8, 10, 12), 1 / 27.6, 0)}


def measure(a, rule, r3):
    r1, C, multiples, scale, start = RULES[rule]
    fN = 4 * np.log(1500)
    thetas = [round(float(x * scale * fN), 2) for x in multiples]
    d = mesopop_runs.run(config, a.out, f"fig8_{rule}_{r3}", "network.N=1500", f"synapses.r1={r1}", f"synapses.C={C}",
                         f"synapses.rule={rule}", f"synapses.r3={r3}", f"protocol.initial_J={start}", f"protocol.burn_in={a.burn_in}",
                         f"protocol.max_age={a.max_age}", f"protocol.age_step={a.age_step}", "protocol.test_times=1",
                         f"protocol.realizations={a.realizations}", f"sweep={{key: theta, values: {thetas}}}")
    p = d["p_sim"].astype(float)                       # [theta, realization]
    k = int(p.mean(axis=1).argmax())
    mean, se = mesopop_runs.mean_se(p[k])
    return {"r3": r3, "burn_in": a.burn_in, "theta": thetas, "theta_star": thetas[k], "p_sim": p.tolist(), "p": p[k].tolist(),
            "mean": mean, "se": se, "cpu_s": json.loads(str(d["meta"]))["cpu_s"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rule", choices=sorted(RULES), help="rule to measure (omit to only draw)")
    parser.add_argument("--r3", default="0,0.25,0.4,0.15")
    parser.add_argument("--realizations", type=int, default=3)
    parser.add_argument("--burn-in", type=int, default=2000)
    parser.add_argument("--max-age", type=int, default=600)
    parser.add_argument("--age-step", type=int, default=20)
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-fig8-"))
    parser.add_argument("--figure", help="PNG to draw p*(r3) of every rule measured in OUT into")
    a = parser.parse_args()
    Path(a.out).mkdir(parents=True, exist_ok=True)
    if a.rule:
        store = Path(a.out) / f"fig8_{a.rule}.json"
        points = json.loads(store.read_text()) if store.exists() else []
        for r3 in [float(x) for x in a.r3.split(",")]:
            begin = time.time()
            m = measure(a, a.rule, r3)
            points = sorted([q for q in points if q["r3"] != r3] + [m], key=lambda q: q["r3"])
            store.write_text(json.dumps(points))
            print(f"{a.rule}, r3 = {r3}: p* = {m['mean']:.1f} ± {m['se']:.1f} (realizations {m['p']}) at theta* = {m['theta_star']}; "
                  f"mean p(theta) = {dict(zip(m['theta'], np.round(np.mean(m['p_sim'], axis=1), 1).tolist()))}; "
                  f"{time.time() - begin:.0f} s wall, {m['cpu_s']:.0f} CPU s", flush=True)
    if a.figure:
        fig, ax = mesopop_runs.figure()
        labels = {"amit_fusi": "rule (7), $r_1$ = 0.5, C = 1", "tsodyks_feigelman": "rule (6), $r_1$ = $10^{-3}$, C = 0"}
        for rule in sorted(RULES):
            store = Path(a.out) / f"fig8_{rule}.json"
            if store.exists():
                q = json.loads(store.read_text())
                ax.errorbar([x["r3"] for x in q], [x["mean"] for x in q], yerr=[x["se"] for x in q], fmt="o", capsize=3, label=labels[rule])
                for x in q:
                    ax.annotate(f"B = {x['burn_in']}", (x["r3"], x["mean"]), textcoords="offset points", xytext=(4, -12), fontsize=7)
        mesopop_runs.save(fig, ax, a.figure, "synaptic noise $r_3$", "capacity p* (steady state)",
                          f"N = 1500, c = 1, f = 4 ln N / N, burn-in B, {a.realizations} realizations, mean ± s.e.")


if __name__ == "__main__":
    main()
