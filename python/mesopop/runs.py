"""Runs, comparisons and checks of configurations, interruptible with Ctrl-C."""

import ctypes
import json
import sys
import threading
import time
from pathlib import Path

import numpy as np

from . import errors
from ._native import lib, take_string
from .config import Config

_MAX_SEED = 2**64 - 1


class Result:
    """The output of `mesopop.run`: the arrays of the CLI's `.npz` (NumPy, float64 or int64, C order)
    by name, and `meta` (resolved configuration, seed, level, version, units, wall and CPU time).
    `result["A"]`, `result.A`, `"A" in result`, `result.keys()`."""

    def __init__(self, arrays, meta):
        self.arrays = arrays
        self.meta = meta

    @property
    def seed(self):
        """The master seed of the run (also in `meta["seed"]`, as a string from 2^53 on)."""
        return int(self.meta["seed"])

    def __getitem__(self, name):
        return self.arrays[name]

    def __contains__(self, name):
        return name in self.arrays

    def __getattr__(self, name):
        arrays = self.__dict__.get("arrays", {})
        if name in arrays:
            return arrays[name]
        raise AttributeError(f"this result has no array {name!r}; it has {sorted(arrays)}")

    def keys(self):
        """The array names, in the order of the `.npz` file."""
        return self.arrays.keys()

    def save(self, path):
        """Writes the arrays and `meta` (as a JSON string) to the `.npz` file `path` with
        `numpy.savez`, which `numpy.load` and the notebooks' plotting code read as the CLI's files."""
        np.savez(path, **self.arrays, meta=np.array(json.dumps(self.meta)))

    def __repr__(self):
        shapes = ", ".join(f"{k}{tuple(v.shape)}" for k, v in self.arrays.items())
        return f"<mesopop.Result level={self.meta.get('level')} seed={self.meta.get('seed')}: {shapes}>"


class Comparison:
    """The output of `mesopop.compare`: `report` (report.json as a dict) and the traces of every trial,
    `micro[k]` and `meso[k]` (each a Result, as `DIR/micro-K.npz` and `DIR/meso-K.npz`)."""

    def __init__(self, report, micro, meso):
        self.report = report
        self.micro = micro
        self.meso = meso

    def save(self, folder):
        """Writes `report.json` and the traces `micro-K.npz`, `meso-K.npz` (`Result.save`) into `folder`
        (created); the Markdown report and the figures are the command line's (`mesopop compare`)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.json").write_text(json.dumps(self.report, indent=2, sort_keys=True))
        for level, trials in (("micro", self.micro), ("meso", self.meso)):
            for k, trial in enumerate(trials):
                trial.save(folder / f"{level}-{k}.npz")

    def __repr__(self):
        return f"<mesopop.Comparison of {len(self.micro)} trials, seed {self.report.get('seed')}>"


def take_result(handle):
    """Named arrays (copied once, into NumPy) and the JSON text of a result, which is then freed."""
    try:
        arrays = {}
        for i in range(lib.mesopop_result_count(handle)):
            name = lib.mesopop_result_name(handle, i).decode()
            dtype = lib.mesopop_result_dtype(handle, i).decode()
            shape = (ctypes.c_int64 * max(lib.mesopop_result_ndim(handle, i), 1))()
            lib.mesopop_result_shape(handle, i, shape)
            nbytes = lib.mesopop_result_nbytes(handle, i)
            if dtype == "<U":
                buffer = ctypes.create_string_buffer(max(nbytes, 1))
                lib.mesopop_result_copy(handle, i, buffer, nbytes)
                arrays[name] = buffer.raw[:nbytes].decode("utf-8")
            else:
                array = np.empty(tuple(shape[:lib.mesopop_result_ndim(handle, i)]), dtype=np.dtype(dtype))
                if lib.mesopop_result_copy(handle, i, array.ctypes.data, array.nbytes) != 0:
                    raise errors.MesoPopError(f"array {name}: {array.nbytes} bytes expected, the library has {nbytes}")
                arrays[name] = array
        return arrays, lib.mesopop_result_meta(handle).decode("utf-8")
    finally:
        lib.mesopop_result_free(handle)


def _seed(seed):
    if seed is None:
        return 0, 0
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer, not {type(seed).__name__}")
    if not 0 <= int(seed) <= _MAX_SEED:
        raise ValueError(f"seed must be in 0 ... 2^64 - 1, got {int(seed)}")
    return int(seed), 1


def _level(level):
    if level is None:
        return None
    if not isinstance(level, str):
        raise TypeError(f"level must be 'meso', 'micro' or None, not {type(level).__name__}")
    return level.encode()


def _memory(max_memory):
    if max_memory is None:
        return 0
    if isinstance(max_memory, bool) or not isinstance(max_memory, (int, np.integer)) or max_memory <= 0:
        raise ValueError(f"max_memory must be a number of bytes > 0, got {max_memory!r}")
    return int(max_memory)


class _Progress:
    """Progress on stderr as the CLI prints it, or a callable's reports, at most twice a second."""

    def __init__(self, progress):
        self.report = progress if callable(progress) else (self._print if progress else None)
        self.start = time.monotonic()
        self.last = -1.0

    def _print(self, fraction):
        elapsed = time.monotonic() - self.start
        remaining = elapsed * (1 - fraction) / fraction if fraction > 0 else 0
        sys.stderr.write(f"\r{100 * fraction:.0f}% simulated in {elapsed:.1f} s, estimated {remaining:.1f} s remaining")
        sys.stderr.flush()

    def poll(self, control, final=False):
        now = time.monotonic()
        if self.report and (final or now - self.last >= 0.5):
            self.last = now
            self.report(lib.mesopop_control_fraction(control))
            if final and self.report == self._print:
                sys.stderr.write("\n")


def _interruptible(call, progress):
    """`call(control)` (a library call returning a result handle) with a fresh control: on the main thread in a worker thread, so that Ctrl-C
    (KeyboardInterrupt) cancels the run, which stops at its next progress report; the interrupt is
    re-raised once the engines stopped. Other threads call directly (the GIL is released anyway)."""
    control = lib.mesopop_control_new()
    reporter = _Progress(progress)
    try:
        if threading.current_thread() is not threading.main_thread() and reporter.report is None:
            return call(control)
        outcome, done = {}, threading.Event()

        def work():
            try:
                outcome["value"] = call(control)
            except BaseException as error:  # handed to the waiting thread
                outcome["error"] = error
            finally:
                done.set()

        worker = threading.Thread(target=work, name="mesopop-run", daemon=True)
        worker.start()
        try:
            # Waking every 0.1 s lets a Ctrl-C that another thread received be seen here; the wait
            # returns as soon as the run ends.
            while not done.wait(0.1):
                reporter.poll(control)
        except KeyboardInterrupt:
            lib.mesopop_control_cancel(control)
            done.wait()
            worker.join()
            if outcome.get("value"):  # finished before it saw the cancellation
                lib.mesopop_result_free(outcome["value"])
            raise
        worker.join()
        if reporter.report and "error" not in outcome:
            reporter.poll(control, final=True)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]
    finally:
        lib.mesopop_control_free(control)


def _native_call(function, *arguments):
    error = ctypes.POINTER(ctypes.c_char)()
    handle = function(*arguments, ctypes.byref(error))
    if not handle:
        raise errors.from_json(take_string(error))
    return handle


def run(config, level=None, seed=None, overrides=None, progress=False, max_memory=None):
    """Simulates `config` as `mesopop run CONFIG --level LEVEL --seed SEED --set KEY=VALUE` does and
    returns its arrays (a `Result`), bit-identical to the CLI's `.npz` for the same seed.

    config: a path (str, bytes, os.PathLike; .yaml, .yml or .json), YAML or JSON text, a dict of the
    same schema (unit strings such as "20 ms"; NumPy scalars and arrays where numbers and lists
    belong), or a `Config`. level: "meso" or "micro" for network models, None otherwise. seed: master
    seed (default: the file's, else drawn and stored in `meta`). overrides: {key path: value}, e.g.
    {"simulation.duration": "5 s", "populations[0].N": 1000}. progress: True prints progress on stderr,
    a callable receives the fraction done. max_memory: bytes the run may allocate (default: the machine's).

    Raises ConfigError (every problem), NumericalError (with the time), UsageError; Ctrl-C stops the
    run and raises KeyboardInterrupt."""
    configuration = config if isinstance(config, Config) and overrides is None else Config(config, overrides)
    level_name, (seed_value, has_seed), memory = _level(level), _seed(seed), _memory(max_memory)
    handle = configuration.handle
    try:
        result = _interruptible(
            lambda control: _native_call(lib.mesopop_run, handle, level_name, seed_value, has_seed, memory, control), progress)
    finally:
        if configuration is not config:
            configuration.close()
    arrays, meta = take_result(result)
    return Result(arrays, json.loads(meta))


def compare(config, trials=4, seed=None, overrides=None, progress=False, max_memory=None):
    """Micro and meso side by side as `mesopop compare` (without files): `trials` runs of each level;
    returns a `Comparison` with `report` (report.json as a dict) and the traces `micro[k]`, `meso[k]`.
    Arguments as `run`; every trial is kept in memory (checked against max_memory first)."""
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)):
        raise TypeError(f"trials must be an integer, not {type(trials).__name__}")
    configuration = config if isinstance(config, Config) and overrides is None else Config(config, overrides)
    (seed_value, has_seed), memory = _seed(seed), _memory(max_memory)
    handle = configuration.handle
    try:
        result = _interruptible(
            lambda control: _native_call(lib.mesopop_compare, handle, int(trials), seed_value, has_seed, memory, control),
            progress)
    finally:
        if configuration is not config:
            configuration.close()
    arrays, report = take_result(result)
    trials_by_level = {"micro": {}, "meso": {}}
    for name, value in arrays.items():
        file, array = name.split("/", 1)
        level, k = file.rsplit("-", 1)
        trials_by_level[level].setdefault(int(k), {})[array] = value
    results = {
        level: [Result({n: v for n, v in t[k].items() if n != "meta"}, json.loads(t[k]["meta"])) for k in sorted(t)]
        for level, t in trials_by_level.items()
    }
    return Comparison(json.loads(report), results["micro"], results["meso"])


def validate(config, overrides=None, level=None, max_memory=None):
    """Every problem `mesopop validate` reports, as a list of `Problem(path, value, requirement)`:
    empty when the configuration is valid and (for a network: both engines, or the one of `level`)
    runnable within max_memory. Only arguments of the wrong type raise."""
    try:
        configuration = Config(config, overrides)
    except errors.ConfigError as error:
        return error.problems
    try:
        error = ctypes.POINTER(ctypes.c_char)()
        text = lib.mesopop_check(configuration.handle, _level(level), _memory(max_memory), ctypes.byref(error))
        if not text:
            raise errors.from_json(take_string(error))
        return [errors.Problem(p["path"], p["value"], p["requirement"]) for p in json.loads(take_string(text))]
    finally:
        configuration.close()


def version():
    """The version of the Swift library (`mesopop --version`)."""
    return lib.mesopop_version().decode()
