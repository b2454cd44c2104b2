#!/usr/bin/env python3
"""Simulate one of our network configurations mesoscopically in NEST (gif_pop_psc_exp nodes).

One job: one ``gif_pop_psc_exp`` node per population (S17 algorithm as implemented in NEST 3.10,
binomial spike counts ``BinoRand = True``, automatic history ``len_kernel = -1``), connected
all-to-all with weight J*(C_m/tau_s)*p (pA) and the connection's delay; write our ``.npz``:

* ``t`` (B,) s; ``A`` (B, M) Hz = n_events / (N * dt) averaged over each recording bin (= spikes in
  the bin / (N * record_bin)); ``A_expected`` (B, M) Hz = mean / (N * dt) averaged over the bin
  (``mean`` is NEST's expected spike count n-bar of the step); ``meta`` JSON.
* The multimeter records ``n_events`` and ``mean`` every step (interval = dt); sample stamped
  (l+1)*dt belongs to step l.
* NEST's initial state: all N neurons have just fired (newest history bin), free membrane
  potential V_m = 0 mV and per-bin potentials 0 mV (MicroscopicModel article).  NEST's meso uses
  fixed ring-buffer slot 0 for the oldest-bin correction (Benchmarks/README.md, "Parameter mapping") - we run NEST as it is.
* STP is not available in gif_pop_psc_exp (Benchmarks/README.md, "Parameter mapping"): configurations with ``stp`` are
  refused.
* Timing: process CPU time and wall time around ``nest.Simulate`` alone, one JSON line on stdout.

Example::

    python nest_meso.py ../../Examples/configs/nest_ei_network.yaml --stationary --duration 10 \\
        --seed 1 --out ../out/nest_meso-1.npz
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

import nest_common as nc
import network as nw
import output


def build_and_run(net: nw.Network, seed: int, C_m: float = nw.C_M_PF, record: bool = True):
    nest = nc.import_nest()
    nc.reset_kernel(nest, net, seed)
    dt_ms = 1e3 * net.dt
    nodes = {}
    for p in net.populations:
        nodes[p.name] = nest.Create("gif_pop_psc_exp", 1, params=nw.nest_neuron_params(net, p, "gif_pop_psc_exp", C_m))
    for c in net.connections:
        if c.stp is not None:
            raise nw.ConfigError(f"connection {c.source}->{c.target} has STP; gif_pop_psc_exp has none")
        nest.Connect(nodes[c.source], nodes[c.target], "all_to_all",
                     {"weight": nw.nest_weight_pA(c, C_m, population_node=True), "delay": 1e3 * c.delay})
    notes = nc.connect_inputs(nest, net, nodes, C_m)
    if not record:
        return None, None, nc.timed_simulate(nest, net.duration, net.dt), {"notes": notes}
    mm = nest.Create("multimeter", params={"record_from": ["n_events", "mean"], "interval": dt_ms})
    for p in net.populations:
        nest.Connect(mm, nodes[p.name])
    timing = nc.timed_simulate(nest, net.duration, net.dt)
    ev = mm.get("events")
    senders = np.asarray(ev["senders"])
    steps_all = np.rint(np.asarray(ev["times"], dtype=float) / dt_ms).astype(np.int64) - 1
    S, spb = net.bins * net.steps_per_bin, net.steps_per_bin
    A = np.zeros((net.bins, len(net.populations)))
    Abar = np.zeros_like(A)
    kernel_len = {}
    for m, p in enumerate(net.populations):
        sel = senders == nodes[p.name].global_id
        steps = steps_all[sel]
        n = np.zeros(S)
        nbar = np.full(S, np.nan)
        ok = (steps >= 0) & (steps < S)
        n[steps[ok]] = np.asarray(ev["n_events"], dtype=float)[sel][ok]
        nbar[steps[ok]] = np.asarray(ev["mean"], dtype=float)[sel][ok]
        if ok.sum() != S:
            raise RuntimeError(f"population {p.name}: {ok.sum()} multimeter samples for {S} steps")
        A[:, m] = output.bin_step_series(n, spb) / (p.N * net.dt)
        Abar[:, m] = output.bin_step_series(nbar, spb) / (p.N * net.dt)
        kernel_len[p.name] = int(nodes[p.name].get("len_kernel"))
    info = {"nest_version": nest.__version__, "len_kernel": kernel_len, "notes": notes}
    return A, Abar, timing, info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", help="our network configuration (.yaml/.json)")
    nw.add_override_args(ap)
    ap.add_argument("--seed", type=int, help="NEST rng_seed (default: simulation.seed, else 1)")
    ap.add_argument("--out", help="output .npz (our format); required unless --timing-only")
    ap.add_argument("--timing-only", action="store_true",
                    help="no multimeter and no output: time gif_pop_psc_exp alone (one JSON line)")
    ap.add_argument("--label", default="nest_meso", help="label stored in meta (default nest_meso)")
    args = ap.parse_args(argv)
    if args.out is None and not args.timing_only:
        ap.error("--out is required unless --timing-only")
    try:
        net = nw.load_network(args.config, args)
        seed = args.seed if args.seed is not None else (net.seed or 1)
        A, Abar, timing, info = build_and_run(net, seed, record=not args.timing_only)
    except nw.ConfigError as e:
        print(f"nest_meso.py: {e}", file=sys.stderr)
        return 64
    if args.timing_only:
        print(nc.timing_line("nest_meso_unrecorded", seed, net, timing, {}, None))
        return 0
    t = np.arange(net.bins) * net.record_bin
    cfg = dict(net.config)
    cfg["simulation"] = dict(cfg["simulation"], seed=seed)
    meta = {"level": "nest_meso", "label": args.label, "simulator": "NEST gif_pop_psc_exp", "seed": seed,
            "config": cfg, "config_file": net.source, "populations": [p.name for p in net.populations],
            "N": [p.N for p in net.populations], "dt": net.dt, "record_bin": net.record_bin,
            "duration_s": net.duration, "cpu_s": timing["cpu_s"], "wall_s": timing["wall_s"],
            "timing": "time.process_time()/perf_counter() around nest.Simulate only, 1 thread",
            "initial_state": "NEST default: all neurons just fired, V_m = 0 mV",
            "nest_mapping": nw.describe(net)["nest"], **info}
    output.write_npz(args.out, t, A, meta, A_expected=Abar)
    rates = {p.name: float(A[:, m].mean()) for m, p in enumerate(net.populations)}
    print(nc.timing_line("nest_meso", seed, net, timing, rates, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
