#!/usr/bin/env bash
# The rate-model examples: installs what is missing, builds MesoPop in release mode, runs the rate-model
# examples (Wilson–Cowan oscillation, chaotic random network) and renders their figures.
# Results go to results/ (or the folder given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-results/rate-models}"
bash scripts/setup.sh
mkdir -p "$out"
bash scripts/build.sh --product mesopop
bash scripts/build.sh --product ChaoticRateNetwork
bin="$(swift build -c release --show-bin-path)"
"$bin/mesopop" run Examples/configs/wilson_cowan.yaml --out "$out/wilson_cowan.npz"
"$bin/ChaoticRateNetwork" "$out/chaotic_rate_network.npz"
if python3 -c "import numpy, matplotlib" 2>/dev/null; then
  python3 notebooks-data/plot_rate_models.py --wilson-cowan "$out/wilson_cowan.npz" \
    --chaotic "$out/chaotic_rate_network.npz" --out "$out/figures"
else
  echo "rate-examples: numpy/matplotlib not available; figures skipped (the .npz files are complete)" >&2
fi
echo "rate-examples: results in $out/"
