#!/usr/bin/env bash
# Builds the documentation of every library module as one combined DocC archive (a static site) in
# DIR (default: a temporary folder), with DocC's warnings as errors, then checks that every public
# symbol has a doc comment (scripts/undocumented.py on the symbol graphs just extracted).
# Articles live in Sources/MesoPop/MesoPop.docc/. Usage: docs.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)/MesoPop.doccarchive}"
# The library's modules: the umbrella MesoPop and every module it depends on (from Package.swift).
read -r -a modules <<<"$(swift package dump-package | python3 -c '
import json, sys
targets = {t["name"]: t for t in json.load(sys.stdin)["targets"]}
print(" ".join([d["byName"][0] for d in targets["MesoPop"]["dependencies"] if "byName" in d] + ["MesoPop"]))')"
targets=()
for m in "${modules[@]}"; do targets+=(--target "$m"); done
log="$(mktemp)"
# One combined archive: each module documented on its own (`@_exported import` does not carry the
# engines' symbols into MesoPop's pages), linked from one landing page.
if ! swift package --allow-writing-to-directory "$out" generate-documentation "${targets[@]}" \
  --enable-experimental-combined-documentation --output-path "$out" --warnings-as-errors >"$log" 2>&1; then
  grep -E "error|warning" "$log" | grep -v "PrivacyInfo.xcprivacy\|'zipfoundation': found 1 file" >&2 || cat "$log" >&2
  exit 1
fi
if grep -E "^warning|: warning:" "$log" | grep -v "'zipfoundation': found 1 file" >&2; then
  echo "docs: DocC warnings above" >&2
  exit 1
fi
python3 scripts/undocumented.py .build "${modules[@]}"
echo "docs: $out (serve it with any static web server and open /documentation/mesopop)" >&2
