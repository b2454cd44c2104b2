"""Running one of our network configurations in NEST through `mesopop export nest` (ExportToNEST article).

The mapping of parameters, connectivity, STP, inputs and NEST's time conventions lives in the
exporter (Sources/MesoPop/NESTExport.swift) alone; nest_micro.py and nest_meso.py write the resolved
configuration, export it, run the script and keep its .npz and timing.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import network as nw

ROOT = Path(__file__).resolve().parents[2]


def mesopop_binary() -> str:
    """$MESOPOP, else the release build of this checkout."""
    return os.environ.get("MESOPOP", str(ROOT / ".build" / "release" / "mesopop"))


def run(net: nw.Network, level: str, seed: int, out: str | None, label: str, timing_only: bool = False,
        virtual_processes: int = 1) -> dict:
    """Export `net` at `level` (micro or meso) for `virtual_processes` NEST threads, run the script
    with `seed` (writing `out` unless timing_only) and return the script's JSON line (cpu_s, wall_s
    of nest.Simulate; rates_hz).
    The .npz's meta gets `label` and the configuration file. Raises nw.ConfigError when the
    exporter refuses the network (its message names why)."""
    with tempfile.TemporaryDirectory() as folder:
        config, script = Path(folder) / "config.json", Path(folder) / f"nest_{level}.py"
        config.write_text(json.dumps(net.config))
        done = subprocess.run([mesopop_binary(), "export", "nest", str(config), "--level", level, "--out", str(script),
                               "--seed", str(seed), "--virtual-processes", str(virtual_processes), "--quiet"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise nw.ConfigError(done.stderr.strip())
        arguments = [sys.executable, str(script), "--seed", str(seed)]
        arguments += ["--timing-only"] if timing_only else ["--out", str(Path(out).resolve())]
        if out and not timing_only:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
        ran = subprocess.run(arguments, capture_output=True, text=True)
        if ran.returncode != 0:
            raise RuntimeError(f"the exported NEST script failed:\n{ran.stderr}")
        line = json.loads(ran.stdout.strip().splitlines()[-1])
    if out and not timing_only:
        relabel(out, label, net.source)
    return line


def relabel(path: str, label: str, source: str) -> None:
    """Adds the benchmark's label and configuration file to the meta of an exported run's .npz."""
    import numpy as np  # noqa: PLC0415

    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(str(arrays["meta"][()]))
    meta.update(label=label, config_file=source)
    arrays["meta"] = np.array(json.dumps(meta))
    tmp = Path(path).with_name(Path(path).name + ".tmp.npz")
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def timing_line(level: str, seed: int, net: nw.Network, line: dict, out: str | None) -> str:
    """The one JSON line the benchmark scripts print on stdout (timing.jsonl)."""
    sim = net.duration
    return json.dumps({
        "level": level, "seed": seed, "simulated_s": sim, "steps": net.steps,
        "cpu_s": round(line["cpu_s"], 4), "wall_s": round(line["wall_s"], 4),
        "cpu_per_sim_s": round(line["cpu_s"] / sim, 5), "realtime_factor": round(line["wall_s"] / sim, 5),
        "rates_hz": {k: round(v, 4) for k, v in line.get("rates_hz", {}).items()}, "out": out})
