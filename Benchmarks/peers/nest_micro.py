#!/usr/bin/env python3
"""Simulate one of our network configurations microscopically in NEST (gif_psc_exp neurons).

One job: build the network neuron by neuron in NEST 3.10, simulate it, and write the population
activity in our ``.npz`` format:

* ``t`` (B,) s, start of each recording bin; ``A`` (B, M) Hz = spikes of population m in the bin
  / (N_m * record_bin); ``meta`` JSON (seed, level "nest_micro", units, timing, NEST mapping).
* Neurons: ``gif_psc_exp`` with the mapping of ``network.nest_neuron_params`` (C_m = 250 pF,
  g_L = C_m/tau_m, E_L = mu, I_e = 0, q_sfa = J_theta/tau_theta, ...).  Initial state: V_m = 0 mV,
  not refractory, no adaptation (as in NEST's gif_pop_psc_exp example); discard a transient.
* Connectivity: ``fixed_indegree`` with C = round(p * N_source) distinct partners per target
  (multapses off, autapses allowed; MesoPop's default), or ``pairwise_bernoulli`` with p.
* Synapses: ``static_synapse`` with weight J*C_m/tau_s (pA), or ``tsodyks2_synapse`` for
  connections with ``stp`` (u = 0, x = 1 initially; tau_fac = 0 means no facilitation).
* Timing: ``time.process_time()`` and wall time around ``nest.Simulate`` alone (single thread,
  resolution = dt), printed as one JSON line on stdout.

Example::

    python nest_micro.py ../../Examples/configs/nest_ei_network.yaml --stationary --duration 10 \\
        --seed 1 --out ../out/nest_micro-1.npz
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

import nest_common as nc
import network as nw
import output


def build_and_run(net: nw.Network, seed: int, C_m: float = nw.C_M_PF):
    nest = nc.import_nest()
    nc.reset_kernel(nest, net, seed)
    dt_ms = 1e3 * net.dt
    pops = {}
    for p in net.populations:
        pops[p.name] = nest.Create("gif_psc_exp", p.N, params=nw.nest_neuron_params(net, p, "gif_psc_exp", C_m))
        pops[p.name].set(V_m=0.0)
    for i, c in enumerate(net.connections):
        if net.connectivity == "bernoulli":
            conn_spec = {"rule": "pairwise_bernoulli", "p": c.p, "allow_autapses": True}
        else:
            conn_spec = {"rule": "fixed_indegree", "indegree": nw.indegree(c, net),
                         "allow_autapses": True, "allow_multapses": False}
        syn_spec = {"weight": nw.nest_weight_pA(c, C_m), "delay": 1e3 * c.delay}
        if c.stp is not None:
            model = f"tm_{i}"
            nest.CopyModel("tsodyks2_synapse", model, nw.nest_stp_params(c.stp))
            syn_spec["synapse_model"] = model
        else:
            syn_spec["synapse_model"] = "static_synapse"
        if c.delay < net.dt:
            raise nw.ConfigError(f"connection {c.source}->{c.target}: delay {c.delay} s < dt")
        nest.Connect(pops[c.source], pops[c.target], conn_spec, syn_spec)
    n_syn = nest.GetKernelStatus("num_connections")
    notes = nc.connect_inputs(nest, net, pops, C_m)
    recs = {}
    for p in net.populations:
        recs[p.name] = nest.Create("spike_recorder")
        nest.Connect(pops[p.name], recs[p.name])
    timing = nc.timed_simulate(nest, net.duration, net.dt)
    B, spb = net.bins, net.steps_per_bin
    A = np.zeros((B, len(net.populations)))
    for m, p in enumerate(net.populations):
        times = np.asarray(recs[p.name].get("events", "times"), dtype=float)
        steps = np.rint(times / dt_ms).astype(np.int64) - 1  # spike stamped at the end of its step
        A[:, m] = output.bin_step_counts(steps, net.steps, spb) / (p.N * net.record_bin)
    info = {"nest_version": nest.__version__, "synapses": int(n_syn), "notes": notes}
    return A, timing, info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", help="our network configuration (.yaml/.json)")
    nw.add_override_args(ap)
    ap.add_argument("--seed", type=int, help="NEST rng_seed (default: simulation.seed, else 1)")
    ap.add_argument("--out", required=True, help="output .npz (our format)")
    ap.add_argument("--label", default="nest_micro", help="label stored in meta (default nest_micro)")
    args = ap.parse_args(argv)
    try:
        net = nw.load_network(args.config, args)
        seed = args.seed if args.seed is not None else (net.seed or 1)
        A, timing, info = build_and_run(net, seed)
    except nw.ConfigError as e:
        print(f"nest_micro.py: {e}", file=sys.stderr)
        return 64
    t = np.arange(net.bins) * net.record_bin
    cfg = dict(net.config)
    cfg["simulation"] = dict(cfg["simulation"], seed=seed)
    meta = {"level": "nest_micro", "label": args.label, "simulator": "NEST gif_psc_exp", "seed": seed,
            "config": cfg, "config_file": net.source, "populations": [p.name for p in net.populations],
            "N": [p.N for p in net.populations], "dt": net.dt, "record_bin": net.record_bin,
            "duration_s": net.duration, "cpu_s": timing["cpu_s"], "wall_s": timing["wall_s"],
            "timing": "time.process_time()/perf_counter() around nest.Simulate only, 1 thread",
            "connectivity": net.connectivity, "initial_state": "V_m = 0 mV, not refractory, no adaptation",
            "nest_mapping": nw.describe(net)["nest"], **info}
    output.write_npz(args.out, t, A, meta)
    rates = {p.name: float(A[:, m].mean()) for m, p in enumerate(net.populations)}
    print(nc.timing_line("nest_micro", seed, net, timing, rates, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
