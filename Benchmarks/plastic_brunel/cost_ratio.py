#!/usr/bin/env python3
"""Cost of plasticity on a noisy machine (issue #11): the plastic/static CPU ratio of the plastic Brunel
benchmark from ROUNDS interleaved rounds.

A virtual machine's neighbours change a run's CPU time by ±15 % from one minute to the next, more than
the effect measured, so single pairs of runs say little. Each round runs, back to back, the static
network, the plastic one without the final weights (the cost of plasticity alone) and the plastic one
with them (as Brian2 writes its weights), with the round's seed, in an order that rotates from round to
round; a round's two runs of one kind see the same neighbours. Reported per variant: the median CPU s
(whole `mesopop run` process, mesopop_brunel.py's `run`), and per plastic variant the median over rounds
of the round's plastic/static ratio with a 95 % bootstrap interval over rounds (10 000 resamples, fixed
generator seed), plus the load average before and after.

Usage: python3 cost_ratio.py [--mesopop BIN] [--rounds 12] [--json OUT.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

from mesopop_brunel import NO_FINAL, ROOT, run

VARIANTS = {"static": ("static", []), "plastic": ("plastic", NO_FINAL), "plastic + final weights": ("plastic", [])}


def median_interval(ratios: np.ndarray) -> tuple[float, float, float]:
    """Median of the per-round ratios and its 95 % bootstrap interval (percentiles of resampled medians)."""
    rng = np.random.default_rng(20261203)
    medians = np.median(rng.choice(ratios, size=(10_000, ratios.size)), axis=1)
    return float(np.median(ratios)), float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mesopop", default=os.environ.get("MESOPOP_BIN", str(ROOT / ".build/release/mesopop")))
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--json", type=Path, help="write every run and the summary here")
    args = parser.parse_args()
    load_before = os.getloadavg()
    cpu = {name: [] for name in VARIANTS}
    names = list(VARIANTS)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name in names[r % 3:] + names[:r % 3]:
                config, extra = VARIANTS[name]
                result = run(args.mesopop, config, Path(tmp) / "run.npz", [f"simulation.seed={r + 1}"] + extra, False)
                cpu[name].append(result["cpu_s"])
    cpu = {name: np.array(v) for name, v in cpu.items()}
    summary = {"rounds": args.rounds, "loadavg_before": [round(x, 2) for x in load_before],
               "loadavg_after": [round(x, 2) for x in os.getloadavg()],
               "median_cpu_s": {name: float(np.median(v)) for name, v in cpu.items()}, "ratio_over_static": {}}
    print(f"{args.rounds} rounds; load average before {summary['loadavg_before']}, after {summary['loadavg_after']}")
    print("| run | median CPU s | range | plastic/static, median of rounds [95 % interval] |")
    print("|---|---|---|---|")
    for name, v in cpu.items():
        cell = ""
        if name != "static":
            m, lo, hi = median_interval(v / cpu["static"])
            summary["ratio_over_static"][name] = {"median": m, "interval_95": [lo, hi]}
            cell = f"{m:.2f} [{lo:.2f}, {hi:.2f}]"
        print(f"| {name} | {np.median(v):.2f} | {v.min():.2f}–{v.max():.2f} | {cell} |")
    if args.json:
        args.json.write_text(json.dumps({"cpu_s": {k: v.tolist() for k, v in cpu.items()}, **summary}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
