"""The same seed gives arrays bit-identical to the command line's .npz (names, order, dtype, shape)."""

import json

import numpy as np
import pytest

import mesopop
from conftest import cli, cli_arrays, example

CASES = [
    ("nest_ei_network.yaml", "meso", ["simulation.duration=1"]),
    ("nest_ei_network.yaml", "micro", ["simulation.duration=0.3", "micro.record_spikes=true"]),
    ("wilson_cowan.yaml", None, ["simulation.duration=0.5"]),
    ("noisy_wilson_cowan.yaml", None, ["simulation.duration=0.5"]),
    ("plastic_chaos.yaml", None, ["simulation.duration=20", "parameters.N=50", "simulation.record_units=5"]),
    ("double_well_theory_N.yaml", None, []),
]


@pytest.mark.parametrize("name,level,overrides", CASES)
def test_arrays_are_bit_identical_to_the_cli(tmp_path, name, level, overrides):
    out = tmp_path / "run.npz"
    arguments = ["run", example(name), "--out", out, "--seed", 7, "--quiet"] + (["--level", level] if level else [])
    status, _, stderr = cli(*arguments, *sum((["--set", o] for o in overrides), []))
    assert status == 0, stderr
    expected, meta_text = cli_arrays(out)
    result = mesopop.run(example(name), level=level, seed=7, overrides=overrides)
    assert list(result.keys()) == list(expected)
    for key, array in expected.items():
        assert result[key].dtype == array.dtype and result[key].shape == array.shape, key
        assert result[key].tobytes() == array.tobytes(), f"{key} differs"
        assert result[key].flags.c_contiguous
    meta = json.loads(meta_text)
    for key in ("config", "seed", "level", "mesopop_version", "units"):
        assert result.meta[key] == meta[key], key


def test_a_different_seed_gives_different_arrays():
    a = mesopop.run(example("noisy_wilson_cowan.yaml"), seed=1, overrides={"simulation.duration": 0.2})
    b = mesopop.run(example("noisy_wilson_cowan.yaml"), seed=2, overrides={"simulation.duration": 0.2})
    assert not np.array_equal(a["r"], b["r"])
    assert a.seed == 1 and b.seed == 2


def test_a_drawn_seed_is_stored_and_replays():
    drawn = mesopop.run(example("nest_ei_network.yaml"), level="meso",
                        overrides={"simulation.seed": None, "simulation.duration": 0.2})
    again = mesopop.run(example("nest_ei_network.yaml"), level="meso", seed=drawn.seed,
                        overrides={"simulation.duration": 0.2})
    assert np.array_equal(drawn["A"], again["A"])


def test_compare_matches_the_cli_traces_and_report(tmp_path):
    overrides = ["simulation.duration=1.5", "populations[0].N=200", "populations[1].N=50"]
    status, _, stderr = cli("compare", example("nest_ei_network.yaml"), "--out", tmp_path, "--trials", 1, "--seed", 3,
                            "--quiet", *sum((["--set", o] for o in overrides), []))
    assert status == 0, stderr
    comparison = mesopop.compare(example("nest_ei_network.yaml"), trials=1, seed=3, overrides=overrides)
    report = json.loads((tmp_path / "report.json").read_text())
    assert comparison.report["populations"] == report["populations"]
    for level, trials in (("micro", comparison.micro), ("meso", comparison.meso)):
        expected, meta = cli_arrays(tmp_path / f"{level}-0.npz")
        assert {k: v.tobytes() for k, v in trials[0].arrays.items()} == {k: v.tobytes() for k, v in expected.items()}
        assert trials[0].meta["seed"] == json.loads(meta)["seed"]
