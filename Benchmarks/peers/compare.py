#!/usr/bin/env python3
"""Compare population activities from any number of our ``.npz`` files (NEST, Brian2, MesoPop).

One job: group files by label (several seeds each) and, per population, report

* mean rate (Hz) of A after discarding the first ``--t0`` seconds, mean ± s.e. over seeds
  (s.e. = sample std / sqrt(n_seeds));
* std of A (Hz) with A re-binned to 1 ms and to 10 ms (each seed's std over time, then
  mean ± s.e. over seeds); needs record_bin to divide 1 ms;
* relative differences (x - x_ref)/x_ref to the reference label (``--ref``);
* CPU time per simulated second (from ``meta.cpu_s`` / ``meta.duration_s``), mean over seeds;
* the PSD of A at the recording bin, by Welch's method (scipy.signal.welch, boxcar window,
  segments of ``--psd-segment`` s, no overlap, global mean removed) with the normalisation of
  the authors' code, S(f) = |FFT(A - <A>)|^2 Δt / L at f >= 0 (two-sided density, Hz^2/Hz:
  white noise of variance σ² gives S = σ² Δt), averaged over segments and seeds.

Inputs: ``LABEL=GLOB`` arguments (files matching GLOB get LABEL), or plain paths/globs whose
label is ``meta.label`` (else ``meta.level``, else the file's parent directory name).

Outputs (``--out DIR``): ``summary.json``, ``table.md``, ``psd.png`` (one panel per population,
all labels); the table is also printed.

Example::

    python compare.py nest_micro='../out/stationary/nest_micro-*.npz' \\
        nest_meso='../out/stationary/nest_meso-*.npz' --ref nest_micro --out ../out/stationary/compare
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import sys
from collections import OrderedDict
from pathlib import Path

import numpy as np
from scipy.signal import welch

import output


def load(path: str) -> dict:
    with np.load(path, allow_pickle=False) as d:
        meta = output.read_meta(d)
        rec = {"path": path, "t": np.array(d["t"]), "A": np.array(d["A"]), "meta": meta}
    t = rec["t"]
    rec["record_bin"] = float(meta.get("record_bin") or (t[1] - t[0] if len(t) > 1 else 1e-3))
    rec["populations"] = meta.get("populations") or \
        [p["name"] for p in (meta.get("config") or {}).get("populations", [])] or \
        [f"pop{m}" for m in range(rec["A"].shape[1])]
    return rec


def rebin(A: np.ndarray, factor: int) -> np.ndarray:
    n = (len(A) // factor) * factor
    return A[:n].reshape((-1, factor) + A.shape[1:]).mean(axis=1)


def psd(x: np.ndarray, dt: float, segment: float) -> tuple[np.ndarray, np.ndarray]:
    """S(f) = |FFT(x - <x>)|^2 dt / L averaged over non-overlapping segments of L samples, f >= 0."""
    L = int(round(segment / dt))
    L = min(L, len(x))
    f, S = welch(x - x.mean(), fs=1.0 / dt, window="boxcar", nperseg=L, noverlap=0, detrend=False,
                 return_onesided=False, scaling="density")
    keep = f >= 0
    order = np.argsort(f[keep])
    return f[keep][order], S[keep][order]


def mean_se(values: list[float]) -> dict:
    v = np.asarray([x for x in values if x is not None and np.isfinite(x)], dtype=float)
    if len(v) == 0:
        return {"mean": None, "se": None, "n": 0}
    se = float(v.std(ddof=1) / math.sqrt(len(v))) if len(v) > 1 else None
    return {"mean": float(v.mean()), "se": se, "n": int(len(v))}


def seed_stats(rec: dict, m: int, t0: float, psd_segment: float) -> dict:
    A, rb = rec["A"][:, m], rec["record_bin"]
    A = A[rec["t"] >= t0 - 1e-12]
    out = {"rate": float(A.mean())}
    for name, width in (("std_1ms", 1e-3), ("std_10ms", 10e-3)):
        factor = width / rb
        if abs(factor - round(factor)) > 1e-9 or round(factor) < 1:
            out[name] = None
        else:
            out[name] = float(rebin(A, int(round(factor))).std())
    out["f"], out["S"] = psd(A, rb, psd_segment)
    return out


def summarise(groups: "OrderedDict[str, list[dict]]", t0: float, psd_segment: float, ref: str | None) -> dict:
    pops = list(OrderedDict.fromkeys(p for recs in groups.values() for r in recs for p in r["populations"]))
    summary = {"t0_s": t0, "psd_segment_s": psd_segment, "reference": ref, "labels": {}, "populations": {}}
    for label, recs in groups.items():
        cpu = [r["meta"]["cpu_s"] / r["meta"]["duration_s"] for r in recs
               if r["meta"].get("cpu_s") is not None and r["meta"].get("duration_s")]
        loop = [r["meta"]["loop_s"] / r["meta"]["duration_s"] for r in recs
                if r["meta"].get("loop_s") is not None and r["meta"].get("duration_s")]
        summary["labels"][label] = {
            "files": [r["path"] for r in recs], "seeds": [r["meta"].get("seed") for r in recs],
            "duration_s": [r["meta"].get("duration_s", float(r["t"][-1] + r["record_bin"])) for r in recs],
            "cpu_per_simulated_s": mean_se(cpu), "loop_per_simulated_s": mean_se(loop) if loop else None}
    for pop in pops:
        entry = {}
        for label, recs in groups.items():
            per = [seed_stats(r, r["populations"].index(pop), t0, psd_segment) for r in recs if pop in r["populations"]]
            if not per:
                continue
            f = per[0]["f"]
            same = [s for s in per if len(s["f"]) == len(f)]
            entry[label] = {
                "rate_hz": mean_se([s["rate"] for s in per]),
                "std_A_hz": {"1ms": mean_se([s["std_1ms"] for s in per]), "10ms": mean_se([s["std_10ms"] for s in per])},
                "rate_per_seed": [s["rate"] for s in per],
                "psd": {"f": f.tolist(), "S": np.mean([s["S"] for s in same], axis=0).tolist()},
            }
        if ref in entry:
            r = entry[ref]
            for label, e in entry.items():
                def rel(a, b):
                    return None if a is None or b in (None, 0) else (a - b) / b
                e["relative_difference"] = {
                    "rate_hz": rel(e["rate_hz"]["mean"], r["rate_hz"]["mean"]),
                    "std_A_hz_1ms": rel(e["std_A_hz"]["1ms"]["mean"], r["std_A_hz"]["1ms"]["mean"]),
                    "std_A_hz_10ms": rel(e["std_A_hz"]["10ms"]["mean"], r["std_A_hz"]["10ms"]["mean"])}
        summary["populations"][pop] = entry
    return summary


def fmt(ms: dict | None, digits: int = 3) -> str:
    if not ms or ms.get("mean") is None:
        return "–"
    s = f"{ms['mean']:.{digits}f}"
    return s + (f" ± {ms['se']:.{digits}f}" if ms.get("se") is not None else "")


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:+.1f} %"


def table(summary: dict) -> str:
    lines = [f"t0 = {summary['t0_s']} s discarded; ± = s.e. over seeds; reference: {summary['reference']}", ""]
    for pop, entry in summary["populations"].items():
        lines += [f"### population {pop}", "",
                  "| label | seeds | rate (Hz) | std A 1 ms (Hz) | std A 10 ms (Hz) | Δrate | Δstd 1 ms | Δstd 10 ms |",
                  "|---|---|---|---|---|---|---|---|"]
        for label, e in entry.items():
            rd = e.get("relative_difference", {})
            lines.append(f"| {label} | {e['rate_hz']['n']} | {fmt(e['rate_hz'])} | {fmt(e['std_A_hz']['1ms'], 2)} | "
                         f"{fmt(e['std_A_hz']['10ms'], 3)} | {pct(rd.get('rate_hz'))} | {pct(rd.get('std_A_hz_1ms'))} | "
                         f"{pct(rd.get('std_A_hz_10ms'))} |")
        lines.append("")
    lines += ["### CPU time per simulated second", "", "| label | seeds | duration (s) | CPU s / simulated s | loop s / simulated s |",
              "|---|---|---|---|---|"]
    for label, info in summary["labels"].items():
        lines.append(f"| {label} | {', '.join(str(s) for s in info['seeds'])} | {info['duration_s'][0]} | "
                     f"{fmt(info['cpu_per_simulated_s'], 4)} | {fmt(info['loop_per_simulated_s'], 4)} |")
    return "\n".join(lines) + "\n"


def plot(summary: dict, path: Path) -> None:
    import matplotlib  # noqa: PLC0415
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415
    pops = list(summary["populations"])
    fig, axes = plt.subplots(1, len(pops), figsize=(5.5 * len(pops), 4), squeeze=False)
    for ax, pop in zip(axes[0], pops):
        for label, e in summary["populations"][pop].items():
            f, S = np.asarray(e["psd"]["f"]), np.asarray(e["psd"]["S"])
            ax.loglog(f[1:], S[1:], label=f"{label} ({e['rate_hz']['n']})", lw=1)
        ax.set_title(f"population {pop}")
        ax.set_xlabel("f (Hz)")
        ax.set_ylabel("S(f) (Hz²/Hz) = |FFT|²Δt/L")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def collect(specs: list[str]) -> "OrderedDict[str, list[dict]]":
    groups: "OrderedDict[str, list[dict]]" = OrderedDict()
    for spec in specs:
        label, pattern = (spec.split("=", 1) if "=" in spec and not Path(spec).exists() else (None, spec))
        paths = sorted(glob.glob(pattern)) or ([pattern] if Path(pattern).exists() else [])
        if not paths:
            print(f"compare.py: no files match {pattern!r}", file=sys.stderr)
            continue
        for p in paths:
            rec = load(p)
            lab = label or rec["meta"].get("label") or rec["meta"].get("level") or Path(p).parent.name
            groups.setdefault(lab, []).append(rec)
    return groups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="LABEL=GLOB or paths/globs of .npz files")
    ap.add_argument("--t0", type=float, default=1.0, help="discard the first t0 seconds (default 1 s)")
    ap.add_argument("--psd-segment", type=float, default=1.0, help="Welch segment length in s (default 1 s: 1 Hz resolution)")
    ap.add_argument("--ref", help="reference label for relative differences (default: the first label)")
    ap.add_argument("--out", help="directory for summary.json, table.md, psd.png")
    args = ap.parse_args(argv)
    groups = collect(args.inputs)
    if not groups:
        print("compare.py: nothing to compare", file=sys.stderr)
        return 1
    ref = args.ref or next(iter(groups))
    summary = summarise(groups, args.t0, args.psd_segment, ref)
    text = table(summary)
    print(text)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "table.md").write_text(text)
        (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
        plot(summary, out / "psd.png")
        print(f"wrote {out / 'summary.json'}, {out / 'table.md'}, {out / 'psd.png'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
