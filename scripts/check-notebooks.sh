#!/usr/bin/env bash
# Executes every notebook of notebooks-data/ with nbclient from a copy outside the repository, on a
# short configuration (2 trials of 3 s; MESOPOP_OPTIONS), with the release build and the Python
# package of this checkout, and checks that nothing was written into the checkout. Usage: check-notebooks.sh [SCRATCH_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-$(mktemp -d)}"
bash "$root/scripts/build.sh" --product mesopop >/dev/null
bash "$root/scripts/build.sh" --product ChaoticRateNetwork >/dev/null
# The notebooks import the Python package: the wheel of this checkout, installed into the scratch folder.
bash "$root/scripts/python-package.sh" "$scratch/site"
export PYTHONPATH="$scratch/site${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p "$scratch/notebooks"
touch "$scratch/started"
cp "$root"/notebooks-data/*.ipynb "$scratch/notebooks/"
export MESOPOP_ROOT="$root" MESOPOP_BIN="$(cd "$root" && swift build -c release --show-bin-path)/mesopop"
export MESOPOP_OUT="$scratch/results" MESOPOP_OPTIONS="--trials 2 --set simulation.duration=3" MPLBACKEND=Agg
cd "$scratch/notebooks"
python3 - <<'PY'
import glob, time, nbformat
from nbclient import NotebookClient
for path in sorted(glob.glob("*.ipynb")):
    start = time.time()
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
    nbformat.write(notebook, path)
    print(f"check-notebooks: {path} executed in {time.time() - start:.1f} s", flush=True)
PY
# Anything created or changed in the checkout since the notebooks started, ignored files included
# (its build folder aside).
written="$(find "$root" \( -path "$root/.build" -o -path "$root/.git" \) -prune -o -newer "$scratch/started" -print)"
if [ -n "$written" ]; then
  echo "check-notebooks: the notebooks wrote into the checkout:" >&2
  echo "$written" >&2
  exit 1
fi
echo "check-notebooks: every notebook executed from $scratch/notebooks, nothing written into the checkout" >&2
