import MesoCore

/// A simulator of a `DiscreteNetwork`: the microscopic network or the population equations.
/// Both read the same network and produce recordings of the same shapes.
public protocol NetworkEngine {
  /// Builds the engine's state for `network`; all randomness derives from `seed`. Refuses, before
  /// allocating anything, a network whose `resources(_:)` exceed `memoryLimit`.
  init(network: DiscreteNetwork, seed: UInt64, memoryLimit: MemoryLimit) throws
  /// Everything `init` would allocate for `network`, by key, without allocating it; throws what
  /// `init` would throw for the network's shape (a count that does not fit, an engine-only bound).
  static func resources(_ network: DiscreteNetwork) throws(ParameterError) -> ResourceBudget
  /// Simulates the whole duration. `progress` receives the fraction simulated; an error it throws
  /// (a caller's cancellation) ends the run and is rethrown.
  mutating func run(progress: ((Double) throws -> Void)?) throws -> Recording
}

extension NetworkEngine {
  /// Builds the engine under the machine's memory limit (`MemoryLimit.machine()`).
  public init(network: DiscreteNetwork, seed: UInt64) throws {
    try self.init(network: network, seed: seed, memoryLimit: .machine())
  }
}
