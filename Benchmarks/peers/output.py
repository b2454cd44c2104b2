"""Write peer-simulator results in MesoPop's ``.npz`` format (GettingStarted article, "Outputs").

Arrays (float64, C order): ``t`` (B,) start of each recording bin in s; ``A`` (B, M) population
activity in Hz = spikes in the bin / (N * record_bin); optional ``A_expected`` (B, M) in Hz;
``meta`` a 0-d unicode array holding JSON.  The file is written atomically (temporary file, then
rename), like MesoPop does.
"""
from __future__ import annotations

import datetime
import json
import os
import platform
from pathlib import Path

import numpy as np

UNITS = {"t": "s", "A": "Hz", "A_expected": "Hz"}


def bin_step_counts(steps: np.ndarray, n_steps: int, steps_per_bin: int) -> np.ndarray:
    """Histogram of integer step indices into recording bins: counts per bin (B,), B = n_steps // steps_per_bin.

    Step l covers [l*dt, (l+1)*dt) and belongs to bin l // steps_per_bin; steps at or past the last
    complete bin are dropped.
    """
    n_bins = n_steps // steps_per_bin
    steps = np.asarray(steps, dtype=np.int64)
    steps = steps[(steps >= 0) & (steps < n_bins * steps_per_bin)]
    return np.bincount(steps // steps_per_bin, minlength=n_bins).astype(np.float64)


def bin_step_series(values: np.ndarray, steps_per_bin: int) -> np.ndarray:
    """Average a per-step series (S, ...) over recording bins -> (S // steps_per_bin, ...)."""
    values = np.asarray(values, dtype=np.float64)
    n_bins = values.shape[0] // steps_per_bin
    v = values[: n_bins * steps_per_bin]
    return v.reshape((n_bins, steps_per_bin) + v.shape[1:]).mean(axis=1)


def machine() -> dict:
    return {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}


def write_npz(path: str | Path, t: np.ndarray, A: np.ndarray, meta: dict, A_expected: np.ndarray | None = None) -> None:
    """Write ``t``, ``A`` (and ``A_expected``) plus ``meta`` JSON to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = dict(meta)
    meta.setdefault("units", {k: UNITS[k] for k in ("t", "A", "A_expected") if k != "A_expected" or A_expected is not None})
    meta.setdefault("written", datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))
    meta.setdefault("machine", machine())
    arrays = {"t": np.ascontiguousarray(t, dtype=np.float64), "A": np.ascontiguousarray(A, dtype=np.float64)}
    if A_expected is not None:
        arrays["A_expected"] = np.ascontiguousarray(A_expected, dtype=np.float64)
    arrays["meta"] = np.array(json.dumps(meta))
    tmp = path.with_name(path.name + ".tmp.npz")
    with open(tmp, "wb") as f:
        np.savez(f, **arrays)
    os.replace(tmp, path)


def read_meta(npz) -> dict:
    """The ``meta`` JSON of an opened npz (empty dict when missing or unreadable)."""
    try:
        return json.loads(str(npz["meta"][()]))
    except Exception:  # noqa: BLE001 - meta is optional for comparison
        return {}
