#!/usr/bin/env python3
"""The plastic Brunel benchmark (brunel_common.py) in NEST 3.10, static or with E->E STDP; one thread.

The network is brunel_static.yaml / brunel_plastic.yaml exported by `mesopop export nest` (the
ExportToNEST article states the mapping): iaf_psc_delta (refractory_input False: input during the
refractory period is dropped; E_L = V_reset = 0, V_m(0) = V_reset), the drive as one
poisson_generator feeding 10 000 parrot_neurons (independent trains shared by the neurons)
connected fixed_indegree 1000 without multapses, recurrent pairwise_bernoulli p = 0.1 (autapses
allowed). The plastic E->E synapses are stdp_synapse with mu_plus = mu_minus = 1, Wmax = 0.3,
lambda = 0.01, alpha = 2.02, tau_plus = 20 ms (tau_minus = 20 ms on the neurons): NEST normalises
by Wmax, w/Wmax += lambda (1 - w/Wmax)^mu_plus K+, w/Wmax -= alpha lambda (w/Wmax)^mu_minus K-,
which for mu = 1 is exactly w += lambda (w_max - w) A_pre, w -= lambda alpha w A_post (checked spike
by spike in nest_stdp_reference.py). NEST treats the whole delay as dendritic, as MesoPop does: it
pairs a pre spike emitted at t_pre with a post spike at t_post by dt = t_post + d - t_pre.

This script runs the exported script in its own process (runpy), then adds what is specific to
the benchmark: the flush of the weights NEST still owes and the JSON line of brunel_common.
Timing: wall and CPU time of nest.Simulate alone (network construction reported separately).
Prints one JSON line (brunel_common.summary).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import runpy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import brunel_common as bc

HERE = Path(__file__).resolve().parent
MESOPOP = os.environ.get("MESOPOP", str(HERE.parents[1] / ".build" / "release" / "mesopop"))


def exported(plastic: bool, seed: int, duration: float, folder: str) -> str:
    """The benchmark's configuration exported by `mesopop export nest` (micro level, one virtual process)."""
    config = HERE / ("brunel_plastic.yaml" if plastic else "brunel_static.yaml")
    script = os.path.join(folder, "nest_brunel_exported.py")
    subprocess.run([MESOPOP, "export", "nest", str(config), "--level", "micro", "--seed", str(seed),
                    "--set", f"simulation.duration={duration}", "--out", script, "--quiet"], check=True)
    return script


def flush(nest, E, I, rec_e, quiet_ms: float = 300.0) -> int:
    """Applies the potentiation NEST still owes: stdp_synapse updates a weight only at a pre spike, so
    after Simulate each weight lacks the potentiation by the post spikes since its last pre spike
    (≈ 3 % of a second's potentiation; Brian2 and MesoPop's final weights include it). The network
    is silenced (V_th huge) for `quiet_ms`, so that the post traces decay (e^{-quiet/tau_minus}, 3e-7:
    the flush spike's own depression is negligible), then every E neuron is made to spike exactly once
    (V_m = 100 mV, one step), then silenced again while the spikes are delivered. Returns the number
    of E spikes in the flush step (must be N_E)."""
    before = rec_e.get("n_events")
    (E + I).set(V_th=1e12)
    nest.Simulate(quiet_ms)
    E.set(V_th=bc.V_TH, V_m=100.0)
    nest.Simulate(bc.DT_MS)
    (E + I).set(V_th=1e12)
    nest.Simulate(10.0)
    return int(rec_e.get("n_events") - before)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plastic", action="store_true", help="E->E stdp_synapse instead of static")
    ap.add_argument("--seed", type=int, default=1, help="NEST rng_seed")
    ap.add_argument("--duration", type=float, default=1.0, help="simulated time (s)")
    ap.add_argument("--no-flush", action="store_true", help="report the E->E weights as NEST stores them (see flush)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        script = exported(args.plastic, args.seed, args.duration, folder)
        sys.argv = [script, "--seed", str(args.seed), "--out", os.path.join(folder, "nest.npz")]
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            run = runpy.run_path(script, run_name="__main__")
    nest, nodes = run["nest"], run["nodes"]
    E, I = nodes["E"], nodes["I"]
    names = [name for name, _ in run["POPULATIONS"]]
    rec_e, rec_i = run["recorders"][names.index("E")], run["recorders"][names.index("I")]
    build, wall, cpu = run["wall0"] - t0, run["wall"], run["cpu"]
    print(f"nest_brunel: simulated {args.duration} s in {wall:.1f} s wall", file=sys.stderr)
    # The exported script simulates one step beyond the duration (its last step's spikes are stamped then).
    end_ms = args.duration * 1000.0 + 1e-9
    e_t = np.asarray(rec_e.get("events")["times"]) / 1000.0
    i_t = np.asarray(rec_i.get("events")["times"]) / 1000.0
    e_t, i_t = e_t[e_t <= end_ms / 1000.0], i_t[i_t <= end_ms / 1000.0]
    extra = {}
    if args.plastic:
        stored = run["final_weights"]()["w"]
        extra = {"w_EE_mean_as_stored": float(stored.mean()), "w_EE_std_as_stored": float(stored.std())}
        if not args.no_flush:
            extra["flush_spikes"] = flush(nest, E, I, rec_e)
        weights = run["final_weights"]()["w"]
    else:
        weights = None
    print(bc.summary("nest-" + nest.__version__, args.plastic, args.seed, args.duration, e_t, i_t,
                     {"sim_wall_s": wall, "sim_cpu_s": cpu, "build_s": build}, weights,
                     flushed=args.plastic and not args.no_flush, **extra))


if __name__ == "__main__":
    main()
