"""The membrane of one neuron in MesoPop and in NEST for one configuration (used by the deterministic checks).

`membranes(mesopop, config, population)`: MesoPop runs the configuration (`mesopop run --level micro`,
`micro.record_membrane` set by the caller); NEST runs the script `mesopop export nest` writes for it,
with one multimeter on `nodes[population]` added before nest.Simulate (the only change to the
exported text). Returns (V_m of MesoPop after every step, V_m of NEST sampled at (l + 1) dt, the same
state, cut to MesoPop's length) and the exported script's text.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np


def membranes(mesopop, config, population):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.json"
        path.write_text(json.dumps(config))
        subprocess.run([mesopop, "run", str(path), "--level", "micro", "--out", f"{tmp}/mesopop.npz", "--quiet"], check=True)
        v_mesopop = np.load(f"{tmp}/mesopop.npz")["V_m"][:, 0]
        script = Path(tmp) / "check.py"
        subprocess.run([mesopop, "export", "nest", str(path), "--level", "micro", "--out", str(script), "--quiet"], check=True)
        exported = script.read_text()
        probe = ('multimeter = nest.Create("multimeter", params={"record_from": ["V_m"], "interval": DT_MS})\n'
                 f'nest.Connect(multimeter, nodes["{population}"])\n')
        marker = "cpu0, wall0 = "
        assert exported.count(marker) == 1
        text = exported.replace(marker, probe + marker)
        text += '\nnp.save(out + ".vm.npy", np.asarray(multimeter.get("events")["V_m"], dtype=float))\n'
        script.write_text(text)
        subprocess.run([sys.executable, str(script), "--out", f"{tmp}/nest.npz"], check=True, capture_output=True,
                       env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
        v_nest = np.load(f"{tmp}/nest.npz.vm.npy")
    return v_mesopop, v_nest[:len(v_mesopop)], exported
