/// A simulation that produced a non-finite or impossible state, with the simulated time (s).
public struct NumericalFailure: Error, Equatable, Sendable, CustomStringConvertible {
  public var time: Double
  public var what: String
  public init(time: Double, what: String) {
    self.time = time
    self.what = what
  }
  public var description: String { "\(what) at t = \(time) s" }
}
