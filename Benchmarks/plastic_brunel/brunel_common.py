"""The plastic Brunel benchmark network of issue #11, shared by nest_brunel.py and brian2_brunel.py.

8000 E + 2000 I LIF (tau_m 20 ms, theta 20 mV, reset 0, t_ref 2 ms, V(0) = V_reset = 0, rest 0),
delta synapses (a spike of weight J in mV makes V jump by J in the step it arrives; input arriving
while refractory is discarded), Bernoulli p = 0.1 recurrent connections (autapses allowed), J_E 0.1 mV,
J_I -0.5 mV, delay 1.5 ms (spike in step n arrives in step n + 15), dt 0.1 ms; drive: 10 000 Poisson
sources at 20 Hz, each neuron receiving exactly 1000 distinct ones with weight J_E (same delay).
Plastic run: E->E with traces tau_+ = tau_- = 20 ms, at a pre spike w -= lambda alpha w A_post,
at a post spike w += lambda (w_max - w) A_pre, lambda 0.01, alpha 2.02, w_max 0.3, w(0) = J_E.
"""
from __future__ import annotations

import json
import os

import numpy as np

N_E, N_I = 8000, 2000
N_SOURCES, SOURCE_RATE_HZ, SOURCE_INDEGREE = 10_000, 20.0, 1000
P_CONNECT = 0.1
J_E, J_I = 0.1, -0.5          # mV
DELAY_MS, DT_MS = 1.5, 0.1
TAU_M_MS, V_TH, V_RESET, T_REF_MS = 20.0, 20.0, 0.0, 2.0
TAU_PLUS_MS = TAU_MINUS_MS = 20.0
LAMBDA, ALPHA, W_MAX = 0.01, 2.02, 0.3
RATE_WINDOW_START_S = 0.2      # the late-window rates leave out the start-up transient from V = 0


def rates(times_s: np.ndarray, n: int, duration_s: float) -> dict:
    """Mean rate per neuron (Hz) over the whole run and over [RATE_WINDOW_START_S, duration] (None if empty)."""
    times_s = np.asarray(times_s)
    late = np.count_nonzero(times_s >= RATE_WINDOW_START_S)
    window = duration_s - RATE_WINDOW_START_S
    return {"all": len(times_s) / (n * duration_s), "late": late / (n * window) if window > 0 else None}


def summary(simulator: str, plastic: bool, seed: int, duration_s: float, e_times_s, i_times_s, timing: dict,
            weights=None, **extra) -> str:
    """The one-line JSON summary every run prints (rates in Hz, times in s, load average of the machine)."""
    e, i = rates(e_times_s, N_E, duration_s), rates(i_times_s, N_I, duration_s)
    edges = np.arange(0, duration_s + 1e-9, 0.1)
    out = {"simulator": simulator, "plastic": plastic, "seed": seed, "simulated_s": duration_s,
           "rate_E_hz": e["all"], "rate_I_hz": i["all"],
           f"rate_E_hz_after_{RATE_WINDOW_START_S}s": e["late"], f"rate_I_hz_after_{RATE_WINDOW_START_S}s": i["late"],
           "rate_E_hz_per_100ms": (np.histogram(e_times_s, edges)[0] / (N_E * 0.1)).round(3).tolist(),
           **timing, "sim_wall_per_sim_s": timing["sim_wall_s"] / duration_s,
           "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()]}
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        out.update({"n_EE": int(w.size), "w_EE_mean": float(w.mean()), "w_EE_std": float(w.std()),
                    "w_EE_min": float(w.min()), "w_EE_max": float(w.max())})
    out.update(extra)
    return json.dumps(out)
