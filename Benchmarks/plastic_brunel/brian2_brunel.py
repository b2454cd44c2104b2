#!/usr/bin/env python3
"""The plastic Brunel benchmark (brunel_common.py) in Brian2 2.9, C++ standalone, one thread.

An explicit Network; exact integration of dv/dt = -v/tau_m (unless refractory); refractory =
t_ref + dt and the synaptic pathways (v_post += w, gated by not_refractory_post) scheduled before the
threshold test with queue delay d - dt: this reproduces NEST iaf_psc_delta spike for spike
(semantics_check.py): a spike of step n arrives in step n + d/dt, V jumps before the threshold test
of that step, V stays at reset for t_ref/dt steps after the spike step, input arriving then is lost.
Drive: PoissonGroup of 10 000 sources at 20 Hz; each neuron gets 1000 distinct sources (numpy
Generator(seed).choice without replacement, per neuron).

Plastic E->E (event-driven traces Apre, Apost, tau 20 ms): on_pre  Apre += 1,
w -= lambda alpha w Apost, then v_post += w (the depressed weight is transmitted, as in NEST);
on_post  Apost += 1, w += lambda (w_max - w) Apre. Pairing (--pairing):
  arrival (default): the pre spike acts at the synapse when it arrives (t_pre + d), the post spike
          at once: dt = t_post - (t_pre + d);
  nest:   NEST's dendritic convention dt = t_post + d - t_pre: the plasticity part of on_pre runs at
          the emission step, the post spike reaches the synapse d later; transmission still arrives
          at t_pre + d.

Timing: the generated code is compiled first (device.build(run=False)); `sim_wall_s` is Brian2's own
wall-clock time of the simulation loop in the binary (device._last_run_time); `binary_wall_s` the
whole binary run (synapse creation, initialisation, loop, writing results); `compile_s` the build.
Prints one JSON line (brunel_common.summary).
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

import brunel_common as bc


def build(b2, plastic: bool, pairing: str, seed: int):
    """The network objects, their monitors and the E->E synapses."""
    ms, mV, Hz = b2.ms, b2.mV, b2.Hz
    dt = bc.DT_MS * ms
    eqs = "dv/dt = -v / tau_m : volt (unless refractory)"
    neurons = b2.NeuronGroup(bc.N_E + bc.N_I, eqs, threshold="v >= theta", reset="v = v_reset",
                             refractory=(bc.T_REF_MS + bc.DT_MS) * ms, method="exact",
                             namespace={"tau_m": bc.TAU_M_MS * ms, "theta": bc.V_TH * mV, "v_reset": bc.V_RESET * mV})
    neurons.v = bc.V_RESET * mV
    E, I = neurons[:bc.N_E], neurons[bc.N_E:]
    transmit = "v_post += {w} * int(not_refractory_post)"
    queue_delay = (bc.DELAY_MS - bc.DT_MS) * ms  # the pathway runs before the thresholds: see semantics_check.py

    def static(source, target, weight_mV: float, name: str):
        s = b2.Synapses(source, target, on_pre=transmit.format(w=f"{weight_mV}*mV"), name=name)
        s.pre.when = "before_thresholds"
        return s

    sources = b2.PoissonGroup(bc.N_SOURCES, bc.SOURCE_RATE_HZ * Hz, name="sources")
    drive = static(sources, neurons, bc.J_E, "drive")
    rng = np.random.default_rng(seed)
    pre = np.concatenate([rng.choice(bc.N_SOURCES, bc.SOURCE_INDEGREE, replace=False)
                          for _ in range(bc.N_E + bc.N_I)])
    drive.connect(i=pre, j=np.repeat(np.arange(bc.N_E + bc.N_I), bc.SOURCE_INDEGREE))
    drive.delay = queue_delay
    groups = [neurons, sources, drive]
    for src, tgt, w, name in [(E, I, bc.J_E, "ei"), (I, neurons, bc.J_I, "ix")]:
        s = static(src, tgt, w, name)
        s.connect(p=bc.P_CONNECT)
        s.delay = queue_delay
        groups.append(s)
    if plastic:
        model = ("w : volt\n"
                 "dApre/dt = -Apre / tau_plus : 1 (event-driven)\n"
                 "dApost/dt = -Apost / tau_minus : 1 (event-driven)")
        depress = "Apre += 1\nw = w - lam * alpha * w * Apost"
        potentiate = "Apost += 1\nw = w + lam * (w_max - w) * Apre"
        namespace = {"tau_plus": bc.TAU_PLUS_MS * ms, "tau_minus": bc.TAU_MINUS_MS * ms, "lam": bc.LAMBDA,
                     "alpha": bc.ALPHA, "w_max": bc.W_MAX * mV}
        if pairing == "arrival":
            ee = b2.Synapses(E, E, model, on_pre=depress + "\n" + transmit.format(w="w"), on_post=potentiate,
                             namespace=namespace, name="ee")
            ee.pre.when = "before_thresholds"
        else:
            ee = b2.Synapses(E, E, model, on_pre={"plasticity": depress, "transmission": transmit.format(w="w")},
                             on_post=potentiate, namespace=namespace, name="ee")
            ee.transmission.when = "before_thresholds"
            ee.post.order = -1  # a post spike that reaches the synapse with a pre spike potentiates with the earlier ones
        ee.connect(p=bc.P_CONNECT)
        ee.w = bc.J_E * mV
        if pairing == "arrival":
            ee.pre.delay = queue_delay
        else:
            ee.plasticity.delay = 0 * ms
            ee.transmission.delay = queue_delay
            ee.post.delay = bc.DELAY_MS * ms
    else:
        ee = static(E, E, bc.J_E, "ee")
        ee.connect(p=bc.P_CONNECT)
        ee.delay = queue_delay
    groups.append(ee)
    spikes = b2.SpikeMonitor(neurons, name="spikes")
    return b2.Network(groups + [spikes]), spikes, ee


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plastic", action="store_true", help="E->E STDP instead of static")
    ap.add_argument("--pairing", choices=["arrival", "nest"], default="arrival", help="delay convention of the STDP pairing")
    ap.add_argument("--seed", type=int, default=1, help="Brian2 seed and numpy seed of the drive's in-degree")
    ap.add_argument("--duration", type=float, default=1.0, help="simulated time (s)")
    ap.add_argument("--build-dir", default=None, help="standalone project directory (default: a fresh temporary one)")
    args = ap.parse_args()
    import brian2 as b2
    build_dir = Path(args.build_dir or tempfile.mkdtemp(prefix="brian2_brunel_"))
    b2.set_device("cpp_standalone", directory=str(build_dir), build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.defaultclock.dt = bc.DT_MS * b2.ms
    b2.seed(args.seed)
    net, spikes, ee = build(b2, args.plastic, args.pairing, args.seed)
    net.run(args.duration * b2.second)
    device = b2.get_device()
    t0 = time.perf_counter()
    device.build(directory=str(build_dir), compile=True, run=False, with_output=False)
    compile_s = time.perf_counter() - t0
    r0, t1 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    device.run(directory=str(build_dir), with_output=False)
    binary_wall, r1 = time.perf_counter() - t1, resource.getrusage(resource.RUSAGE_CHILDREN)
    times = np.asarray(spikes.t / b2.second) + bc.DT_MS * 1e-3  # NEST stamps a spike with the end of its step
    index = np.asarray(spikes.i)
    weights = np.asarray(ee.w / b2.mV) if args.plastic else None
    print(bc.summary("brian2-" + b2.__version__, args.plastic, args.seed, args.duration, times[index < bc.N_E],
                     times[index >= bc.N_E],
                     {"sim_wall_s": float(device._last_run_time), "binary_wall_s": binary_wall,
                      "binary_cpu_s": (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime), "compile_s": compile_s},
                     weights, pairing=args.pairing if args.plastic else None, build_dir=str(build_dir)))


if __name__ == "__main__":
    main()
