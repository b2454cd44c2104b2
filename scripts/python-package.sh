#!/usr/bin/env bash
# Builds the Python package `mesopop` as a user's `pip wheel ./python` does (the Swift library in
# release mode, reusing this checkout's .build, and its Swift runtime) and installs the wheel
# without dependencies into DIR, for PYTHONPATH=DIR: what tests and notebooks import, nothing
# installed into the Python environment itself. Usage: python-package.sh DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: python-package.sh DIR}"
wheels="$(mktemp -d)"
python3 -m pip wheel --quiet --no-deps --wheel-dir "$wheels" "$root/python"
python3 -m pip install --quiet --root-user-action=ignore --no-deps --upgrade --target "$target" "$wheels"/mesopop-*.whl
rm -rf "$wheels" "$root/python/build" "$root"/python/*.egg-info
echo "python-package: mesopop installed in $target" >&2
