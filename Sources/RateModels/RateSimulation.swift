import GSLBridge
import MesoCore
import SDESolvers

/// How a rate model is integrated and recorded.
public struct RateSimulationSettings: Equatable, Sendable {
  /// Simulated time (s).
  public var duration: Double
  /// Output grid spacing (s): the state is recorded at t_k = k·record_bin, k = 0 … B−1, B = round(duration/record_bin).
  public var recordBin: Double
  /// GSL stepper and tolerances for the deterministic equations.
  public var ode: ODEOptions
  /// Additive noise; when present (σ > 0) the model is integrated as an SDE with fixed steps.
  public var noise: Noise?

  /// dX_i = f_i dt + σ dW_i, integrated with `scheme` at step `dt` (s), a divisor of `recordBin`.
  public struct Noise: Equatable, Sendable {
    /// σ, in state units per √s.
    public var sigma: Double
    /// The SDE scheme.
    public var scheme: SDEScheme
    /// Fixed step (s).
    public var dt: Double
    /// Noise of amplitude `sigma` (state units/√s), integrated with `scheme` at step `dt` (s).
    public init(sigma: Double, scheme: SDEScheme = .eulerMaruyama, dt: Double = 1e-4) {
      self.sigma = sigma
      self.scheme = scheme
      self.dt = dt
    }
  }

  /// Integrate for `duration` (s), record every `recordBin` (s), with the adaptive driver `ode`,
  /// or as an SDE when `noise` is given.
  public init(duration: Double, recordBin: Double, ode: ODEOptions = ODEOptions(), noise: Noise? = nil) {
    self.duration = duration
    self.recordBin = recordBin
    self.ode = ode
    self.noise = noise
  }

  /// Number of recorded samples B = round(duration/record_bin), checked: a `ParameterError` on
  /// `simulation.duration` when it exceeds `ResourceBudget.maxCount`.
  public func samples() throws(ParameterError) -> Int {
    try ResourceBudget.count(duration / recordBin, of: "samples of simulation.record_bin", key: "simulation.duration", value: duration)
  }

  /// SDE steps per sample, round(record_bin/noise.dt) (0 without noise), checked likewise, with
  /// their total over the run.
  public func noiseStepsPerSample() throws(ParameterError) -> Int {
    guard let noise, noise.sigma > 0 else { return 0 }
    let perSample = try ResourceBudget.count(recordBin / noise.dt, of: "steps of simulation.noise.dt", key: "simulation.noise.dt", value: noise.dt)
    let (total, overflow) = perSample.multipliedReportingOverflow(by: try samples())
    guard !overflow, total <= ResourceBudget.maxCount else {
      throw ParameterError(
        path: "simulation.noise.dt", value: noise.dt, requirement: "give at most \(ResourceBudget.maxCount) steps in simulation.duration")
    }
    return perSample
  }

  /// What a run of a model with `dimension` state variables allocates: the recording of B samples
  /// × dimension values (blamed on `simulation.duration`) and the integrator's work arrays.
  public func resources(dimension: Int) throws(ParameterError) -> ResourceBudget {
    _ = try noiseStepsPerSample()
    var budget = ResourceBudget()
    budget.addRecording(bins: try samples(), columns: dimension)
    budget.add("integrator work arrays", key: "parameters", count: dimension, times: 16, bytesEach: 8)
    return budget
  }
}

/// One of the rate models with its parameters, as a configuration names it.
public enum RateModelSpec: Equatable, Sendable {
  /// `rate_network`: τ_i dr_i/dt = −r_i + F(Σ_j W_ij r_j + I_i).
  case rateNetwork(RateNetworkParameters)
  /// `wilson_cowan`: the E–I pair with one activation function.
  case wilsonCowan(WilsonCowanParameters)
  /// `wilson_cowan_1972`: the original model with refractory factors (Wilson & Cowan 1972).
  case wilsonCowan1972(WilsonCowan1972Parameters)
  /// `ctrnn`: the continuous-time recurrent network of Beer (1995).
  case ctrnn(CTRNNParameters)
  /// `winner_take_all`: threshold-linear units with mutual inhibition.
  case winnerTakeAll(WinnerTakeAllParameters)

  /// Number of state variables (n + n² for a rate network with plasticity: the rates and W).
  public var dimension: Int {
    switch self {
    case .rateNetwork(let p): p.tau.count + (p.plasticity == nil ? 0 : p.tau.count * p.tau.count)
    case .wilsonCowan, .wilsonCowan1972: 2
    case .ctrnn(let p): p.tau.count
    case .winnerTakeAll(let p): p.I.count
    }
  }

  /// Simulates the model: output `r` (B, n), the state on the recording grid.
  /// `seed` drives the noise stream (purpose `.noise`); it is unused without noise. Refuses, before
  /// allocating, a run whose `settings.resources(dimension:)` exceed `memoryLimit`. Throws `GSLError`
  /// or `NumericalFailure` with the time of a numerical failure.
  public func simulate(
    _ settings: RateSimulationSettings, seed: UInt64, memoryLimit: MemoryLimit = .machine(), progress: ((Double) throws -> Void)? = nil
  ) throws -> Recording {
    try settings.resources(dimension: dimension).check(against: memoryLimit)
    let sigma = settings.noise?.sigma ?? 0
    switch self {
    case .rateNetwork(let p):
      if let rule = p.plasticity {
        guard sigma == 0 else {
          throw ParameterError(path: "simulation.noise.sigma", value: sigma, requirement: "be 0 with parameters.plasticity (no noisy plastic runs)")
        }
        return try simulateHebbian(p, rule: rule, settings, progress: progress)
      }
      return try RateModels.simulate(RateNetwork(p, noise: sigma), settings, seed: seed, progress: progress)
    case .wilsonCowan(let p): return try RateModels.simulate(WilsonCowan(p, noise: sigma), settings, seed: seed, progress: progress)
    case .wilsonCowan1972(let p):
      return try RateModels.simulate(WilsonCowan1972(p, noise: sigma), settings, seed: seed, progress: progress)
    case .ctrnn(let p): return try RateModels.simulate(CTRNN(p, noise: sigma), settings, seed: seed, progress: progress)
    case .winnerTakeAll(let p): return try RateModels.simulate(WinnerTakeAll(p, noise: sigma), settings, seed: seed, progress: progress)
    }
  }
}

/// Integrates `model` from its initial state and records it every `recordBin`: with GSL's adaptive
/// `odeiv2` driver when there is no noise, with the SDE scheme at fixed steps otherwise.
/// `progress` receives the fraction simulated after every sample.
public func simulate<Model: RateModel>(
  _ model: Model, _ settings: RateSimulationSettings, seed: UInt64, progress: ((Double) throws -> Void)? = nil
) throws -> Recording {
  let samples = try settings.samples()
  var x = model.initialState
  var values = [Double]()
  values.reserveCapacity(samples * x.count)
  if let noise = settings.noise, noise.sigma > 0 {
    var integrator = SDEIntegrator(model, scheme: noise.scheme)
    var random = RandomStream(master: seed, purpose: .noise)
    let stepsPerSample = try settings.noiseStepsPerSample()
    for k in 0..<samples {
      let t = Double(k) * settings.recordBin
      if k > 0 { integrator.advance(&x, time: t - settings.recordBin, dt: noise.dt, steps: stepsPerSample, random: &random) }
      guard x.allSatisfy(\.isFinite) else {
        throw NumericalFailure(time: t, what: "SDE integration (\(noise.scheme.rawValue)) reached a non-finite state")
      }
      values.append(contentsOf: x)
      try progress?(Double(k + 1) / Double(samples))
    }
  } else {
    let integrator = try ODEIntegrator(model, options: settings.ode)
    var t = 0.0
    for k in 0..<samples {
      if k > 0 { try integrator.advance(&x, time: &t, to: Double(k) * settings.recordBin) }
      guard x.allSatisfy(\.isFinite) else {
        throw NumericalFailure(time: t, what: "ODE integration (\(settings.ode.stepper.rawValue)) reached a non-finite state")
      }
      values.append(contentsOf: x)
      try progress?(Double(k + 1) / Double(samples))
    }
  }
  let times = (0..<samples).map { Double($0) * settings.recordBin }
  return Recording(time: times, traces: [Trace(name: "r", unit: "1", columns: model.dimension, values: values)])
}
