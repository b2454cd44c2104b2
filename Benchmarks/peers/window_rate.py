#!/usr/bin/env python3
"""Mean population activity in a time window, trial by trial, for groups of ``.npz`` outputs.

One job: for every LABEL=GLOB argument, the mean of column ``--column`` of ``A`` over the bins whose
start t satisfies FROM <= t < TO, in every file of the group; prints one JSON line per group with the
mean over files and its standard error (s.d./sqrt(K), K files), as ``{"label", "K", "mean", "sem"}``.

Example::

    python window_rate.py --from 4 --to 12 meso='out/meso-*.npz' nest_meso='out/nest_meso-*.npz'
"""
from __future__ import annotations

import argparse
import glob
import json

import numpy as np


def window_means(paths: list[str], t_from: float, t_to: float, column: int) -> np.ndarray:
    means = []
    for path in paths:
        data = np.load(path)
        t = data["t"]
        keep = (t >= t_from - 1e-9) & (t < t_to - 1e-9)
        means.append(float(data["A"][keep, column].mean()))
    return np.array(means)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("groups", nargs="+", help="LABEL=GLOB")
    ap.add_argument("--from", dest="t_from", type=float, required=True, help="window start (s)")
    ap.add_argument("--to", dest="t_to", type=float, required=True, help="window end (s)")
    ap.add_argument("--column", type=int, default=0, help="population column of A (default 0)")
    args = ap.parse_args()
    for group in args.groups:
        label, pattern = group.split("=", 1)
        paths = sorted(glob.glob(pattern))
        if not paths:
            raise SystemExit(f"window_rate.py: no file matches {pattern}")
        r = window_means(paths, args.t_from, args.t_to, args.column)
        sem = float(r.std(ddof=1) / np.sqrt(len(r))) if len(r) > 1 else None
        print(json.dumps({"label": label, "K": len(r), "from_s": args.t_from, "to_s": args.t_to,
                          "mean": float(r.mean()), "sem": sem}))


if __name__ == "__main__":
    main()
