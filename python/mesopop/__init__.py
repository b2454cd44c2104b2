"""MesoPop from Python: the Swift engines (mesoscopic population equations, microscopic spiking
networks, rate models, plasticity systems) and their analyses, with NumPy arrays in and out.

    import mesopop
    result = mesopop.run("Examples/configs/nest_ei_network.yaml", level="meso", seed=1)
    result["A"]            # (B, M) population activity, Hz; bit-identical to `mesopop run`'s .npz
    result.meta["seed"]

The same configurations (files, text or dicts with unit strings), seeds, errors and messages as
the `mesopop` command line.
"""

from .analysis import KSTest, PopulationSpikes, PowerSpectrum, UpDown, ks_test, population_spikes, psd, rebin, rebinned_std, up_down
from .config import Config
from .errors import AnalysisError, ConfigError, MesoPopError, NumericalError, Problem, UsageError
from .runs import Comparison, Result, compare, run, validate, version
from .sweeps import sweep

__version__ = version()

__all__ = [
    "run", "compare", "validate", "version", "sweep", "Config", "Result", "Comparison",
    "rebin", "rebinned_std", "psd", "up_down", "population_spikes", "ks_test",
    "PowerSpectrum", "UpDown", "PopulationSpikes", "KSTest",
    "MesoPopError", "ConfigError", "NumericalError", "UsageError", "AnalysisError", "Problem",
]
