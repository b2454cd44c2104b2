import ArgumentParser
import Foundation
import MesoPop

/// `mesopop bench CONFIG`: time one run and print one JSON line.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time a run; print {\"level\", \"wall_s\", \"cpu_s\", \"simulated_s\", \"steps\", \"realtime_factor\"}.",
    discussion: "Build with -c release for meaningful numbers. `steps` counts fixed integration steps, or output samples for adaptive ODE solvers.")

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
      let clock = WallClock(), cpu = CPUClock()
      let recording = try MesoPop.simulate(loaded, level: level, seed: seed ?? loaded.seed ?? 1, memoryLimit: memory.limit)
      let wall = clock.elapsed, cpuTime = cpu.elapsed
      let simulated = loaded.simulatedTime
      let line: [String: Any] = [
        "level": level?.rawValue ?? "rate", "wall_s": wall, "cpu_s": cpuTime, "simulated_s": simulated,
        "steps": loaded.steps(recordedSamples: recording.time.count), "realtime_factor": simulated / wall,
      ]
      let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    }
  }
}
