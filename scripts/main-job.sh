#!/usr/bin/env bash
# The main job: installs what is missing (libgsl-dev; numpy and matplotlib for figures), builds
# MesoPop in release mode and runs `mesopop demo`: the Up/Down network of
# Examples/configs/up_down.yaml simulated microscopically and mesoscopically (8 trials of 200 s
# each, on all cores) and compared. Results go to results/demo/ (or the folder given):
# report.md, report.json, figures/*.png and the traces micro-K.npz, meso-K.npz.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-results/demo}"
bash scripts/setup.sh
bash scripts/build.sh --product mesopop
"$(swift build -c release --show-bin-path)/mesopop" demo --out "$out" --progress
