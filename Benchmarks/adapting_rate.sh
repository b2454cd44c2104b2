#!/usr/bin/env bash
# Where the adapting example's meso-micro rate difference comes from (DocC article
# ComparisonStatistics): Examples/configs/adapting_population.yaml (mu 12 mV, +15 mV step at 0.7 s,
# J_theta = 1.5 mV*s, tau_theta = 1 s) in MesoPop and NEST, micro and meso, K trials each:
#   1. the step protocol: mean rate in [2, 3) s (1.3 s after the step, adaptation mostly settled);
#   2. the stationary drive after the step (mu = 27 mV, no input, 12 s, rate over 4-12 s), MesoPop
#      and NEST, and MesoPop alone for J_theta = 0, 0.5, 1, 1.5 mV*s at N = 500 and 5000: a finite-size
#      effect shrinks with N, an error of the quasi-renewal approximation grows with J_theta and not with N;
#   3. the micro ISI coefficient of variation at mu = 27 mV (Poisson: 1).
#
# Usage: Benchmarks/adapting_rate.sh   (after Benchmarks/setup.sh and `swift build -c release`)
# Knobs: TRIALS (default 8), OUT (default Benchmarks/out/adapting_rate), MESOPOP. About 6 min on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
[ -x "$mesopop" ] || { echo "adapting_rate.sh: $mesopop missing; run 'swift build -c release'" >&2; exit 1; }
config="$here/../Examples/configs/adapting_population.yaml" trials="${TRIALS:-8}" out="${OUT:-$here/out/adapting_rate}"
mkdir -p "$out/step" "$out/stationary"
rate() { "$py" "$here/peers/window_rate.py" "$@"; }
seeds=$(seq 1 "$trials")

# 1. Step protocol.
for s in $seeds; do
    nice -n 10 "$mesopop" run "$config" --level meso --seed "$s" --quiet --out "$out/step/mesopop_meso-$s.npz"
    nice -n 10 "$mesopop" run "$config" --level micro --seed "$s" --quiet --out "$out/step/mesopop_micro-$s.npz"
    nice -n 10 "$py" "$here/peers/nest_meso.py" "$config" --seed "$s" --out "$out/step/nest_meso-$s.npz" >/dev/null
    nice -n 10 "$py" "$here/peers/nest_micro.py" "$config" --seed "$s" --out "$out/step/nest_micro-$s.npz" >/dev/null
done
echo "== step protocol, rate in [2, 3) s"
rate --from 2 --to 3 $(for x in mesopop_micro mesopop_meso nest_micro nest_meso; do echo "$x=$out/step/$x-*.npz"; done)

# 2. Stationary drive mu = 27 mV.
stationary=(--stationary --set 'populations[0].mu=27 mV' --duration 12)
"$py" "$here/peers/network.py" "$config" "${stationary[@]}" --write-config "$out/stationary/config.json" >/dev/null
for s in $seeds; do
    nice -n 10 "$py" "$here/peers/nest_meso.py" "$out/stationary/config.json" --seed "$s" --out "$out/stationary/nest_meso-$s.npz" >/dev/null
    nice -n 10 "$py" "$here/peers/nest_micro.py" "$out/stationary/config.json" --seed "$s" --out "$out/stationary/nest_micro-$s.npz" >/dev/null
done
echo "== stationary, mu = 27 mV, rate in [4, 12) s: NEST (J_theta = 1.5 mV*s, N = 500)"
rate --from 4 --to 12 nest_micro="$out/stationary/nest_micro-*.npz" nest_meso="$out/stationary/nest_meso-*.npz"
for J in 0 0.5 1.0 1.5; do
    for N in 500 5000; do
        d="$out/stationary/J$J-N$N"
        mkdir -p "$d"
        kernel=(--set "populations[0].threshold_kernel[0].J=$J")
        [ "$J" = 0 ] && kernel=(--set 'populations[0].threshold_kernel=[]')
        for s in $seeds; do
            for level in micro meso; do
                nice -n 10 "$mesopop" run "$out/stationary/config.json" --level "$level" --seed "$s" --quiet \
                    "${kernel[@]}" --set "populations[0].N=$N" --out "$d/mesopop_$level-$s.npz"
            done
        done
        echo "== stationary, MesoPop, J_theta = $J mV*s, N = $N"
        rate --from 4 --to 12 micro="$d/mesopop_micro-*.npz" meso="$d/mesopop_meso-*.npz"
    done
done

# 3. Regularity of the micro spike trains.
"$mesopop" run "$out/stationary/config.json" --level micro --seed 1 --quiet --set micro.record_spikes=true \
    --out "$out/stationary/micro_spikes.npz"
"$py" - "$out/stationary/micro_spikes.npz" <<'PY'
import sys
import numpy as np
d = np.load(sys.argv[1])
t, ids = d["spike_times"], d["spike_ids"]
keep = t >= 4
isi = np.concatenate([np.diff(np.sort(t[keep][ids[keep] == i])) for i in np.unique(ids[keep])])
print(f"== micro ISIs at mu = 27 mV after 4 s: {isi.size}, mean {isi.mean():.4f} s, CV {isi.std() / isi.mean():.3f}")
PY
