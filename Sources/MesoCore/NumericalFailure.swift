/// A simulation that produced a non-finite or impossible state, with the simulated time (s).
public struct NumericalFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// Simulated time of the failure (s).
  public var time: Double
  /// What failed, e.g. "SDE integration (heun) reached a non-finite state".
  public var what: String
  /// A failure of `what` at simulated time `time` (s).
  public init(time: Double, what: String) {
    self.time = time
    self.what = what
  }
  public var description: String { "\(what) at t = \(time) s" }
}
