import MesoCore
import RateModels

extension RateModelConfiguration {
  /// A rate-model configuration built in code: `model` integrated as `simulation` says, its noise
  /// (if any) drawn from the master `seed` (nil: drawn at run time).
  public init(name: String = "", model: RateModelSpec, simulation: RateSimulationSettings, seed: UInt64? = nil) {
    self.name = name
    self.model = model
    self.simulation = simulation
    self.seed = seed
  }

  /// The configuration tree (`model:`, `parameters:`, `simulation:`) that `Configuration(document:)`
  /// reads back to an equal value. The ODE driver's `initialStep` and `maxSteps` have no keys:
  /// a configuration always carries their defaults.
  public var configValue: ConfigValue {
    var simulation: [String: ConfigValue] = [
      "duration": .number(self.simulation.duration), "record_bin": .number(self.simulation.recordBin),
      "solver": .string(self.simulation.ode.stepper.rawValue), "abs_tol": .number(self.simulation.ode.absTol),
      "rel_tol": .number(self.simulation.ode.relTol),
    ]
    if let noise = self.simulation.noise {
      simulation["noise"] = .object(["sigma": .number(noise.sigma), "scheme": .string(noise.scheme.rawValue), "dt": .number(noise.dt)])
    }
    if let seed { simulation["seed"] = ConfigValue(seed: seed) }
    return .object(["name": .string(name), "model": .string(model.configName), "parameters": model.parameterValue, "simulation": .object(simulation)])
  }
}

extension RateModelSpec {
  /// The `model:` name of the configuration.
  var configName: String {
    switch self {
    case .rateNetwork: "rate_network"
    case .wilsonCowan: "wilson_cowan"
    case .wilsonCowan1972: "wilson_cowan_1972"
    case .ctrnn: "ctrnn"
    case .winnerTakeAll: "winner_take_all"
    }
  }

  /// The `parameters:` mapping, in the configuration's keys.
  var parameterValue: ConfigValue {
    func list(_ x: [Double]) -> ConfigValue { .array(x.map { .number($0) }) }
    func matrix(_ rows: [[Double]]) -> ConfigValue { .array(rows.map(list)) }
    switch self {
    case .rateNetwork(let p):
      var keys: [String: ConfigValue] = [
        "tau": list(p.tau), "W": matrix(p.W), "I": list(p.I), "activation": p.activation.configValue, "r0": list(p.r0),
      ]
      if let rule = p.plasticity { keys["plasticity"] = .object(["eta": .number(rule.eta), "alpha": .number(rule.alpha), "dt": .number(rule.dt)]) }
      return .object(keys)
    case .wilsonCowan(let p):
      return .object([
        "tau_E": .number(p.tauE), "tau_I": .number(p.tauI), "w_EE": .number(p.wEE), "w_EI": .number(p.wEI), "w_IE": .number(p.wIE),
        "w_II": .number(p.wII), "I_E": .number(p.IE), "I_I": .number(p.II), "activation": p.activation.configValue,
        "r0": list([p.rE0, p.rI0]),
      ])
    case .wilsonCowan1972(let p):
      return .object([
        "c1": .number(p.c1), "c2": .number(p.c2), "c3": .number(p.c3), "c4": .number(p.c4), "a_e": .number(p.aE),
        "theta_e": .number(p.thetaE), "a_i": .number(p.aI), "theta_i": .number(p.thetaI), "r_e": .number(p.rE),
        "r_i": .number(p.rI), "P": .number(p.P), "Q": .number(p.Q), "tau": .number(p.tau), "r0": list([p.E0, p.I0]),
      ])
    case .ctrnn(let p):
      return .object(["tau": list(p.tau), "W": matrix(p.W), "theta": list(p.theta), "I": list(p.I), "y0": list(p.y0)])
    case .winnerTakeAll(let p):
      return .object(["tau": .number(p.tau), "w": .number(p.w), "I": list(p.I), "r0": list(p.r0)])
    }
  }
}

extension Activation {
  /// `tanh`, `relu`, `linear`, or `{kind: sigmoid, r_max, beta, theta}`.
  var configValue: ConfigValue {
    switch self {
    case .tanh: .string("tanh")
    case .relu: .string("relu")
    case .linear: .string("linear")
    case .sigmoid(let rMax, let beta, let theta):
      .object(["kind": .string("sigmoid"), "r_max": .number(rMax), "beta": .number(beta), "theta": .number(theta)])
    }
  }
}
