#!/usr/bin/env python3
"""The plastic Brunel benchmark (brunel_common.py) in NEST 3.10, static or with E->E STDP; one thread.

NEST models: iaf_psc_delta (refractory_input False: input during the refractory period is dropped;
E_L = V_reset = 0, V_th 20 mV, C_m irrelevant for delta synapses), the drive as one poisson_generator
feeding 10 000 parrot_neurons (independent trains) connected fixed_indegree 1000 without multapses,
recurrent pairwise_bernoulli p = 0.1 (autapses allowed, NEST's default). The plastic E->E synapses are
stdp_synapse with mu_plus = mu_minus = 1, Wmax = 0.3, lambda = 0.01, alpha = 2.02, tau_plus = 20 ms
(tau_minus = 20 ms on the neurons): NEST normalises by Wmax, w/Wmax += lambda (1 - w/Wmax)^mu_plus K+,
w/Wmax -= alpha lambda (w/Wmax)^mu_minus K-, which for mu = 1 is exactly w += lambda (w_max - w) A_pre,
w -= lambda alpha w A_post (checked spike by spike in nest_stdp_reference.py). NEST treats the whole
delay as dendritic: it pairs a pre spike emitted at t_pre with a post spike at t_post by
dt = t_post + d - t_pre (not t_post - (t_pre + d)); see nest_stdp_reference.py.

Timing: wall and CPU time of nest.Simulate alone (network construction reported separately).
Prints one JSON line (brunel_common.summary).
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np

import brunel_common as bc


def final_weights(nest, E, block: int = 250) -> np.ndarray:
    """The E->E weights, read block of sources by block (one GetConnections(...).get of all 6.4 M
    connections built Python objects until the process was killed for memory at 21 GB)."""
    parts = [np.asarray(nest.GetConnections(E[a:min(a + block, len(E))], E).get("weight"), dtype=float)
             for a in range(0, len(E), block)]
    return np.concatenate(parts)


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
    import nest
    nest.set_verbosity("M_ERROR")
    t0 = time.perf_counter()
    nest.ResetKernel()
    nest.resolution = bc.DT_MS
    nest.local_num_threads = 1
    nest.rng_seed = args.seed
    neuron = {"E_L": 0.0, "V_reset": bc.V_RESET, "V_th": bc.V_TH, "V_m": bc.V_RESET, "tau_m": bc.TAU_M_MS,
              "t_ref": bc.T_REF_MS, "C_m": 250.0, "refractory_input": False, "tau_minus": bc.TAU_MINUS_MS}
    E = nest.Create("iaf_psc_delta", bc.N_E, params=neuron)
    I = nest.Create("iaf_psc_delta", bc.N_I, params=neuron)
    source = nest.Create("poisson_generator", params={"rate": bc.SOURCE_RATE_HZ})
    parrots = nest.Create("parrot_neuron", bc.N_SOURCES)
    nest.Connect(source, parrots, syn_spec={"delay": bc.DT_MS})
    nest.Connect(parrots, E + I, {"rule": "fixed_indegree", "indegree": bc.SOURCE_INDEGREE, "allow_multapses": False},
                 {"weight": bc.J_E, "delay": bc.DELAY_MS})
    bern = {"rule": "pairwise_bernoulli", "p": bc.P_CONNECT}
    if args.plastic:
        ee = {"synapse_model": "stdp_synapse", "weight": bc.J_E, "delay": bc.DELAY_MS, "Wmax": bc.W_MAX,
              "lambda": bc.LAMBDA, "alpha": bc.ALPHA, "mu_plus": 1.0, "mu_minus": 1.0, "tau_plus": bc.TAU_PLUS_MS}
    else:
        ee = {"weight": bc.J_E, "delay": bc.DELAY_MS}
    nest.Connect(E, E, bern, ee)
    nest.Connect(E, I, bern, {"weight": bc.J_E, "delay": bc.DELAY_MS})
    nest.Connect(I, E + I, bern, {"weight": bc.J_I, "delay": bc.DELAY_MS})
    rec_e, rec_i = nest.Create("spike_recorder"), nest.Create("spike_recorder")
    nest.Connect(E, rec_e)
    nest.Connect(I, rec_i)
    build = time.perf_counter() - t0
    c0, w0 = time.process_time(), time.perf_counter()
    nest.Simulate(args.duration * 1000.0)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"nest_brunel: simulated {args.duration} s in {wall:.1f} s wall", file=sys.stderr)
    e_t = np.asarray(rec_e.get("events")["times"]) / 1000.0
    i_t = np.asarray(rec_i.get("events")["times"]) / 1000.0
    extra = {}
    if args.plastic:
        stored = final_weights(nest, E)
        extra = {"w_EE_mean_as_stored": float(stored.mean()), "w_EE_std_as_stored": float(stored.std())}
        if not args.no_flush:
            extra["flush_spikes"] = flush(nest, E, I, rec_e)
        weights = final_weights(nest, E)
    else:
        weights = None
    print(bc.summary("nest-" + nest.__version__, args.plastic, args.seed, args.duration, e_t, i_t,
                     {"sim_wall_s": wall, "sim_cpu_s": cpu, "build_s": build}, weights,
                     flushed=args.plastic and not args.no_flush, **extra))


if __name__ == "__main__":
    main()
