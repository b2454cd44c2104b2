#!/usr/bin/env python3
"""Up/Down statistics of up_down.yaml at the micro level: MesoPop against the exported NEST script (issue #16).

For each seed: `mesopop run --level micro` and the script of `mesopop export nest`, DURATION s each.
The activity is smoothed with the configuration's boxcar (50 ms) and split into Up and Down states
by its hysteresis thresholds (Down -> Up above 25 Hz, Up -> Down below 10 Hz), after the 2 s
transient. Per run: mean rate, fraction of time Up, number of Up states, mean Up and Down
durations. Prints one JSON line per run and a summary (mean ± s.e. over seeds).

Usage: python3 up_down_stats.py [--seeds 1,2,3] [--duration 100] [--mesopop BIN] [--set KEY=VALUE ...]
       [--simulators mesopop,nest]   (e.g. --set "simulation.dt=0.1 ms": both simulators on a finer grid)
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CONFIG = ROOT / "Examples" / "configs" / "up_down.yaml"
SMOOTH_S, HI, LO, TRANSIENT_S = 0.05, 25.0, 10.0, 2.0


def states(t, a):
    """Rate, Up fraction, Up count and mean Up / Down durations (s) of one population's activity."""
    bin_s = t[1] - t[0]
    width = max(1, int(round(SMOOTH_S / bin_s)))
    smooth = np.convolve(a, np.ones(width) / width, mode="same")
    keep = t >= TRANSIENT_S
    smooth, a = smooth[keep], a[keep]
    up = np.zeros(len(smooth), dtype=bool)
    state = smooth[0] > HI
    for i, v in enumerate(smooth):
        state = v > LO if state else v > HI
        up[i] = state
    edges = np.flatnonzero(np.diff(up.astype(int))) + 1
    runs = np.split(up, edges)
    # Complete runs only (the first and last are cut by the window).
    inner = runs[1:-1]
    ups = [len(r) * bin_s for r in inner if r[0]]
    downs = [len(r) * bin_s for r in inner if not r[0]]
    return {"rate_hz": float(a.mean()), "up_fraction": float(up.mean()), "up_states": int(sum(1 for r in runs if r[0])),
            "mean_up_s": float(np.mean(ups)) if ups else None, "mean_down_s": float(np.mean(downs)) if downs else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mesopop", default=str(ROOT / ".build" / "release" / "mesopop"))
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--duration", type=float, default=100.0)
    ap.add_argument("--set", action="append", default=[], help="an override of up_down.yaml (both simulators)")
    ap.add_argument("--simulators", default="mesopop,nest")
    args = ap.parse_args()
    simulators = args.simulators.split(",")
    sets = ["--set", f"simulation.duration={args.duration}"] + sum((["--set", s] for s in args.set), [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "up_down.py"
        subprocess.run([args.mesopop, "export", "nest", str(CONFIG), *sets, "--level", "micro", "--out", str(script), "--quiet"],
                       check=True)
        for seed in [int(s) for s in args.seeds.split(",")]:
            for simulator in simulators:
                out = Path(tmp) / f"{simulator}-{seed}.npz"
                if simulator == "mesopop":
                    subprocess.run([args.mesopop, "run", str(CONFIG), *sets, "--level", "micro", "--seed", str(seed),
                                    "--out", str(out), "--quiet"], check=True)
                else:
                    subprocess.run([sys.executable, str(script), "--seed", str(seed), "--out", str(out)], check=True,
                                   capture_output=True, env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
                with np.load(out) as z:
                    row = {"simulator": simulator, "seed": seed, "duration_s": args.duration, "set": args.set, **states(z["t"], z["A"][:, 0])}
                rows.append(row)
                print(json.dumps(row), flush=True)
    for simulator in simulators:
        mine = [r for r in rows if r["simulator"] == simulator]
        summary = {"simulator": simulator, "seeds": len(mine)}
        for key in ("rate_hz", "up_fraction", "mean_up_s", "mean_down_s"):
            v = np.array([r[key] for r in mine if r[key] is not None], dtype=float)
            summary[key] = [float(v.mean()), float(v.std(ddof=1) / np.sqrt(len(v))) if len(v) > 1 else None] if len(v) else None
        summary["up_states"] = sum(r["up_states"] for r in mine)
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
