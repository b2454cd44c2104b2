import ArgumentParser
import MesoPop

/// `mesopop validate CONFIG`: check a configuration, printing every problem.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a configuration; exit 0, or print every problem and exit 64.",
    discussion: """
      Runs the checks of `mesopop run` without simulating: the configuration, then for a network the \
      construction of each engine (both, or the one of --level) and the memory it needs against the limit.
      """)

  @Argument(help: "Configuration file (.yaml, .yml or .json).") var config: String
  @Option(name: .customLong("set"), help: "Override a value, e.g. --set simulation.duration=2 (s).") var overrides: [String] = []
  @Option(help: "Check a network for this engine only: meso or micro (default: both).") var level: Level?
  @OptionGroup var memory: MemoryOptions

  func run() throws {
    try exitingOnFailure {
      let loaded = try Configuration.load(path: config, overrides: overrides)
      let levels: [Level?] = if case .network = loaded.model { level.map { [$0] } ?? Level.allCases } else { [nil] }
      var problems = [ParameterError]()
      var needs = [String]()
      for level in levels {
        do throws(ParameterError) {
          let budget = try checkedResources(loaded, level: level)
          needs.append((level.map { $0.rawValue + " " } ?? "") + formatBytes(budget.totalBytes))
        } catch {
          problems.append(error.noting(level))
        }
      }
      if !problems.isEmpty { throw ConfigurationError(problems: problems) }
      print("\(config): valid \(loaded.kindDescription); needs \(needs.joined(separator: ", ")) of \(memory.limit)")
    }
  }

  /// The resources of a run at `level`, checked against the memory limit.
  private func checkedResources(_ loaded: Configuration, level: Level?) throws(ParameterError) -> ResourceBudget {
    do {
      let budget = try resources(loaded, level: level)
      try budget.check(against: memory.limit)
      return budget
    } catch let error as ParameterError {
      throw error
    } catch {
      throw ParameterError(path: "", value: "\(error)", requirement: "be runnable")
    }
  }
}

extension ParameterError {
  /// The error with the engine it concerns appended to the requirement.
  fileprivate func noting(_ level: Level?) -> ParameterError {
    guard let level else { return self }
    return ParameterError(path: path, value: value, requirement: requirement + " (\(level.rawValue))")
  }
}
