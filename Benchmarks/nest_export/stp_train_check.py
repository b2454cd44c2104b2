#!/usr/bin/env python3
"""Deterministic check of the STP mapping of `mesopop export nest` (issue #16, up_down).

One presynaptic spike train (spike_train population -> NEST spike_generator -> parrot_neuron)
through up_down.yaml's Tsodyks-Markram synapse (U 0.2, tau_D 0.3 s, no facilitation, delay 1 ms,
dt 0.5 ms) onto one non-leaky, never-firing LIF neuron with a delta synapse (tau_m 1000 s,
V_th 1e6 mV), so that every arrival makes V jump by J*u+*x- exactly. MesoPop runs the
configuration (`mesopop run`, V_m recorded every step); NEST runs the script `mesopop export nest`
writes for the same configuration, with one multimeter added before nest.Simulate (the only
change to the exported text). A third sequence is the Tsodyks-Markram recursion written here
(u+ = U, r = u+ x-, x+ = x- - r, x relaxes to 1 with tau_D between spikes). The released
fractions r_k = (V_n - E_m V_{n-1}) / J at the arrival steps are compared, and the arrival steps.

Usage: python3 stp_train_check.py [--mesopop BIN] [--seed S]; exit 1 if any difference > 1e-12.
"""
import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from membranes import membranes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DT, DELAY, U, TAU_D, J, TAU_M = 0.5e-3, 1e-3, 0.2, 0.3, 4.0, 1000.0


def train(seed):
    """Spike steps: a 20 Hz Poisson train over 4 s, a burst of 6 spikes one step apart, and pairs 1-3 steps apart."""
    rng = np.random.default_rng(seed)
    steps = set(np.cumsum(rng.geometric(20 * DT, size=80)).tolist())
    steps |= {9000 + k for k in range(6)} | {9500, 9501, 9600, 9602, 9700, 9703}
    return sorted(s for s in steps if 1 <= s < 9900)


def config(steps):
    return {
        "name": "stp train check",
        "simulation": {"dt": DT, "duration": (max(steps) + 20) * DT, "record_bin": DT, "seed": 1},
        "populations": [
            {"name": "pre", "kind": "spike_train", "spike_times": [[s * DT for s in steps]]},
            {"name": "post", "neuron": "lif", "N": 1, "tau_m": TAU_M, "t_ref": 0, "mu": 0, "V_reset": 0, "V_th": 1e6},
        ],
        "connections": [{"from": "pre", "to": "post", "J": J, "p": 1, "delay": DELAY, "tau_s": 0,
                         "stp": {"U": U, "tau_D": TAU_D}}],
        "micro": {"record_membrane": [1]},
    }


def released(v):
    """r at every step from V_n = E_m V_{n-1} + J r_n (V_{-1} = 0)."""
    decay = math.exp(-DT / TAU_M)
    previous = np.concatenate([[0.0], v[:-1]])
    return (v - decay * previous) / J


def recursion(steps):
    """The Tsodyks-Markram release of every spike (u+ = U without facilitation)."""
    x, last, out = 1.0, None, []
    for s in steps:
        if last is not None:
            x = 1 - (1 - x) * math.exp(-(s - last) * DT / TAU_D)
        r = U * x
        out.append(r)
        x -= r
        last = s
    return np.array(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mesopop", default=str(ROOT / ".build" / "release" / "mesopop"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    steps = train(args.seed)
    v_mesopop, v_nest, text = membranes(args.mesopop, config(steps), "post")
    mapping = [line for line in text.splitlines() if "tsodyks2_synapse" in line]
    # MesoPop's V_m of step l is the value after step l; NEST's sample at (l + 1) dt is the same state.
    r_mesopop, r_nest = released(v_mesopop), released(v_nest)
    d = round(DELAY / DT)
    expected_arrivals = [s + d for s in steps]
    arrivals_mesopop = np.flatnonzero(np.abs(r_mesopop) > 1e-9).tolist()
    arrivals_nest = np.flatnonzero(np.abs(r_nest) > 1e-9).tolist()
    reference = recursion(steps)
    rm, rn = r_mesopop[expected_arrivals], r_nest[expected_arrivals]
    result = {
        "spikes": len(steps), "mapping": mapping,
        "arrivals_mesopop_at_s_plus_D": arrivals_mesopop == expected_arrivals,
        "arrivals_nest_at_s_plus_D": arrivals_nest == expected_arrivals,
        "max_abs_r_mesopop_minus_nest": float(np.abs(rm - rn).max()),
        "max_abs_r_mesopop_minus_recursion": float(np.abs(rm - reference).max()),
        "max_abs_r_nest_minus_recursion": float(np.abs(rn - reference).max()),
        "first_r": rm[:4].tolist(), "burst_r_mesopop": rm[-12:-6].tolist(), "burst_r_nest": rn[-12:-6].tolist(),
    }
    ok = (result["arrivals_mesopop_at_s_plus_D"] and result["arrivals_nest_at_s_plus_D"]
          and max(result[k] for k in result if k.startswith("max_abs")) <= 1e-12)
    result["ok"] = bool(ok)
    print(json.dumps(result, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
