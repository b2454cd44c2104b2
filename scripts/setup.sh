#!/usr/bin/env bash
# Installs what MesoPop needs on Debian/Ubuntu with Swift already present: the GNU Scientific
# Library (libgsl-dev, found through pkg-config). Optional: NumPy and matplotlib for the figures
# and for the test that reads our .npz files with NumPy (skipped when NumPy is absent); SciPy,
# PyYAML and pytest for the Python package's tests; nbclient for the notebooks.
set -euo pipefail

if ! command -v swift >/dev/null; then
  echo "setup: Swift is not on PATH; install a Swift toolchain (swift.org) first." >&2
  exit 1
fi

if ! pkg-config --exists gsl zlib 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: GSL or zlib is missing. Run as root: apt-get update && apt-get install -y libgsl-dev zlib1g-dev pkg-config" >&2
    exit 1
  fi
  echo "setup: installing libgsl-dev and zlib1g-dev" >&2
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq libgsl-dev zlib1g-dev pkg-config >/dev/null
fi

if command -v python3 >/dev/null && ! python3 -c "import numpy, matplotlib" 2>/dev/null; then
  echo "setup: installing numpy and matplotlib for figures (optional)" >&2
  python3 -m pip install -q numpy matplotlib >/dev/null 2>&1 || echo "setup: pip install failed; figures will be skipped" >&2
fi

# SciPy, PyYAML and pytest run the Python package's tests (scripts/test-python.sh, run by CI).
if command -v python3 >/dev/null && ! python3 -c "import scipy, yaml, pytest" 2>/dev/null; then
  echo "setup: installing scipy, pyyaml and pytest for the Python package's tests" >&2
  python3 -m pip install -q scipy pyyaml pytest >/dev/null 2>&1 || echo "setup: pip install failed; the Python tests cannot run" >&2
fi

# nbclient and a Python kernel execute the notebooks (scripts/check-notebooks.sh, run by CI).
if command -v python3 >/dev/null && ! python3 -c "import nbclient, nbformat, ipykernel" 2>/dev/null; then
  echo "setup: installing nbclient, nbformat and ipykernel for the notebooks (optional)" >&2
  python3 -m pip install -q nbclient nbformat ipykernel >/dev/null 2>&1 || echo "setup: pip install failed; notebooks cannot be executed" >&2
fi
