"""The analysis functions on any NumPy array, against SciPy and NumPy where they have the same function."""

import numpy as np
import pytest
from scipy import signal, special, stats

import mesopop


def test_welch_psd_equals_scipy_for_positive_frequencies():
    rng = np.random.default_rng(1)
    x = np.cumsum(rng.normal(size=10_007)) * 0.01 + 5  # correlated, non-zero mean, a trailing remainder
    dt, L = 0.001, 500
    ours = mesopop.psd(x, dt, L)
    used = x[: (len(x) // L) * L]
    f, S = signal.welch(used - used.mean(), fs=1 / dt, window="boxcar", nperseg=L, noverlap=0, detrend=False,
                        return_onesided=False, scaling="density")
    positive = slice(1, L // 2 + 1)
    np.testing.assert_allclose(ours.f[1:], np.abs(f[positive]), rtol=1e-12)  # scipy puts the Nyquist at -f_N
    np.testing.assert_allclose(ours.S[1:], S[positive], rtol=1e-9)  # FFTs of GSL and pocketfft differ in rounding
    assert ours.segments == len(x) // L
    assert ours.total_power == pytest.approx(used.var(), rel=1e-9)  # Parseval


def test_ks_statistic_equals_scipy_and_p_value_its_formula():
    rng = np.random.default_rng(2)
    a, b = rng.exponential(1.0, 80), rng.exponential(1.3, 120)
    ours = mesopop.ks_test(a, b)
    theirs = stats.ks_2samp(a, b, method="asymp")
    assert ours.statistic == pytest.approx(theirs.statistic, abs=1e-15)
    ne = np.sqrt(80 * 120 / 200)
    assert ours.p_value == pytest.approx(special.kolmogorov((ne + 0.12 + 0.11 / ne) * ours.statistic), rel=1e-10)
    ties = mesopop.ks_test([1, 2, 2, 3], [2, 2, 3, 4])
    assert ties.statistic == pytest.approx(stats.ks_2samp([1, 2, 2, 3], [2, 2, 3, 4]).statistic)


def test_rebinned_std_is_numpys_std_of_block_means():
    rng = np.random.default_rng(3)
    x = rng.poisson(5, 1003) / 0.001
    blocks = x[:1000].reshape(100, 10).mean(axis=1)
    np.testing.assert_array_equal(mesopop.rebin(x, 0.001, 0.01), blocks)
    assert mesopop.rebinned_std(x, 0.001, 0.01) == pytest.approx(blocks.std(), rel=1e-12)
    with pytest.raises(mesopop.AnalysisError, match="whole multiple of the bin"):
        mesopop.rebinned_std(x, 0.001, 0.0015)


def test_up_down_of_a_square_wave():
    dt = 0.001
    x = np.where((np.arange(10_000) // 1000) % 2 == 1, 40.0, 2.0)  # 1 s Down, 1 s Up, ...
    found = mesopop.up_down(x, dt, smoothing=0.01, theta_hi=25, theta_lo=10)
    assert found.fraction_up == pytest.approx(0.5, abs=0.01)
    assert found.transitions == 9
    np.testing.assert_allclose(found.up_dwell_s, 1.0, atol=0.02)
    assert found.mean_up_s["mean"] == pytest.approx(1.0, abs=0.02)
    assert found.up.dtype == bool and found.up.shape == found.smoothed.shape
    assert mesopop.up_down(np.full(1000, 3.0), dt) is None  # not bimodal: thresholds undefined


def test_population_spikes_of_known_events():
    dt = 0.001
    x = np.full(5000, 5.0)
    starts = [500, 1700, 3100, 4200]
    for s in starts:
        x[s : s + 20] = 200.0
    found = mesopop.population_spikes(x, dt, smoothing=0.001, threshold=50)
    np.testing.assert_allclose(found.start, np.array(starts) * dt)
    np.testing.assert_allclose(found.width, 0.02)
    assert found.rate_hz == pytest.approx(4 / 5.0)
    assert found.mean_peak_hz["mean"] == pytest.approx(200)


def test_bad_series_are_analysis_errors():
    with pytest.raises(mesopop.AnalysisError, match="must be finite"):
        mesopop.psd([1.0, np.nan, 2.0, 3.0], 0.001, 2)
    with pytest.raises(mesopop.AnalysisError, match="at least"):
        mesopop.psd([1.0, 2.0], 0.001, 8)
    with pytest.raises(mesopop.AnalysisError):
        mesopop.rebin([1.0, 2.0], -1, 1)
    with pytest.raises(ValueError, match="one-dimensional"):
        mesopop.psd(np.zeros((4, 4)), 0.001, 2)
    with pytest.raises(mesopop.AnalysisError):
        mesopop.ks_test([], [1.0])
    with pytest.raises(TypeError):
        mesopop.up_down(np.zeros(10), 0.001, smoothing="50 ms")
