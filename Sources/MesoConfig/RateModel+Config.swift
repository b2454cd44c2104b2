import GSLBridge
import MesoCore
import RateModels
import SDESolvers

/// A rate-model configuration (`model:` at the top level; keys in the ConfigurationReference article): the model with its
/// parameters, how to integrate it, and the seed of its noise.
public struct RateModelConfiguration: Equatable, Sendable {
  /// Free text.
  public var name: String
  /// The model and its parameters.
  public var model: RateModelSpec
  /// Duration, recording grid, ODE driver and noise.
  public var simulation: RateSimulationSettings
  /// Master seed; nil: drawn at run time.
  public var seed: UInt64?

  /// The configuration names of the models.
  public static let modelNames = ["rate_network", "wilson_cowan", "wilson_cowan_1972", "ctrnn", "winner_take_all"]

  init(reading root: ObjectReader) {
    name = root.string("name", default: "")
    let modelName = root.string("model", choices: Self.modelNames)
    let parameters = root.object("parameters", required: true)
    let sim = root.object("simulation", required: true)
    simulation = RateSimulationSettings(reading: sim)
    seed = sim?.seed("seed")
    sim?.finish()
    // Range checks of the parameters whenever they were read without a problem, whatever else is wrong.
    let problemsBefore = root.diagnostics.problems.count
    model = parameters.map { RateModelSpec(named: modelName, reading: $0) } ?? .winnerTakeAll(WinnerTakeAllParameters())
    if let parameters {
      parameters.finish()
      if parameters.diagnostics.problems.count == problemsBefore {
        do throws(ParameterError) { try model.validate() } catch { parameters.diagnostics.report(error.prefixed("parameters")) }
      }
    }
    /// Reports `key` unless its step `dt` divides the recording bin.
    func requireDividesRecordBin(_ key: String, _ dt: Double) {
      let ratio = simulation.recordBin / dt
      guard simulation.recordBin > 0, dt > 0, abs(ratio - ratio.rounded()) > 1e-9 * ratio else { return }
      root.diagnostics.report(key, formatNumber(dt), "divide simulation.record_bin = \(formatNumber(simulation.recordBin)) s")
    }
    if case .rateNetwork(let p) = model, let rule = p.plasticity {
      requireDividesRecordBin("parameters.plasticity.dt", rule.dt)
      if let noise = simulation.noise {
        root.diagnostics.report("simulation.noise.sigma", formatNumber(noise.sigma), "be 0 with parameters.plasticity")
      }
    }
    if let noise = simulation.noise { requireDividesRecordBin("simulation.noise.dt", noise.dt) }
    root.finish()
  }
}

extension RateSimulationSettings {
  /// Reads `simulation:` of a rate configuration (`seed` is read by the caller).
  init(reading r: ObjectReader?) {
    guard let r else {
      self.init(duration: .nan, recordBin: .nan)
      return
    }
    let duration = r.number("duration", .time), bin = r.number("record_bin", .time)
    let solver = r.string("solver", default: ODEStepper.rkf45.rawValue, choices: ODEStepper.allCases.map(\.rawValue))
    let ode = ODEOptions(
      stepper: ODEStepper(rawValue: solver) ?? .rkf45, absTol: r.number("abs_tol", default: 1e-8),
      relTol: r.number("rel_tol", default: 1e-8))
    var noise: Noise?
    if let n = r.object("noise") {
      let sigma = n.number("sigma", default: 0)
      let scheme = n.string("scheme", default: SDEScheme.eulerMaruyama.rawValue, choices: SDEScheme.allCases.map(\.rawValue))
      let dt = n.number("dt", .time, default: 1e-4)
      n.finish()
      for (key, value) in [("sigma", sigma), ("dt", dt)] where !(value >= 0) || (key == "dt" && value == 0) {
        r.diagnostics.report(n.keyPath(key), formatNumber(value), key == "dt" ? "be > 0 s" : "be >= 0")
      }
      if sigma > 0 { noise = Noise(sigma: sigma, scheme: SDEScheme(rawValue: scheme) ?? .eulerMaruyama, dt: dt) }
    }
    for (key, value, unit) in [("duration", duration, " s"), ("record_bin", bin, " s"), ("abs_tol", ode.absTol, ""), ("rel_tol", ode.relTol, "")]
    where !(value > 0) && !value.isNaN {
      r.diagnostics.report(r.keyPath(key), formatNumber(value), "be > 0" + unit)
    }
    if duration > 0, bin > 0, duration < bin {
      r.diagnostics.report(r.keyPath("duration"), formatNumber(duration), "be >= simulation.record_bin = \(formatNumber(bin)) s (a shorter run records nothing)")
    }
    self.init(duration: duration, recordBin: bin, ode: ode, noise: noise)
  }
}

extension RateModelSpec {
  /// Reads `parameters:` for the model called `name`.
  init(named name: String, reading r: ObjectReader) {
    switch name {
    case "rate_network":
      let W = r.matrix("W")
      let n = W.count
      self = .rateNetwork(
        RateNetworkParameters(
          tau: r.perUnit("tau", .time, count: n), W: W, I: r.numbers("I", default: Array(repeating: 0, count: n)),
          activation: r.activation("activation"), r0: r.numbers("r0", default: Array(repeating: 0, count: n)),
          plasticity: r.object("plasticity").map(HebbianDecayRule.init(reading:))))
    case "wilson_cowan":
      let r0 = r.pair("r0")
      self = .wilsonCowan(
        WilsonCowanParameters(
          tauE: r.number("tau_E", .time), tauI: r.number("tau_I", .time), wEE: r.number("w_EE"), wEI: r.number("w_EI"),
          wIE: r.number("w_IE"), wII: r.number("w_II"), IE: r.number("I_E", default: 0), II: r.number("I_I", default: 0),
          activation: r.activation("activation"), rE0: r0.first ?? .nan, rI0: r0.dropFirst().first ?? .nan))
    case "wilson_cowan_1972":
      let r0 = r.pair("r0")
      self = .wilsonCowan1972(
        WilsonCowan1972Parameters(
          c1: r.number("c1"), c2: r.number("c2"), c3: r.number("c3"), c4: r.number("c4"), aE: r.number("a_e"),
          thetaE: r.number("theta_e"), aI: r.number("a_i"), thetaI: r.number("theta_i"), rE: r.number("r_e", default: 1),
          rI: r.number("r_i", default: 1), P: r.number("P"), Q: r.number("Q", default: 0), tau: r.number("tau", .time),
          E0: r0.first ?? .nan, I0: r0.dropFirst().first ?? .nan))
    case "ctrnn":
      let W = r.matrix("W")
      let n = W.count
      self = .ctrnn(
        CTRNNParameters(
          tau: r.perUnit("tau", .time, count: n), W: W, theta: r.numbers("theta", default: Array(repeating: 0, count: n)),
          I: r.numbers("I", default: Array(repeating: 0, count: n)), y0: r.numbers("y0", default: Array(repeating: 0, count: n))))
    default:  // winner_take_all
      let I = r.numbers("I")
      self = .winnerTakeAll(
        WinnerTakeAllParameters(
          tau: r.number("tau", .time), w: r.number("w"), I: I, r0: r.numbers("r0", default: Array(repeating: 0, count: I.count))))
    }
  }

  /// Checks the parameters of whichever model this is.
  func validate() throws(ParameterError) {
    switch self {
    case .rateNetwork(let p): _ = try p.validated()
    case .wilsonCowan(let p): _ = try p.validated()
    case .wilsonCowan1972(let p): _ = try p.validated()
    case .ctrnn(let p): _ = try p.validated()
    case .winnerTakeAll(let p): _ = try p.validated()
    }
  }
}

extension HebbianDecayRule {
  /// Reads `parameters.plasticity:` of a `rate_network` (`eta` in 1/s, `alpha`, `dt` in s).
  init(reading r: ObjectReader) {
    self.init(eta: r.number("eta", .rate), alpha: r.number("alpha"), dt: r.number("dt", .time))
    r.finish()
  }
}

extension ObjectReader {
  /// Two numbers (the initial state of a two-population model), [0, 0] when absent.
  func pair(_ key: String) -> [Double] {
    let values = numbers(key, default: [0, 0])
    guard values.count == 2 else {
      diagnostics.report(keyPath(key), raw(key)?.rendered ?? "", "have 2 entries (excitatory, inhibitory), not \(values.count)")
      return [.nan, .nan]
    }
    return values
  }

  /// A time constant given once for all units or once per unit.
  func perUnit(_ key: String, _ unit: Dimension, count: Int) -> [Double] {
    if case .array(let items)? = raw(key) { return numbers(.array(items), at: keyPath(key), unit) }
    return Array(repeating: number(key, unit), count: count)
  }

  /// `tanh`, `relu`, `linear`, `sigmoid`, or `{kind: sigmoid, r_max: 1, beta: 1, theta: 0}`.
  func activation(_ key: String) -> Activation {
    let kinds = ["tanh", "sigmoid", "relu", "linear"]
    if case .object? = raw(key), let a = object(key) {
      defer { a.finish() }
      let kind = a.string("kind", choices: kinds)
      guard kind == "sigmoid" else { return Activation(simpleName: kind) }
      return .sigmoid(rMax: a.number("r_max", default: 1), beta: a.number("beta", default: 1), theta: a.number("theta", default: 0))
    }
    let name = string(key, default: "tanh", choices: kinds)
    return name == "sigmoid" ? .sigmoid(rMax: 1, beta: 1, theta: 0) : Activation(simpleName: name)
  }
}

extension Activation {
  fileprivate init(simpleName: String) {
    switch simpleName {
    case "relu": self = .relu
    case "linear": self = .linear
    default: self = .tanh
    }
  }
}
