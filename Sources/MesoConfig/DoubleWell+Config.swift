import DoubleWellAttractor
import Foundation
import MesoCore

/// A Feng–Brunel attractor network configuration (`model: double_well_attractor`): the network,
/// its synapses, the capacity protocol, an optional sweep of one parameter, the seed.
public struct DoubleWellConfiguration: Equatable, Sendable {
  /// Free text.
  public var name: String
  /// The network of every sweep point but the swept value.
  public var parameters: DoubleWellParameters
  /// The protocol of the unswept network (its burn-in follows r₁ unless `burn_in` is given).
  public var capacityProtocol: CapacityProtocol
  /// `protocol.burn_in` as given; nil: max(300, 10τ) for each network's r₁.
  public var burnIn: Int?
  /// The parameter swept (`C`, `r1`, `r3`, `theta`, `N`) and its values; nil: the network alone.
  public var sweep: (key: String, values: [Double])?
  /// Whether to simulate (false: mean-field theory only).
  public var simulate: Bool
  /// Presentations after the learning event for which SNR(t) is computed.
  public var snrTime: Int
  /// Master seed; nil: drawn at run time.
  public var seed: UInt64?
  /// k of the sparse coding level f = k ln(N)/N (`network.f_log_factor`), applied at every N of a
  /// sweep; nil: `network.f` as given.
  public var fLogFactor: Double?
  /// The Amit–Fusi increment I₁ as given (`synapses.I1`); nil: 2C of each sweep point.
  public var amitFusiI1: Double?
  /// The Amit–Fusi increment I₂ as given (`synapses.I2`); nil: −f(1 − f) of each sweep point.
  public var amitFusiI2: Double?
  /// Threads of the simulation (`simulation.threads`; the results do not depend on it).
  public var threads: Int

  /// The keys `sweep.key` accepts.
  public static let sweepKeys = ["C", "r1", "r3", "theta", "N"]

  /// The networks of the sweep, in order (one without a sweep): f = k ln(N)/N at each N when
  /// `network.f_log_factor` is given, and the Amit–Fusi defaults I₁ = 2C, I₂ = −f(1 − f) of each point.
  public var networks: [DoubleWellParameters] {
    (sweep?.values ?? [.nan]).map { value in
      var p = parameters
      switch sweep?.key {
      case "C": p.C = value
      case "r1": p.r1 = value
      case "r3": p.r3 = value
      case "theta": p.theta = value
      case "N": p.N = Int(value)
      default: break
      }
      if let k = fLogFactor { p.f = k * log(Double(p.N)) / Double(p.N) }
      if case .amitFusi = p.rule { p.rule = .amitFusi(i1: amitFusiI1 ?? 2 * p.C, i2: amitFusiI2 ?? -p.f * (1 - p.f)) }
      return p
    }
  }

  /// The protocol for the sweep point `p`: the burn-in follows p.r₁ unless `burn_in` was given.
  public func capacityProtocol(for p: DoubleWellParameters) -> CapacityProtocol {
    var pr = capacityProtocol
    if burnIn == nil { pr.burnIn = CapacityProtocol(r1: p.r1, maxAge: pr.maxAge).burnIn }
    return pr
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.name == b.name && a.parameters == b.parameters && a.capacityProtocol == b.capacityProtocol && a.burnIn == b.burnIn && a.sweep?.key == b.sweep?.key
      && a.sweep?.values == b.sweep?.values && a.simulate == b.simulate && a.snrTime == b.snrTime && a.seed == b.seed
      && a.fLogFactor == b.fLogFactor && a.amitFusiI1 == b.amitFusiI1 && a.amitFusiI2 == b.amitFusiI2 && a.threads == b.threads
  }

  init(reading root: ObjectReader) {
    name = root.string("name", default: "")
    _ = root.string("model")
    let network = root.object("network"), synapses = root.object("synapses"), pr = root.object("protocol")
    let sweepReader = root.object("sweep"), sim = root.object("simulation")
    let N = network?.integer("N", default: 10_000, minimum: 2) ?? 10_000
    let f = network?.number("f", default: 0.5) ?? 0.5
    fLogFactor = network?.raw("f_log_factor") == nil ? nil : network?.number("f_log_factor")
    if let network, network.raw("f") != nil, fLogFactor != nil {
      root.diagnostics.report(network.keyPath("f_log_factor"), formatNumber(fLogFactor!), "not be given together with network.f")
    }
    var p = DoubleWellParameters(
      N: N, c: network?.number("c", default: 0.05) ?? 0.05, f: f, theta: network?.number("theta", default: 0) ?? 0,
      r1: synapses?.number("r1", default: 0.1) ?? 0.1, r2: synapses?.number("r2", default: 1) ?? 1,
      r3: synapses?.number("r3", default: 0) ?? 0, C: synapses?.number("C", default: 2.5) ?? 2.5)
    switch synapses?.string("rule", default: "balanced", choices: ["balanced", "tsodyks_feigelman", "amit_fusi"]) {
    case "tsodyks_feigelman": p.rule = .tsodyksFeigelman
    case "amit_fusi": p.rule = .amitFusi(i1: 2 * p.C, i2: -f * (1 - f))
    default: p.rule = .balanced
    }
    let amitFusi = p.rule != .balanced && p.rule != .tsodyksFeigelman
    amitFusiI1 = amitFusi && synapses?.raw("I1") != nil ? synapses?.number("I1") : nil
    amitFusiI2 = amitFusi && synapses?.raw("I2") != nil ? synapses?.number("I2") : nil
    if let k = fLogFactor { p.f = k * log(Double(N)) / Double(N) }
    parameters = p
    burnIn = pr?.raw("burn_in") == nil ? nil : pr?.integer("burn_in", minimum: 1)
    capacityProtocol = CapacityProtocol(burnIn: burnIn, r1: p.r1, maxAge: pr?.integer("max_age", default: 20, minimum: 1) ?? 20)
    if let pr {
      capacityProtocol.testTimes = pr.integer("test_times", default: 2, minimum: 1)
      capacityProtocol.testInterval = pr.integer("test_interval", default: capacityProtocol.maxAge, minimum: 1)
      capacityProtocol.realizations = pr.integer("realizations", default: 1, minimum: 1)
      capacityProtocol.threshold = pr.number("threshold", default: 0.5)
      capacityProtocol.maxSweeps = pr.integer("max_sweeps", default: 100, minimum: 1)
      capacityProtocol.ageStep = pr.integer("age_step", default: 1, minimum: 1)
      capacityProtocol.initialWeight = pr.number("initial_J", default: 0)
    }
    if let sweepReader {
      let key = sweepReader.string("key", choices: Self.sweepKeys)
      let values = sweepReader.numbers("values")
      if values.isEmpty { root.diagnostics.report(sweepReader.keyPath("values"), "[]", "be a non-empty list of numbers") }
      for (i, v) in values.enumerated() where key == "N" && !(v == v.rounded() && v >= 2 && v < 1e9) {
        root.diagnostics.report(sweepReader.keyPath("values") + "[\(i)]", formatNumber(v), "be a whole number in [2, 10^9) for key N")
      }
      sweep = (key, values)
    } else {
      sweep = nil
    }
    var simulate = true
    if let sim, let value = sim.raw("simulate") {
      if case .bool(let b) = value { simulate = b } else { root.diagnostics.report(sim.keyPath("simulate"), value.rendered, "be true or false") }
    }
    self.simulate = simulate
    snrTime = sim?.integer("snr_time", default: 20, minimum: 0) ?? 20
    seed = sim?.seed("seed")
    threads = sim?.integer("threads", default: availableCores, minimum: 1) ?? availableCores
    if threads > AttractorNetwork.maxThreads {
      root.diagnostics.report(sim!.keyPath("threads"), "\(threads)", "be in 1 ... \(AttractorNetwork.maxThreads)")
    }
    for reader in [network, synapses, pr, sweepReader, sim] { reader?.finish() }
    root.finish()
    // Range problems of every sweep point (each once) and of the protocol, except where reading failed.
    let unreadable = Set(root.diagnostics.problems.map(\.path))
    // Sweep values that did not read (NaN stand-ins) cannot make networks.
    guard !unreadable.contains(where: { $0.hasPrefix("sweep") }) else { return }
    var seen = Set<String>()
    for p in networks {
      if let k = fLogFactor, !(p.f > 0 && p.f < 1) {
        let problem = ParameterError(
          path: "network.f_log_factor", value: k, requirement: "give f = k ln(N)/N in (0, 1) (N = \(p.N): f = \(formatNumber(p.f)))")
        if seen.insert(problem.description).inserted { root.diagnostics.report(problem) }
      }
    }
    for problem in networks.flatMap({ $0.problems() + capacityProtocol(for: $0).problems() })
    where !unreadable.contains(problem.path) && problem.value != "nan" && !(fLogFactor != nil && problem.path == "network.f")
      && seen.insert(problem.description).inserted
    {
      root.diagnostics.report(problem)
    }
  }
}
