import Analysis
import Dispatch
import Foundation
import MesoConfig
import MesoCore

/// Micro and meso side by side (issue #5): K trials of each level of one network configuration,
/// run on all cores, deterministic per seed (trial k of either level has master seed
/// `derivedSeed(seed, .trial, k)`), and the statistics of every population compared.
public struct Comparison: Sendable {
  /// The network compared.
  public let model: NetworkModel
  /// The configuration document, stored in the report.
  public let document: ConfigValue
  /// The master seed of the comparison; trial k of either level has seed `derivedSeed(seed, .trial, k)`.
  public let seed: UInt64
  /// K, the number of trials of each level.
  public let trials: Int
  /// Recordings of trial k at index k.
  public let micro: [Recording]
  /// Mesoscopic recordings of trial k at index k.
  public let meso: [Recording]

  /// Runs the trials; `progress` receives the fraction of runs finished, during the runs too; an
  /// error it throws (a caller's cancellation) ends the comparison and is rethrown.
  public init(
    _ configuration: Configuration, trials: Int, seed: UInt64, progress: (@Sendable (Double) throws -> Void)? = nil
  ) throws {
    guard case .network(let model) = configuration.model else {
      throw UnsupportedRun(description: "compare needs a network configuration (populations:), not a rate model")
    }
    guard trials >= 1 else { throw UnsupportedRun(description: "compare needs at least one trial") }
    self.model = model
    document = configuration.resolvedDocument(seed: seed)
    self.seed = seed
    self.trials = trials
    func run(_ level: SimulationLevel, concurrently: Bool) throws -> [Recording] {
      let results = RunResults(count: trials)
      let offset = level == .micro ? 0.0 : 0.5
      // Every run reports the fraction of runs finished (so a throwing `progress` stops it too).
      let report: @Sendable (Double) throws -> Void = { _ in try progress?(offset + results.finishedFraction / 2) }
      let one: @Sendable (Int) -> Void = { k in
        let trialSeed = derivedSeed(seed, .trial, UInt64(k))
        results.store(k, Result { try simulate(configuration, level: level, seed: trialSeed, progress: report) })
        try? report(1)
      }
      if concurrently { DispatchQueue.concurrentPerform(iterations: trials, execute: one) } else { (0..<trials).forEach(one) }
      return try results.all()
    }
    // A micro run with its own threads takes the cores itself.
    micro = try run(.micro, concurrently: model.micro.threads <= 1)
    meso = try run(.meso, concurrently: true)
  }

  /// Everything the comparison keeps in memory: `trials` runs of each level of `configuration`.
  public static func resources(_ configuration: Configuration, trials: Int) throws -> ResourceBudget {
    var budget = ResourceBudget()
    for level in SimulationLevel.allCases {
      budget.add(try MesoPop.resources(configuration, level: level).repeated(trials, as: "\(trials) trials"))
    }
    return budget
  }

  /// Time left out of every statistic after t = 0 and after every input change (s):
  /// `analysis.transient`, else 1 s, or a fifth of shorter runs.
  public var transient: Double { model.analysis.transient ?? min(1, model.simulation.duration / 5) }
}

/// Results of concurrent runs, stored by index.
private final class RunResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<Recording, any Error>?]
  private var finished = 0

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func store(_ i: Int, _ result: Result<Recording, any Error>) {
    lock.withLock {
      results[i] = result
      finished += 1
    }
  }

  var finishedFraction: Double { lock.withLock { Double(finished) / Double(results.count) } }

  /// Every recording, or the first error.
  func all() throws -> [Recording] { try results.map { try $0!.get() } }
}
