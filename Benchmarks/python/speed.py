"""Python against the command line: a 10 s mesoscopic run of the NEST example both ways, and the
cost of one call of `mesopop.run` beyond the simulation itself.

Run from the repository's root with the package importable and the release CLI built:
    bash scripts/python-package.sh /tmp/mesopop-site
    PYTHONPATH=/tmp/mesopop-site nice python3 Benchmarks/python/speed.py [--repeats 7]
Prints one JSON line. Timings are the minimum over repeats, interleaved (CLI, Python, CLI, ...),
so that the load of a shared machine affects both alike.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import mesopop

root = Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--repeats", type=int, default=7)
parser.add_argument("--duration", type=float, default=10.0, help="simulated seconds of the NEST example")
parser.add_argument("--calls", type=int, default=2000, help="calls of the overhead measurement")
parser.add_argument("--cli", default=os.environ.get("MESOPOP_BIN", root / ".build/release/mesopop"))
options = parser.parse_args()

config = str(root / "Examples/configs/nest_ei_network.yaml")
override = f"simulation.duration={options.duration}"
cli_s, python_s, cli_engine_s, python_engine_s = [], [], [], []
with tempfile.TemporaryDirectory() as scratch:
    out = Path(scratch) / "meso.npz"
    for _ in range(options.repeats):
        start = time.perf_counter()
        subprocess.run([str(options.cli), "run", config, "--level", "meso", "--seed", "1", "--set", override,
                        "--out", str(out), "--quiet"], check=True)
        cli_s.append(time.perf_counter() - start)
        import numpy as np
        with np.load(out) as z:
            cli_engine_s.append(json.loads(str(z["meta"]))["wall_time_s"])
        start = time.perf_counter()
        result = mesopop.run(config, level="meso", seed=1, overrides=[override])
        python_s.append(time.perf_counter() - start)
        python_engine_s.append(result.meta["wall_time_s"])

# Overhead of a call: a rate model of one sample, parsed once (mesopop.Config), minus the time the
# library measured for the run itself (meta.wall_time_s).
tiny = mesopop.Config({"model": "wilson_cowan", "parameters": {"tau_E": 0.01, "tau_I": 0.02, "w_EE": 1.6, "w_EI": 2,
                                                             "w_IE": 2, "w_II": 0, "I_E": 0, "I_I": 0, "r0": [0.1, 0]},
                       "simulation": {"duration": 0.001, "record_bin": 0.001, "seed": 1}})
for _ in range(50):
    mesopop.run(tiny)
calls, inside = [], []
for _ in range(options.calls):
    start = time.perf_counter()
    r = mesopop.run(tiny)
    calls.append(time.perf_counter() - start)
    inside.append(r.meta["wall_time_s"])
overhead = [c - i for c, i in zip(calls, inside)]
parse = []
for _ in range(200):
    start = time.perf_counter()
    mesopop.Config(str(root / "Examples/configs/nest_ei_network.yaml")).close()
    parse.append(time.perf_counter() - start)

print(json.dumps({
    "duration_s": options.duration, "repeats": options.repeats,
    "cli_wall_min_s": min(cli_s), "python_wall_min_s": min(python_s),
    "python_over_cli": min(python_s) / min(cli_s),
    "cli_engine_min_s": min(cli_engine_s), "python_engine_min_s": min(python_engine_s),
    "cli_wall_median_s": statistics.median(cli_s), "python_wall_median_s": statistics.median(python_s),
    "call_overhead_median_ms": 1e3 * statistics.median(overhead), "call_overhead_p90_ms": 1e3 * sorted(overhead)[int(0.9 * len(overhead))],
    "call_total_median_ms": 1e3 * statistics.median(calls),
    "parse_nest_example_median_ms": 1e3 * statistics.median(parse),
}))
