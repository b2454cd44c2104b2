#!/usr/bin/env bash
# Create (or update) the Python environment for the peer-simulator benchmarks.
#
# Idempotent: re-running reuses Benchmarks/.venv and only installs what is missing.
# Needs Python 3.11 (NEST 3.10 wheels are cp311) and a C++ compiler (g++) for Brian2's
# C++ standalone device. Never run in CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
py="${PYTHON:-python3.11}"

if ! command -v "$py" >/dev/null 2>&1; then
    echo "setup.sh: $py not found (set PYTHON=/path/to/python3.11)" >&2
    exit 1
fi
if ! command -v g++ >/dev/null 2>&1; then
    echo "setup.sh: warning: g++ not found; Brian2 C++ standalone runs will fail" >&2
fi
if [ ! -x "$venv/bin/python" ]; then
    "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet nest-simulator==3.10.0 "numpy<2.4" brian2 scipy matplotlib pyyaml
"$venv/bin/python" - <<'PY'
import nest, brian2, numpy, scipy, matplotlib, yaml
print("nest", nest.__version__, "| brian2", brian2.__version__, "| numpy", numpy.__version__,
      "| scipy", scipy.__version__, "| matplotlib", matplotlib.__version__)
PY
