#!/usr/bin/env python3
"""Read a MesoPop network configuration for the peer simulators.

One job: turn one of our YAML/JSON network configurations (keys in the ConfigurationReference article) into
a plain Python description in MesoPop base units (time s, potential mV, rate Hz, threshold-kernel
area mV*s), with a few command-line overrides applied. Brian2 (``brian2_micro.py``) uses it
directly; NEST gets the resolved configuration through ``mesopop export nest`` (nest_export.py).

Command line (prints the description as JSON, or writes the resolved
configuration in our schema so that ``mesopop run`` simulates exactly the same network)::

    python network.py ../../Examples/configs/nest_ei_network.yaml --stationary --duration 10
    python network.py CONFIG --stationary --stp-exc U=0.2,tau_D=0.3 --write-config out/cfg.json
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

# --------------------------------------------------------------------------------------------
# Units (mirrors Sources/MesoConfig/Units.swift): numbers are base units, strings carry a unit.
# --------------------------------------------------------------------------------------------
UNITS: dict[str, dict[str, float]] = {
    "": {"": 1.0},
    "s": {"s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "min": 60.0},
    "mV": {"mV": 1.0, "V": 1e3, "uV": 1e-3, "µV": 1e-3, "μV": 1e-3},
    "Hz": {"Hz": 1.0, "kHz": 1e3, "1/s": 1.0},
    "mV*s": {"mV*s": 1.0, "mV s": 1.0, "mV·s": 1.0, "mV*ms": 1e-3, "mV ms": 1e-3, "mV·ms": 1e-3},
}
_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


class ConfigError(ValueError):
    """A configuration value that cannot be read; the message names the key path."""


def to_base(value: Any, dimension: str, key: str) -> float:
    """Convert ``value`` (number in base units, or "20 ms"-style string) to base units of ``dimension``."""
    if isinstance(value, bool):
        raise ConfigError(f"{key} = {value!r}: expected a number")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        m = _NUMBER.match(value)
        if m:
            unit = m.group(2)
            factor = UNITS[dimension].get(unit)
            if factor is not None:
                return float(m.group(1)) * factor
        accepted = ", ".join(u for u in UNITS[dimension] if u) or "(none)"
        raise ConfigError(f"{key} = {value!r}: unknown number or unit; accepted units: {accepted}")
    raise ConfigError(f"{key} = {value!r}: expected a number")


# --------------------------------------------------------------------------------------------
# Plain description (base units)
# --------------------------------------------------------------------------------------------
@dataclass
class Population:
    name: str
    N: int
    tau_m: float  # s
    t_ref: float  # s
    mu: float  # mV, u_rest + R*I_ext (constant part)
    V_reset: float  # mV
    V_th: float  # mV (u_th, NEST V_T_star)
    Delta_V: float  # mV
    lambda_0: float  # Hz (c)
    kernel: list[tuple[float, float]] = field(default_factory=list)  # [(J mV*s, tau s)]


@dataclass
class STP:
    U: float
    U_0: float = 0.0
    tau_D: float = 0.0  # s
    tau_F: float = 0.0  # s; 0 = no facilitation (u+ == U)


@dataclass
class Connection:
    source: str
    target: str
    J: float  # mV (delta-PSP jump; absolute efficacy with STP)
    p: float
    delay: float  # s
    tau_s: float  # s
    stp: STP | None = None


@dataclass
class Input:
    to: str
    kind: str  # step | pulse | sine
    amplitude: float  # mV
    start: float = 0.0  # s
    width: float = 0.0  # s (pulse)
    frequency: float = 0.0  # Hz (sine)
    phase: float = 0.0  # rad (sine)

    def value(self, t: float) -> float:
        """Value (mV) at time t (s); same definition as ExternalInput.value(at:) in MesoCore."""
        if self.kind == "step":
            return self.amplitude if t >= self.start else 0.0
        if self.kind == "pulse":
            return self.amplitude if self.start <= t < self.start + self.width else 0.0
        return self.amplitude * math.sin(2 * math.pi * self.frequency * t + self.phase)


@dataclass
class Network:
    name: str
    dt: float  # s
    duration: float  # s
    record_bin: float  # s
    seed: int | None
    populations: list[Population]
    connections: list[Connection]
    inputs: list[Input]
    connectivity: str  # fixed_indegree | bernoulli
    config: dict  # the resolved configuration in our schema (base-unit numbers)
    source: str = ""

    @property
    def steps(self) -> int:
        """Number of integration steps, round(duration/dt)."""
        return int(round(self.duration / self.dt))

    @property
    def steps_per_bin(self) -> int:
        """Integration steps per recording bin."""
        return int(round(self.record_bin / self.dt))

    @property
    def bins(self) -> int:
        """Recording bins (a final partial bin is dropped, as in MesoPop)."""
        return self.steps // self.steps_per_bin

    def index(self, name: str) -> int:
        return [p.name for p in self.populations].index(name)

    def pop(self, name: str) -> Population:
        return self.populations[self.index(name)]


def _parse(cfg: dict, source: str = "") -> Network:
    sim = cfg.get("simulation", {})
    dt = to_base(sim["dt"], "s", "simulation.dt")
    duration = to_base(sim["duration"], "s", "simulation.duration")
    record_bin = to_base(sim.get("record_bin", dt), "s", "simulation.record_bin")
    seed = sim.get("seed")
    pops = []
    for i, p in enumerate(cfg["populations"]):
        k = f"populations[{i}]"
        if "rate" in p or p.get("kind") not in (None, "gif"):
            raise ConfigError(f"{k}: Poisson populations are not supported by the peer scripts")
        kernel = [
            (to_base(c["J"], "mV*s", f"{k}.threshold_kernel[{j}].J"),
             to_base(c["tau"], "s", f"{k}.threshold_kernel[{j}].tau"))
            for j, c in enumerate(p.get("threshold_kernel", []) or [])
        ]
        pops.append(Population(
            name=str(p["name"]), N=int(p["N"]),
            tau_m=to_base(p["tau_m"], "s", f"{k}.tau_m"), t_ref=to_base(p["t_ref"], "s", f"{k}.t_ref"),
            mu=to_base(p["mu"], "mV", f"{k}.mu"), V_reset=to_base(p["V_reset"], "mV", f"{k}.V_reset"),
            V_th=to_base(p["V_th"], "mV", f"{k}.V_th"), Delta_V=to_base(p["Delta_V"], "mV", f"{k}.Delta_V"),
            lambda_0=to_base(p["lambda_0"], "Hz", f"{k}.lambda_0"), kernel=kernel))
    names = [p.name for p in pops]
    conns = []
    for i, c in enumerate(cfg.get("connections", []) or []):
        k = f"connections[{i}]"
        for end in ("from", "to"):
            if c[end] not in names:
                raise ConfigError(f"{k}.{end} = {c[end]!r}: unknown population")
        stp = None
        if c.get("stp"):
            s = c["stp"]
            stp = STP(U=float(s["U"]), U_0=float(s.get("U_0", 0.0)),
                      tau_D=to_base(s["tau_D"], "s", f"{k}.stp.tau_D"),
                      tau_F=to_base(s.get("tau_F", 0.0), "s", f"{k}.stp.tau_F"))
        conns.append(Connection(
            source=c["from"], target=c["to"], J=to_base(c["J"], "mV", f"{k}.J"), p=float(c.get("p", 1.0)),
            delay=to_base(c["delay"], "s", f"{k}.delay"), tau_s=to_base(c["tau_s"], "s", f"{k}.tau_s"), stp=stp))
    inputs = []
    for i, x in enumerate(cfg.get("inputs", []) or []):
        k = f"inputs[{i}]"
        if x["to"] not in names:
            raise ConfigError(f"{k}.to = {x['to']!r}: unknown population")
        kind = x["kind"]
        if kind not in ("step", "pulse", "sine"):
            raise ConfigError(f"{k}.kind = {kind!r}: must be step, pulse or sine")
        inputs.append(Input(
            to=x["to"], kind=kind, amplitude=to_base(x["amplitude"], "mV", f"{k}.amplitude"),
            start=to_base(x.get("start", 0.0), "s", f"{k}.start"),
            width=to_base(x.get("width", 0.0), "s", f"{k}.width"),
            frequency=to_base(x.get("frequency", 0.0), "Hz", f"{k}.frequency"),
            phase=float(x.get("phase", 0.0))))
    connectivity = (cfg.get("micro") or {}).get("connectivity", "fixed_indegree")
    net = Network(name=str(cfg.get("name", "")), dt=dt, duration=duration, record_bin=record_bin,
                  seed=None if seed is None else int(seed), populations=pops, connections=conns,
                  inputs=inputs, connectivity=connectivity, config={}, source=source)
    net.config = to_config(net, cfg)
    return net


def to_config(net: Network, original: dict | None = None) -> dict:
    """The network in our configuration schema with base-unit numbers (JSON-serialisable).

    Sections other than simulation/populations/connections/inputs/micro (meso, analysis) are
    copied from ``original``.
    """
    cfg: dict[str, Any] = {"name": net.name}
    cfg["simulation"] = {"dt": net.dt, "duration": net.duration, "record_bin": net.record_bin}
    if net.seed is not None:
        cfg["simulation"]["seed"] = net.seed
    cfg["populations"] = []
    for p in net.populations:
        d = {"name": p.name, "N": p.N, "tau_m": p.tau_m, "t_ref": p.t_ref, "mu": p.mu, "V_reset": p.V_reset,
             "V_th": p.V_th, "Delta_V": p.Delta_V, "lambda_0": p.lambda_0}
        if p.kernel:
            d["threshold_kernel"] = [{"J": J, "tau": tau} for J, tau in p.kernel]
        cfg["populations"].append(d)
    cfg["connections"] = []
    for c in net.connections:
        d = {"from": c.source, "to": c.target, "J": c.J, "p": c.p, "delay": c.delay, "tau_s": c.tau_s}
        if c.stp is not None:
            d["stp"] = {"U": c.stp.U, "U_0": c.stp.U_0, "tau_D": c.stp.tau_D, "tau_F": c.stp.tau_F}
        cfg["connections"].append(d)
    if net.inputs:
        cfg["inputs"] = []
        for x in net.inputs:
            d = {"to": x.to, "kind": x.kind, "amplitude": x.amplitude}
            if x.kind in ("step", "pulse"):
                d["start"] = x.start
            if x.kind == "pulse":
                d["width"] = x.width
            if x.kind == "sine":
                d.update(frequency=x.frequency, phase=x.phase)
            cfg["inputs"].append(d)
    for key in ("meso", "analysis"):
        if original and original.get(key) is not None:
            cfg[key] = copy.deepcopy(original[key])
    cfg["micro"] = {"connectivity": net.connectivity}
    return cfg


# --------------------------------------------------------------------------------------------
# Overrides
# --------------------------------------------------------------------------------------------
def add_override_args(ap: argparse.ArgumentParser) -> None:
    """Add the override options shared by every peer script."""
    g = ap.add_argument_group("network overrides (applied in this order)")
    g.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override a key path of the configuration before parsing, as in `mesopop --set`: "
                        "simulation.duration=10, populations[0].N=1000, connections[2].J='-1.5 mV' "
                        "(VALUE is read as YAML)")
    g.add_argument("--duration", type=float, metavar="S", help="simulated time (s)")
    g.add_argument("--stationary", action="store_true",
                   help="drop all inputs: constant drive mu (stationary network)")
    g.add_argument("--n-scale", type=float, metavar="X",
                   help="multiply every N by X and divide every J by X (keeps J*p*N, the mean input, "
                        "as the NEST example's J*C0/C scaling)")
    g.add_argument("--stp-exc", metavar="U=..,tau_D=..[,tau_F=..,U_0=..]",
                   help="add Tsodyks-Markram STP (u+x- order) to every connection with J > 0; times in s")
    g.add_argument("--connectivity", choices=["fixed_indegree", "bernoulli"],
                   help="micro connectivity (default: the configuration's micro.connectivity)")


def _set_path(cfg: dict, path: str, value: Any) -> None:
    tokens = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    if not tokens:
        raise ConfigError(f"--set {path}: empty key path")
    node: Any = cfg
    for tok, nxt in zip(tokens[:-1], tokens[1:]):
        key: Any = int(tok[1:-1]) if tok.startswith("[") else tok
        if isinstance(key, str) and key not in node:
            node[key] = [] if nxt.startswith("[") else {}
        node = node[key]
    last = tokens[-1]
    if last.startswith("["):
        node[int(last[1:-1])] = value
    else:
        node[last] = value


def _parse_kv(text: str, what: str) -> dict[str, float]:
    out = {}
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ConfigError(f"{what}: expected KEY=VALUE, got {part!r}")
        k, v = part.split("=", 1)
        out[k.strip()] = float(v)
    return out


def load_network(path: str | Path, args: argparse.Namespace | None = None) -> Network:
    """Read a configuration file and apply the overrides of ``add_override_args`` (if ``args``)."""
    text = Path(path).read_text()
    cfg = yaml.safe_load(text)
    if not isinstance(cfg, dict) or "populations" not in cfg:
        raise ConfigError(f"{path}: not a network configuration (no populations)")
    if args is not None:
        for item in getattr(args, "set", []) or []:
            if "=" not in item:
                raise ConfigError(f"--set {item!r}: expected KEY=VALUE")
            k, v = item.split("=", 1)
            _set_path(cfg, k.strip(), yaml.safe_load(v))
    net = _parse(cfg, source=str(path))
    if args is None:
        return net
    if getattr(args, "duration", None) is not None:
        net.duration = float(args.duration)
    if getattr(args, "stationary", False):
        net.inputs = []
    if getattr(args, "n_scale", None):
        x = float(args.n_scale)
        for p in net.populations:
            p.N = int(round(p.N * x))
        for c in net.connections:
            c.J = c.J / x
    if getattr(args, "stp_exc", None):
        kv = _parse_kv(args.stp_exc, "--stp-exc")
        if "U" not in kv or "tau_D" not in kv:
            raise ConfigError("--stp-exc: U and tau_D are required")
        for c in net.connections:
            if c.J > 0:
                c.stp = STP(U=kv["U"], U_0=kv.get("U_0", 0.0), tau_D=kv["tau_D"], tau_F=kv.get("tau_F", 0.0))
    if getattr(args, "connectivity", None):
        net.connectivity = args.connectivity
    net.config = to_config(net, cfg)
    return net


# --------------------------------------------------------------------------------------------
# The NEST mapping is `mesopop export nest` (ExportToNEST article; nest_export.py runs it).
# --------------------------------------------------------------------------------------------
def indegree(conn: Connection, net: Network) -> int:
    """Fixed in-degree C = round(p * N_source) (MesoPop micro default, MicroscopicModel article)."""
    return int(round(conn.p * net.pop(conn.source).N))


def describe(net: Network) -> dict:
    """JSON-able description of our parameters (the NEST mapping: `mesopop export nest`)."""
    return {"network": {k: v for k, v in asdict(net).items() if k != "config"}}


def write_json_atomic(path: str | Path, obj: Any) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2) + "\n")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", help="our network configuration (.yaml/.yml/.json)")
    add_override_args(ap)
    ap.add_argument("--write-config", metavar="FILE.json",
                    help="write the resolved configuration (our schema, base units) for `mesopop run`")
    args = ap.parse_args(argv)
    try:
        net = load_network(args.config, args)
        if args.write_config:
            write_json_atomic(args.write_config, net.config)
        else:
            print(json.dumps(describe(net), indent=2))
    except (ConfigError, KeyError) as e:
        print(f"network.py: {e}", file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main())
