#!/usr/bin/env bash
# The tests, as CI runs them: the Swift tests in release mode, then the Python package's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test -c release
bash scripts/test-python.sh
