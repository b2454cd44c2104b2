"""Error types and messages as the command line's; bad input from Python never crashes."""

import os
import subprocess
import sys

import numpy as np
import pytest

import mesopop
from conftest import cli, example

BAD = """
simulation: {dt: 0.0005, duration: -1, record_bin: 0.001}
populations:
  - {name: E, N: 0, tau_m: 20 ms, t_ref: 4 ms, mu: 18 mV, V_reset: 0, V_th: 15, Delta_V: 2.5, lambda_0: 10 Hz}
connections:
  - {from: E, to: I, J: 0.3, p: 0.2, delay: 1 ms, tau_s: 3 ms}
"""

EXPLODES = """
model: rate_network
parameters: {tau: 1 ms, W: [[1000]], activation: linear, r0: [1]}
simulation: {duration: 1, record_bin: 0.01}
"""


def test_config_error_carries_every_problem_with_the_cli_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    status, _, stderr = cli("validate", path)
    assert status == 64
    with pytest.raises(mesopop.ConfigError) as caught:
        mesopop.run(path, level="meso")
    assert str(caught.value) == stderr.strip()
    paths = [p.path for p in caught.value.problems]
    assert {"simulation.duration", "populations[0].N", "connections[0].to"} <= set(paths)
    assert mesopop.validate(path) == caught.value.problems
    assert mesopop.validate(BAD) == caught.value.problems  # the same text, not a file


def test_engine_problems_of_validate_match_the_cli():
    overrides = ["micro.record_membrane=[5000]"]  # no neuron 5000: the micro engine cannot be built, meso is fine
    status, _, stderr = cli("validate", example("nest_ei_network.yaml"), "--set", overrides[0])
    assert status == 64
    problems = mesopop.validate(example("nest_ei_network.yaml"), overrides=overrides)
    assert problems and all("(micro)" in p.requirement for p in problems)
    assert "invalid configuration:\n" + "\n".join(map(str, problems)) == stderr.strip()
    assert mesopop.validate(example("nest_ei_network.yaml"), overrides=overrides, level="meso") == []
    assert mesopop.validate(example("nest_ei_network.yaml")) == []


def test_numerical_failure_has_the_time_and_the_cli_message(tmp_path):
    path = tmp_path / "explodes.yaml"
    path.write_text(EXPLODES)
    status, _, stderr = cli("run", path, "--out", tmp_path / "e.npz", "--quiet")
    assert status == 65
    with pytest.raises(mesopop.NumericalError) as caught:
        mesopop.run(EXPLODES)
    assert str(caught.value) == stderr.strip()
    assert caught.value.time is not None and 0 < caught.value.time <= 1


def test_a_network_needs_a_level():
    with pytest.raises(mesopop.UsageError, match="needs --level meso or --level micro"):
        mesopop.run(example("nest_ei_network.yaml"))
    with pytest.raises(mesopop.UsageError, match="level must be meso or micro"):
        mesopop.run(example("nest_ei_network.yaml"), level="mezzo")


def test_wrong_types_are_clear_exceptions():
    config = {"model": "wilson_cowan", "parameters": {"tau_E": [1, 2]}, "simulation": {"duration": 0.1, "record_bin": 0.01}}
    with pytest.raises(mesopop.ConfigError) as caught:
        mesopop.run(config)
    assert any(p.path == "parameters.tau_E" and "[1, 2]" in p.value for p in caught.value.problems)
    with pytest.raises(mesopop.ConfigError, match=r"simulation.duration = <object object"):
        mesopop.run({"model": "wilson_cowan", "simulation": {"duration": object()}})
    with pytest.raises(mesopop.ConfigError, match="have string keys"):
        mesopop.run({"model": "wilson_cowan", 3: 1})
    for bad in (3.5, None, ["a"], object()):
        with pytest.raises(TypeError):
            mesopop.run(bad)
    with pytest.raises(TypeError):
        mesopop.run(example("wilson_cowan.yaml"), seed=1.5)
    with pytest.raises(ValueError):
        mesopop.run(example("wilson_cowan.yaml"), seed=-1)
    with pytest.raises(TypeError):
        mesopop.run(example("wilson_cowan.yaml"), level=1)
    with pytest.raises(TypeError):
        mesopop.run(example("wilson_cowan.yaml"), overrides=3)
    with pytest.raises(mesopop.ConfigError, match="be a readable file"):
        mesopop.run("/nonexistent/x.yaml")
    with pytest.raises(mesopop.ConfigError, match="be a .yaml, .yml or .json file"):
        mesopop.run(b"/etc/passwd")
    with pytest.raises(mesopop.ConfigError, match="be a readable file"):
        mesopop.run("x\0.yaml")
    with pytest.raises(mesopop.ConfigError, match="be well-formed"):
        mesopop.run("model: [")


def test_json_files_are_read_strictly(tmp_path):
    path = tmp_path / "lenient.json"
    path.write_text('{"model": }')  # YAML would read a null
    with pytest.raises(mesopop.ConfigError, match="JSON text: must be well-formed"):
        mesopop.run(path)


def test_non_utf8_paths_are_read(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.yaml")
    with open(example("wilson_cowan.yaml"), "rb") as source, open(path, "wb") as target:
        target.write(source.read())
    result = mesopop.run(path, overrides={"simulation.duration": 0.1})
    assert result["r"].shape[1] == 2
    missing = os.path.join(os.fsencode(tmp_path), b"\xff.yaml")
    with pytest.raises(mesopop.ConfigError, match="be a readable file"):
        mesopop.run(missing)


def test_a_closed_config_raises_and_results_outlive_it():
    config = mesopop.Config(example("wilson_cowan.yaml"), overrides={"simulation.duration": 0.1})
    result = mesopop.run(config)
    config.close()
    config.close()
    with pytest.raises(ValueError, match="closed"):
        mesopop.run(config)
    del config
    assert np.isfinite(result["r"]).all()  # plain NumPy arrays, owned by Python


def test_interpreter_exit_with_live_objects_is_clean():
    code = ("import mesopop; c = mesopop.Config(%r); r = mesopop.run(c); print('ok')" % example("wilson_cowan.yaml"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_the_installed_package_is_tested():
    expected = os.environ.get("MESOPOP_TESTED_SITE")
    if expected:  # scripts/test-python.sh: the wheel, not the sources in python/mesopop
        assert os.path.realpath(mesopop.__file__).startswith(os.path.realpath(expected))
