#!/usr/bin/env bash
# C12 trends at g = 2, p = 2.5 (Clark & Abbott 2024, Figs. 2b, 5c, 6a): the DMFT speed measure τ*
# (Eq. 9) and PR_A = p/T (Eq. 23) against k, and λ_max with the Kaplan–Yorke dimension of 8
# exponents of one simulated network (N neurons) against k. Knobs: KS, N (default 300), OUT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_out=/tmp/mesopop-plastic-trends
. "$here/common.sh"
echo "| k | C(0) | τ* | PR_A | λ_max (N = ${N:-300}) | Kaplan–Yorke (8 exponents) |"
echo "|---|---|---|---|---|---|"
for k in ${KS:--3 -2 -1 0 0.5 1 1.5}; do
  line=$("$mesopop" plastic dmft --g 2 --k="$k" --p 2.5 --dt 0.1 --paths 200 --duration 300 --out "$out/dmft_k$k.npz" 2>&1)
  c0=$(echo "$line" | sed -E 's/.*C\(0\) = ([0-9.e-]+).*/\1/')
  tau=$(echo "$line" | sed -E 's/.*tau\* = ([0-9.e-]+).*/\1/')
  pr=$(echo "$line" | sed -E 's/.*PR_A = ([0-9.e-]+).*/\1/')
  lyap=$("$mesopop" plastic lyapunov --g 2 --k="$k" --p 2.5 --N "${N:-300}" --count 8 --transient 100 --duration 200 2>/dev/null)
  l1=$(echo "$lyap" | sed -n 's/lambda_1 = //p')
  ky=$(echo "$lyap" | sed -n 's/kaplan_yorke = //p')
  echo "| $k | $c0 | $tau | $pr | $l1 | $ky |"
done
