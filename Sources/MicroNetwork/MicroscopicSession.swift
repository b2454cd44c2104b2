import Foundation
import MesoCore
import MicroKernels
import NetworkCore

/// A microscopic simulation that carries on across calls (MicroscopicModel article, "Episodes"):
/// membrane potentials, synaptic filters, delay lines, plasticity traces and weights persist from one
/// `run(steps:)` to the next, and between runs the caller may set per-neuron Poisson rates, switch the
/// plasticity of a connection on or off, and read or rewrite its weights. The step and its order are
/// those of `MicroscopicSimulator`; the network's `simulation.duration` only sizes nothing here (each
/// run gives its own length), and no activity is recorded: a run returns the spike count of every neuron.
///
/// Determinism: the state starts as `MicroscopicSimulator`'s initial condition for `seed`; a sequence
/// of calls gives the same result whatever `micro.threads` (the thread partition runs on one OS thread).
public final class MicroscopicSession {
  /// The network on the time grid.
  public let network: DiscreteNetwork
  /// The master seed.
  public let seed: UInt64
  let engine: Engine
  /// Steps simulated so far (the next step has this index).
  public private(set) var step = 0
  /// The plasticity amplitudes of every plastic layout as built (restored when switched back on).
  private let amplitudes: [[Double]]

  /// Builds the network and sets the initial condition; refuses, before allocating, what
  /// `MicroscopicSimulator` refuses (bad settings, more memory than `memoryLimit`).
  public init(network: DiscreteNetwork, seed: UInt64, memoryLimit: MemoryLimit) throws {
    let plans = try MicroscopicSimulator.plans(network)
    try MicroscopicSimulator.checkSettings(network)
    var budget = try MicroscopicSimulator.resources(network, plans: plans)
    let neurons = network.populations.reduce(0) { $0 + $1.N }
    budget.add("spike counts", key: "populations", count: neurons, bytesEach: 8)
    try budget.check(against: memoryLimit)
    self.network = network
    self.seed = seed
    engine = Engine(network: network, seed: seed, plans: plans)
    engine.resetState()
    amplitudes = engine.plastic.map { layout in
      let k = layout.kernel.pointee
      return [k.lambda, k.alpha_lambda, k.a2_plus, k.a3_plus, k.a2_minus, k.a3_minus]
    }
  }

  /// Time simulated so far (s).
  public var time: Double { Double(step) * network.dt }

  /// Simulates `steps` more steps and returns the spikes of every neuron during them (global ids,
  /// populations in order). Afterwards every plastic weight is up to date (`weights(connection:)`).
  /// Throws a `NumericalFailure` if a membrane potential is not finite at the end, and a
  /// `ParameterError` past 2³⁰ steps in all with plastic connections (the plasticity state's step counter).
  public func run(steps: Int, progress: ((Double) throws -> Void)? = nil) throws -> [Int] {
    guard steps >= 0 else { throw ParameterError(path: "steps", value: Double(steps), requirement: "be >= 0") }
    if !engine.plastic.isEmpty && step + steps >= 1 << 30 {
      throw ParameterError(
        path: "steps", value: Double(steps), requirement: "keep the session below 2^30 steps with plastic connections (now at step \(step))")
    }
    var counts = Array(repeating: 0, count: network.populations.reduce(0) { $0 + $1.N })
    try counts.withUnsafeMutableBufferPointer { buffer in
      try engine.advance(from: step, count: steps, counts: buffer.baseAddress!, progress: progress)
    }
    step += steps
    if let a = engine.nonFinitePopulation() {
      throw NumericalFailure(time: time, what: "population \(network.model.populations[a].name): membrane potential is not finite at the end of the run")
    }
    return counts
  }

  /// Simulates `duration` (s, a whole number of steps dt) more; see `run(steps:)`.
  public func run(duration: Double, progress: ((Double) throws -> Void)? = nil) throws -> [Int] {
    let steps = duration / network.dt
    guard duration >= 0, duration.isFinite, abs(steps - steps.rounded()) <= 1e-9 * max(1, steps) else {
      throw ParameterError(path: "duration", value: duration, requirement: "be >= 0 and a whole number of steps dt = \(network.dt) s")
    }
    return try run(steps: Int(steps.rounded()), progress: progress)
  }

  /// From now on neuron i of Poisson population `population` (index in `network.populations`)
  /// fires at `rates[i]` Hz, instead of the population's rate (one finite value ≥ 0 per neuron).
  public func setPoissonRates(population: Int, _ rates: [Double]) throws(ParameterError) {
    let name = "populations[\(population)]"
    guard network.populations.indices.contains(population), network.populations[population].isPoisson,
      network.populations[population].spikeSteps.isEmpty
    else { throw ParameterError(path: name, value: Double(population), requirement: "be a Poisson population") }
    guard rates.count == network.populations[population].N else {
      throw ParameterError(path: "\(name).rates", value: Double(rates.count), requirement: "hold one rate per neuron (\(network.populations[population].N))")
    }
    if let bad = rates.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
      throw ParameterError(path: "\(name).rates[\(bad)]", value: rates[bad], requirement: "be finite and >= 0 Hz")
    }
    engine.setPoissonRates(population: population, rates)
  }

  /// Switches the weight changes of plastic connection `connection` (index in `network.connections`)
  /// on or off. Off, the traces still follow the spikes (a warm-up thermalises them) but no weight
  /// changes: every potentiation pending at the switch is applied first with the old setting, then
  /// the rule's amplitudes are 0 (exactly: w + 0 and w − 0) until it is switched on again.
  public func setPlasticity(connection: Int, enabled: Bool) throws(ParameterError) {
    let k = try plasticIndex(connection)
    engine.flush(before: step, everything: true)
    let a = amplitudes[k], on = enabled ? 1.0 : 0.0
    let kernel = engine.plastic[k].kernel
    kernel.pointee.lambda = on * a[0]
    kernel.pointee.alpha_lambda = on * a[1]
    kernel.pointee.a2_plus = on * a[2]
    kernel.pointee.a3_plus = on * a[3]
    kernel.pointee.a2_minus = on * a[4]
    kernel.pointee.a3_minus = on * a[5]
  }

  /// The synapses of a plastic connection in storage order: those of source j are
  /// `offsets[j] ..< offsets[j + 1]`, with targets `targets[s]` (indices in the target population).
  public func synapses(connection: Int) throws(ParameterError) -> (offsets: [Int], targets: [Int]) {
    let k = try plasticIndex(connection)
    let lists = engine.connections[engine.plastic[k].connection].lists!
    let sources = network.populations[network.connections[connection].source].N
    return ((0...sources).map { lists.offsets[$0] }, (0..<lists.count).map { lists[$0] })
  }

  /// Reads and may rewrite, in place, the weights of plastic connection `connection` (storage order
  /// of `synapses(connection:)`, mV), as they are after the last step. New values must lie in
  /// [w_min, w_max] of the rule (they are clipped to it when `body` returns).
  public func withWeights<R>(connection: Int, _ body: (UnsafeMutableBufferPointer<Double>) throws -> R) throws -> R {
    let k = try plasticIndex(connection)
    let layout = engine.plastic[k]
    let count = engine.connections[layout.connection].lists!.count
    let buffer = UnsafeMutableBufferPointer(start: layout.weights, count: count)
    defer {
      let rule = engine.rule(layout)
      for s in 0..<count { buffer[s] = min(max(buffer[s], rule.wMin), rule.wMax) }
    }
    return try body(buffer)
  }

  /// A copy of the weights of plastic connection `connection` (see `withWeights`).
  public func weights(connection: Int) throws -> [Double] { try withWeights(connection: connection) { Array($0) } }

  /// The index of the plastic layout of connection c, or a `ParameterError`.
  private func plasticIndex(_ c: Int) throws(ParameterError) -> Int {
    guard engine.connections.indices.contains(c), engine.connections[c].plastic >= 0 else {
      throw ParameterError(path: "connections[\(c)]", value: Double(c), requirement: "be a plastic connection with stored synapses")
    }
    return engine.connections[c].plastic
  }
}
