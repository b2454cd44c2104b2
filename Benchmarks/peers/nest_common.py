"""Pieces shared by nest_micro.py and nest_meso.py: kernel set-up, external inputs, timing line.

Time conventions (NEST 3.10, checked in README "NEST timing conventions"):
* NEST step l covers [l*dt, (l+1)*dt); a spike emitted while updating step l is stamped
  (l+1)*dt, so the step index of a recorded spike time t_ms is round(t_ms/dt_ms) - 1.
* multimeter samples are stamped the same way (value after the update of step l at (l+1)*dt).
* A spike emitted in step l with delay D steps is used by the target in its update of step l + D,
  as in MesoPop (MicroscopicModel article: spikes emitted D steps earlier).
"""
from __future__ import annotations

import json
import os
import sys
import time

import network as nw


def import_nest():
    """Import NEST quietly (its banner goes to stdout, which must stay one JSON line)."""
    os.environ.setdefault("PYNEST_QUIET", "1")
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        import nest  # noqa: PLC0415
    finally:
        sys.stdout = saved
    return nest


def reset_kernel(nest, net: nw.Network, seed: int, threads: int = 1) -> None:
    """Fresh kernel: resolution = dt (ms), single thread, seeded RNG."""
    nest.ResetKernel()
    nest.verbosity = nest.VerbosityLevel.ERROR
    nest.SetKernelStatus({"resolution": 1e3 * net.dt, "local_num_threads": threads, "rng_seed": int(seed),
                          "print_time": False})


def connect_inputs(nest, net: nw.Network, targets: dict, C_m: float = nw.C_M_PF) -> list[str]:
    """Create current generators for the configuration's inputs; return notes on how they are applied.

    An input of amplitude dmu (mV) is a current dmu * g_L (pA) (R = tau_m/C_m).  NEST neurons use a
    CurrentEvent from the step after the one in which it is delivered (Benchmarks/README.md, "Parameter mapping"), and the
    generator-to-neuron connection has the minimal delay of one step; a change time t_a of a
    step_current_generator is felt by the neuron from the step that starts at t_a + dt (checked
    with a V_m recording, NEST 3.10).  Change times are therefore moved 1 step earlier so that the
    neuron feels the new value from the step that starts at ``start`` (the MesoPop convention:
    value at the step's start time).  Change times must be > 0, so inputs starting before 2*dt
    start at 2*dt instead (noted).
    """
    notes = []
    dt_ms = 1e3 * net.dt
    for x in net.inputs:
        pop = net.pop(x.to)
        if x.kind == "sine":
            gen = nest.Create("ac_generator", params={
                "amplitude": nw.nest_current_pA(x.amplitude, pop, C_m), "frequency": x.frequency,
                "phase": x.phase * 180.0 / 3.141592653589793, "offset": 0.0})
            notes.append(f"sine input to {x.to}: ac_generator (NEST samples it at the step end; phase differs by < 2 steps)")
        else:
            on = max(1e3 * x.start - dt_ms, dt_ms)
            times, values = [on], [nw.nest_current_pA(x.amplitude, pop, C_m)]
            if x.kind == "pulse":
                times.append(max(1e3 * (x.start + x.width) - dt_ms, on + dt_ms))
                values.append(0.0)
            if 1e3 * x.start - dt_ms < dt_ms:
                notes.append(f"{x.kind} input to {x.to} starts at {(on + dt_ms) / 1e3} s instead of {x.start} s")
            gen = nest.Create("step_current_generator", params={"amplitude_times": times, "amplitude_values": values})
        nest.Connect(gen, targets[x.to], syn_spec={"weight": 1.0, "delay": dt_ms})
    return notes


def timed_simulate(nest, duration_s: float, dt_s: float) -> dict:
    """nest.Simulate(duration + dt) timed alone: process CPU time and wall time (s).

    One extra step is simulated so that the last step's spikes and samples are recorded; it is
    discarded when binning.
    """
    c0, w0 = time.process_time(), time.perf_counter()
    nest.Simulate(1e3 * (duration_s + dt_s))
    return {"cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - w0}


def timing_line(level: str, seed: int, net: nw.Network, timing: dict, rates: dict, out: str) -> str:
    """The one JSON line printed on stdout."""
    sim = net.duration
    return json.dumps({
        "level": level, "seed": seed, "simulated_s": sim, "steps": net.steps,
        "cpu_s": round(timing["cpu_s"], 4), "wall_s": round(timing["wall_s"], 4),
        "cpu_per_sim_s": round(timing["cpu_s"] / sim, 5), "realtime_factor": round(timing["wall_s"] / sim, 5),
        "rates_hz": {k: round(v, 4) for k, v in rates.items()}, "out": out})
