#!/usr/bin/env python3
"""Sparse coding (Feng & Brunel, Figs. 7, 8; spec targets F8, F9), simulated: c = 1, f = 4 ln(N)/N
(`network.f_log_factor: 4`), r2 = 1, the firing threshold theta optimised on one learned network per
setting (a `theta` sweep learns once).

  nice python3 Benchmarks/double_well/sparse.py [--out DIR] [--part 1,2,3,4] [--threads T]

1. Rule (6), Tsodyks-Feigel'man, C = 0, r1 = 0.02 and 0.01 (tau = 25, 50): p*(N) for N = 500, 1000, 2000;
   the paper: p grows as ln N with a prefactor proportional to tau (Fig. 7C).
2. Rule (6) at N = 2000, tau = 50: p* against C (the paper: C* = 0, unimodal weights).
3. Rule (7), Amit-Fusi, I1 = 2C, I2 = -f(1 - f), r1 = 0.5, C = 1, r3 = 0: with r3 = 0 a potentiated synapse
   is never depressed (|I2| << C), so memory does not fade with age; what limits storage is the number of
   patterns learned since J = 0. Tests at many times u give P*, the last u at which the stored patterns
   are still retrieved; the paper: capacity proportional to (N / ln N)^2 (Fig. 7D).
4. Noise (Fig. 8), N = 1500: p*(r3) for rule (7) at r1 = 0.5 and rule (6) at r1 = 0.001, learned from
   J = 0 (rule (7) does not forget at r3 = 0: see part4).
5. Noise (Fig. 8) in the steady state of spec 4.3, the paper's capacity: burn-in B, then the ages of the
   latest pattern, `--cases rule:r3:B:max_age:age_step,...`. Rule (7) at r3 = 0 has no steady state with
   memory (never depressed, it saturates), so at small r3 rule (6) stores more, as the paper says.
MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import argparse, tempfile, time
from pathlib import Path
import numpy as np

import mesopop_runs
config = mesopop_runs.root / "Examples/configs/double_well_sparse.yaml"


threads = []                                   # ["simulation.threads=T"] with --threads T


def run(out, name, *sets):
    return mesopop_runs.run(config, out, name, *sets, *threads)


def best(d):
    """p* over the theta sweep and the theta reaching it."""
    p = d["p_sim_pooled"]
    return int(p.max()), float(d["sweep_values"][int(p.argmax())])


def part1(out):
    print("1. rule (6), C = 0: p*(N), theta optimised")
    for r1 in (0.02, 0.01):
        tau = 1 / (2 * r1)
        step = int(tau / 5)
        ps = []
        Ns = (500, 1000, 2000)
        for N in Ns:
            fN = 4 * np.log(N)
            thetas = [round(float(x * fN / 27.6), 2) for x in (1, 2, 3, 4, 5, 6)]
            d = run(out, f"tf_{r1}_{N}", f"network.N={N}", f"synapses.r1={r1}", "synapses.C=0", "synapses.rule=tsodyks_feigelman",
                    f"protocol.burn_in={int(10 * tau)}", f"protocol.max_age={int(6 * tau)}", f"protocol.age_step={step}",
                    "protocol.test_times=4", f"protocol.test_interval={int(tau / 2)}", f"sweep={{key: theta, values: {thetas}}}")
            p, th = best(d)
            ps.append(p)
            print(f"   tau = {tau:.0f}, N = {N}: p* = {p} (age step {step}) at theta = {th}; p(theta) = {list(map(int, d['p_sim_pooled']))}", flush=True)
        slope = np.polyfit(np.log(Ns), ps, 1)[0]
        print(f"   tau = {tau:.0f}: dp*/d ln N = {slope:.1f} = {slope / tau:.2f} tau")


def part2(out):
    print("2. rule (6), N = 2000, tau = 50: p* against C")
    fN = 4 * np.log(2000)
    thetas = [round(float(x * fN / 27.6), 2) for x in (1, 2, 3, 4, 5, 6)]
    for C in (0, 0.25, 0.5, 1):
        d = run(out, f"tf_C{C}", "network.N=2000", "synapses.r1=0.01", f"synapses.C={C}", "synapses.rule=tsodyks_feigelman",
                "protocol.burn_in=500", "protocol.max_age=300", "protocol.age_step=10", "protocol.test_times=4", "protocol.test_interval=25",
                f"sweep={{key: theta, values: {thetas}}}")
        p, th = best(d)
        print(f"   C = {C}: p* = {p} at theta = {th}", flush=True)


def part3(out):
    print("3. rule (7), r1 = 0.5, C = 1, r3 = 0: retrieval against the number of patterns learned since J = 0")
    sizes, stored = (500, 1000, 2000), []
    for N in sizes:
        f = 4 * np.log(N) / N
        total = 3.0 / f**2                     # beyond the saturation of potentiation, 1 - (1 - f^2)^u -> 1
        interval = int(total / 24)
        fN = f * N
        thetas = [round(float(x * fN), 2) for x in (0.5, 0.6, 0.7, 0.8, 0.9)]
        d = run(out, f"af_{N}", f"network.N={N}", "synapses.r1=0.5", "synapses.C=1", "synapses.rule=amit_fusi",
                "protocol.burn_in=101", "protocol.max_age=100", "protocol.age_step=10", "protocol.test_times=24",
                f"protocol.test_interval={interval}", f"sweep={{key: theta, values: {thetas}}}")
        u = 101 + interval * np.arange(24)
        m = d["m_v"].mean(axis=(1, 3))          # [theta, test time]: mean over realizations and ages
        retrieved = [u[np.nonzero(row > 0.5)[0]].max() if (row > 0.5).any() else 0 for row in m]
        k = int(np.argmax(retrieved))
        stored.append(retrieved[k])
        print(f"   N = {N}: f = {f:.4f}; P* = {retrieved[k]} patterns (theta = {thetas[k]}); "
              f"m_v(age 10 ... 100) at the first test {np.round(d['m_v'][k, 0, 0], 2).tolist()}", flush=True)
    x = np.array(sizes) / np.log(sizes)
    print(f"   log-log slope of P* against N / ln N: {np.polyfit(np.log(x), np.log(stored), 1)[0]:.2f} (paper: 2)")


def retrievable(out, name, u, step, sets, thetas):
    """n(u) for every theta: from J = 0, after u patterns, the number of the u stored patterns that
    are retrieved, estimated from the ages step, 2 step, ... < u (each retrieved age counts step)."""
    d = run(out, name, *sets, f"protocol.burn_in={u}", f"protocol.max_age={u - 1}", f"protocol.age_step={step}",
            "protocol.test_times=1", f"sweep={{key: theta, values: {thetas}}}")
    return step * (d["m_v"][:, 0, 0, :] > 0.5).sum(axis=1)


def part4(out):
    """Fig. 8 from a blank state: with r3 = 0 rule (7) does not forget, so a long burn-in saturates
    it and the usual (steady-state) capacity is 0 whatever it stored on the way. Both rules are
    therefore measured the same way: learn from a blank state (rule 7: J = -C, rule 6: J = 0) and count, after u patterns, how many of the
    u are retrieved, n(u); the capacity is p* = max over u and theta of n(u). For a palimpsest
    whose steady state falls inside the horizon, n(u) at the last u is its steady-state capacity
    (printed too). Runs at successive u share the pattern and noise streams (same seed), so they
    follow one realization."""
    print("4. Fig. 8, N = 1500, from J = 0: p* = max_u n(u), theta optimised; n(u) at each horizon u")
    fN = 4 * np.log(1500)
    # Rule (7) starts with every synapse depressed (J = -C): from J = 0, the unstable point, any noise
    # would send the synapses no pattern has touched yet into either well at random, half of them up.
    rules = {"amit_fusi": (0.5, 1, (0.5, 0.6, 0.7, 0.8, 0.9), fN, -1), "tsodyks_feigelman": (0.001, 0, (2, 3, 4, 5, 6, 7, 8), fN / 27.6, 0)}
    # Noise makes a presentation cost a Gaussian per synapse (~4x the time): the noisy cases use fewer
    # horizons, in the order of their importance. Rule (7) is hurt once noise crossings of the barrier
    # (C = 1 against r3/(1 - e^-2r1)^1/2) compete with the potentiation rate f^2 (r3 ~ 0.25);
    # rule (6) once the noise variance r3^2 tau reaches the learning's, ~f^2 tau (r3 ~ 0.02).
    full, short = (250, 500, 1000, 2000, 3000), (500, 1000, 2000)
    cases = (("amit_fusi", 0, full), ("amit_fusi", 0.25, short), ("tsodyks_feigelman", 0.02, short), ("amit_fusi", 0.3, short),
             ("tsodyks_feigelman", 0.05, short), ("amit_fusi", 0.2, short), ("tsodyks_feigelman", 0.01, short), ("tsodyks_feigelman", 0, full))
    for rule, r3, horizons in cases:
        r1, C, fractions, scale, start = rules[rule]
        thetas = [round(float(x * scale), 2) for x in fractions]
        sets = ("network.N=1500", f"synapses.r1={r1}", f"synapses.C={C}", f"synapses.rule={rule}", f"synapses.r3={r3}",
                f"protocol.initial_J={start}")
        n = np.array([retrievable(out, f"noise_{rule}_{r3}_{u}", u, max(1, u // 25), sets, thetas) for u in horizons])
        best = np.unravel_index(int(n.argmax()), n.shape)
        print(f"   {rule}, r1 = {r1}, r3 = {r3}: p* = {int(n.max())} (u = {horizons[best[0]]}, theta = {thetas[best[1]]}); "
              f"max over theta of n(u) at u = {list(horizons)}: {n.max(axis=1).tolist()}", flush=True)


def part5(out, cases):
    print("5. Fig. 8, N = 1500, steady state: p* after a burn-in, theta optimised")
    fN = 4 * np.log(1500)
    rules = {"amit_fusi": (0.5, 1, (0.5, 0.6, 0.7, 0.8, 0.9), fN, -1), "tsodyks_feigelman": (0.001, 0, (4, 6, 8, 10), fN / 27.6, 0)}
    for case in cases.split(","):
        rule, r3, B, A, step = case.split(":")
        r1, C, fractions, scale, start = rules[rule]
        thetas = [round(float(x * scale), 2) for x in fractions]
        d = run(out, f"steady_{rule}_{r3}_{B}", "network.N=1500", f"synapses.r1={r1}", f"synapses.C={C}", f"synapses.rule={rule}",
                f"synapses.r3={r3}", f"protocol.initial_J={start}", f"protocol.burn_in={B}", f"protocol.max_age={A}",
                f"protocol.age_step={step}", "protocol.test_times=1", f"sweep={{key: theta, values: {thetas}}}")
        p = d["p_sim_pooled"]
        print(f"   {rule}, r1 = {r1}, r3 = {r3}, burn-in {B}: p* = {int(p.max())}; p(theta) = {dict(zip(thetas, p.tolist()))}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=tempfile.mkdtemp(prefix="mesopop-dw-sparse-"))
    parser.add_argument("--part", default="1,2,3,4,5")
    parser.add_argument("--threads", type=int, help="threads per run (default: all cores)")
    parser.add_argument("--cases", default="amit_fusi:0.25:2000:500:20,tsodyks_feigelman:0.02:3000:1000:40,amit_fusi:0.1:4000:1000:40",
                        help="part 5: rule:r3:burn_in:max_age:age_step, comma-separated")
    a = parser.parse_args()
    if a.threads:
        threads.append(f"simulation.threads={a.threads}")
    Path(a.out).mkdir(parents=True, exist_ok=True)
    parts = {"1": part1, "2": part2, "3": part3, "4": part4, "5": lambda out: part5(out, a.cases)}
    for key in a.part.split(","):
        start = time.time()
        parts[key](a.out)
        print(f"   ({time.time() - start:.0f} s wall)", flush=True)


if __name__ == "__main__":
    main()
