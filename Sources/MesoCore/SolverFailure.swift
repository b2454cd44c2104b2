/// An iterative theory solver (a fixed point, a root, a self-consistency) that reached a non-finite
/// value or found no solution, with the iteration or evaluation count at which it stopped; it has
/// no simulated time, unlike `NumericalFailure`. The command line exits 65 on it.
public struct SolverFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// What failed, e.g. "DMFT iteration: C_new is nan at lag index 3".
  public var what: String
  /// The solver's iteration (or map evaluation) count when it stopped.
  public var iteration: Int
  /// A failure of `what` after `iteration` iterations.
  public init(_ what: String, iteration: Int) {
    self.what = what
    self.iteration = iteration
  }
  public var description: String { "\(what) (iteration \(iteration))" }
}
