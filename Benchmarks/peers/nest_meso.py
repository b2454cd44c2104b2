#!/usr/bin/env python3
"""Simulate one of our network configurations mesoscopically in NEST (gif_pop_psc_exp nodes).

`mesopop export nest --level meso` writes the script (ExportToNEST article: one node per population,
all-to-all with weight J*(C_m/tau_s)*p, binomial spike counts, automatic history length, current
generators), which runs with NEST 3.10 and writes our ``.npz`` (``t``, ``A`` = n_events /
(N * record_bin) per bin, ``meta``). NEST's initial state: every neuron has just fired. STP is
refused (gif_pop_psc_exp has none). One JSON timing line on stdout; ``--timing-only`` runs without
the multimeter and writes nothing.

Example::

    python nest_meso.py ../../Examples/configs/nest_ei_network.yaml --stationary --duration 10 \\
        --seed 1 --out ../out/nest_meso-1.npz
"""
from __future__ import annotations

import argparse
import sys

import nest_export as ne
import network as nw


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", help="our network configuration (.yaml/.json)")
    nw.add_override_args(ap)
    ap.add_argument("--seed", type=int, help="NEST rng_seed (default: simulation.seed, else 1)")
    ap.add_argument("--out", help="output .npz (our format); required unless --timing-only")
    ap.add_argument("--timing-only", action="store_true",
                    help="no multimeter and no output: time gif_pop_psc_exp alone (one JSON line)")
    ap.add_argument("--label", default="nest_meso", help="label stored in meta (default nest_meso)")
    ap.add_argument("--threads", type=int, default=1,
                    help="NEST threads (total_num_virtual_procs; results depend on it, default 1)")
    args = ap.parse_args(argv)
    if args.out is None and not args.timing_only:
        ap.error("--out is required unless --timing-only")
    try:
        net = nw.load_network(args.config, args)
        seed = args.seed if args.seed is not None else (net.seed or 1)
        line = ne.run(net, "meso", seed, args.out, args.label, timing_only=args.timing_only,
                      virtual_processes=args.threads)
    except nw.ConfigError as e:
        print(f"nest_meso.py: {e}", file=sys.stderr)
        return 64
    label = "nest_meso_unrecorded" if args.timing_only else "nest_meso"
    print(ne.timing_line(label, seed, net, line, None if args.timing_only else args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
