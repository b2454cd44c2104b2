"""The GIL is released while the engines run; Ctrl-C stops a run cleanly."""

import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import mesopop
from conftest import example

def test_two_threads_run_at_once_with_the_results_of_sequential_runs():
    config = mesopop.Config(example("nest_ei_network.yaml"), overrides={"simulation.duration": 1})
    expected = {seed: mesopop.run(config, level="meso", seed=seed)["A"] for seed in (1, 2)}
    results, running = {}, []

    def work(seed):
        running.append(seed)
        results[seed] = mesopop.run(config, level="meso", seed=seed)["A"]

    threads = [threading.Thread(target=work, args=(seed,)) for seed in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(np.array_equal(results[s], expected[s]) for s in (1, 2))


def test_python_code_runs_while_a_simulation_does():
    done = threading.Event()
    thread = threading.Thread(target=lambda: (mesopop.run(example("nest_ei_network.yaml"), level="meso",
                                                          overrides={"simulation.duration": 3}), done.set()))
    thread.start()
    spins = 0
    while not done.is_set():
        spins += 1  # would stay near 0 if the GIL were held during the run
    thread.join()
    assert spins > 10000


def interrupt_after(seconds):
    """Ctrl-C after `seconds`: SIGINT to the main thread; returns a list that receives its time."""
    sent = []

    def send():
        sent.append(time.monotonic())
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    threading.Timer(seconds, send).start()
    return sent


# Runs of minutes; the engines report progress every 1/200 of the run (0.5 s here at most).
@pytest.mark.parametrize("level,overrides", [
    ("meso", {"simulation.duration": 600}),
    ("micro", {"simulation.duration": 100, "micro.threads": 2, "populations[0].N": 4000}),
])
def test_ctrl_c_stops_a_long_run_at_its_next_progress_report(level, overrides):
    sent = interrupt_after(1.0)
    with pytest.raises(KeyboardInterrupt):
        mesopop.run(example("nest_ei_network.yaml"), level=level, overrides=overrides)
    assert time.monotonic() - sent[0] < 2, "the run did not stop at its next progress report"
    # The library is still usable afterwards.
    assert mesopop.run(example("wilson_cowan.yaml"), overrides={"simulation.duration": 0.1})["r"].shape == (100, 2)


def test_ctrl_c_stops_a_comparison():
    sent = interrupt_after(1.0)
    with pytest.raises(KeyboardInterrupt):
        mesopop.compare(example("nest_ei_network.yaml"), trials=2, overrides={"simulation.duration": 100})
    assert time.monotonic() - sent[0] < 2


def test_sigint_to_a_python_process_ends_it_cleanly():
    code = ("import mesopop, sys; print('started', flush=True); "
            "mesopop.run(%r, level='meso', overrides={'simulation.duration': 600})" % example("nest_ei_network.yaml"))
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "started"
    time.sleep(0.5)
    start = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - start < 5
    # Python ends with the signal itself (-2) after printing the traceback; no crash, no hang.
    assert process.returncode == -signal.SIGINT and stderr.rstrip().endswith("KeyboardInterrupt"), stderr


def test_ctrl_c_after_the_library_wrote_files_is_still_a_keyboard_interrupt(tmp_path):
    # The library's file writes install C handlers that remove half-written files; they hand each signal
    # back to the handler it had before (Python's), so Ctrl-C stays a KeyboardInterrupt, also after a
    # second write re-installed them. A handler that ended the process instead fails this test (-2).
    code = f"""
import os, signal, sys, time, mesopop
for k in range(2):
    mesopop.sweep({example("nest_ei_network.yaml")!r}, {{"connections[0].J": [0.2, 0.3]}}, out=sys.argv[1] + str(k),
                  seed=1, overrides=["inputs=[]", "simulation.duration=0.2"])
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        print("no interrupt")
    except KeyboardInterrupt:
        print("KeyboardInterrupt", k)
"""
    process = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s")], capture_output=True, text=True, timeout=60)
    assert process.returncode == 0 and process.stdout.split("\n")[:2] == ["KeyboardInterrupt 0", "KeyboardInterrupt 1"], \
        (process.returncode, process.stdout, process.stderr)
    for k in range(2):
        assert (tmp_path / f"s{k}" / "summary.npz").exists()
        assert not [p for p in (tmp_path / f"s{k}").rglob("*.tmp")]


def test_progress_callable_sees_the_fraction_grow():
    seen = []
    mesopop.run(example("nest_ei_network.yaml"), level="meso", overrides={"simulation.duration": 6}, progress=seen.append)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
