"""mesopop.sweep with any concurrent.futures executor gives the command line's summary, bit for bit."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial

import numpy as np
import pytest

import mesopop
from conftest import cli, example

OVERRIDES = ["inputs=[]", "simulation.duration=0.4"]
GRID = {"populations[0].mu": "lin(22 mV, 26 mV, 3)", "connections[0].J": [0.2, 0.3]}


def cli_summary(tmp_path):
    out = tmp_path / "cli"
    status, _, stderr = cli("sweep", example("nest_ei_network.yaml"), *sum((["--set", o] for o in OVERRIDES), []),
                            "--grid", "populations[0].mu=lin(22 mV, 26 mV, 3)", "--grid", "connections[0].J=0.2, 0.3",
                            "--trials", 2, "--seed", 3, "--out", out, "--quiet")
    assert status == 0, stderr
    with np.load(out / "summary.npz") as z:
        return {k: z[k] for k in z.files if k != "meta"}


# Spawned workers (a fresh interpreter each, as on another machine), not forks of this threaded process.
SPAWNED = partial(ProcessPoolExecutor, mp_context=multiprocessing.get_context("spawn"))


@pytest.mark.parametrize("executor", [None, ThreadPoolExecutor, SPAWNED])
def test_sweep_equals_the_cli_summary(tmp_path, executor):
    expected = cli_summary(tmp_path)
    pool = executor(2) if executor else None
    try:
        result = mesopop.sweep(example("nest_ei_network.yaml"), GRID, out=tmp_path / "py", trials=2, seed=3,
                               overrides=OVERRIDES, executor=pool)
    finally:
        if pool:
            pool.shutdown()
    assert sorted(result.keys()) == sorted(expected)
    for key, array in expected.items():
        assert result[key].dtype == array.dtype and result[key].tobytes() == array.tobytes(), key
    assert result.meta["populations"] == ["E", "I"] and result.meta["trials"] == 2
    assert (tmp_path / "py" / "summary.csv").read_bytes() == (tmp_path / "cli" / "summary.csv").read_bytes()


def test_invalid_points_and_foreign_folders_are_refused(tmp_path):
    with pytest.raises(mesopop.UsageError, match="2 of 3 points are invalid"):
        mesopop.sweep(example("nest_ei_network.yaml"), {"populations[0].N": [100, 0, -1]}, out=tmp_path / "s",
                      overrides=OVERRIDES)
    assert not (tmp_path / "s").exists()
    mesopop.sweep(example("nest_ei_network.yaml"), {"connections[0].J": [0.2]}, out=tmp_path / "t", seed=1,
                  overrides=OVERRIDES)
    with pytest.raises(mesopop.UsageError, match="holds a different sweep"):
        mesopop.sweep(example("nest_ei_network.yaml"), {"connections[0].J": [0.2]}, out=tmp_path / "t", seed=2,
                      overrides=OVERRIDES)
