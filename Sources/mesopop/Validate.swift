import ArgumentParser
import MesoPop

/// `mesopop validate CONFIG`: check a configuration, printing every problem.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Check a configuration; exit 0, or print every problem and exit 64.")

  @Argument(help: "Configuration file (.yaml, .yml or .json).") var config: String
  @Option(name: .customLong("set"), help: "Override a value, e.g. --set simulation.duration=2 (s).") var overrides: [String] = []

  func run() throws {
    try exitingOnFailure {
      let loaded = try Configuration.load(path: config, overrides: overrides)
      print("\(config): valid \(loaded.kindDescription)")
    }
  }
}
