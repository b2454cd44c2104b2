#!/usr/bin/env python3
"""The agreed LIF/delta-synapse semantics, checked spike for spike between NEST and Brian2.

Deterministic micro-networks on the 0.1 ms grid (no noise), run in NEST (iaf_psc_delta,
refractory_input False) and in Brian2 with the settings brian2_brunel.py uses (exact integration,
the synaptic pathway before the threshold test with queue delay d - dt, refractory = t_ref + dt,
input gated by not_refractory):
  1. one neuron with constant drive mu = 30 mV (tau_m 20 ms, theta 20 mV, reset 0, t_ref 2 ms): ISI
     24.0 ms = 2 ms + 22.0 ms (221 grid steps, the threshold crossing at 21.97 ms rounded up);
  2. a jump of 20 mV arriving at a neuron at rest makes it fire in the arrival step
     (delay 1.5 ms after the sender's spike);
  3. jumps arriving during the refractory period are discarded (the receiver fires again only as its
     own drive allows).
Prints one JSON line per case with both simulators' spike times and whether they are identical;
exits 1 if any differs.
"""
from __future__ import annotations

import json
import sys

import numpy as np

DT = 0.1  # ms
T = 120.0  # ms


def nest_run(case: dict) -> list[list[float]]:
    import nest
    nest.set_verbosity("M_ERROR")
    nest.ResetKernel()
    nest.resolution = DT
    params = {"E_L": 0.0, "V_reset": 0.0, "V_th": 20.0, "tau_m": 20.0, "t_ref": 2.0, "C_m": 250.0, "V_m": 0.0,
              "refractory_input": False}
    cells = nest.Create("iaf_psc_delta", len(case["mu"]), params=params)
    for k, mu in enumerate(case["mu"]):
        cells[k].I_e = mu * 250.0 / 20.0  # R I = mu with R = tau_m / C_m
    for (i, j, w) in case["edges"]:
        nest.Connect(cells[i], cells[j], syn_spec={"weight": w, "delay": 1.5})
    rec = nest.Create("spike_recorder")
    nest.Connect(cells, rec)
    nest.Simulate(T)
    ev = rec.get("events")
    return [sorted(round(float(t), 6) for s, t in zip(ev["senders"], ev["times"]) if s == cells[k].global_id)
            for k in range(len(case["mu"]))]


def brian2_run(case: dict) -> list[list[float]]:
    import brian2 as b2
    b2.prefs.codegen.target = "numpy"
    b2.start_scope()
    b2.defaultclock.dt = DT * b2.ms
    G = b2.NeuronGroup(len(case["mu"]), "dv/dt = (mu - v)/(20*ms) : volt (unless refractory)\nmu : volt",
                       threshold="v >= 20*mV", reset="v = 0*mV", refractory=(2.0 + DT) * b2.ms, method="exact")
    G.mu = np.array(case["mu"]) * b2.mV
    objs = [G]
    if case["edges"]:
        S = b2.Synapses(G, G, "w : volt", on_pre="v_post += w * int(not_refractory_post)")
        S.connect(i=[e[0] for e in case["edges"]], j=[e[1] for e in case["edges"]])
        S.w = np.array([e[2] for e in case["edges"]]) * b2.mV
        # The pathway runs before the threshold test, so it queues step n's spikes in step n + 1:
        # a queue delay of d - dt delivers them in step n + d/dt, as NEST and MesoPop do.
        S.pre.when = "before_thresholds"
        S.delay = (1.5 - DT) * b2.ms
        objs.append(S)
    M = b2.SpikeMonitor(G)
    net = b2.Network(objs + [M])
    net.run(T * b2.ms)
    # Brian2 stamps a spike with the start of its step, NEST with the end: add dt.
    return [sorted(round(float(t) + DT, 6) for t in M.spike_trains()[k] / b2.ms) for k in range(len(case["mu"]))]


CASES = [
    {"name": "constant drive 30 mV", "mu": [30.0], "edges": []},
    {"name": "20 mV jump fires in the arrival step", "mu": [30.0, 0.0], "edges": [(0, 1, 20.0)]},
    # Neuron 0 (fires at 22.0 ms) makes neuron 2 fire at 23.5 ms; neuron 1 (fires at 23.5 ms) sends
    # that arrive at 25.0 ms, inside neuron 2's refractory period (23.5, 25.5]: discarded, so
    # neuron 2 does not fire at 25.6 ms as it would if the input were kept.
    {"name": "jumps during refractoriness discarded", "mu": [30.0, 29.0, 0.0], "edges": [(0, 2, 20.0), (1, 2, 25.0)]},
]


def main() -> None:
    ok = True
    for case in CASES:
        a, b = nest_run(case), brian2_run(case)
        same = a == b
        if case["name"].startswith("jumps during"):
            same &= 23.5 in a[2] and not any(25.5 < t < 26.5 for t in a[2])
        ok &= same
        print(json.dumps({"case": case["name"], "identical": same, "nest_ms": a, "brian2_ms": b}))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
