#!/usr/bin/env python3
"""Export → NEST → compare round trip of every example network (issue #16).

For every GIF network in Examples/configs and both levels: `mesopop export nest` (refusals are
listed with their reason), then for SEEDS seeds the exported script under NEST 3.10 with
1 and 2 virtual processes (threads; this machine's NEST has no MPI), and `mesopop run` at the same
level with the same seeds; the mean rate of every population over [T0, duration) is compared
(mean over seeds ± s.e.m.). Every NEST .npz is read back with the same reader as MesoPop's own
files (numpy here; `Recording(npz:)` in Swift reads t and A the same way).

With --paired (micro level) every seed's script is exported with `--connectivity`: NEST connects the
synapses MesoPop's engine draws for that seed, so the per-seed difference NEST − MesoPop holds no
connectivity variance; its mean ± s.e. over the seeds is printed ("paired").

Usage: python3 validate.py [--mesopop BIN] [--out DIR] [--seeds 1,2,3] [--t0 1] [--paired] [--set KEY=VALUE ...]
       [--vps 1,2] [--reuse]
Writes DIR/results.json and prints one table; never run in CI.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Long examples are shortened (their rates, not their rare events, are compared).
CASES = {
    "nest_ei_network.yaml": ["inputs=[]", "simulation.duration=10"],
    "s17_ei_network.yaml": ["inputs=[]", "simulation.duration=10"],
    "adapting_population.yaml": ["simulation.duration=10"],
    "up_down.yaml": ["simulation.duration=20"],
    "population_spikes.yaml": ["simulation.duration=20"],
    "microcircuit.yaml": ["simulation.duration=5"],
    # LIF networks (micro only; the meso export refuses them): 5 s so that [1 s, end) holds 4 s.
    "brunel_small_static.yaml": ["simulation.duration=5"],
    "brunel_small_plastic.yaml": ["simulation.duration=5"],
    "lif_noise.yaml": ["simulation.duration=5"],
    "stdp_single_synapse.yaml": ["simulation.duration=10"],
}
# Micro runs cost 3-4 CPU s per simulated second in NEST here (GIF neurons): shorter.
MICRO_EXTRA = {"nest_ei_network.yaml": ["simulation.duration=4"], "s17_ei_network.yaml": ["simulation.duration=4"],
               "adapting_population.yaml": ["simulation.duration=3"], "population_spikes.yaml": ["simulation.duration=10"],
               "microcircuit.yaml": ["simulation.duration=2", "analysis.transient=0.5"]}
MICRO_CASES = ("nest_ei_network.yaml,up_down.yaml,s17_ei_network.yaml,adapting_population.yaml,population_spikes.yaml,"
               "brunel_small_static.yaml,brunel_small_plastic.yaml,lif_noise.yaml,stdp_single_synapse.yaml")


def rates(path, t0):
    with np.load(path) as z:
        t, A = z["t"], z["A"]
    return A[t >= t0 - 1e-12].mean(axis=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mesopop", default=str(ROOT / ".build" / "release" / "mesopop"))
    ap.add_argument("--out", default=str(HERE / "out"))
    ap.add_argument("--seeds", default="1,2,3", help="a list, ranges A-B allowed")
    ap.add_argument("--t0", type=float, default=1.0)
    ap.add_argument("--micro-only", action="store_true", help="skip the meso level (same as --levels micro)")
    ap.add_argument("--levels", default="meso,micro")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--micro-cases", default=MICRO_CASES)
    ap.add_argument("--paired", action="store_true", help="micro: NEST connects MesoPop's drawn synapses of each seed")
    ap.add_argument("--set", action="append", default=[], help="an override after the case's own (e.g. simulation.duration=20)")
    ap.add_argument("--vps", default="1,2", help="NEST's virtual processes to run (threads here)")
    ap.add_argument("--reuse", action="store_true",
                    help="keep run outputs already in DIR (resume; MesoPop's runs do not depend on the export, NEST's do)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # "1,2,5" or ranges "1-200".
    seeds = [s for part in args.seeds.split(",")
             for s in (range(int(part.split("-")[0]), int(part.split("-")[1]) + 1) if "-" in part else [int(part)])]
    results = []
    levels = ["micro"] if args.micro_only else args.levels.split(",")
    for name in args.cases.split(","):
        config = str(ROOT / "Examples" / "configs" / name)
        for level in levels:
            if level == "micro" and name not in args.micro_cases.split(","):
                continue
            overrides = CASES[name] + (MICRO_EXTRA.get(name, []) if level == "micro" else []) + args.set
            paired = args.paired and level == "micro"
            sets = sum((["--set", s] for s in overrides), [])
            row = {"config": name, "level": level, "overrides": overrides, "paired": paired}
            runs = {}
            vps = [int(v) for v in args.vps.split(",")]
            for vp in vps:
                runs[f"nest_vp{vp}"] = []
                for s in seeds:
                    # One script for all seeds (NEST draws the synapses), or one per seed with MesoPop's synapses.
                    stem = f"{Path(name).stem}-{level}-vp{vp}" + (f"-paired{s}" if paired else "")
                    script = out / f"{stem}.py"
                    drawn = ["--seed", str(s), "--connectivity", str(out / f"{stem}-synapses.npz")] if paired else []
                    if paired or s == seeds[0]:
                        done = subprocess.run([args.mesopop, "export", "nest", config, *sets, "--level", level, "--out", str(script),
                                               "--virtual-processes", str(vp), "--quiet", *drawn], capture_output=True, text=True)
                        if done.returncode != 0:
                            row["refused"] = done.stderr.strip()
                            break
                    npz = out / f"{stem}-{s}.npz"
                    t = time.perf_counter()
                    # Passive OpenMP waiting: on a machine shared with other jobs, spinning threads that
                    # are descheduled make a 2-thread run take minutes (seen here).
                    if not (args.reuse and npz.exists()):
                        subprocess.run([sys.executable, str(script), "--seed", str(s), "--out", str(npz)], check=True,
                                       capture_output=True, text=True, env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
                    runs[f"nest_vp{vp}"].append((rates(npz, args.t0), time.perf_counter() - t))
                if "refused" in row:
                    break
            if "refused" in row:
                print(f"{name} {level}: refused: {row['refused']}")
                results.append(row)
                continue
            runs["mesopop"] = []
            for s in seeds:
                npz = out / f"{Path(name).stem}-{level}-mesopop-{s}.npz"
                t = time.perf_counter()
                if not (args.reuse and npz.exists()):
                    subprocess.run([args.mesopop, "run", config, *sets, "--level", level, "--seed", str(s), "--out", str(npz),
                                    "--quiet"], check=True)
                runs["mesopop"].append((rates(npz, args.t0), time.perf_counter() - t))
            for label, values in runs.items():
                r = np.array([v for v, _ in values])
                row[label] = {"mean_hz": r.mean(axis=0).tolist(),
                              "sem_hz": (r.std(axis=0, ddof=1) / np.sqrt(len(seeds))).tolist() if len(seeds) > 1 else None,
                              "wall_s": [w for _, w in values]}
            ref = np.array(row["mesopop"]["mean_hz"])
            labels = [f"nest_vp{vp}" for vp in vps]
            for label in labels:
                row[label]["relative_difference"] = ((np.array(row[label]["mean_hz"]) - ref) / ref).tolist()
                if paired and len(seeds) > 1:
                    # Paired: the s.e. of the mean per-seed difference (the drawn connectivity cancels).
                    d = np.array([v for v, _ in runs[label]]) - np.array([v for v, _ in runs["mesopop"]])
                    row[label]["relative_se"] = (d.std(axis=0, ddof=1) / np.sqrt(len(seeds)) / ref).tolist()
                elif len(seeds) > 1:
                    # s.e. of the difference of the two seed means, relative to MesoPop's rate.
                    se = np.hypot(np.array(row[label]["sem_hz"]), np.array(row["mesopop"]["sem_hz"])) / ref
                    row[label]["relative_se"] = se.tolist()
            results.append(row)
            print(f"{name} {level}{' (paired)' if paired else ''}: mesopop {np.round(ref, 3)} Hz; "
                  + "; ".join(f"{label} {np.round(row[label]['mean_hz'], 3)} Hz "
                              f"({np.round(100 * np.array(row[label]['relative_difference']), 2)} % "
                              f"± {np.round(100 * np.array(row[label].get('relative_se', [np.nan])), 2)} %)"
                              for label in labels), flush=True)
            (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
