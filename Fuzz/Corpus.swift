import Foundation
import MesoPop

/// The deterministic corpus: every class of hostile input (values, types, syntax, units, shapes,
/// overrides, grids, sizes, paths, names, command lines, subcommand options) applied to the example configurations,
/// plus the regression cases of every failure reported in issue #10.
struct Corpus {
  /// Example configurations by file name, shortened (networks 20 ms, rate models 0.2 s) so that
  /// the runs that are accepted end quickly.
  let examples: [(name: String, tree: ConfigValue)]
  var random = SplitMix64(state: 10)
  var cases: [FuzzCase] = []

  init(examples directory: URL) throws {
    var examples = [(name: String, tree: ConfigValue)]()
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".yaml") {
      var tree = try ConfigDocument.load(path: directory.appendingPathComponent(name).path)
      let isRate = tree.member("model") != nil
      try ConfigDocument.apply(override: "simulation.duration=\(isRate ? 0.2 : 0.02)", to: &tree)
      if !isRate { try ConfigDocument.apply(override: "simulation.record_bin=0.002", to: &tree) }
      examples.append((name, tree))
    }
    self.examples = examples
  }

  /// Hostile scalars, as YAML text (for `--set`) — numbers at and beyond every limit, wrong types.
  static let values = [
    "0", "-0", "-1", "1e-300", "5e-324", "1e300", "1.7976931348623157e308", "-1e308", "1e15", "9007199254740993", "1e19",
    ".nan", ".inf", "-.inf", "0.5", "3", "1e6", "-1e-9", "0.0001", "2147483648", "4294967296",
  ]
  static let types = [
    "[]", "{}", "true", "null", "\"\"", "\" \"", "text", "[1, [2, [3]]]", "{a: 1}", "\"1e400\"", "\"0x10\"", "[.nan]",
    "\"" + String(repeating: "7", count: 5000) + "\"", "\"" + String(repeating: "1", count: 3000) + " ms\"",
  ]
  static let units = [
    "\"20 ms\"", "\"20ms\"", "\"20 mV\"", "\"20 Hz\"", "\"20 xs\"", "\"ms\"", "\"20 ms ms\"", "\"nan ms\"", "\"inf s\"",
    "\"-20 ms\"", "\"1e308 ks\"", "\"1e-320 ms\"", "\"20 µs\"", "\"1e308 kHz\"", "\"5 mV*s\"", "\"1e999 mV\"",
  ]

  mutating func build() -> [FuzzCase] {
    regressions()
    for (index, example) in examples.enumerated() {
      let paths = example.tree.leafPaths()
      // values, types, units: every leaf gets a few hostile scalars, alternating --set and files.
      for (k, path) in paths.enumerated() {
        mutate(example, path: path, value: random.pick(Self.values), label: "values", asFile: k % 2 == 0)
        if k % 2 == 0 {
          mutate(example, path: path, value: random.pick(Self.types), label: "types", asFile: k % 4 == 0)
        } else {
          mutate(example, path: path, value: random.pick(Self.units), label: "units", asFile: (k + index) % 3 == 0)
        }
      }
      syntax(example)
    }
    shapesAndNames()
    sizesAndGrids()
    overrides()
    pathsAndCommandLines()
    subcommands()
    signals()
    return cases
  }

  // MARK: Building blocks

  /// The example written as a file (JSON or, the same text being YAML flow style, `.yaml`).
  private func file(_ tree: ConfigValue, json: Bool) -> (name: String, data: Data) {
    (json ? "config.json" : "config.yaml", Data(tree.jsonString().utf8))
  }

  private func isNetwork(_ tree: ConfigValue) -> Bool { tree.member("model") == nil }

  /// `run` of a configuration (at a level for networks) with the matching `validate`.
  private mutating func run(
    _ label: String, tree: ConfigValue, sets: [String] = [], json: Bool = false, raw: Data? = nil, extra: [String] = [],
    allowed: Set<Int32> = [0, 64, 65], message: String? = nil, level forced: String? = nil
  ) {
    let config = raw.map { _ in json ? "config.json" : "config.yaml" } ?? file(tree, json: json).name
    let data = raw ?? file(tree, json: json).data
    let level = isNetwork(tree) ? ["--level", forced ?? random.pick(["meso", "micro"])] : []
    let common = ["{dir}/" + config] + sets.flatMap { ["--set", $0] } + level + extra
    cases.append(
      FuzzCase(
        label: label, files: [config: data], arguments: ["run"] + common + ["--out", "{dir}/out.npz", "--quiet", "--seed", "7"],
        allowed: allowed, expectedMessage: message, validateArguments: ["validate"] + common, outputs: ["out.npz"]))
  }

  private mutating func mutate(_ example: (name: String, tree: ConfigValue), path: String, value: String, label: String, asFile: Bool) {
    let name = "\(label): \(example.name) \(path) = \(value.prefix(40))"
    if asFile {
      var tree = example.tree
      guard (try? ConfigDocument.apply(override: "\(path)=\(value)", to: &tree)) != nil else { return }
      run(name + " (file)", tree: tree, json: random.below(2) == 0)
    } else {
      run(name + " (--set)", tree: example.tree, sets: ["\(path)=\(value)"])
    }
  }

  // MARK: Classes

  /// Broken text: truncations, flipped bytes, nesting, aliases, duplicates, encodings.
  private mutating func syntax(_ example: (name: String, tree: ConfigValue)) {
    let text = Data(example.tree.jsonString().utf8)
    for k in 1...4 {
      run("syntax: \(example.name) truncated at \(k)/5", tree: example.tree, json: k % 2 == 0, raw: text.prefix(text.count * k / 5))
      var flipped = text
      for _ in 0..<3 { flipped[random.below(flipped.count)] = UInt8(truncatingIfNeeded: random.next()) }
      run("syntax: \(example.name) bytes flipped (\(k))", tree: example.tree, json: k % 2 == 1, raw: flipped)
    }
  }

  private mutating func shapesAndNames() {
    let network = examples.first { $0.name == "nest_ei_network.yaml" }!.tree
    let rate = examples.first { $0.name == "wilson_cowan.yaml" }!.tree
    let shapes = [
      "populations={}", "populations=[[]]", "populations=[]", "populations[0].threshold_kernel={J: 1}",
      "populations[0].threshold_kernel=[" + Array(repeating: "{J: 0.001, tau: 0.1}", count: 2000).joined(separator: ",") + "]",
      "connections=x", "connections=[{}]", "inputs=[{}]", "inputs=[{to: E, kind: pulse, start: 0, width: 0, amplitude: 1}]",
      "simulation=[]", "meso=[]", "micro.record_membrane=[-1]", "micro.record_membrane=[1e18]", "micro.record_membrane=[999999]",
      "micro.record_spikes=yes", "analysis={up_down: []}",
    ]
    for s in shapes { run("shapes: \(s.prefix(60))", tree: network, sets: [s]) }
    for s in [
      "parameters.r0=[1, 2, 3]", "parameters.r0=[]", "parameters=[]", "model=ctrnn", "model=rate_network",
      "parameters.activation={kind: sigmoid, beta: .inf}", "parameters.activation=[]",
    ] {
      run("shapes: \(s)", tree: rate, sets: [s])
    }
    let names = ["\"\"", "E", "a.b", "\"[0]\"", "Ε", "\"" + String(repeating: "n", count: 4000) + "\"", "\"a\\nb\"", "null", "5"]
    for n in names {
      run("names: population \(n.prefix(20))", tree: network, sets: ["populations[1].name=\(n)"])
      run("names: connection from \(n.prefix(20))", tree: network, sets: ["connections[0].from=\(n)"])
    }
  }

  /// Counts that cannot fit or would overflow, each refused (or run) but never trapped on.
  private mutating func sizesAndGrids() {
    let network = examples.first { $0.name == "nest_ei_network.yaml" }!.tree
    let stp = examples.first { $0.name == "up_down.yaml" }!.tree
    let noisy = examples.first { $0.name == "noisy_wilson_cowan.yaml" }!.tree
    let sizes = [
      "populations[0].N=1e7", "populations[0].N=2147483648", "populations[0].N=4294967296", "populations[0].N=1e12",
      "populations[0].N=1e15", "simulation.duration=1e5", "simulation.duration=1e9", "simulation.duration=1e300",
      "simulation.dt=1e-300", "simulation.dt=5e-324", "connections[0].delay=1e3",
      "connections[0].delay=1e9", "micro.threads=1024", "micro.threads=1025", "micro.threads=1e14", "meso.history=1e9",
      "meso.history=1e12", "populations[0].t_ref=1e6", "populations[0].tau_m=1e300", "populations[0].lambda_0=1e300",
      "populations[0].lambda_0=5e-324", "connections[0].J=1e308", "connections[0].J=-1e308", "populations[0].mu=1e308",
      "populations[0].threshold_kernel[0].tau=1e300", "populations[0].threshold_kernel[0].J=1e308", "inputs[0].amplitude=1e308",
    ]
    for s in sizes {
      run("sizes: \(s)", tree: network, sets: [s])
      run("sizes: \(s) (2 threads)", tree: network, sets: [s, "micro.threads=2"])
    }
    // Tiny steps: the histories of the population equations cannot fit (a microscopic run of 10⁹
    // steps would simply take long, so it is not tried here).
    for s in ["simulation.dt=1e-9", "simulation.dt=1e-12"] { run("sizes: \(s)", tree: network, sets: [s], level: "meso") }
    for s in ["connections[0].stp.tau_D=1e-300", "connections[0].stp.U=1e-300", "connections[0].J=1e300", "populations[0].N=1e9"] {
      run("sizes: STP \(s)", tree: stp, sets: [s])
    }
    for s in ["simulation.noise.dt=1e-15", "simulation.noise.dt=5e-324", "simulation.noise.sigma=1e300", "simulation.duration=1e300"] {
      run("sizes: SDE \(s)", tree: noisy, sets: [s])
    }
    let grids = [
      ["simulation.record_bin=0.00075"], ["connections[0].delay=0.00025"], ["populations[0].t_ref=0.0005000001"],
      ["simulation.dt=0.002", "simulation.record_bin=0.002"], ["simulation.duration=0.0019"], ["simulation.duration=0.002"],
      ["simulation.dt=1e-12", "simulation.record_bin=1e-12", "simulation.duration=1e12"], ["simulation.record_bin=1e300"],
      ["simulation.record_bin=5e-324"], ["analysis.transient=0.02"],
    ]
    for g in grids { run("grids: \(g.joined(separator: " "))", tree: network, sets: g) }
    run("grids: rate record_bin=5e-324", tree: noisy, sets: ["simulation.record_bin=5e-324"])
    run("grids: rate duration < record_bin", tree: noisy, sets: ["simulation.duration=0.0004"])
  }

  private mutating func overrides() {
    let network = examples.first { $0.name == "nest_ei_network.yaml" }!.tree
    let deep = String(repeating: "[", count: 3000)
    let bomb = "{a: &a [x,x,x,x,x,x,x,x,x], b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], "
      + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], "
      + "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f], h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]}"
    let bad = [
      "=", "a", "..=1", "populations[99].N=1", "populations[-1].N=1", "populations[0]=5", "populations[0].N[0]=1",
      "x.y.z=1", "simulation.dt={{{", "simulation.dt=" + deep, "simulation.dt=" + bomb, "simulation.dt=*nope",
      "simulation.dt=!!binary aGVsbG8=", "populations[0.5].N=1", "populations[0][0]=1", "simulation.dt=\"",
    ]
    for s in bad { run("overrides: \(s.prefix(50))", tree: network, sets: [s]) }
  }

  private mutating func pathsAndCommandLines() {
    let tree = examples.first { $0.name == "nest_ei_network.yaml" }!.tree
    let config = file(tree, json: false)
    func add(_ label: String, _ arguments: [String], allowed: Set<Int32> = [64], outputs: [String] = []) {
      cases.append(FuzzCase(label: label, files: [config.name: config.data], arguments: arguments, allowed: allowed, outputs: outputs))
    }
    let cfg = "{dir}/config.yaml"
    let run = ["run", cfg, "--level", "meso", "--quiet"]
    add("paths: missing folder", run + ["--out", "{dir}/missing/x.npz"])
    add("paths: folder as output", run + ["--out", "{dir}"])
    add("paths: not .npz", run + ["--out", "{dir}/x.txt"])
    add("paths: name too long", run + ["--out", "{dir}/" + String(repeating: "x", count: 250) + ".npz"])
    add("paths: spaces and unicode", run + ["--out", "{dir}/a b ü.npz"], allowed: [0], outputs: ["a b ü.npz"])
    add("paths: missing config", ["validate", "{dir}/none.yaml"])
    add("paths: config is a folder", ["validate", "{dir}/.yaml"])
    add("paths: config extension", ["validate", "{dir}/config.toml"])
    add("paths: /dev/zero", ["validate", "/dev/zero"])
    add("paths: compare into a file", ["compare", cfg, "--out", "{dir}/config.yaml", "--trials", "1", "--quiet"])
    let lines: [[String]] = [
      ["run"], ["run", cfg], ["run", cfg, "--out"], run + ["--out", "{dir}/o.npz", "--seed", "-1"],
      run + ["--out", "{dir}/o.npz", "--seed", "1e3"], run + ["--out", "{dir}/o.npz", "--seed", "18446744073709551616"],
      ["run", cfg, "--level", "nano", "--out", "{dir}/o.npz"],
      run + ["--out", "{dir}/o.npz", "--max-memory", "0"], run + ["--out", "{dir}/o.npz", "--max-memory", "-5GB"],
      run + ["--out", "{dir}/o.npz", "--max-memory", "1e400"], run + ["--out", "{dir}/o.npz", "--max-memory", "10 XB"],
      run + ["--out", "{dir}/o.npz", "--max-memory", "1kB"], run + ["--out", "{dir}/o.npz", "--set"],
      ["compare", cfg, "--out", "{dir}/c", "--trials", "0"], ["compare", cfg, "--out", "{dir}/c", "--trials", "-3"],
      ["compare", cfg, "--out", "{dir}/c", "--trials", "100000000"], ["compare", cfg, "--out", "{dir}/c", "--max-memory", "1kB", "--quiet"],
      ["bench", cfg, "--level", "meso", "--duration", "1e300"], ["bench", cfg, "--level", "meso", "--duration", "-1"],
      ["validate"], ["frobnicate"], ["validate", cfg, "--level", "nano"], ["validate", cfg, "--max-memory", "1kB"],
      ["run", cfg, "--out", "{dir}/o.npz", "--quiet"],
    ]
    for l in lines { add("command lines: " + l.dropFirst().joined(separator: " ").prefix(70), l) }
    // Seeds of 2^53 and above are stored in `meta` as decimal strings, so they are valid.
    add("command lines: seed 2^53", run + ["--out", "{dir}/o.npz", "--seed", "9007199254740992"], allowed: [0], outputs: ["o.npz"])
  }

  /// SIGINT, SIGTERM and SIGHUP during the simulation and during the write of a large file (sent
  /// when the temporary file appears): no temporary file may remain. A stale file of a dead process
  /// must be cleaned.
  private mutating func signals() {
    let tree = examples.first { $0.name == "wilson_cowan.yaml" }!.tree
    let config = file(tree, json: false)
    for (k, sig) in [SIGINT, SIGTERM, SIGHUP, SIGINT, SIGTERM, SIGHUP].enumerated() {
      let after: Double? = k < 3 ? nil : 0.3
      cases.append(
        FuzzCase(
          label: "paths: signal \(sig) " + (after == nil ? "during the write" : "after 0.3 s"), files: [config.name: config.data],
          arguments: [
            "run", "{dir}/config.yaml", "--set", "simulation.duration=10", "--set", "simulation.record_bin=1e-5",
            "--set", "simulation.solver=rk4", "--out", "{dir}/big.npz", "--quiet",
          ], allowed: [0, 128 + sig], signal: (sig, after), outputs: ["big.npz"]))
    }
    cases.append(
      FuzzCase(
        label: "paths: stale temporary file of a dead process",
        files: [config.name: config.data, ".out.npz.mesopop-2147483646-0C8F6E7C-8F9A-4F3B-9E55-3A2D8B7E1F00.tmp": Data(count: 100)],
        arguments: ["run", "{dir}/config.yaml", "--level", "meso", "--out", "{dir}/out.npz", "--quiet"], allowed: [0],
        outputs: ["out.npz"]))
  }

  /// Every numbered failure of issue #10, with the exit code and message it must now give.
  private mutating func regressions() {
    let network = examples.first { $0.name == "nest_ei_network.yaml" }!.tree
    let rate = examples.first { $0.name == "wilson_cowan.yaml" }!.tree
    let noisy = examples.first { $0.name == "noisy_wilson_cowan.yaml" }!.tree
    let refusals: [(ConfigValue, [String], String)] = [
      (network, ["simulation.duration=1e300"], "simulation.duration = 1e+300: must give at most"),
      (network, ["simulation.record_bin=1e300"], "simulation.duration"),
      (network, ["populations[0].tau_m=1e300"], "populations[0].tau_m"),
      (network, ["populations[0].t_ref=1e300"], "populations[0].t_ref"),
      (network, ["connections[0].delay=1e300"], "connections[0].delay"),
      (network, ["simulation.dt=1e-300"], "simulation.duration"),
      (network, ["simulation.duration=1e12", "simulation.dt=1e-12", "simulation.record_bin=1e-12"], "simulation.duration"),
      (network, ["populations[0].lambda_0=5e-324"], "populations[0].lambda_0"),
      (rate, ["simulation.record_bin=5e-324"], "simulation.duration"),
      (noisy, ["simulation.noise.dt=5e-324"], "simulation.noise.dt"),
      (rate, ["simulation.duration=1e300"], "simulation.duration"),
      (network, ["simulation.duration=1e6"], "simulation.duration"),
      (rate, ["simulation.duration=1e6"], "simulation.duration"),
      (network, ["connections[0].delay=1e9"], "connections[0].delay"),
      (noisy, ["simulation.noise.dt=1e-12", "simulation.duration=5"], "simulation.noise.dt"),
      (network, ["micro.threads=1e14"], "micro.threads"),
      (network, ["populations[0].N=1e12"], "populations[0].N"),
      (network, ["simulation.duration=0.001"], "simulation.duration = 0.001: must be >= simulation.record_bin"),
      (network, ["connections[0].p=\"\""], "connections[0].p = \"\": must be a number"),
      (rate, ["parameters.r0=[0.1, 0, 0]"], "parameters.r0"),
    ]
    for (tree, sets, message) in refusals {
      run("regression: \(sets.joined(separator: " "))", tree: tree, sets: sets, allowed: [64], message: message, level: "meso")
    }
    run("regression: micro J = 1e308", tree: network, sets: ["connections[0].J=1e308"], allowed: [65], message: "not finite", level: "micro")
    // 5.–7.: nesting, alias bomb, duplicate keys (the JSON and YAML forms).
    let deep = Data(("simulation: " + String(repeating: "[", count: 20_000)).utf8)
    run("regression: 20 kB of nested [", tree: network, raw: deep, allowed: [64], message: "nested")
    run("regression: nested [ in JSON", tree: network, json: true, raw: Data(String(repeating: "[", count: 20_000).utf8), allowed: [64])
    let laughs = (1...9).map { k in "l\(k): &l\(k) [" + Array(repeating: k == 1 ? "lol" : "*l\(k - 1)", count: 9).joined(separator: ",") + "]" }
    run("regression: alias bomb", tree: network, raw: Data(laughs.joined(separator: "\n").utf8), allowed: [64], message: "values")
    let duplicate = Data(#"{"simulation": {"dt": 0.0005, "duration": "0.2 s", "duration": -5, "record_bin": 0.001}, "populations": []}"#.utf8)
    run("regression: duplicate key in JSON", tree: network, json: true, raw: duplicate, allowed: [64], message: "simulation.duration = given twice")
    run("regression: duplicate key in YAML", tree: network, raw: duplicate, allowed: [64], message: "simulation.duration = given twice")
    var tree = network
    try? ConfigDocument.apply(override: "simulation.record_bin=null", to: &tree)
    try? ConfigDocument.apply(override: "populations[0].tau_m=-1", to: &tree)
    run("regression: every problem at once", tree: tree, allowed: [64], message: "populations[0].tau_m = -1")
    var rateTree = rate
    try? ConfigDocument.apply(override: "simulation.record_bin=null", to: &rateTree)
    try? ConfigDocument.apply(override: "parameters.tau_E=-1", to: &rateTree)
    run("regression: rate problems at once", tree: rateTree, allowed: [64], message: "parameters.tau_E = -1")
  }
}

extension ConfigValue {
  /// Key paths of every scalar and list in the tree (`populations[0].tau_m`), in a fixed order.
  func leafPaths(prefix: String = "") -> [String] {
    switch self {
    case .object(let members):
      return members.keys.sorted().flatMap { key in
        members[key]!.leafPaths(prefix: prefix.isEmpty ? key : prefix + "." + key)
      }
    case .array(let items):
      return [prefix] + items.indices.flatMap { items[$0].leafPaths(prefix: prefix + "[\($0)]") }
    default:
      return [prefix]
    }
  }
}
