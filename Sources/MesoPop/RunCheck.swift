import MesoConfig
import MesoCore

/// The checks of a run beyond reading the configuration, as `mesopop validate` makes them: for a
/// network the construction of the engine of each level (both, or the one asked for), for every
/// model the memory it needs against a limit.
public struct RunCheck: Sendable {
  /// Every problem found; a problem of one engine has `(meso)` or `(micro)` after its requirement.
  public var problems: [ParameterError] = []
  /// The resources of each run checked without problem, by level (nil for models without levels).
  public var budgets: [(level: SimulationLevel?, budget: ResourceBudget)] = []

  /// Checks `configuration` for `level` (networks: both levels when nil) under `memoryLimit`.
  public init(_ configuration: Configuration, level: SimulationLevel?, memoryLimit: MemoryLimit = .machine()) {
    let levels: [SimulationLevel?] =
      if case .network = configuration.model { level.map { [$0] } ?? SimulationLevel.allCases } else { [nil] }
    for level in levels {
      do {
        let budget = try resources(configuration, level: level)
        try budget.check(against: memoryLimit)
        budgets.append((level, budget))
      } catch let error as ParameterError {
        problems.append(error.noting(level))
      } catch {
        problems.append(ParameterError(path: "", value: "\(error)", requirement: "be runnable").noting(level))
      }
    }
  }
}

extension ParameterError {
  /// The error with the engine it concerns appended to the requirement.
  fileprivate func noting(_ level: SimulationLevel?) -> ParameterError {
    guard let level else { return self }
    return ParameterError(path: path, value: value, requirement: requirement + " (\(level.rawValue))")
  }
}
