"""What the notebooks need before they plot: runs of the Python package `mesopop` and their outputs.

Every notebook's settings cell sets `root` (a MesoPop clone: configurations, plotting code), `binary`
(the mesopop executable, for the example programs beside it, or None to build them in `root`) and
`out` (the results folder, created); these functions run only when the results are not there yet,
and never write into `root` (except its build folder). The package must be importable
(`pip install ./python` in the clone).
"""
import argparse
import json
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


def compare(root, config, out, options):
    """`mesopop.compare` of `root/config` with `options` (`--trials K`, `--seed S`, `--set KEY=VALUE`, as
    for `mesopop compare`) unless OUT already holds a report; the report and the traces are saved in
    OUT (`report.json`, `micro-K.npz`, `meso-K.npz`). Returns the report."""
    import mesopop
    out = Path(out)
    if not (out / 'report.json').exists():
        parser = argparse.ArgumentParser(prog='options')
        parser.add_argument('--trials', type=int, default=4)
        parser.add_argument('--seed', type=int)
        parser.add_argument('--set', action='append', default=[], dest='overrides')
        given = parser.parse_args(options)
        mesopop.compare(Path(root) / config, trials=given.trials, seed=given.seed, overrides=given.overrides).save(out)
    return json.loads((out / 'report.json').read_text())


def summary(report):
    """Rates and fluctuations of every population, micro against meso, as a text table."""
    def text(entry):
        return 'n/a' if entry is None else f"{entry['mean']:.3g} ± {entry['sem'] or 0:.2g}"
    lines = [f"{report['trials']} trials of {report['duration_s']:g} s, seed {report['seed']}",
             f"{'population':<12}{'level':<7}{'rate (Hz)':>20}{'std A 10 ms (Hz)':>22}"]
    for name, levels in report['populations'].items():
        for level in ('micro', 'meso'):
            stats = levels[level]
            lines.append(f"{name:<12}{level:<7}{text(stats['rate_hz']):>20}{text(stats['std_A_hz'].get('10ms')):>22}")
    return '\n'.join(lines)


def rate_examples(binary, root, out):
    """The outputs of the rate-model examples in OUT (made when missing): wilson_cowan.npz by
    `mesopop.run` of Examples/configs/wilson_cowan.yaml, chaotic_rate_network.npz by the
    ChaoticRateNetwork example program (a Swift program, built in `root` unless next to `binary`)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if not (out / 'wilson_cowan.npz').exists():
        import mesopop
        mesopop.run(Path(root) / 'Examples/configs/wilson_cowan.yaml').save(out / 'wilson_cowan.npz')
    if not (out / 'chaotic_rate_network.npz').exists():
        subprocess.run([str(executable(binary, root, 'ChaoticRateNetwork')), str(out / 'chaotic_rate_network.npz')], check=True)
    return out
