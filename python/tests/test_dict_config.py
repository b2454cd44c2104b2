"""Dict configurations with unit strings, NumPy scalars and arrays give the same runs as files."""

import json

import numpy as np
import pytest
import yaml

import mesopop
from conftest import example

NETWORK = {
    "name": "two populations",
    "simulation": {"dt": "0.5 ms", "duration": "0.5 s", "record_bin": "1 ms", "seed": 4},
    "populations": [
        {"name": "E", "N": 400, "tau_m": "20 ms", "t_ref": "4 ms", "mu": "24 mV", "V_reset": "0 mV",
         "V_th": "15 mV", "Delta_V": "2.5 mV", "lambda_0": "10 Hz",
         "threshold_kernel": [{"J": "1 mV*s", "tau": "0.1 s"}]},
        {"name": "I", "N": 100, "tau_m": "20 ms", "t_ref": "4 ms", "mu": "24 mV", "V_reset": "0 mV",
         "V_th": "15 mV", "Delta_V": "2.5 mV", "lambda_0": "10 Hz"},
    ],
    "connections": [
        {"from": "E", "to": "I", "J": "0.3 mV", "p": 0.2, "delay": "1 ms", "tau_s": "3 ms"},
        {"from": "I", "to": "E", "J": "-1.5 mV", "p": 0.2, "delay": "1 ms", "tau_s": "6 ms"},
    ],
}

BASE_UNITS = """
name: two populations
simulation: {dt: 0.0005, duration: 0.5, record_bin: 0.001, seed: 4}
populations:
  - {name: E, N: 400, tau_m: 0.02, t_ref: 0.004, mu: 24, V_reset: 0, V_th: 15, Delta_V: 2.5, lambda_0: 10,
     threshold_kernel: [{J: 1, tau: 0.1}]}
  - {name: I, N: 100, tau_m: 0.02, t_ref: 0.004, mu: 24, V_reset: 0, V_th: 15, Delta_V: 2.5, lambda_0: 10}
connections:
  - {from: E, to: I, J: 0.3, p: 0.2, delay: 0.001, tau_s: 0.003}
  - {from: I, to: E, J: -1.5, p: 0.2, delay: 0.001, tau_s: 0.006}
"""


@pytest.mark.parametrize("level", ["meso", "micro"])
def test_a_dict_with_units_runs_as_the_text_in_base_units(level):
    from_dict = mesopop.run(NETWORK, level=level)
    from_text = mesopop.run(BASE_UNITS, level=level)
    assert from_dict.keys() == from_text.keys()
    for key in from_dict.keys():
        assert np.array_equal(from_dict[key], from_text[key]), key


def test_the_same_dict_as_json_text_and_as_the_example_file():
    config = yaml.safe_load(open(example("wilson_cowan.yaml")))
    expected = mesopop.run(example("wilson_cowan.yaml"))
    assert np.array_equal(mesopop.run(config)["r"], expected["r"])
    assert np.array_equal(mesopop.run(json.dumps(config))["r"], expected["r"])


def test_numpy_scalars_and_arrays_where_numbers_and_lists_belong():
    config = yaml.safe_load(open(example("wilson_cowan.yaml")))
    plain = mesopop.run(config)
    config["parameters"]["w_EE"] = np.float64(1.6)
    config["parameters"]["r0"] = np.array([0.1, 0.0])
    config["simulation"]["seed"] = np.int64(1)
    config["simulation"]["duration"] = np.str_("2 s")
    assert np.array_equal(mesopop.run(config)["r"], plain["r"])
    network = dict(NETWORK, populations=[dict(p, N=np.int32(p["N"])) for p in NETWORK["populations"]])
    assert np.array_equal(mesopop.run(network, level="meso")["A"], mesopop.run(NETWORK, level="meso")["A"])


def test_overrides_take_values_with_units_and_numpy():
    a = mesopop.run(NETWORK, level="meso", overrides={"simulation.duration": "200 ms", "populations[0].N": np.int64(300)})
    b = mesopop.run(NETWORK, level="meso", overrides=["simulation.duration=0.2", "populations[0].N=300"])
    assert a["A"].shape == (200, 2) and np.array_equal(a["A"], b["A"])
    assert a.meta["config"]["populations"][0]["N"] == 300


def test_unit_errors_name_the_key():
    bad = dict(NETWORK, simulation=dict(NETWORK["simulation"], dt="0.5 parsecs"))
    with pytest.raises(mesopop.ConfigError) as caught:
        mesopop.run(bad, level="meso")
    assert caught.value.problems[0].path == "simulation.dt"
    nan = dict(NETWORK, simulation=dict(NETWORK["simulation"], duration=float("nan")))
    assert [p.path for p in mesopop.validate(nan)] == ["simulation.duration"]
