#!/usr/bin/env python3
"""Simulate one of our network configurations microscopically in NEST (gif_psc_exp neurons).

`mesopop export nest --level micro` writes the script (ExportToNEST article: neurons, fixed in-degree
or Bernoulli connectivity, static or tsodyks2_synapse synapses, current generators, NEST's time
conventions), which runs with NEST 3.10 and writes our ``.npz`` (``t``, ``A``, ``meta``); one JSON
timing line (process CPU and wall time around ``nest.Simulate`` alone) on stdout.

Example::

    python nest_micro.py ../../Examples/configs/nest_ei_network.yaml --stationary --duration 10 \\
        --seed 1 --out ../out/nest_micro-1.npz
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
    ap.add_argument("--out", required=True, help="output .npz (our format)")
    ap.add_argument("--label", default="nest_micro", help="label stored in meta (default nest_micro)")
    args = ap.parse_args(argv)
    try:
        net = nw.load_network(args.config, args)
        seed = args.seed if args.seed is not None else (net.seed or 1)
        line = ne.run(net, "micro", seed, args.out, args.label)
    except nw.ConfigError as e:
        print(f"nest_micro.py: {e}", file=sys.stderr)
        return 64
    print(ne.timing_line("nest_micro", seed, net, line, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
