import Foundation
import GSLBridge
import MesoCore

/// The capacity protocol (Feng & Brunel, Sec. II): learn a stream of random patterns, and at
/// several test times u, right after presenting pattern u, start the network in each earlier
/// pattern v = u − a (ages a = s, 2s, … ≤ `maxAge`, s = `ageStep`) and let it relax with frozen weights.
public struct CapacityProtocol: Equatable, Sendable {
  /// B, patterns presented before the first test (from J = 0). Default max(300, 10τ), τ = 1/(2r₁).
  public var burnIn: Int
  /// The oldest age tested.
  public var maxAge: Int
  /// s, the spacing of the ages tested: s, 2s, … ≤ `maxAge` (1: every age).
  public var ageStep = 1
  /// Test times per realization.
  public var testTimes: Int
  /// Patterns presented between two test times (default `maxAge`: every test sees fresh patterns).
  public var testInterval: Int
  /// Independent realizations (connectivity, patterns, noise).
  public var realizations: Int
  /// Pattern v counts as retrieved when the mean of m_v over test times and realizations exceeds this.
  public var threshold: Double
  /// Sweep limit of one retrieval.
  public var maxSweeps: Int
  /// J_ij of every synapse before the first presentation (default 0, the unstable point between
  /// the wells; −C starts every synapse depressed).
  public var initialWeight = 0.0

  /// A protocol; `burnIn` nil chooses max(300, 10τ) for `r1`, at least `maxAge` + 1.
  public init(
    burnIn: Int? = nil, r1: Double = 0.1, maxAge: Int = 20, testTimes: Int = 2, testInterval: Int? = nil, realizations: Int = 1,
    threshold: Double = 0.5, maxSweeps: Int = 100
  ) {
    let tau = r1 > 0 ? 1 / (2 * r1) : .infinity
    self.burnIn = burnIn ?? max(maxAge + 1, 300, Int(min(10 * tau, 1e9).rounded(.up)))
    self.maxAge = maxAge
    self.testTimes = testTimes
    self.testInterval = testInterval ?? maxAge
    self.realizations = realizations
    self.threshold = threshold
    self.maxSweeps = maxSweeps
  }

  /// Every problem with these values, as configuration key paths (`protocol.max_age`).
  public func problems() -> [ParameterError] {
    var found = ParameterProblems(under: "protocol")
    found.require(maxAge >= 1, "max_age", Double(maxAge), "be >= 1")
    found.require(ageStep >= 1 && ageStep <= maxAge, "age_step", Double(ageStep), "be in 1 ... protocol.max_age = \(maxAge)")
    found.require(burnIn > maxAge, "burn_in", Double(burnIn), "be > protocol.max_age = \(maxAge) (the pattern of age a needs a earlier ones)")
    found.require(testTimes >= 1, "test_times", Double(testTimes), "be >= 1")
    found.require(testInterval >= 1, "test_interval", Double(testInterval), "be >= 1")
    found.require(realizations >= 1, "realizations", Double(realizations), "be >= 1")
    found.require(threshold > -1 && threshold < 1, "threshold", threshold, "be in (-1, 1)")
    found.require(maxSweeps >= 1, "max_sweeps", Double(maxSweeps), "be >= 1")
    found.require(initialWeight.isFinite, "initial_J", initialWeight, "be finite")
    return found.errors
  }

  /// The ages tested: s, 2s, … ≤ `maxAge`.
  public var ages: [Int] { Array(stride(from: ageStep, through: maxAge, by: ageStep)) }
}

/// What the capacity protocol measured; arrays are indexed [realization][test time][age − 1].
public struct CapacityMeasurement: Equatable, Sendable {
  /// The ages tested (`CapacityProtocol.ages`).
  public var ages: [Int]
  /// m_v, overlap with the tested pattern.
  public var mV: [[[Double]]]
  /// m_u, overlap with the most recent pattern u.
  public var mU: [[[Double]]]
  /// Sweeps of each retrieval.
  public var sweeps: [[[Int]]]
  /// Whether each retrieval ended in a 2-cycle.
  public var cycles: [[[Bool]]]
  /// The retrieval threshold on ⟨m_v⟩.
  public var threshold: Double

  /// ⟨m_v⟩(age) over every test time of the realizations in `realizations` (all by default).
  public func meanOverlap(realizations: [Int]? = nil) -> [Double] {
    let chosen = realizations ?? Array(mV.indices)
    return ages.indices.map { a in
      let values = chosen.flatMap { r in mV[r].map { $0[a] } }
      return values.reduce(0, +) / Double(values.count)
    }
  }

  /// p, the largest age whose ⟨m_v⟩ over all realizations and test times exceeds the threshold
  /// (0 if none).
  public var capacity: Int { largestRetrieved(meanOverlap()) }

  /// p of each realization alone.
  public var capacities: [Int] { mV.indices.map { largestRetrieved(meanOverlap(realizations: [$0])) } }

  func largestRetrieved(_ overlap: [Double]) -> Int { overlap.lastIndex { $0 > threshold }.map { ages[$0] } ?? 0 }
}

extension AttractorNetwork {
  /// Runs `protocol` on networks of `p`: realization r uses the master seed derivedSeed(seed, trial, r)
  /// for its connectivity and noise and that seed's `dynamics` stream for its patterns
  /// (η_i = 1 with probability f). `progress` receives the fraction done.
  public static func measureCapacity(
    _ p: DoubleWellParameters, protocol pr: CapacityProtocol, seed: UInt64, threads: Int = availableCores,
    memoryLimit: MemoryLimit = .machine(), progress: ((Double) throws -> Void)? = nil
  ) throws -> CapacityMeasurement {
    try measureCapacity(p, thetas: [p.theta], protocol: pr, seed: seed, threads: threads, memoryLimit: memoryLimit, progress: progress)[0]
  }

  /// The capacity protocol for every firing threshold θ in `thetas` on the same learned weights:
  /// learning does not depend on θ (the state is imposed by the input), so one pattern stream
  /// serves all, and entry k equals `measureCapacity` of `p` with θ = thetas[k], bit for bit.
  public static func measureCapacity(
    _ p: DoubleWellParameters, thetas: [Double], protocol pr: CapacityProtocol, seed: UInt64, threads: Int = availableCores,
    memoryLimit: MemoryLimit = .machine(), progress: ((Double) throws -> Void)? = nil
  ) throws -> [CapacityMeasurement] {
    if let problem = pr.problems().first { throw problem }
    for theta in thetas {
      var q = p
      q.theta = theta
      _ = try q.validated()
    }
    try checkThreads(threads)
    try resources(p, protocol: pr).check(against: memoryLimit)
    let K = thetas.count
    // [θ][realization][test time][age − 1]
    var mV = [[[[Double]]]](repeating: [], count: K), mU = mV
    var sweeps = [[[[Int]]]](repeating: [], count: K), cycles = [[[[Bool]]]](repeating: [], count: K)
    let steps = Double(pr.realizations * (pr.burnIn + (pr.testTimes - 1) * pr.testInterval + pr.testTimes * pr.ages.count * K))
    var done = 0.0
    for r in 0..<pr.realizations {
      let master = derivedSeed(seed, .trial, UInt64(r))
      var network = try AttractorNetwork(p, seed: master, threads: threads, memoryLimit: memoryLimit, initialWeight: pr.initialWeight)
      var patterns = RandomStream(master: master, purpose: .dynamics)
      // The latest maxAge + 1 patterns, the newest last.
      var recent = [[Float]]()
      func presentNew() throws {
        let eta = (0..<p.N).map { _ in Float(patterns.uniform() < p.f ? 1 : 0) }
        network.present(eta)
        recent.append(eta)
        if recent.count > pr.maxAge + 1 { recent.removeFirst() }
        done += 1
        try progress?(done / steps)
      }
      var rV = [[[Double]]](repeating: [], count: K), rU = rV
      var rSweeps = [[[Int]]](repeating: [], count: K), rCycles = [[[Bool]]](repeating: [], count: K)
      for test in 0..<pr.testTimes {
        for _ in 0..<(test == 0 ? pr.burnIn : pr.testInterval) { try presentNew() }
        let newest = recent[recent.count - 1]
        for (k, theta) in thetas.enumerated() {
          var tV = [Double](), tU = [Double](), tSweeps = [Int](), tCycles = [Bool]()
          for age in pr.ages {
            let pattern = recent[recent.count - 1 - age]
            let outcome = network.retrieve(from: pattern, theta: theta, maxSweeps: pr.maxSweeps)
            tV.append(network.overlap(outcome.state, pattern))
            tU.append(network.overlap(outcome.state, newest))
            tSweeps.append(outcome.sweeps)
            tCycles.append(outcome.cycle)
            done += 1
            try progress?(done / steps)
          }
          rV[k].append(tV)
          rU[k].append(tU)
          rSweeps[k].append(tSweeps)
          rCycles[k].append(tCycles)
        }
      }
      for k in 0..<K {
        mV[k].append(rV[k])
        mU[k].append(rU[k])
        sweeps[k].append(rSweeps[k])
        cycles[k].append(rCycles[k])
      }
    }
    return (0..<K).map { k in
      CapacityMeasurement(ages: pr.ages, mV: mV[k], mU: mU[k], sweeps: sweeps[k], cycles: cycles[k], threshold: pr.threshold)
    }
  }
}
