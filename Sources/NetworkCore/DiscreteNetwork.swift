import Foundation
import MesoCore

/// A validated `NetworkModel` on its time grid: steps instead of times, and the constants both
/// engines read in their step loops. Built once per run.
public struct DiscreteNetwork: Sendable {
  /// The model discretised.
  public let model: NetworkModel
  /// Δt (s).
  public let dt: Double
  /// Total number of steps, round(duration/Δt).
  public let steps: Int
  /// Steps per recording bin.
  public let stepsPerBin: Int
  /// Recording bins, steps/stepsPerBin (a final partial bin is dropped).
  public let bins: Int
  /// The populations on the time grid, in model order.
  public let populations: [DiscretePopulation]
  /// The connections on the time grid, in model order.
  public let connections: [DiscreteConnection]
  /// One entry per distinct (source population, STP parameters): the connections with STP read
  /// the release of `stpStates[connection.stpState!]`.
  public let stpStates: [(source: Int, synapse: TsodyksMarkram)]
  /// Index in `model.connections` of every STP connection, in order (the columns of `stp_u`, `stp_x`).
  public let stpConnections: [Int]

  /// Discretises a model; throws the first problem of `model.problems()`, or a `ParameterError` on
  /// the key of a time that gives more steps than `ResourceBudget.maxCount` (checked, never trapped).
  public init(_ model: NetworkModel) throws(ParameterError) {
    _ = try model.validated()
    self.model = model
    let dt = model.simulation.dt
    self.dt = dt
    let simulation = model.simulation
    steps = try ResourceBudget.count(simulation.duration / dt, of: "steps of simulation.dt", key: "simulation.duration", value: simulation.duration)
    stepsPerBin = try ResourceBudget.count(
      simulation.recordBin / dt, of: "steps of simulation.dt", key: "simulation.record_bin", value: simulation.recordBin)
    bins = steps / stepsPerBin
    var populations = [DiscretePopulation]()
    for (i, p) in model.populations.enumerated() {
      populations.append(try DiscretePopulation(p, index: i, inputs: model.inputs.filter { $0.to == p.name }, dt: dt))
    }
    self.populations = populations
    var states: [(source: Int, synapse: TsodyksMarkram)] = []
    var discrete: [DiscreteConnection] = []
    for (i, c) in model.connections.enumerated() {
      let source = model.populationIndex(c.from)!, target = model.populationIndex(c.to)!
      var state: Int? = nil
      if let stp = c.stp {
        if let existing = states.firstIndex(where: { $0.source == source && $0.synapse.parameters == stp }) {
          state = existing
        } else {
          states.append((source, TsodyksMarkram(stp, dt: dt)))
          state = states.count - 1
        }
      }
      discrete.append(
        DiscreteConnection(
          source: source, target: target, J: c.J, p: c.p,
          delaySteps: try ResourceBudget.count(c.delay / dt, of: "steps of simulation.dt", key: "connections[\(i)].delay", value: c.delay),
          synapse: SynapticPropagator(tauS: c.tauS, tauM: model.populations[target].tauM, dt: dt), stpState: state,
          meanFieldWeight: c.J * c.p * Double(model.populations[source].N) * model.populations[target].tauM))
    }
    connections = discrete
    stpStates = states
    stpConnections = model.connections.indices.filter { model.connections[$0].stp != nil }
  }

  /// The external drive of population α at time t: μ_α + Σ inputs (mV; Hz for Poisson sources).
  public func drive(_ population: Int, at t: Double) -> Double {
    var total = populations[population].baseDrive
    for input in populations[population].inputs { total += input.value(at: t) }
    return total
  }

  /// The failure of a non-finite value in recorded `trace` (column `column`) of bin `bin`, naming the
  /// population (or the STP connection) and the bin's start time.
  public func nonFiniteFailure(trace: String, column: Int, bin: Int) -> NumericalFailure {
    let owner =
      trace.hasPrefix("stp_") ? "connections[\(stpConnections[column])] (STP)" : "population \(model.populations[column].name)"
    return NumericalFailure(time: Double(bin) * model.simulation.recordBin, what: "\(owner): \(trace) is not finite in the bin starting")
  }

  /// Time at the start of step l (s).
  @inline(__always)
  public func time(step l: Int) -> Double { Double(l) * dt }
}

/// One population on the grid.
public struct DiscretePopulation: Sendable {
  /// The population as the model gives it.
  public let parameters: Population
  /// Number of neurons.
  public let N: Int
  /// Sources (Poisson or given spike trains) rather than GIF neurons: no membrane, no input.
  public let isPoisson: Bool
  /// Given spike trains: per neuron the ascending steps at which it fires (empty otherwise).
  public let spikeSteps: [[Int]]
  /// μ (mV) for GIF neurons, the rate (Hz) for Poisson sources.
  public let baseDrive: Double
  /// Inputs that target this population.
  public let inputs: [ExternalInput]
  /// k_ref = round(t_ref/Δt): a neuron that fired in step s can fire again in step s + k_ref + 1.
  public let refractorySteps: Int
  /// E_m = e^{−Δt/τ_m}.
  public let membraneDecay: Double
  /// The escape rate λ(u) = c·exp((u − u_th)/ΔV).
  public let escape: EscapeNoise
  /// Per threshold-kernel component r: e^{−Δt/τ_r}.
  public let kernelDecay: [Double]
  /// Per component: the jump J_r/τ_r (mV) added at each own spike.
  public let kernelJump: [Double]

  /// Population `index` of the model on the grid; throws when t_ref/Δt exceeds 2³¹ − 2 steps (the
  /// microscopic engine counts refractory steps in 32 bits).
  init(_ p: Population, index: Int, inputs: [ExternalInput], dt: Double) throws(ParameterError) {
    parameters = p
    N = p.N
    self.inputs = inputs
    spikeSteps = try Self.steps(of: p, index: index, dt: dt)
    if p.isSource {
      isPoisson = true
      if case .poisson(let rate) = p.kind { baseDrive = rate } else { baseDrive = 0 }
      refractorySteps = 0
      membraneDecay = 0
      escape = EscapeNoise(lambda0: 1, deltaV: 1)
      kernelDecay = []
      kernelJump = []
      return
    }
    isPoisson = false
    baseDrive = p.mu
    refractorySteps = try ResourceBudget.count(
      p.tRef / dt, of: "steps of simulation.dt", key: "populations[\(index)].t_ref", value: p.tRef, maximum: Int(Int32.max) - 1)
    membraneDecay = exp(-dt / p.tauM)
    escape = EscapeNoise(lambda0: p.lambda0, deltaV: p.deltaV)
    kernelDecay = p.thresholdKernel.map { exp(-dt / $0.tau) }
    kernelJump = p.thresholdKernel.map { $0.J / $0.tau }
  }

  /// The spike steps round(t/Δt) of a spike-train population (empty for other kinds).
  private static func steps(of p: Population, index: Int, dt: Double) throws(ParameterError) -> [[Int]] {
    guard case .spikeTrain(let times) = p.kind else { return [] }
    var steps = [[Int]]()
    for (i, train) in times.enumerated() {
      var row = [Int]()
      for (k, t) in train.enumerated() {
        let key = "populations[\(index)].spike_times[\(i)][\(k)]"
        let step = try ResourceBudget.count(t / dt, of: "steps of simulation.dt", key: key, value: t)
        if let last = row.last, step <= last {
          throw ParameterError(path: key, value: t, requirement: "fall in a later step of simulation.dt than the previous spike (one spike per step)")
        }
        row.append(step)
      }
      steps.append(row)
    }
    return steps
  }

  /// θ(t) = Σ_r (J_r/τ_r) e^{−t/τ_r} (mV) at t = a·Δt.
  public func kernel(age a: Int) -> Double {
    var total = 0.0
    for (r, jump) in kernelJump.enumerated() { total += jump * pow(kernelDecay[r], Double(a)) }
    return total
  }
}

/// One connection on the grid.
public struct DiscreteConnection: Sendable {
  /// Index of the presynaptic population.
  public let source: Int
  /// Index of the postsynaptic population.
  public let target: Int
  /// Delta-PSP jump (mV).
  public let J: Double
  /// Connection probability.
  public let p: Double
  /// D = round(delay/Δt) ≥ 1.
  public let delaySteps: Int
  /// The exact per-step propagator of the postsynaptic current.
  public let synapse: SynapticPropagator
  /// Index into `DiscreteNetwork.stpStates`, or nil for static synapses.
  public let stpState: Int?
  /// w = J·p·N_source·τ_m,target (mV·s), the mesoscopic coupling.
  public let meanFieldWeight: Double
}
