"""Parameter sweeps (`mesopop sweep`) whose points any `concurrent.futures.Executor` runs."""

import ctypes
import json
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import errors
from ._native import lib, take_string
from .config import Config, to_yaml
from .runs import Result, _interruptible, _memory, _seed, take_result


def _axes(axes, name):
    """`KEY=VALUES` strings from {key: VALUES text or a list of values} or a list of strings."""
    if axes is None:
        return []
    if isinstance(axes, Mapping):
        return [f"{key}={values if isinstance(values, str) else ', '.join(to_yaml(v, key) for v in np.asarray(values).tolist())}"
                for key, values in axes.items()]
    if isinstance(axes, (list, tuple)) and all(isinstance(a, str) for a in axes):
        return list(axes)
    raise TypeError(f"{name} must be a dict {{key path: values}} or a list of 'KEY=VALUES' strings")


def _error_text():
    return ctypes.POINTER(ctypes.c_char)()


def run_point(out, index, traces=False, max_memory=None):
    """Runs point `index` of the sweep opened in folder `out` (its trials, then its statistics file):
    the task `sweep` submits to its executor, a plain function of plain arguments so that a process
    pool or a cluster client can ship it. A point already finished is left as it is."""
    def call(control):
        error = _error_text()
        if lib.mesopop_sweep_run_point(os.fsencode(out), int(index), int(bool(traces)), _memory(max_memory), control,
                                       ctypes.byref(error)) != 0:
            raise errors.from_json(take_string(error))
    _interruptible(call, False)


def summary(out):
    """The summary of the finished sweep in folder `out` (also written there as summary.csv and
    summary.npz): a `Result` whose arrays are those of summary.npz and whose meta is its meta."""
    error = _error_text()
    handle = lib.mesopop_sweep_summary(os.fsencode(out), ctypes.byref(error))
    if not handle:
        raise errors.from_json(take_string(error))
    arrays, meta = take_result(handle)
    return Result(arrays, json.loads(meta))


def sweep(config, grid=None, out=None, zip=None, trials=1, level="meso", seed=None, overrides=None, executor=None,
          traces=False, max_memory=None):
    """`mesopop sweep CONFIG --grid … --zip … --trials K --level LEVEL --out OUT` with the points run by
    `executor` (any `concurrent.futures.Executor`: a thread or process pool, a dask.distributed
    client, a Ray executor; default: a thread pool of every core). Returns `summary(out)`, equal to
    the command line's summary.npz for the same arguments.

    grid, zip: {key path: values} where values is the command line's VALUES text ("lin(1 mV, 5 mV, 5)",
    "100, 200") or a list of values (numbers, unit strings), or a list of "KEY=VALUES" strings. seed:
    the master seed (default: the configuration's, else the folder's sweep's, else drawn). The folder
    must be reachable under the same path by every worker; a rerun skips the finished points, and a
    folder holding another sweep is refused (UsageError) before anything runs."""
    if out is None:
        raise TypeError("sweep needs out, the output folder")
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)):
        raise TypeError(f"trials must be an integer, not {type(trials).__name__}")
    seed_value, has_seed = _seed(seed)
    spec = {"grid": _axes(grid, "grid"), "zip": _axes(zip, "zip"), "trials": int(trials), "level": level,
            "seed": str(seed_value) if has_seed else None}
    configuration = config if isinstance(config, Config) and overrides is None else Config(config, overrides)
    try:
        return _sweep(configuration, spec, out, executor, traces, max_memory)
    finally:
        if configuration is not config:
            configuration.close()


def _sweep(configuration, spec, out, executor, traces, max_memory):
    """Opens the sweep, runs its unfinished points on `executor`, returns the summary."""
    error = _error_text()
    reply = lib.mesopop_sweep_open(configuration.handle, json.dumps(spec).encode(), os.fsencode(out),
                                   _memory(max_memory), ctypes.byref(error))
    if not reply:
        raise errors.from_json(take_string(error))
    opened = json.loads(take_string(reply))
    todo = opened["unfinished"]
    if todo:
        own = executor is None
        pool = ThreadPoolExecutor(os.cpu_count() or 1) if own else executor
        try:
            futures = [pool.submit(run_point, os.fspath(out), i, traces, max_memory) for i in todo]
            for future in futures:
                future.result()
        finally:
            if own:
                pool.shutdown(cancel_futures=True)
    return summary(out)
