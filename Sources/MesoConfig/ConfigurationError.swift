import MesoCore

/// Everything wrong with a configuration, each problem naming its key path, value and requirement.
/// Nothing is simulated or written when a configuration has any.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Every problem found, in reading order; never empty.
  public var problems: [ParameterError]

  /// An error listing `problems` (at least one).
  public init(problems: [ParameterError]) {
    precondition(!problems.isEmpty)
    self.problems = problems
  }

  /// An error with one problem: the value at key `path` must satisfy `requirement`.
  public init(path: String, value: String, requirement: String) {
    self.init(problems: [ParameterError(path: path, value: value, requirement: requirement)])
  }

  /// One problem a line.
  public var description: String {
    problems.map { $0.path.isEmpty ? "\($0.value): must \($0.requirement)" : $0.description }.joined(separator: "\n")
  }
}
