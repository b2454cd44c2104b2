#!/usr/bin/env bash
# Plastic rate network (Clark & Abbott 2024): CPU time of `mesopop run` at N = 1000 and 4000 and the
# cost per step against the O(N²) memory-bandwidth bound. Each step reads J and A and writes A once
# (24·N² bytes); the bound is that traffic at the triad bandwidth measured by stream_triad.c.
# The per-step cost is the difference of two run lengths (removes set-up: drawing J, allocation).
# Knobs: SIZES (default "1000 4000"), SHORT / LONG durations in neuronal time constants (default
# 10 / 60), FULL=1 also runs 1000 time units at every size. Outputs in OUT (default /tmp/mesopop-plastic-speed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-speed
. "$here/common.sh"
sizes="${SIZES:-1000 4000}"
short="${SHORT:-10}"
long="${LONG:-60}"
cc -O2 -o "$out/stream_triad" "$here/stream_triad.c"
bandwidth=$("$out/stream_triad" 20000000 10 | tee /dev/stderr | sed -E 's/.* ([0-9.]+) GB\/s.*/\1/')
config="$root/Examples/configs/plastic_freezing.yaml"
cpu() {  # user CPU seconds of one run: N, duration
  /usr/bin/time -f "%U" "$mesopop" run "$config" --quiet --set parameters.N="$1" --set simulation.duration="$2" \
    --set simulation.protocol=[] --set simulation.record_interval=10 --out "$out/run.npz" 2>&1 | tail -1
}
printf "| N | steps (dt = 0.05) | CPU s short | CPU s long | ms per step | bound ms (24 N² B at %s GB/s) | ratio |\n|---|---|---|---|---|---|---|\n" "$bandwidth"
for n in $sizes; do
  a=$(cpu "$n" "$short")
  b=$(cpu "$n" "$long")
  python3 - "$n" "$short" "$long" "$a" "$b" "$bandwidth" <<'PY'
import sys
n, s, l, a, b, bw = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
steps = (l - s) / 0.05
per = (b - a) / steps * 1e3
bound = 24 * n * n / (bw * 1e9) * 1e3
print(f"| {n} | {int(l / 0.05)} | {a:.2f} | {b:.2f} | {per:.2f} | {bound:.2f} | {per / bound:.2f} |")
PY
  if [ "${FULL:-0}" = 1 ]; then echo "N = $n, 1000 time units: $(cpu "$n" 1000) CPU s"; fi
done
