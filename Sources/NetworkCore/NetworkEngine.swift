import MesoCore

/// A simulator of a `DiscreteNetwork`: the microscopic network or the population equations.
/// Both read the same network and produce recordings of the same shapes.
public protocol NetworkEngine {
  /// Builds the engine's state for `network`; all randomness derives from `seed`.
  init(network: DiscreteNetwork, seed: UInt64) throws
  /// Simulates the whole duration. `progress` receives the fraction simulated.
  mutating func run(progress: ((Double) -> Void)?) throws -> Recording
}
