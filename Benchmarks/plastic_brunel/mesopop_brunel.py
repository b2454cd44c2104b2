#!/usr/bin/env python3
"""MesoPop side of the plastic Brunel benchmark (issue #11): Benchmarks/plastic_brunel/brunel_static.yaml and
brunel_plastic.yaml, release build, one thread, 1 s simulated.

For each variant: wall and CPU time of `mesopop run --level micro` (the whole process: drawing the
≈ 10 M synapses, the simulation, writing the .npz), the load average, the rates of E and I (whole run
and after 0.2 s, as brunel_common.py), and for the plastic run the final E→E weight mean and std
(from the final weights `w`, as the peers report them). The runs record what the configurations
say: rates on the 10 ms grid, and for the plastic run the final weights of every synapse (written,
as Brian2 writes its weights) and the weight statistics every 250 ms (`record.every`); with
--no-final the final weights are not written (the cost of plasticity alone). With --profile, `perf record` attributes the CPU time of each run to the neuron update
(mk_lif, LIF phase A), static spike delivery (deliver, mk_scatter_*), plastic delivery with
plasticity (deliverPlastic, flush, PlasticLayout), drawing synapses, and the rest. With --threads-check,
the plastic run is repeated with micro.threads = 2 and every array of the two .npz files compared
bit for bit. Bytes per plastic synapse are computed from the engine's own budget
(`mesopop validate`, with and without plasticity).

Usage: python3 mesopop_brunel.py [--mesopop .build/release/mesopop] [--seed S] [--no-final] [--profile] [--threads-check]
Prints one JSON line per run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIGS = {"static": ROOT / "Benchmarks/plastic_brunel/brunel_static.yaml", "plastic": ROOT / "Benchmarks/plastic_brunel/brunel_plastic.yaml"}
SETTINGS = ["simulation.duration=1"]
NO_FINAL = ["connections[2].plasticity.record.final=false"]
GROUPS = [("plasticity (plastic delivery, flushes)", re.compile(r"deliverPlastic|flush|PlasticLayout|plasticSpikes|mk_stdp")),
          ("spike delivery (static)", re.compile(r"mk_scatter|deliver|mk_take")),
          ("neuron update", re.compile(r"mk_lif|updateLIF|phaseA|updatePoisson|synapticInput|exponential|uniform|gsl|log")),
          ("drawing synapses", re.compile(r"drawSynapses|forEachPartner"))]


def run(mesopop: str, variant: str, out: Path, extra: list[str], profile: bool) -> dict:
    args = [mesopop, "run", str(CONFIGS[variant]), "--level", "micro", "--out", str(out), "--quiet"]
    for s in SETTINGS + extra:
        args += ["--set", s]
    if profile:
        args = ["perf", "record", "-q", "-o", str(out) + ".perf", "--"] + args
    load = os.getloadavg()
    start, r0 = time.perf_counter(), os.times()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall, r1 = time.perf_counter() - start, os.times()
    d = np.load(out)
    A, t = d["A"], d["t"]
    late = t >= 0.2
    result = {"simulator": "mesopop", "variant": variant, "wall_s": round(wall, 3), "sim_wall_per_sim_s": round(wall, 3),
              "cpu_s": round((r1.children_user - r0.children_user) + (r1.children_system - r0.children_system), 3),
              "loadavg_before": [round(x, 2) for x in load], "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()],
              "rate_E_hz": float(A[:, 1].mean()), "rate_I_hz": float(A[:, 2].mean()),
              "rate_E_hz_after_0.2s": float(A[late, 1].mean()), "rate_I_hz_after_0.2s": float(A[late, 2].mean())}
    if "w" in d:
        result.update({"n_EE": int(d["w"].size), "w_EE_mean": float(d["w"].mean()), "w_EE_std": float(d["w"].std())})
    elif "w_mean" in d:
        result.update({"w_EE_mean": float(d["w_mean"][-1, 0]), "w_EE_std": float(d["w_std"][-1, 0])})
    if profile:
        report = subprocess.run(["perf", "report", "-i", str(out) + ".perf", "--no-children", "--stdio", "--sort", "symbol"],
                                capture_output=True, text=True).stdout
        shares = {name: 0.0 for name, _ in GROUPS}
        shares["other"] = 0.0
        for line in report.splitlines():
            m = re.match(r"\s*([0-9.]+)%\s+\[.\]\s+(\S+)", line)
            if not m:
                continue
            share, symbol = float(m.group(1)), m.group(2)
            group = next((name for name, pattern in GROUPS if pattern.search(symbol)), "other")
            shares[group] += share
        result["cpu_share_percent"] = {k: round(v, 1) for k, v in shares.items()}
    return result


def budget(mesopop: str, variant: str) -> int:
    """The engine's memory budget in bytes (mesopop validate --level micro, without the final weights)."""
    args = [mesopop, "validate", str(CONFIGS[variant]), "--level", "micro"]
    for s in SETTINGS + (NO_FINAL if variant == "plastic" else []):
        args += ["--set", s]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    m = re.search(r"needs micro ([0-9.]+) (kB|MB|GB|B)", text)
    return int(float(m.group(1)) * {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[m.group(2)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mesopop", default=os.environ.get("MESOPOP_BIN", str(ROOT / ".build/release/mesopop")))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--threads-check", action="store_true")
    parser.add_argument("--seed", type=int, default=1, help="simulation.seed of both runs")
    parser.add_argument("--no-final", action="store_true", help="do not write the final weights of the plastic run")
    args = parser.parse_args()
    seed = [f"simulation.seed={args.seed}"]
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for variant in ["static", "plastic"]:
            extra = seed + (NO_FINAL if variant == "plastic" and args.no_final else [])
            results[variant] = run(args.mesopop, variant, Path(tmp) / f"{variant}.npz", extra, args.profile)
            results[variant].update({"plastic": variant == "plastic", "seed": args.seed,
                                     "final_weights_written": variant == "plastic" and not args.no_final})
            print(json.dumps(results[variant]), flush=True)
        print(json.dumps({"plastic_over_static_wall": round(results["plastic"]["wall_s"] / results["static"]["wall_s"], 2),
                          "plastic_over_static_cpu": round(results["plastic"]["cpu_s"] / results["static"]["cpu_s"], 2),
                          "budget_static_bytes": budget(args.mesopop, "static"), "budget_plastic_bytes": budget(args.mesopop, "plastic")}))
        if args.threads_check:
            two = run(args.mesopop, "plastic", Path(tmp) / "plastic2.npz", extra + ["micro.threads=2"], False)
            a, b = np.load(Path(tmp) / "plastic.npz"), np.load(Path(tmp) / "plastic2.npz")
            same = all(k == "meta" or np.array_equal(a[k], b[k]) for k in a.files)
            print(json.dumps({"threads_2_wall_s": two["wall_s"], "bit_identical_1_vs_2_threads": bool(same)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
