import ArgumentParser
import Foundation
import MesoPop

/// `mesopop bench CONFIG`: time one run and print one JSON line.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Time a run; print {\"level\", \"build_wall_s\", \"build_cpu_s\", \"wall_s\", \"cpu_s\", \"simulated_s\", \"steps\", \"realtime_factor\"}.",
    discussion: """
      Build with -c release for meaningful numbers. The two phases are timed apart: `build_wall_s`/`build_cpu_s` from the \
      configuration read to the engine ready (time grid, checks, allocation, the synapses of a microscopic network), \
      `wall_s`/`cpu_s` the stepping alone (and the recording), `realtime_factor` = simulated_s / wall_s. `steps` counts \
      fixed integration steps, or output samples for adaptive ODE solvers. A double_well_attractor configuration prints {"level", "wall_s", "cpu_s", "parameter_sets", "synapses", \
      "presentations", "retrieval_sweeps", "synaptic_updates", "cpu_ns_per_synaptic_update", "p_sim", "p_theory"} instead.
      """)

  @Argument(help: "Configuration file (.yaml, .yml or .json).") var config: String
  @Option(help: "Engine for network configurations: meso or micro.") var level: Level?
  @Option(help: "Simulated time (s); overrides simulation.duration.") var duration: Double?
  @Option(help: "Master seed.") var seed: UInt64?
  @Option(name: .customLong("set"), help: "Override a value, e.g. --set micro.threads=2 or --set populations[0].N=3200.")
  var overrides: [String] = []
  @OptionGroup var memory: MemoryOptions

  func run() throws {
    try exitingOnFailure {
      let loaded = try Configuration.load(path: config, overrides: overrides + (duration.map { ["simulation.duration=\($0)"] } ?? []))
      if case .doubleWell(let doubleWell) = loaded.model {
        try print(benchDoubleWell(loaded, doubleWell))
        return
      }
      let clock = WallClock(), cpu = CPUClock()
      var build = (wall: 0.0, cpu: 0.0)
      let recording = try MesoPop.simulate(loaded, level: level, seed: seed ?? loaded.seed ?? 1, memoryLimit: memory.limit, built: {
        build = (clock.elapsed, cpu.elapsed)
      })
      let wall = clock.elapsed - build.wall, cpuTime = cpu.elapsed - build.cpu
      let simulated = loaded.simulatedTime
      let line: [String: Any] = [
        "level": level?.rawValue ?? "rate", "build_wall_s": build.wall, "build_cpu_s": build.cpu, "wall_s": wall, "cpu_s": cpuTime,
        "simulated_s": simulated,
        "steps": loaded.steps(recordedSamples: recording.time.count), "realtime_factor": simulated / wall,
      ]
      let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    }
  }
}

extension Bench {
  /// Times the capacity protocols and mean-field theories of a double-well configuration; the cost
  /// per synaptic update counts N(N − 1)c synapses (the expected number) per presentation (a
  /// retrieval sweep visits only the columns of the neurons that flipped; its time is included).
  func benchDoubleWell(_ loaded: Configuration, _ c: DoubleWellConfiguration) throws -> String {
    try resources(loaded, level: nil).check(against: memory.limit)
    let clock = WallClock(), cpu = CPUClock()
    let arrays = Dictionary(
      uniqueKeysWithValues: try DoubleWellRun.arrays(c, seed: seed ?? loaded.seed ?? 1, memoryLimit: memory.limit).map { ($0.name, $0) })
    let wall = clock.elapsed, cpuTime = cpu.elapsed
    var synapses = 0.0, presentations = 0.0, updates = 0.0
    let sweeps = arrays["sweeps"]?.int64 ?? []
    for p in c.networks where c.simulate {
      let pr = c.capacityProtocol(for: p), count = Double(p.N) * Double(p.N - 1) * p.c
      let presented = Double(pr.realizations * (pr.burnIn + (pr.testTimes - 1) * pr.testInterval))
      synapses += count
      presentations += presented
      updates += count * presented
    }
    let line: [String: Any] = [
      "level": "double_well_attractor", "wall_s": wall, "cpu_s": cpuTime, "parameter_sets": c.networks.count, "synapses": synapses,
      "presentations": presentations, "retrieval_sweeps": sweeps.reduce(0, +), "synaptic_updates": updates,
      "cpu_ns_per_synaptic_update": updates > 0 ? 1e9 * cpuTime / updates : 0,
      "p_sim": arrays["p_sim_pooled"]?.int64 ?? [], "p_theory": arrays["p_theory"]?.int64 ?? [],
    ]
    return String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self)
  }
}
