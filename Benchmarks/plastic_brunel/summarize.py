#!/usr/bin/env python3
"""Markdown table of the JSON lines that nest_brunel.py / brian2_brunel.py (and any run printing the
same keys) wrote, read from files or stdin: one row per run, then per (simulator, plastic, pairing)
the mean over seeds of the late-window rates and weight statistics, and their relative difference
to the group named by --reference (default: the first group)."""
from __future__ import annotations

import argparse
import fileinput
import json
from collections import defaultdict

import numpy as np

LATE_E, LATE_I = "rate_E_hz_after_0.2s", "rate_I_hz_after_0.2s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help="files of JSON lines (default: stdin)")
    ap.add_argument("--reference", default=None, help="group label the others are compared with")
    args = ap.parse_args()
    runs = [r for r in (json.loads(l) for l in fileinput.input(args.files) if l.startswith("{")) if "simulator" in r]
    # A repeated (simulator, plastic, pairing, seed) run counts once in the group means (the last one).
    unique = {(r["simulator"], r["plastic"], r.get("pairing"), r["seed"]): r for r in runs}
    print("| simulator | plastic | pairing | seed | E (Hz) | I (Hz) | w_EE mean | w_EE std | sim wall s per sim s | CPU s | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    groups = defaultdict(list)
    for r in unique.values():
        groups[f"{r['simulator']} {'plastic' if r['plastic'] else 'static'} {r.get('pairing') or ''}".strip()].append(r)
    for r in runs:
        # NEST: CPU of nest.Simulate; Brian2: CPU of the whole binary (setup included).
        # MesoPop (mesopop_brunel.py): CPU of the whole `mesopop run` process.
        cpu = (f"{r['sim_cpu_s']:.1f}" if "sim_cpu_s" in r else f"{r['binary_cpu_s']:.1f} (binary)" if "binary_cpu_s" in r
               else f"{r['cpu_s']:.2f} (process)")
        w = f"{r['w_EE_mean']:.5f} | {r['w_EE_std']:.6f}" if "w_EE_mean" in r else "— | —"
        print(f"| {r['simulator']} | {r['plastic']} | {r.get('pairing') or '—'} | {r['seed']} | {r[LATE_E]:.3f} | "
              f"{r[LATE_I]:.3f} | {w} | {r['sim_wall_per_sim_s']:.2f} | {cpu} | {r['loadavg_1_5_15'][0]} |")
    print()
    means = {k: {q: float(np.mean([r[q] for r in v if q in r])) if any(q in r for r in v) else None
                 for q in (LATE_E, LATE_I, "w_EE_mean", "w_EE_std")} for k, v in groups.items()}
    ref = args.reference or next(iter(means))
    print(f"| group | seeds | E (Hz) | I (Hz) | w mean | w std | vs {ref}: E, I, w mean, w std |")
    print("|---|---|---|---|---|---|---|")
    for k, m in means.items():
        rel = [f"{100 * (m[q] / means[ref][q] - 1):+.2f} %" if m[q] is not None and means[ref][q] else "—"
               for q in (LATE_E, LATE_I, "w_EE_mean", "w_EE_std")]
        def shown(q: str) -> str:  # mean ± standard error over seeds
            x = [r[q] for r in groups[k] if q in r]
            if not x:
                return "—"
            return f"{np.mean(x):.5g}" + (f" ± {np.std(x, ddof=1) / np.sqrt(len(x)):.2g}" if len(x) > 1 else "")
        vals = [shown(q) for q in (LATE_E, LATE_I, "w_EE_mean", "w_EE_std")]
        print(f"| {k} | {len(groups[k])} | {' | '.join(vals)} | {', '.join(rel)} |")


if __name__ == "__main__":
    main()
