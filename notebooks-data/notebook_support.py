"""What the notebooks need before they plot: the mesopop executable and its outputs.

Every notebook's settings cell sets `root` (a MesoPop clone), `binary` (the mesopop executable, or
None to build it in `root`) and `out` (the results folder, created); these functions run mesopop
only when the results are not there yet, and never write into `root` (except its build folder).
"""
import json
import os
import subprocess
from pathlib import Path


def executable(binary, root, product='mesopop'):
    """`product` (mesopop or an example program): `binary` itself or next to it when given, else in
    the release build folder of `root`; built there (scripts/build.sh) when missing."""
    if binary:
        path = Path(binary) if product == 'mesopop' else Path(binary).parent / product
        if path.exists():
            return path
    bin_dir = subprocess.run(['swift', 'build', '-c', 'release', '--show-bin-path'], cwd=root, check=True,
                             capture_output=True, text=True).stdout.strip()
    path = Path(bin_dir) / product
    if not path.exists():
        subprocess.run(['bash', str(Path(root) / 'scripts' / 'build.sh'), '--product', product], check=True)
    return path


def compare(binary, root, config, out, options):
    """`mesopop compare CONFIG --out OUT OPTIONS` unless OUT already holds a report; returns report.json."""
    out = Path(out)
    if not (out / 'report.json').exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, MESOPOP_PLOT_SCRIPT=str(Path(root) / 'notebooks-data' / 'plot_comparison.py'))
        subprocess.run([str(executable(binary, root)), 'compare', str(Path(root) / config), '--out', str(out), '--quiet'] + options,
                       check=True, env=env)
    return json.loads((out / 'report.json').read_text())


def rate_examples(binary, root, out):
    """The outputs of the rate-model examples in OUT (made when missing): wilson_cowan.npz by
    `mesopop run Examples/configs/wilson_cowan.yaml`, chaotic_rate_network.npz by the
    ChaoticRateNetwork example program."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if not (out / 'wilson_cowan.npz').exists():
        subprocess.run([str(executable(binary, root)), 'run', str(Path(root) / 'Examples/configs/wilson_cowan.yaml'),
                        '--out', str(out / 'wilson_cowan.npz'), '--quiet'], check=True)
    if not (out / 'chaotic_rate_network.npz').exists():
        subprocess.run([str(executable(binary, root, 'ChaoticRateNetwork')), str(out / 'chaotic_rate_network.npz')], check=True)
    return out
