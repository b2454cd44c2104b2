#!/usr/bin/env python3
"""Simulate one of our network configurations microscopically in Brian2 (C++ standalone).

One job: an independent implementation of MesoPop's microscopic model (MicroscopicModel article, the
recommended per-step order of §2.6) in Brian2's C++ standalone mode, single thread, writing our
``.npz`` (``t`` s, ``A`` (B, M) Hz, ``meta`` JSON).

Per step l and neuron i of population alpha (units: s, mV, Hz; Brian variables are unit-free
floats in these units):

1. synaptic input of the step, for every source population beta:
   a = (sum of q over spikes of pre_beta(i) emitted at step l - D) / dt   (q = 1, or u+x- with STP),
   dV_syn += J tau_m [a (1 - E_m) + (y - a)(E_s - E_m) tau_s/(tau_s - tau_m)],
   y <- a + (y - a) E_s          (exact for a rate held constant within the step, PopulationEquations article;
                                  E_m = exp(-dt/tau_m), E_s = exp(-dt/tau_s));
2. age += 1; if age >= k_ref + 1: u <- u E_m + mu(t_l)(1 - E_m) + dV_syn   (refractory clamp:
   u stays at u_r while age <= k_ref; input arriving then is discarded, the y's keep evolving);
3. threshold components theta_r <- theta_r exp(-dt/tau_theta_r);
4. if age >= k_ref + 1: spike with probability P = 1 - exp(-lambda dt),
   lambda = c exp((u - u_th - sum_r theta_r)/Delta_V)   (exponent capped at 700), using rand();
5. on a spike (Brian reset): u = u_r, age = 0, theta_r += J_theta_r/tau_theta_r.
STP (connections with ``stp``): Tsodyks-Markram in the u+x- order on the synapse (event driven,
exact relaxation between the spikes of the presynaptic neuron): x <- 1 - (1 - x)e^{-Δ/τ_D},
u <- U_0 + (u - U_0)e^{-Δ/τ_F}, u+ = u + U(1 - u) (u+ = U without facilitation), r = u+ x,
x <- x - r; the target's accumulator receives r.  Initial u = U_0, x = 1.

Scheduling: a spike of step s (Brian ``thresholds`` slot) is delivered by a pathway with delay
(D - 1) dt in the ``synapses`` slot of step s + D - 1 into an accumulator that the per-step code
(``run_regularly`` in the ``groups`` slot) reads and clears at step s + D: the spike acts in step
s + D, as in MesoPop and NEST.

Connectivity: fixed in-degree C = round(p N_source) distinct partners (autapses allowed), or
Bernoulli(p), drawn with numpy from the seed (so NEST and Brian2 graphs differ, as do the seeds).

Initial state (``--init``): ``nest`` (default; as nest_micro.py): u = 0 mV, free (not refractory),
theta = 0, no synaptic input; ``fired``: every neuron fired in the step before t = 0 (MicroscopicModel article:
u = u_r, age 0, theta_r = J_theta_r/tau_theta_r; no spikes in the axons).

Timing: the generated code is compiled first (``device.build(run=False)``), then the binary is run
alone: ``cpu_s`` = CPU time (user + sys) of the standalone binary process (getrusage of children;
includes loading arrays, creating the synapses and writing results), ``loop_s`` = Brian's own
wall-clock measurement of the simulation loop inside the binary (``device._last_run_time``).
One JSON line on stdout.  Build directories live under ``--build-root`` (reused across seeds so
that ``make`` recompiles only what changed).

Example::

    python brian2_micro.py ../../Examples/configs/nest_ei_network.yaml --stationary --duration 10 \\
        --seed 1 --out ../out/brian2_micro-1.npz
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import resource
import sys
import time
from pathlib import Path

import numpy as np

import network as nw
import output

HERE = Path(__file__).resolve().parent


def draw_connectivity(net: nw.Network, c: nw.Connection, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Presynaptic (i) and postsynaptic (j) indices of one connection."""
    n_pre, n_post = net.pop(c.source).N, net.pop(c.target).N
    if net.connectivity == "bernoulli":
        mask = rng.random((n_post, n_pre)) < c.p
        j, i = np.nonzero(mask)
        return i.astype(np.int32), j.astype(np.int32)
    C = nw.indegree(c, net)
    if C > n_pre:
        raise nw.ConfigError(f"connection {c.source}->{c.target}: in-degree {C} > N_source {n_pre}")
    # C distinct presynaptic partners per target: the C smallest of N_pre uniform keys
    keys = rng.random((n_post, n_pre))
    i = np.argpartition(keys, C - 1, axis=1)[:, :C] if C > 0 else np.zeros((n_post, 0), dtype=np.int64)
    j = np.repeat(np.arange(n_post), C)
    return i.ravel().astype(np.int32), j.astype(np.int32)


def input_expression(net: nw.Network, pop: nw.Population) -> str:
    """mu(t) in mV as Brian code (t in s)."""
    terms = [repr(pop.mu)]
    for x in net.inputs:
        if x.to != pop.name:
            continue
        if x.kind == "step":
            terms.append(f"{x.amplitude!r}*int(t/second >= {x.start!r})")
        elif x.kind == "pulse":
            terms.append(f"{x.amplitude!r}*int(t/second >= {x.start!r})*int(t/second < {x.start + x.width!r})")
        else:
            terms.append(f"{x.amplitude!r}*sin({2 * math.pi * x.frequency!r}*t/second + {x.phase!r})")
    return " + ".join(terms)


def build(net: nw.Network, seed: int, init: str, build_dir: Path):
    import brian2 as b2  # noqa: PLC0415

    b2.set_device("cpp_standalone", directory=str(build_dir), build_on_run=False)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.prefs.logging.console_log_level = "WARNING"
    b2.defaultclock.dt = net.dt * b2.second
    b2.seed(seed)
    rng = np.random.default_rng(seed)
    dt = net.dt
    groups, monitors = {}, {}
    for p in net.populations:
        incoming = [c for c in net.connections if c.target == p.name]
        sources = sorted({c.source for c in incoming}, key=net.index)
        eqs = ["u : 1", "age : integer", "spk : 1"]
        eqs += [f"th{r} : 1" for r in range(len(p.kernel))]
        for s in sources:
            eqs += [f"cnt_{s} : 1", f"y_{s} : 1"]
        Em = math.exp(-dt / p.tau_m)
        k_ref = int(round(p.t_ref / dt))
        code, parts = [], []
        for c in incoming:
            s = c.source
            if c.tau_s > 0:
                Es = math.exp(-dt / c.tau_s)
                if abs(c.tau_s - p.tau_m) > 1e-12:
                    cy = (Es - Em) * c.tau_s / (c.tau_s - p.tau_m)
                else:
                    cy = Em * dt / p.tau_m
                code += [f"a_{s} = cnt_{s}/{dt!r}",
                         f"dv_{s} = {c.J * p.tau_m!r}*(a_{s}*{1 - Em!r} + (y_{s} - a_{s})*{cy!r})",
                         f"y_{s} = a_{s} + (y_{s} - a_{s})*{Es!r}"]
            else:  # delta PSC: u jumps by J per spike (J tau_m a (1 - E_m) with the rate form)
                code += [f"dv_{s} = {c.J * p.tau_m!r}*(cnt_{s}/{dt!r})*{1 - Em!r}"]
            code.append(f"cnt_{s} = 0")
            parts.append(f"dv_{s}")
        # a temporary that is a sum of vector terms (Brian forbids scalar-then-vector writes)
        code.append("dvsyn = " + (" + ".join(parts) if parts else "0*u"))
        thr = " + ".join([repr(p.V_th)] + [f"th{r}" for r in range(len(p.kernel))])
        code += ["age += 1",
                 f"free = int(age >= {k_ref + 1})",
                 f"u = free*(u*{Em!r} + ({input_expression(net, p)})*{1 - Em!r} + dvsyn) + (1 - free)*u"]
        code += [f"th{r} = th{r}*{math.exp(-dt / tau)!r}" for r, (_, tau) in enumerate(p.kernel)]
        code += [f"lam = {p.lambda_0!r}*exp(clip((u - ({thr}))/{p.Delta_V!r}, -745, 700))",
                 f"spk = free*int(rand() < -expm1(-lam*{dt!r}))"]
        reset = [f"u = {p.V_reset!r}", "age = 0", "spk = 0"]
        reset += [f"th{r} += {J / tau!r}" for r, (J, tau) in enumerate(p.kernel)]
        g = b2.NeuronGroup(p.N, "\n".join(eqs), threshold="spk > 0.5", reset="\n".join(reset),
                           method="euler", name=f"pop_{p.name}")
        # variables with units are not used: every quantity is a float in s/mV/Hz
        g.run_regularly("\n".join(code), dt=dt * b2.second, when="groups", name=f"step_{p.name}")
        if init == "fired":
            g.u = p.V_reset
            g.age = 0
            for r, (J, tau) in enumerate(p.kernel):
                setattr(g, f"th{r}", J / tau)
        else:
            g.u = 0.0
            g.age = k_ref + 1
        groups[p.name] = g
        monitors[p.name] = b2.SpikeMonitor(g, record=True, name=f"spikes_{p.name}")
    synapses = []
    n_syn = 0
    for k, c in enumerate(net.connections):
        D = int(round(c.delay / dt))
        if D < 1:
            raise nw.ConfigError(f"connection {c.source}->{c.target}: delay < dt")
        if c.stp is None:
            model, on_pre = "", f"cnt_{c.source}_post += 1"
        else:
            st = c.stp
            model = "x_s : 1\nu_s : 1\ntlast : second"
            lines = [f"x_s = 1 - (1 - x_s)*exp(-(t - tlast)/({st.tau_D!r}*second))"]
            if st.tau_F > 0:
                lines += [f"u_s = {st.U_0!r} + (u_s - {st.U_0!r})*exp(-(t - tlast)/({st.tau_F!r}*second))",
                          f"u_s = u_s + {st.U!r}*(1 - u_s)", "rel = u_s*x_s"]
            else:
                lines += [f"rel = {st.U!r}*x_s"]
            lines += ["x_s = x_s - rel", f"cnt_{c.source}_post += rel", "tlast = t"]
            on_pre = "\n".join(lines)
        S = b2.Synapses(groups[c.source], groups[c.target], model=model, on_pre=on_pre,
                        delay=(D - 1) * dt * b2.second, name=f"syn_{k}_{c.source}_{c.target}")
        i, j = draw_connectivity(net, c, rng)
        S.connect(i=i, j=j)
        if c.stp is not None:
            S.x_s = 1.0
            S.u_s = c.stp.U_0
        n_syn += len(i)
        synapses.append(S)
    network = b2.Network(list(groups.values()), list(monitors.values()), synapses)
    network.run(net.duration * b2.second)
    return b2, monitors, n_syn, network


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", help="our network configuration (.yaml/.json)")
    nw.add_override_args(ap)
    ap.add_argument("--seed", type=int, help="seed of Brian2's RNG and of the connectivity (default: simulation.seed, else 1)")
    ap.add_argument("--out", required=True, help="output .npz (our format)")
    ap.add_argument("--init", choices=["nest", "fired"], default="nest", help="initial state (see above)")
    ap.add_argument("--build-root", default=str(HERE.parent / "out" / "brian2_build"),
                    help="parent of the standalone build directories")
    ap.add_argument("--label", default="brian2_micro", help="label stored in meta")
    args = ap.parse_args(argv)
    try:
        net = nw.load_network(args.config, args)
    except nw.ConfigError as e:
        print(f"brian2_micro.py: {e}", file=sys.stderr)
        return 64
    seed = args.seed if args.seed is not None else (net.seed or 1)
    key = json.dumps({k: v for k, v in net.config.items() if k != "simulation"} | {"init": args.init}, sort_keys=True)
    build_dir = Path(args.build_root) / ("net-" + hashlib.sha1(key.encode()).hexdigest()[:12])
    build_dir.mkdir(parents=True, exist_ok=True)
    # Brian2's messages go to stderr: stdout stays one JSON line
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        b2, monitors, n_syn, _network = build(net, seed, args.init, build_dir)
        device = b2.get_device()
        device.build(directory=str(build_dir), compile=True, run=False, with_output=False)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        device.run(directory=str(build_dir), with_output=False)
        wall = time.perf_counter() - w0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        loop = float(device._last_run_time)
        B, spb = net.bins, net.steps_per_bin
        A = np.zeros((B, len(net.populations)))
        for m, p in enumerate(net.populations):
            times = np.asarray(monitors[p.name].t / b2.second, dtype=float)
            steps = np.rint(times / net.dt).astype(np.int64)
            A[:, m] = output.bin_step_counts(steps, net.steps, spb) / (p.N * net.record_bin)
        version = b2.__version__
    finally:
        sys.stdout = saved
    t = np.arange(net.bins) * net.record_bin
    cfg = dict(net.config)
    cfg["simulation"] = dict(cfg["simulation"], seed=seed)
    meta = {"level": "brian2_micro", "label": args.label, "simulator": f"Brian2 {version} cpp_standalone",
            "seed": seed, "config": cfg, "config_file": net.source,
            "populations": [p.name for p in net.populations], "N": [p.N for p in net.populations],
            "dt": net.dt, "record_bin": net.record_bin, "duration_s": net.duration,
            "cpu_s": cpu, "wall_s": wall, "loop_s": loop, "synapses": n_syn,
            "timing": "cpu_s: user+sys CPU of the standalone binary (getrusage children; includes synapse "
                      "creation and I/O); loop_s: Brian's wall-clock time of the simulation loop inside the binary",
            "connectivity": net.connectivity, "initial_state": args.init, "build_dir": str(build_dir)}
    output.write_npz(args.out, t, A, meta)
    rates = {p.name: float(A[:, m].mean()) for m, p in enumerate(net.populations)}
    sim = net.duration
    print(json.dumps({"level": "brian2_micro", "seed": seed, "simulated_s": sim, "steps": net.steps,
                      "cpu_s": round(cpu, 4), "wall_s": round(wall, 4), "loop_s": round(loop, 4),
                      "cpu_per_sim_s": round(cpu / sim, 5), "loop_per_sim_s": round(loop / sim, 5),
                      "rates_hz": {k: round(v, 4) for k, v in rates.items()}, "out": args.out}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
