"""The statistics of MesoPop's reports on any NumPy array: the engines', NEST's or recorded data.
Every function takes a 1-D series `x` on bins of `dt` seconds (starting at `t0` s) and calls the
Swift implementation that `mesopop compare` uses, so the numbers are the reports' own."""

import ctypes
import json
from dataclasses import dataclass
from typing import Optional

import numpy as np

from . import errors
from ._native import lib, take_string
from .runs import take_result

_double_p = ctypes.POINTER(ctypes.c_double)


def _series(x, name="x"):
    array = np.ascontiguousarray(x, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    return array


def _number(value, name):
    if value is None:
        return float("nan")
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number (s, Hz), not {type(value).__name__}")
    return float(value)


def _call(function, *arguments):
    error = ctypes.POINTER(ctypes.c_char)()
    handle = function(*arguments, ctypes.byref(error))
    if not handle:
        raise errors.from_json(take_string(error))
    arrays, figures = take_result(handle)
    return arrays, json.loads(figures)


def _pointer(array):
    return array.ctypes.data_as(_double_p)


def rebin(x, dt, width, t0=0.0):
    """Block means of `x` over `width`/`dt` consecutive bins (a trailing incomplete block dropped);
    `width` must be a whole multiple of `dt` (s)."""
    x = _series(x)
    arrays, _ = _call(lib.mesopop_rebin, _pointer(x), len(x), _number(dt, "dt"), _number(t0, "t0"), _number(width, "width"))
    return arrays["x"]


def rebinned_std(x, dt, width, t0=0.0):
    """σ of `x` rebinned to `width` s: the population standard deviation (NumPy's `std`), as the
    reports' `std_A_hz` ("1ms", "10ms")."""
    x = _series(x)
    _, figures = _call(lib.mesopop_rebin, _pointer(x), len(x), _number(dt, "dt"), _number(t0, "t0"), _number(width, "width"))
    return figures["std"]


@dataclass
class PowerSpectrum:
    """Welch estimate: `f` (Hz), `S` two-sided density ((unit of x)² s), K `segments` of L samples."""

    f: np.ndarray
    S: np.ndarray
    segments: int
    segment_length: int
    resolution: float
    total_power: float


def psd(x, dt, segment_length, t0=0.0):
    """Power spectral density by Welch's method with non-overlapping rectangular segments of
    `segment_length` samples and one global mean removed. For f > 0 it equals SciPy's
    `welch(x - mean, fs=1/dt, window="boxcar", nperseg=L, noverlap=0, detrend=False,
    return_onesided=False, scaling="density")` on the first K·L samples."""
    x = _series(x)
    if isinstance(segment_length, bool) or not isinstance(segment_length, (int, np.integer)):
        raise TypeError(f"segment_length must be an integer, not {type(segment_length).__name__}")
    arrays, figures = _call(lib.mesopop_psd, _pointer(x), len(x), _number(dt, "dt"), _number(t0, "t0"), int(segment_length))
    return PowerSpectrum(arrays["f"], arrays["S"], int(figures["segments"]), int(figures["segment_length"]),
                         figures["resolution"], figures["total_power"])


@dataclass
class UpDown:
    """Up/Down states by hysteresis: per bin `up` (bool) of the `smoothed` series, the thresholds,
    the fraction of time Up, the number of transitions, the dwell times (s) of complete intervals
    and their means (`{"mean", "sem"}` dicts, None when there is none)."""

    smoothed: np.ndarray
    up: np.ndarray
    theta_hi: float
    theta_lo: float
    fraction_up: float
    transitions: int
    up_dwell_s: np.ndarray
    down_dwell_s: np.ndarray
    mean_up_s: Optional[dict]
    mean_down_s: Optional[dict]


def up_down(x, dt, smoothing=0.05, theta_hi=None, theta_lo=None, t0=0.0) -> Optional[UpDown]:
    """Up/Down states of an activity `x` (Hz) after boxcar smoothing of `smoothing` s: Down turns Up
    above `theta_hi`, Up turns Down below `theta_lo` (Hz; both None: from the bimodal histogram of
    the smoothed series, and None is returned when it is not bimodal)."""
    x = _series(x)
    arrays, f = _call(lib.mesopop_up_down, _pointer(x), len(x), _number(dt, "dt"), _number(t0, "t0"),
                      _number(smoothing, "smoothing"), _number(theta_hi, "theta_hi"), _number(theta_lo, "theta_lo"))
    if not f["found"]:
        return None
    return UpDown(arrays["smoothed"], arrays["up"].astype(bool), f["theta_hi"], f["theta_lo"], f["fraction_up"],
                  int(f["transitions"]), arrays["up_dwell_s"], arrays["down_dwell_s"], f["mean_up_s"], f["mean_down_s"])


@dataclass
class PopulationSpikes:
    """Complete population spikes (threshold crossings of the `smoothed` series): per event
    `start`, `width`, `peak`, `peak_time`; their rate (Hz) and means (`{"mean", "sem"}` or None)."""

    smoothed: np.ndarray
    threshold: float
    start: np.ndarray
    width: np.ndarray
    peak: np.ndarray
    peak_time: np.ndarray
    rate_hz: float
    mean_peak_hz: Optional[dict]
    mean_width_s: Optional[dict]
    mean_interval_s: Optional[dict]


def population_spikes(x, dt, smoothing=0.01, threshold=None, t0=0.0) -> Optional[PopulationSpikes]:
    """Population spikes of an activity `x` (Hz) after boxcar smoothing of `smoothing` s, above
    `threshold` (Hz; None: midway between the modes of the smoothed series, and None is returned
    when it is not bimodal)."""
    x = _series(x)
    arrays, f = _call(lib.mesopop_population_spikes, _pointer(x), len(x), _number(dt, "dt"), _number(t0, "t0"),
                      _number(smoothing, "smoothing"), _number(threshold, "threshold"))
    if not f["found"]:
        return None
    return PopulationSpikes(arrays["smoothed"], f["threshold"], arrays["start"], arrays["width"], arrays["peak"],
                            arrays["peak_time"], f["rate_hz"], f["mean_peak_hz"], f["mean_width_s"], f["mean_interval_s"])


@dataclass
class KSTest:
    """Two-sample Kolmogorov–Smirnov test: D, the asymptotic p-value, the sample sizes."""

    statistic: float
    p_value: float
    n: int
    m: int


def ks_test(a, b):
    """The two-sample Kolmogorov–Smirnov test of samples `a` and `b` (e.g. dwell times micro vs meso):
    D = sup |F_a − F_b| (as SciPy's `ks_2samp`) and the asymptotic p-value with Stephens' correction."""
    a, b = _series(a, "a"), _series(b, "b")
    _, f = _call(lib.mesopop_ks_test, _pointer(a), len(a), _pointer(b), len(b))
    return KSTest(f["statistic"], f["p_value"], int(f["n"]), int(f["m"]))
