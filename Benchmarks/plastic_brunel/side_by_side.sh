#!/usr/bin/env bash
# Side-by-side timing of the plastic Brunel benchmark (issue #11), for a quiet machine: MesoPop static
# and plastic for seeds 1-3 (mesopop_brunel.py: one thread, 1 s simulated, whole `mesopop run`
# process), then Brian2 2.9 C++ standalone static and plastic (brian2_brunel.py, `--pairing nest`,
# the convention MesoPop follows; MESOPOP_RESULTS.md) for seed 1, one thread. Prints one table: CPU s
# (MesoPop: whole process; Brian2: the whole binary, compilation excluded), the plastic/static ratio
# per seed, the speed-up over Brian2 (Brian2 seed 1 CPU s / MesoPop CPU s of the same variant), the
# late-window rates (after 0.2 s) and the final E->E weight mean/std, and the load average before and
# after. ~2 min of CPU on an idle machine when Brian2's build directories already hold a compiled
# binary of the same code (BRIAN2_BUILD, default ~/.cache/mesopop-brian2-brunel), ~3 min otherwise.
#
#   swift build -c release && bash Benchmarks/plastic_brunel/side_by_side.sh [OUT.jsonl]
#
# Environment: MESOPOP_BIN (default .build/release/mesopop), BRIAN2_BUILD (Brian2 project dirs),
# SEEDS (default "1 2 3"). The JSON lines of every run go to OUT.jsonl (default a temporary file).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${MESOPOP_BIN:-$root/.build/release/mesopop}"
cache="${BRIAN2_BUILD:-$HOME/.cache/mesopop-brian2-brunel}"
seeds="${SEEDS:-1 2 3}"
out="${1:-$(mktemp /tmp/side_by_side.XXXXXX.jsonl)}"
[ -x "$bin" ] || { echo "no MesoPop binary at $bin (swift build -c release)" >&2; exit 1; }
mkdir -p "$cache/static" "$cache/plastic"
: > "$out"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u +%H:%M:%S) UTC, $(nproc) cores)"
for s in $seeds; do
  python3 "$here/mesopop_brunel.py" --mesopop "$bin" --seed "$s" >> "$out"
done
cd "$here"
python3 brian2_brunel.py --seed 1 --build-dir "$cache/static" >> "$out"
python3 brian2_brunel.py --plastic --pairing nest --seed 1 --build-dir "$cache/plastic" >> "$out"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u +%H:%M:%S) UTC)"
echo "JSON lines: $out"
python3 - "$out" <<'EOF'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{") and '"simulator"' in l]
E, I = "rate_E_hz_after_0.2s", "rate_I_hz_after_0.2s"
def key(r): return (r["simulator"].split("-")[0], r["plastic"], r["seed"])
by = {key(r): r for r in runs}
brian = {p: by.get(("brian2", p, 1)) for p in (False, True)}
def cpu(r): return r["cpu_s"] if "cpu_s" in r else r["binary_cpu_s"]
print()
print("| simulator | run | seed | CPU s | plastic/static | speed-up over Brian2 | E (Hz) | I (Hz) | w_EE mean (mV) | w_EE std (mV) | load (1 min, end) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (sim, plastic, seed), r in sorted(by.items(), key=lambda kv: (kv[0][0] != "mesopop", kv[0][2], kv[0][1])):
    static = by.get((sim, False, seed))
    ratio = f"{cpu(r) / cpu(static):.2f}" if plastic and static else ""
    b = brian[plastic]
    speed = f"{cpu(b) / cpu(r):.1f}x" if sim == "mesopop" and b else ""
    w = f"{r['w_EE_mean']:.6f} | {r['w_EE_std']:.7f}" if plastic else "— | —"
    what = "whole process" if sim == "mesopop" else "binary"
    print(f"| {r['simulator']} | {'plastic' if plastic else 'static'} ({what}) | {seed} | {cpu(r):.2f} | {ratio} | {speed} | "
          f"{r[E]:.3f} | {r[I]:.3f} | {w} | {r['loadavg_1_5_15'][0]} |")
EOF
