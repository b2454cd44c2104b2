import ArgumentParser
import Foundation
import MesoPop

/// `mesopop run CONFIG --out FILE.npz`: simulate one model and write its traces.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Simulate one model and write its traces to an .npz file.")

  @OptionGroup var model: ModelOptions
  @Option(help: "Output file (.npz), written atomically.") var out: String
  @Option(help: "Engine for network configurations: meso or micro (rate models need none).") var level: Level?
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    try requireNPZ(out)
    do { try checkOutputPath(URL(fileURLWithPath: out)) } catch { throw ValidationError("--out \(error)") }
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try model.load()
      let seed = model.resolveSeed(loaded, quiet: reporting.quiet)
      let clock = WallClock(), cpu = CPUClock()
      let progress = reporting.progressReporter()
      if case .doubleWell(let doubleWell) = loaded.model {
        try resources(loaded, level: nil).check(against: memory.limit)
        try DoubleWellRun.write(
          loaded, doubleWell, seed: seed, to: URL(fileURLWithPath: out), memoryLimit: memory.limit, progress: progress.map { p in { p.report($0) } })
        progress?.finish()
        if !reporting.quiet { printError("wrote \(out) (\(doubleWell.networks.count) parameter sets, seed \(seed))") }
        return
      }
      let recording = try simulate(loaded, level: level, seed: seed, memoryLimit: memory.limit, reportingTo: progress)
      progress?.finish()
      let meta = OutputMeta(
        configuration: loaded, seed: seed, level: level?.rawValue ?? "rate", recording: recording, wallTime: clock.elapsed,
        cpuTime: cpu.elapsed)
      try recording.write(npz: URL(fileURLWithPath: out), meta: meta.json)
      if !reporting.quiet { printError("wrote \(out) (\(recording.time.count) samples, seed \(seed))") }
    }
  }
}
