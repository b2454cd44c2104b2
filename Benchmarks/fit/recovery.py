#!/usr/bin/env python3
"""Parameter recovery of `mesopop fit`: simulate data with a MesoPop engine for several seeds, fit
the free keys from a start away from the truth, and count how often the interval covers the truth.

  recovery.py CONFIG --free KEY [--free KEY ...] [--bounds KEY=LO:HI ...] [--seeds 20]
              [--duration 20] [--level meso|micro] [--set KEY=VALUE ...] [--fit-set KEY=VALUE ...]
              [--perturb 0.2]
              [--heldout] --out DIR

The truth is the configuration's value of each key (after --set); the fit starts at
(1 + perturb) x truth. Prints one line per seed and a summary (coverage, mean error, mean
standard error, mean CPU seconds per fit) and writes DIR/summary.json. Each seed's result is kept
in DIR/row-SEED.json: a seed already there is not fitted again, and the summary covers every
row in DIR, so that a study can be run in rounds of a few seeds (--first-seed, --seeds).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
mesopop = __import__("os").environ.get("MESOPOP", str(here / "../../.build/release/mesopop"))


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str]) -> None:
    result = subprocess.run([mesopop, *args, "--quiet"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mesopop {' '.join(args)} failed ({result.returncode}): {result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("config")
    parser.add_argument("--free", action="append", required=True)
    parser.add_argument("--bounds", action="append", default=[])
    parser.add_argument("--set", action="append", default=[], dest="overrides")
    parser.add_argument("--fit-set", action="append", default=[], help="KEY=VALUE for the fits only (not the data), "
                        "e.g. meso.history=2079 to fit with another history length than the data's")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--level", default="meso")
    parser.add_argument("--perturb", type=float, default=0.2)
    parser.add_argument("--heldout", action="store_true", help="compare the fit with a second, held-out run of the same level")
    parser.add_argument("--truth", type=float, action="append", help="true value of each free key in base units "
                        "(default: read from a fit started at the configuration's values)")
    parser.add_argument("--intervals", default="fisher", help="fisher or profile")
    parser.add_argument("--out", required=True)
    a = parser.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    sets = [f"--set={s}" for s in a.overrides + [f"simulation.duration={a.duration}"]]
    for seed in range(a.first_seed, a.first_seed + a.seeds):
        row_file = out / f"row-{seed}.json"
        if row_file.exists():
            continue
        data = out / f"data-{seed}.npz"
        run(["run", a.config, "--level", a.level, "--seed", str(seed), *sets, "--out", str(data)])
        extra = []
        if a.heldout:
            held = out / f"heldout-{seed}.npz"
            run(["run", a.config, "--level", a.level, "--seed", str(10_000 + seed), *sets, "--out", str(held)])
            extra = ["--heldout", str(held)]
        truth_fit = out / f"truth-{seed}"
        fit_dir = out / f"fit-{seed}"
        if a.truth:
            truth = a.truth
        else:
            # The truth: the configuration's values, read back from a fit's start with no perturbation.
            run(["fit", a.config, *sets, "--data", str(data), *sum([["--free", k] for k in a.free], []),
                 *sum([["--bounds", b] for b in a.bounds], []), "--trials", "1", "--out", str(truth_fit)])
            truth = [p["start"] for p in json.loads((truth_fit / "fit.json").read_text())["parameters"]]
        starts = [f"--set={k}={(1 + a.perturb) * t!r}" for k, t in zip(a.free, truth)] + [f"--set={s}" for s in a.fit_set]
        cpu0 = cpu_children()
        run(["fit", a.config, *sets, *starts, "--data", str(data), *sum([["--free", k] for k in a.free], []),
             *sum([["--bounds", b] for b in a.bounds], []), "--trials", "2", "--intervals", a.intervals, *extra, "--out", str(fit_dir)])
        cpu = cpu_children() - cpu0
        fit = json.loads((fit_dir / "fit.json").read_text())
        row = {"seed": seed, "cpu_s": cpu, "log_likelihood": fit["log_likelihood"], "parameters": [],
               "history": fit.get("history"), "history_consistent": fit.get("history_consistent")}
        for p, t in zip(fit["parameters"], truth):
            interval = p["interval"]
            covered = interval is not None and interval[0] <= t <= interval[1]
            row["parameters"].append({"key": p["key"], "truth": t, "estimate": p["estimate"], "se": p["standard_error"],
                                      "covered": covered})
        row["statistics"] = fit["statistics"]
        row_file.write_text(json.dumps(row, indent=1))
        (out / f"data-{seed}.npz").unlink()
        print(f"seed {seed}: " + ", ".join(f"{q['key']} = {q['estimate']:.5g} ± {q['se'] or float('nan'):.2g} (truth {q['truth']:.5g}"
                                           f"{', covered' if q['covered'] else ', NOT covered'})" for q in row["parameters"])
              + f"; K {row['history']}; {cpu:.1f} s CPU", flush=True)
    rows = sorted((json.loads(f.read_text()) for f in out.glob("row-*.json")), key=lambda r: r["seed"])
    summary = {"config": a.config, "level": a.level, "duration_s": a.duration, "seeds": len(rows), "overrides": a.overrides,
               "fit_overrides": a.fit_set,
               "parameters": [], "mean_cpu_s_per_fit": sum(r["cpu_s"] for r in rows) / len(rows), "rows": rows}
    for i, key in enumerate(a.free):
        ps = [r["parameters"][i] for r in rows]
        errors = [q["estimate"] - q["truth"] for q in ps]
        ses = [q["se"] for q in ps if q["se"] is not None]
        summary["parameters"].append({
            "key": key, "truth": ps[0]["truth"], "covered": sum(q["covered"] for q in ps),
            "mean_error": sum(errors) / len(errors),
            "rms_error": (sum(e * e for e in errors) / len(errors)) ** 0.5,
            "mean_se": sum(ses) / len(ses) if ses else None})
        s = summary["parameters"][-1]
        n = len(rows)
        # Standard errors over seeds: of the bias (sd/sqrt(n)) and of the coverage (binomial, at the
        # observed fraction c: sqrt(c(1-c)/n); at the nominal 0.95 it is sqrt(0.95*0.05/n)).
        s["bias_se"] = (sum((e - s["mean_error"]) ** 2 for e in errors) / max(n - 1, 1) / n) ** 0.5
        c = s["covered"] / n
        s["coverage"] = c
        s["coverage_se"] = (c * (1 - c) / n) ** 0.5
        print(f"{key}: truth {s['truth']:.5g}, covered {s['covered']}/{n} ({c:.2f} ± {s['coverage_se']:.2f}), "
              f"mean error {s['mean_error']:.3g} ± {s['bias_se']:.2g}, rms error {s['rms_error']:.3g}, mean se {s['mean_se']:.3g}"
              if s["mean_se"] else f"{key}: no intervals")
    print(f"mean CPU per fit: {summary['mean_cpu_s_per_fit']:.1f} s")
    (out / "summary.json").write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
