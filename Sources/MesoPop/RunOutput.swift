import Foundation
import MesoConfig
import MesoCore
import MesoIO

/// What `mesopop run` writes for a configuration: every array of its `.npz` file in order, `meta`
/// (a 0-d unicode JSON string) last. The command line writes them to a file, the C interface
/// (`libmesopop`, the Python package) hands them over in memory: the same arrays for the same seed.
public struct RunOutput: Sendable {
  /// The arrays, named as in the output file.
  public var arrays: [NPYArray]
  /// One line for the user: `2000 samples, seed 1` or `3 parameter sets, seed 1`.
  public var summary: String

  /// Runs `configuration` at `level` (networks; ignored otherwise) from the master `seed`, refusing
  /// a run that needs more than `memoryLimit` before allocating. `progress` receives the fraction
  /// done; an error it throws (a cancellation) ends the run and is rethrown.
  public init(
    _ configuration: Configuration, level: SimulationLevel?, seed: UInt64, memoryLimit: MemoryLimit = .machine(),
    progress: ((Double) throws -> Void)? = nil
  ) throws {
    if case .doubleWell(let doubleWell) = configuration.model {
      try resources(configuration, level: nil).check(against: memoryLimit)
      arrays = try DoubleWellRun.output(configuration, doubleWell, seed: seed, memoryLimit: memoryLimit, progress: progress)
      summary = "\(doubleWell.networks.count) parameter sets, seed \(seed)"
      return
    }
    if case .stdpMemory = configuration.model {
      let run = try STDPTheoryRun(configuration, progress: progress)
      arrays = run.arrays
      summary = run.summary
      return
    }
    let clock = WallClock(), cpu = CPUClock()
    let recording = try simulate(configuration, level: level, seed: seed, memoryLimit: memoryLimit, progress: progress)
    let meta = OutputMeta(
      configuration: configuration, seed: seed, level: level?.rawValue ?? "rate", recording: recording, wallTime: clock.elapsed,
      cpuTime: cpu.elapsed)
    arrays = try recording.checkedArrays(meta: meta.json, for: "the recording")
    summary = "\(recording.time.count) samples, seed \(seed)"
  }

  /// Writes the arrays to the `.npz` file `url`, atomically.
  public func write(npz url: URL) throws(MesoIOError) { try NPZ.write(arrays, to: url) }
}

/// The seed of a run of a configuration.
extension Configuration {
  /// The master seed of a run: `given` (`--seed`), else the file's `simulation.seed`, else one drawn
  /// below 2^53 (`drawn` true; announce it, since only `meta` records it).
  public func masterSeed(given: UInt64?) -> (seed: UInt64, drawn: Bool) {
    if let seed = given ?? seed { return (seed, false) }
    return (UInt64.random(in: 0..<(1 << 53)), true)
  }
}
