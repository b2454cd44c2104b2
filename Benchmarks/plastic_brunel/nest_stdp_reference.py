#!/usr/bin/env python3
"""NEST 3.10 reference weights for the STDP exactness check of issue #11.

Fixed presynaptic and postsynaptic spike trains (``spike_generator`` -> ``parrot_neuron``, one
each) drive one plastic connection from the pre parrot to the post parrot (``receptor_type`` 1,
so the post parrot does not repeat the pre spikes). A ``weight_recorder`` stores the weight that
NEST computes at every presynaptic spike (NEST updates STDP weights only when a pre spike is
sent). Cases (see CASES below): ``stdp_synapse`` additive (mu_plus = mu_minus = 0, hard bounds
[0, Wmax]), ``stdp_synapse`` Guetig mu = 1 (the plastic Brunel rule; with the benchmark's
parameters and with unequal time constants and the smallest delay), and ``stdp_triplet_synapse``
all-to-all with the Pfister-Gerstner visual-cortex parameters (spec section 5.9).

The trains are Poisson (fixed numpy seed) on the 0.1 ms grid plus hand-placed edge cases
(post spikes exactly d before / at / d after a pre spike) and a last pre spike after the last post
spike, so that every post spike enters some weight.

NEST's delay convention (read from stdp_synapse.h / stdp_triplet_synapse.h and checked here by an
independent replay of the trains, which must reproduce NEST's weights to 1e-12 relative): the
whole delay d is *dendritic*. With t_pre the emission time of a pre spike (the pre parrot's
spike time) and t_post the post parrot's spike time, the synapse sees the pre spike at t_pre and
the post spike at t_post + d:
  * at a pre spike at t_pre: first potentiation by every post spike with
    t_last_pre - d < t_post <= t_pre - d (strictly after the previous pre spike in the synapse
    frame, up to and including coincidence with this one), in time order, each with the pre trace
    K+ read at t_post + d *before* this pre spike's increment: K+ = sum over earlier pres of
    exp(-(t_post + d - t_pre')/tau_plus); then depression with the post trace
    K- = sum over post spikes with t_post < t_pre - d (strictly) of exp(-(t_pre - d - t_post)/tau_minus);
    then K+ += 1.
  * So the pair interval is dt = t_post + d - t_pre; a post spike with dt = 0 exactly potentiates
    with the earlier pre spikes only and is not paired with the coincident one.
  * stdp_synapse works on w/Wmax: potentiation w <- Wmax min(1, w/Wmax + lambda (1 - w/Wmax)^mu_plus K+),
    depression w <- Wmax max(0, w/Wmax - alpha lambda (w/Wmax)^mu_minus K-); for mu = 1 this is
    w += lambda (Wmax - w) K+, w -= lambda alpha w K- (the plastic Brunel rule); for mu = 0
    w += lambda Wmax K+, w -= lambda alpha Wmax K- with hard bounds [0, Wmax].
  * stdp_triplet_synapse: potentiation w <- min(Wmax, w + K+ (Aplus + Aplus_triplet o2)) with o2 the
    post triplet trace (tau_minus_triplet, set on the postsynaptic neuron) just before that post
    spike's own increment; depression w <- max(0, w - K- (Aminus + Aminus_triplet r2)) with r2 the pre
    triplet trace (tau_plus_triplet) just before this pre spike's increment.
  * tau_minus (and tau_minus_triplet) are parameters of the postsynaptic neuron, not the synapse.
Equivalently, a simulator that pairs at the *arrival* time t_pre + d reproduces NEST exactly if it
is given the post train shifted by 2d (its dt = t_post + 2d - (t_pre + d) = NEST's dt).

Writes one JSON file (default: stdp_reference.json next to this script) and prints one JSON line
per case on stdout: case, pre and post spike counts, first and last weight, replay agreement.
Times in the file are in ms (NEST's unit), on the 0.1 ms grid.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
from pathlib import Path

import numpy as np

RESOLUTION_MS = 0.1
PARROT_INPUT_DELAY_MS = 1.0  # spike_generator -> parrot; the trains below are the parrots' spike times

# The plastic Brunel rule (issue #11): lambda 0.01, alpha 2.02, w_max 0.3, tau_plus = tau_minus = 20 ms, d = 1.5 ms.
CASES = [
    {"name": "additive", "synapse_model": "stdp_synapse", "delay_ms": 1.5, "w0": 0.5,
     "synapse": {"lambda": 0.05, "alpha": 1.05, "mu_plus": 0.0, "mu_minus": 0.0, "tau_plus": 16.8, "Wmax": 1.0},
     "post_neuron": {"tau_minus": 33.7}, "pre_rate_hz": 20.0, "post_rate_hz": 25.0},
    {"name": "gutig_mu1_brunel", "synapse_model": "stdp_synapse", "delay_ms": 1.5, "w0": 0.1,
     "synapse": {"lambda": 0.01, "alpha": 2.02, "mu_plus": 1.0, "mu_minus": 1.0, "tau_plus": 20.0, "Wmax": 0.3},
     "post_neuron": {"tau_minus": 20.0}, "pre_rate_hz": 20.0, "post_rate_hz": 25.0},
    {"name": "gutig_mu1_unequal_tau_d0.1", "synapse_model": "stdp_synapse", "delay_ms": 0.1, "w0": 0.1,
     "synapse": {"lambda": 0.05, "alpha": 1.3, "mu_plus": 1.0, "mu_minus": 1.0, "tau_plus": 16.8, "Wmax": 0.3},
     "post_neuron": {"tau_minus": 33.7}, "pre_rate_hz": 20.0, "post_rate_hz": 25.0},
    {"name": "triplet_all_to_all", "synapse_model": "stdp_triplet_synapse", "delay_ms": 1.5, "w0": 0.5,
     "synapse": {"tau_plus": 16.8, "tau_plus_triplet": 101.0, "Aplus": 5e-10, "Aplus_triplet": 6.2e-3,
                 "Aminus": 7e-3, "Aminus_triplet": 2.3e-4, "Wmax": 100.0},
     "post_neuron": {"tau_minus": 33.7, "tau_minus_triplet": 125.0}, "pre_rate_hz": 20.0, "post_rate_hz": 40.0},
]


def grid(t_ms: float) -> float:
    """t on the 0.1 ms grid, as NEST's spike_generator needs it."""
    return round(round(t_ms / RESOLUTION_MS) * RESOLUTION_MS, 10)


def trains(case: dict, duration_ms: float, seed: int) -> tuple[list[float], list[float]]:
    """Poisson pre/post trains on the grid (one spike per step at most) plus edge cases around the
    delay: post exactly d before, at, and d after a pre spike, and one pre spike after the last post."""
    rng = np.random.default_rng(seed)
    steps = int(round(duration_ms / RESOLUTION_MS))
    start = 20.0  # ms; leaves room for the generator->parrot delay and the edge cases
    d = case["delay_ms"]

    def poisson(rate_hz: float) -> list[float]:
        hits = np.nonzero(rng.random(steps) < rate_hz * RESOLUTION_MS * 1e-3)[0]
        return [grid(start + 30.0 + k * RESOLUTION_MS) for k in hits]

    pre, post = poisson(case["pre_rate_hz"]), poisson(case["post_rate_hz"])
    edges_pre = [start, start + 10.0, start + 20.0]
    edges_post = [grid(start + d), grid(start + 10.0 - d), grid(start + 20.0), grid(start + 20.0 + d + 5.0)]
    pre = sorted(set(edges_pre + pre))
    post = sorted(set(edges_post + post))
    pre.append(grid(max(pre[-1], post[-1]) + 10.0))
    return pre, post


def run_nest(nest, case: dict, pre: list[float], post: list[float]) -> tuple[list[float], list[float], list[float]]:
    """Simulates the case; returns the pre and post parrot spike times and NEST's weight after each pre spike."""
    nest.ResetKernel()
    nest.resolution = RESOLUTION_MS
    nest.local_num_threads = 1
    g_pre = nest.Create("spike_generator", params={"spike_times": [grid(t - PARROT_INPUT_DELAY_MS) for t in pre]})
    g_post = nest.Create("spike_generator", params={"spike_times": [grid(t - PARROT_INPUT_DELAY_MS) for t in post]})
    p_pre = nest.Create("parrot_neuron")
    p_post = nest.Create("parrot_neuron", params=case["post_neuron"])
    nest.Connect(g_pre, p_pre, syn_spec={"delay": PARROT_INPUT_DELAY_MS})
    nest.Connect(g_post, p_post, syn_spec={"delay": PARROT_INPUT_DELAY_MS})
    recorder = nest.Create("weight_recorder")
    nest.CopyModel(case["synapse_model"], "recorded_stdp", {"weight_recorder": recorder})
    nest.Connect(p_pre, p_post, syn_spec={"synapse_model": "recorded_stdp", "weight": case["w0"],
                                          "delay": case["delay_ms"], "receptor_type": 1, **case["synapse"]})
    spikes = nest.Create("spike_recorder")
    nest.Connect(p_pre + p_post, spikes)
    nest.Simulate(pre[-1] + 10.0)
    ev = spikes.get("events")
    ids = np.asarray(ev["senders"]), np.asarray(ev["times"])
    pre_seen = sorted(grid(float(t)) for s, t in zip(*ids) if s == p_pre.global_id)
    post_seen = sorted(grid(float(t)) for s, t in zip(*ids) if s == p_post.global_id)
    w_ev = recorder.get("events")
    order = np.argsort(w_ev["times"], kind="stable")
    weights = [float(w_ev["weights"][i]) for i in order]
    return pre_seen, post_seen, weights


def replay(case: dict, pre: list[float], post: list[float]) -> list[float]:
    """The documented convention (module docstring) in plain Python: the weight after every pre spike."""
    s, d, w = case["synapse"], case["delay_ms"], case["w0"]
    tau_minus = case["post_neuron"]["tau_minus"]
    triplet = case["synapse_model"] == "stdp_triplet_synapse"
    tau_y = case["post_neuron"].get("tau_minus_triplet", 1.0)
    w_max = s["Wmax"]

    def facilitate(w: float, k: float, o2: float) -> float:
        if triplet:
            return min(w_max, w + k * (s["Aplus"] + s["Aplus_triplet"] * o2))
        x = w / w_max
        return w_max * min(1.0, x + s["lambda"] * (1.0 - x) ** s["mu_plus"] * k)

    def depress(w: float, k: float, r2: float) -> float:
        if triplet:
            return max(0.0, w - k * (s["Aminus"] + s["Aminus_triplet"] * r2))
        x = w / w_max
        return w_max * max(0.0, x - s["alpha"] * s["lambda"] * x ** s["mu_minus"] * k)

    def o2_before(t: float) -> float:  # post triplet trace just before the post spike at t
        return sum(math.exp(-(t - u) / tau_y) for u in post if u < t)

    out, earlier = [], []
    for t in pre:
        last = earlier[-1] if earlier else -math.inf
        for u in post:
            if last - d < u <= t - d and earlier:
                k_plus = sum(math.exp(-(u + d - v) / s["tau_plus"]) for v in earlier)
                w = facilitate(w, k_plus, o2_before(u))
        k_minus = sum(math.exp(-(t - d - u) / tau_minus) for u in post if u < t - d)
        r2 = sum(math.exp(-(t - v) / s["tau_plus_triplet"]) for v in earlier) if triplet else 0.0
        w = depress(w, k_minus, r2)
        earlier.append(t)
        out.append(w)
    return out


def write_atomically(path: Path, text: str) -> None:
    """Nothing partial on disk: write a temporary file beside `path`, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    os.chmod(tmp, 0o644)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(Path(__file__).with_name("stdp_reference.json")), help="JSON file to write")
    ap.add_argument("--duration-ms", type=float, default=2000.0, help="length of the Poisson part of each train (ms)")
    ap.add_argument("--seed", type=int, default=11, help="numpy seed of the trains (case k uses seed + k)")
    args = ap.parse_args()
    import nest
    nest.set_verbosity("M_ERROR")
    cases = []
    for k, case in enumerate(CASES):
        pre, post = trains(case, args.duration_ms, args.seed + k)
        pre_seen, post_seen, weights = run_nest(nest, case, pre, post)
        assert pre_seen == pre and post_seen == post, f"{case['name']}: parrots did not spike at the requested times"
        assert len(weights) == len(pre), f"{case['name']}: {len(weights)} weights for {len(pre)} pre spikes"
        mine = replay(case, pre, post)
        worst = max(abs(a - b) / max(abs(b), 1e-300) for a, b in zip(mine, weights))
        clipped = sum(1 for w in weights if w in (0.0, case["synapse"]["Wmax"]))
        cases.append({**case, "pre_times_ms": pre, "post_times_ms": post, "weights_after_pre": weights,
                      "replay_max_rel_diff": worst, "weights_at_a_bound": clipped})
        print(json.dumps({"case": case["name"], "pre_spikes": len(pre), "post_spikes": len(post),
                          "w_first": weights[0], "w_last": weights[-1], "at_bound": clipped,
                          "replay_max_rel_diff": worst}))
        assert worst <= 1e-12, f"{case['name']}: the documented convention does not reproduce NEST ({worst:.3g})"
    doc = {"generator": "Benchmarks/plastic_brunel/nest_stdp_reference.py", "nest_version": nest.__version__,
           "resolution_ms": RESOLUTION_MS, "time_unit": "ms", "seed": args.seed,
           "convention": __doc__[__doc__.index("NEST's delay convention"):__doc__.index("Writes one JSON")].strip(),
           "cases": cases}
    write_atomically(Path(args.out), json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
