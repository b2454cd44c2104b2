#!/usr/bin/env python3
"""MesoPop side of the STDP exactness check of issue #11 (helper 11c's NEST reference).

Reads the NEST 3.10 reference (stdp_reference.json, written by nest_stdp_reference.py: the pre and
post parrot spike times and NEST's weight after every pre spike, for stdp_synapse additive and
Gütig mu = 1 and stdp_triplet_synapse), builds for every case a MesoPop configuration with the
same trains as two `spike_train` populations and one plastic connection with the same rule,
runs `mesopop run --level micro` with the weight of the synapse recorded after every step
(`record.samples: 1`, record.every = record_bin = dt), and compares MesoPop's weight at the end of the step of
every pre spike with NEST's weight after that spike. Both use the same convention (the whole delay
dendritic: a pre spike pairs at its emission, a post spike at its time + d; a coincident pair is
not paired), so the trains are used as they are, coincidences included.

Usage: python3 stdp_exactness_mesopop.py [--reference stdp_reference.json] [--mesopop .build/release/mesopop]
Prints one line per case and exits 1 when a weight differs by more than 1e-9 relative.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
TOLERANCE = 1e-9


def rule_of(case: dict) -> dict:
    """The MesoPop `plasticity:` mapping of a NEST case (times ms -> s)."""
    s, post = case["synapse"], case["post_neuron"]
    if case["synapse_model"] == "stdp_synapse":
        return {"rule": "pair", "tau_plus": s["tau_plus"] * 1e-3, "tau_minus": post["tau_minus"] * 1e-3,
                "lambda": s["lambda"], "alpha": s["alpha"], "mu_plus": s["mu_plus"], "mu_minus": s["mu_minus"],
                "w_max": s["Wmax"]}
    return {"rule": "triplet", "tau_plus": s["tau_plus"] * 1e-3, "tau_x": s["tau_plus_triplet"] * 1e-3,
            "tau_minus": post["tau_minus"] * 1e-3, "tau_y": post["tau_minus_triplet"] * 1e-3,
            "A2_plus": s["Aplus"], "A3_plus": s["Aplus_triplet"], "A2_minus": s["Aminus"],
            "A3_minus": s["Aminus_triplet"], "w_max": s["Wmax"]}


def config_of(case: dict, dt_ms: float) -> dict:
    pre, post = case["pre_times_ms"], case["post_times_ms"]
    duration = (max(pre[-1], post[-1]) + 5 * dt_ms) * 1e-3
    return {
        "name": "stdp exactness " + case["name"],
        "simulation": {"dt": dt_ms * 1e-3, "duration": duration, "record_bin": dt_ms * 1e-3, "seed": 1},
        "populations": [
            {"name": "pre", "kind": "spike_train", "spike_times": [[t * 1e-3 for t in pre]]},
            {"name": "post", "kind": "spike_train", "spike_times": [[t * 1e-3 for t in post]]},
        ],
        "connections": [{"from": "pre", "to": "post", "J": case["w0"], "p": 1, "delay": case["delay_ms"] * 1e-3,
                         "tau_s": 0, "plasticity": {**rule_of(case), "record": {"samples": 1, "every": dt_ms * 1e-3}}}],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=str(HERE / "stdp_reference.json"))
    parser.add_argument("--mesopop", default=os.environ.get("MESOPOP_BIN", str(HERE.parent.parent / ".build/release/mesopop")))
    args = parser.parse_args()
    reference = json.loads(Path(args.reference).read_text())
    dt_ms = reference["resolution_ms"]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for case in reference["cases"]:
            config, out = Path(tmp) / (case["name"] + ".json"), Path(tmp) / (case["name"] + ".npz")
            config.write_text(json.dumps(config_of(case, dt_ms)))
            subprocess.run([args.mesopop, "run", str(config), "--level", "micro", "--out", str(out), "--quiet"], check=True)
            data = np.load(out)
            w = data["w_samples"][:, 0]
            steps = [int(round(t / dt_ms)) for t in case["pre_times_ms"]]
            mesopop = np.array([w[n] for n in steps])
            nest = np.array(case["weights_after_pre"])
            rel = np.abs(mesopop - nest) / np.maximum(np.abs(nest), 1e-300)
            ok = rel.max() <= TOLERANCE
            failed |= not ok
            print(json.dumps({"case": case["name"], "pre_spikes": len(steps), "post_spikes": len(case["post_times_ms"]),
                              "max_rel_diff": float(rel.max()), "first_w": float(nest[0]), "last_w": float(nest[-1]),
                              "ok": bool(ok)}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
