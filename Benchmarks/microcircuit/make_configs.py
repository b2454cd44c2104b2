#!/usr/bin/env python3
"""Write the Potjans-Diesmann cortical microcircuit in the mesoscopic GIF form of Schwalger, Deger &
Gerstner (2017, Fig. 8, without adaptation) as MesoPop configurations.

One job: turn the published parameters into our keys, every conversion stated below, and write

* ``Benchmarks/microcircuit/microcircuit_full.yaml``: full size (77 169 neurons);
* ``Examples/configs/microcircuit.yaml``: scale 0.1 (N x 0.1 rounded, J / 0.1, so that J p N and
  hence the mean input of every connection stay those of the full network).

Sources of the numbers (the authors' public repository schwalger/mesopopdyn_microcircuit,
``single_run/potjans.py`` and ``single_run/PDmodel_C-code-tilo_NEST.py``, which quote Potjans &
Diesmann 2014, Cereb. Cortex 24:785, Table 5):

* N per population, connection probabilities C[target][source] (Potjans & Diesmann Table 5);
* PSC amplitude w = 87.8 pA for excitatory sources, g w with g = -4 for inhibitory ones, and
  2 w for L4E -> L2/3E (Potjans & Diesmann p. 801);
* C_m = 250 pF, tau_m = 10 ms, t_ref = 2 ms, V_rest = V_reset = -65 mV, V_th = -50 mV,
  tau_syn = 0.5 ms for both E and I; one delay of 1.5 ms for every connection (the mean
  excitatory delay d_E, as in the authors' mesoscopic runs);
* escape noise c = 10 Hz, Delta_V = 5 mV, and per-population mu (mV) replacing the Poisson
  background: the authors' values fitted so that the GIF network reproduces the Potjans rates.

Conversions:

* potentials relative to rest: V_reset = -65 - (-65) = 0 mV, V_th = -50 - (-65) = 15 mV;
* PSC amplitude to our J (the jump of the delta-PSP with the same charge, MicroscopicModel
  article): J = w tau_s / C_m, e.g. 87.8 pA x 0.5 ms / 250 pF = 0.1756 mV, -0.7024 mV for
  inhibitory sources, 0.3512 mV for L4E -> L2/3E;
* the 9 zero probabilities of the table are left out: 55 connections;
* scale s: N -> round(s N), J -> J / s.

Usage: python3 Benchmarks/microcircuit/make_configs.py   (rewrites both files)
"""
from __future__ import annotations

from pathlib import Path

NAMES = ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"]
N_FULL = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948]
# C[target][source], populations in NAMES order.
C = [[0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
     [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
     [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
     [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
     [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
     [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
     [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
     [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443]]
MU = [19.14942021, 20.36247192, 30.80455243, 28.06868188, 29.43680143, 29.32954448, 34.93225564, 32.08123423]
W_PA, G, C_M_PF, TAU_S_MS = 87.8, -4.0, 250.0, 0.5


def psc_to_J(target: int, source: int) -> float:
    """J (mV) = w tau_s / C_m with w the PSC amplitude of source -> target."""
    w = W_PA if NAMES[source].endswith("E") else G * W_PA
    if NAMES[source] == "L4E" and NAMES[target] == "L23E":
        w *= 2
    return w * TAU_S_MS / C_M_PF


def config(scale: float, duration: str, header: str) -> str:
    lines = [header.rstrip(), f"name: microcircuit{'' if scale == 1 else f'-scale-{scale:g}'}",
             "simulation:", "  dt: 0.1 ms", f"  duration: {duration}", "  record_bin: 1 ms", "  seed: 1",
             "populations:"]
    for name, n, mu in zip(NAMES, N_FULL, MU):
        lines.append(f"  - {{name: {name}, N: {round(n * scale)}, tau_m: 10 ms, t_ref: 2 ms, mu: {mu:.8f} mV, "
                     "V_reset: 0 mV, V_th: 15 mV, Delta_V: 5 mV, lambda_0: 10 Hz}")
    lines.append("connections:")
    for t, row in enumerate(C):
        for s, p in enumerate(row):
            if p > 0:
                J = psc_to_J(t, s) / scale
                lines.append(f"  - {{from: {NAMES[s]}, to: {NAMES[t]}, J: {J:.6g} mV, p: {p}, delay: 1.5 ms, tau_s: 0.5 ms}}")
    lines += ["meso:", "  variant: second_order", "  spike_count: binomial", "micro:", "  connectivity: fixed_indegree"]
    return "\n".join(lines) + "\n"


HEADER = """\
# The Potjans-Diesmann cortical microcircuit in the mesoscopic form of Schwalger, Deger & Gerstner
# (2017, Fig. 8, no adaptation){size}: 8 GIF populations, 55 connections, c = 10 Hz, Delta_V = 5 mV,
# per-population mu in place of the Poisson background, tau_s = 0.5 ms, one delay of 1.5 ms, the
# doubled L4E -> L2/3E weight. Written by Benchmarks/microcircuit/make_configs.py, which states
# every conversion (J = PSC amplitude x tau_s / C_m; scale s: N x s, J / s).{extra}
"""


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    full = HEADER.format(size=", full size (77 169 neurons)", extra="\n#   mesopop run Benchmarks/microcircuit/microcircuit_full.yaml --level meso --out mc.npz")
    (root / "Benchmarks/microcircuit/microcircuit_full.yaml").write_text(config(1.0, "10 s", full))
    small = HEADER.format(size=" at scale 0.1 (7 717 neurons)", extra=(
        "\n# Fixed in-degree p N_from < 1 (4 connections here) falls back to Bernoulli draws (MicroscopicModel"
        "\n# article). The full-size network is Benchmarks/microcircuit/microcircuit_full.yaml."
        "\n#   mesopop compare Examples/configs/microcircuit.yaml --out mc"))
    (root / "Examples/configs/microcircuit.yaml").write_text(config(0.1, "2 s", small))


if __name__ == "__main__":
    main()
