/// Teacher forcing of the mesoscopic engine (René, Longtin & Macke 2020): every population's spike
/// count n in every step is taken from observed data instead of drawn from Binomial(N, n̄/N), and
/// the expected count n̄ that the population equations give for that step, conditioned on the
/// observed past, is stored beside it. The release mean fields of STP then run without their
/// finite-synapse noise (their release is its conditional mean, `ReleaseMeanField`).
public struct TeacherForcing: Sendable {
  /// Populations P (columns).
  public let populations: Int
  /// Observed counts n_{α,l}, row-major (steps × P): step l, population α at l·P + α.
  public let observed: [Double]
  /// Expected counts n̄_{α,l} of the forced run, same layout; 0 for steps not yet simulated.
  public private(set) var expected: [Double]
  /// History length K of each population (steps; ignored for Poisson sources), overriding both the
  /// automatic rule and `meso.history`; nil: as the configuration says. A fit holds K fixed this way.
  public let history: [Int]?

  /// Forcing by `observed` counts of `populations` columns (whole rows; as many rows as the
  /// network has steps, which the engine checks), with the populations' K given by `history`.
  public init(observed: [Double], populations: Int, history: [Int]? = nil) {
    precondition(populations > 0 && observed.count % populations == 0, "teacher forcing: counts do not fill whole rows")
    precondition(history.map { $0.count == populations } ?? true, "teacher forcing: one history length per population")
    self.populations = populations
    self.observed = observed
    self.history = history
    expected = Array(repeating: 0, count: observed.count)
  }

  /// Number of steps the counts cover.
  public var steps: Int { observed.count / populations }

  /// Stores n̄ of population α in step l and returns the observed n.
  @inline(__always)
  mutating func count(step l: Int, population α: Int, expected nBar: Double) -> Double {
    expected[l * populations + α] = nBar
    return observed[l * populations + α]
  }
}
