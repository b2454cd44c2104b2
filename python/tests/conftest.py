"""Shared fixtures: the repository (MESOPOP_ROOT, else the checkout holding this folder) and the
command line built from it (MESOPOP_BIN, else .build/release/mesopop), to compare against."""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(os.environ.get("MESOPOP_ROOT", Path(__file__).resolve().parents[2]))
CLI = Path(os.environ.get("MESOPOP_BIN", ROOT / ".build" / "release" / "mesopop"))


def example(name):
    return str(ROOT / "Examples" / "configs" / name)


def cli(*arguments, cwd=None):
    """Runs the command line; (exit status, stdout, stderr)."""
    if not CLI.exists():
        pytest.skip(f"no command line at {CLI} (swift build -c release, or set MESOPOP_BIN)")
    done = subprocess.run([str(CLI), *map(str, arguments)], capture_output=True, text=True, cwd=cwd, timeout=600)
    return done.returncode, done.stdout, done.stderr


def cli_arrays(path):
    """The arrays of an .npz without its meta."""
    with np.load(path) as z:
        return {k: z[k] for k in z.files if k != "meta"}, str(z["meta"])
