#!/usr/bin/env bash
# The Python package's pytest suite (python/tests) against the wheel built from this checkout and
# the release command line it compares with. Needs NumPy, SciPy, PyYAML and pytest
# (scripts/setup.sh installs them). Usage: test-python.sh [PYTEST ARGS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
bash "$root/scripts/build.sh" --product mesopop >/dev/null
bash "$root/scripts/python-package.sh" "$site"
export MESOPOP_ROOT="$root" MESOPOP_BIN="$(cd "$root" && swift build -c release --show-bin-path)/mesopop"
cd "$site"  # the installed package, not python/mesopop of the checkout
MESOPOP_TESTED_SITE="$site" PYTHONPATH="$site" python3 -m pytest -q -p no:cacheprovider "$root/python/tests" "$@"
