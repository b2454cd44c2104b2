#!/usr/bin/env bash
# Checks README.md as a new user meets it: its `Package.swift` code block becomes the manifest of a
# scratch downstream package next to this checkout (reached as ../MesoPop), every other Swift code
# block (and each of the Getting Started article) one of its programs; the package is built and
# every program run, from a scratch folder with the examples beside it. Nothing is written into the
# checkout. Usage: check-readme.sh [SCRATCH_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${1:-$(mktemp -d)}"
mkdir -p "$scratch/work"
ln -sfn "$root" "$scratch/MesoPop"
ln -sfn "$root/Examples" "$scratch/work/Examples"

python3 - "$scratch/Downstream" "$root/README.md" "$root/Sources/MesoPop/MesoPop.docc/GettingStarted.md" <<'PY'
import os, re, sys
package, documents = sys.argv[1], sys.argv[2:]
blocks = [b for d in documents for b in re.findall(r"^```swift\n(.*?)^```", open(d).read(), re.M | re.S)]
manifests = [b for b in blocks if b.startswith("// swift-tools-version")]
programs = [b for b in blocks if not b.startswith("// swift-tools-version")]
assert len(manifests) == 1 and programs, "README.md needs one Package.swift block and at least one program"
target = re.search(r'\.executableTarget\(name: "(\w+)"', manifests[0]).group(1)
names = [target] + [f"ReadmeBlock{i}" for i in range(2, len(programs) + 1)]
manifest = manifests[0] + "".join(
    f'package.targets.append(.executableTarget(name: "{n}", dependencies: [.product(name: "MesoPop", package: "MesoPop")]))\n'
    for n in names[1:])
os.makedirs(package, exist_ok=True)
open(os.path.join(package, "Package.swift"), "w").write(manifest)
for name, code in zip(names, programs):
    os.makedirs(os.path.join(package, "Sources", name), exist_ok=True)
    open(os.path.join(package, "Sources", name, "main.swift"), "w").write(code)
open(os.path.join(package, "programs.txt"), "w").write("\n".join(names) + "\n")
PY

cd "$scratch/Downstream"
echo "check-readme: building $(wc -l < programs.txt) README programs in $scratch/Downstream" >&2
bash "$root/scripts/build.sh" --package-path "$scratch/Downstream"
bin="$(swift build -c release --show-bin-path)"
cd "$scratch/work"
while read -r program; do
  echo "check-readme: running $program" >&2
  "$bin/$program" > "$program.out"
done < "$scratch/Downstream/programs.txt"
echo "check-readme: every Swift block of README.md builds and runs" >&2
