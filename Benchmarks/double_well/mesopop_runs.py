"""Runs `mesopop run` on a double-well configuration with `--set` overrides and loads the .npz
(shared by the scripts of this folder). MESOPOP_BIN selects the binary (default .build/release/mesopop)."""
import os, subprocess
from pathlib import Path
import numpy as np

root = Path(__file__).resolve().parents[2]
binary = os.environ.get("MESOPOP_BIN", str(root / ".build/release/mesopop"))


def run(config, out, name, *sets):
    """Runs `config` with every `key=value` of `sets`, writes OUT/NAME.npz and returns it loaded."""
    target = Path(out) / f"{name}.npz"
    args = [binary, "run", str(config), "--out", str(target), "--quiet"]
    for s in sets:
        args += ["--set", s]
    subprocess.run(args, check=True)
    return np.load(target)
