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
      let check = RunCheck(loaded, level: level, memoryLimit: memory.limit)
      if !check.problems.isEmpty { throw ConfigurationError(problems: check.problems) }
      let needs = check.budgets.map { ($0.level.map { $0.rawValue + " " } ?? "") + formatBytes($0.budget.totalBytes) }
      print("\(config): valid \(loaded.kindDescription); needs \(needs.joined(separator: ", ")) of \(memory.limit)")
    }
  }
}
