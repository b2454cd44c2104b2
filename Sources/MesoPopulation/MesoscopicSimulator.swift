import Foundation
import GSLBridge
import MesoCore
import NetworkCore

/// The mesoscopic population equations of Schwalger, Deger & Gerstner (2017) for a network of GIF
/// populations (PopulationEquations article, Eqs. 1–5): per step, the inputs of all populations from their delay
/// lines, then every population's expected spike count n̄ from its history (§3.5), a draw of n
/// (§3.6), and the new activities pushed into the delay lines (§3.8). With `forcing`, the counts are
/// the observed ones instead of draws (``TeacherForcing``).
public struct MesoscopicSimulator: NetworkEngine {
  /// The network on the time grid.
  public let network: DiscreteNetwork
  /// History length K of each GIF population (0 for Poisson sources).
  public let historyLengths: [Int]
  private let histories: [PopulationHistory?]
  /// The activity line of each population (lines 0 ..< M), then the release line Ã of each STP
  /// state (lines M + k).
  private let lines: DelayLines
  /// The synaptic filters, fused per (line, delay, τ_s), and the connections reading them.
  private let filters: SynapticFilters
  /// Per STP state of `network.stpStates`: its mean field.
  private var releases: [ReleaseMeanField]
  /// STP states released from the population history instead (`meso.variant: history`), by state index.
  private var historyReleases: [ReleaseHistory?]
  /// The STP states released from the history of each population (indices into `historyReleases`).
  private let historyStates: [[Int]]
  /// Per population: N, 1 − E_m, and whether it has time-dependent inputs.
  private let sizes: [Double]
  private let driveGains: [Double]
  private let hasInputs: [Bool]
  /// Spike count of every population in the current step.
  private var lastCounts: [Double]
  private var random: RandomStream
  /// Observed counts replacing the draws, and the expected counts of the forced run; nil: drawn.
  public private(set) var forcing: TeacherForcing?
  private var recorder: ActivityRecorder
  private var step = 0

  /// Builds the population states; refuses, before allocating, a network with LIF populations (no
  /// population equations exist for them) or whose histories, delay lines and recording
  /// (`resources(_:)`) exceed `memoryLimit`.
  public init(network: DiscreteNetwork, seed: UInt64, memoryLimit: MemoryLimit) throws {
    try self.init(network: network, seed: seed, memoryLimit: memoryLimit, forcing: nil)
  }

  /// The engine as `init(network:seed:memoryLimit:)` builds it; with `forcing` (one row per step of
  /// the network, one column per population) every count is the observed one and STP releases carry no noise.
  public init(network: DiscreteNetwork, seed: UInt64, memoryLimit: MemoryLimit, forcing: TeacherForcing?) throws {
    precondition(
      forcing.map { $0.steps == network.steps && $0.populations == network.populations.count } ?? true,
      "teacher forcing: counts of \(forcing!.steps) steps × \(forcing!.populations) populations for a network of \(network.steps) × \(network.populations.count)")
    self.network = network
    self.forcing = forcing
    let (budget, lengths) = try Self.plan(network)
    try budget.check(against: memoryLimit)
    historyLengths = lengths
    histories = zip(network.populations, lengths).map { p, K in
      p.isPoisson ? nil : PopulationHistory(p, K: K, dt: network.dt, hazard: network.model.meso.hazard)
    }
    // Each source's line: long enough for its longest outgoing delay; the initial volley
    // (all N neurons fired "at step −1") is an activity of 1/Δt.
    let M = network.populations.count
    var maxDelays = network.populations.indices.map { β in network.connections.filter { $0.source == β }.map(\.delaySteps).max() ?? 1 }
    var initial = network.populations.map { $0.isPoisson ? 0 : 1 / network.dt }
    random = RandomStream(master: seed, purpose: .dynamics)
    // STP: the initial volley passes through the synapses like any other spikes.
    // Poisson sources fire independently of their synapses' state: the mean field is exact in its
    // Poisson assumption there, so the history variant uses MF2 for them.
    releases = network.stpStates.map { state in
      let variant = network.model.meso.variant
      let poisson = network.populations[state.source].isPoisson
      return ReleaseMeanField(
        state.synapse, variant: variant == .history && poisson ? .secondOrder : variant, N: network.populations[state.source].N,
        dt: network.dt, noise: forcing == nil)
    }
    var historyReleases = [ReleaseHistory?](repeating: nil, count: network.stpStates.count)
    for (k, state) in network.stpStates.enumerated() {
      let source = network.populations[state.source]
      maxDelays.append(network.connections.filter { $0.stpState == k }.map(\.delaySteps).max() ?? 1)
      var volley = source.isPoisson ? 0 : releases[k].release(spikes: Double(source.N), random: &random)
      if network.model.meso.variant == .history, let history = histories[state.source] {
        guard !state.synapse.parameters.facilitates else {
          let c = network.connections.firstIndex { $0.stpState == k }!
          throw ParameterError(
            path: "connections[\(c)].stp.tau_F", value: state.synapse.parameters.tauF,
            requirement: "be 0 (no facilitation) with meso.variant = history")
        }
        let release = ReleaseHistory(state.synapse, history: history, dt: network.dt)
        volley = release.initialActivity
        historyReleases[k] = release
      }
      initial.append(volley)
    }
    self.historyReleases = historyReleases
    historyStates = network.populations.indices.map { α in
      historyReleases.indices.filter { historyReleases[$0] != nil && network.stpStates[$0].source == α }
    }
    lines = DelayLines(maxDelays: maxDelays, initial: initial)
    filters = SynapticFilters(network) { c in network.connections[c].stpState.map { M + $0 } ?? network.connections[c].source }
    sizes = network.populations.map { Double($0.N) }
    driveGains = network.populations.map { 1 - $0.membraneDecay }
    hasInputs = network.populations.map { !$0.inputs.isEmpty }
    lastCounts = Array(repeating: 0, count: M)
    recorder = ActivityRecorder(network: network, recordsExpected: true)
  }

  /// Everything `init` allocates, by key: the history of each population (9 arrays of K steps), the
  /// delay lines of activities and releases, and the recording. Throws when a count does not fit
  /// (`ResourceBudget.count`) or N exceeds the 2³² − 1 trials of GSL's binomial draws.
  public static func resources(_ network: DiscreteNetwork) throws(ParameterError) -> ResourceBudget { try plan(network).budget }

  private static func plan(_ network: DiscreteNetwork) throws(ParameterError) -> (budget: ResourceBudget, lengths: [Int]) {
    try refuseMicroscopicOnly(network.model)
    var budget = ResourceBudget()
    var lengths = [Int]()
    let requested = network.model.meso.history
    for (i, p) in network.populations.enumerated() {
      if p.parameters.lif != nil {
        throw ParameterError(
          path: "populations[\(i)].neuron", value: p.parameters.neuronName,
          requirement: "be gif for the mesoscopic engine (--level meso, compare): population equations exist for escape-noise GIF neurons only, none for hard-threshold LIF neurons; run this network with --level micro")
      }
      guard p.N <= Int(UInt32.max) else {
        throw ParameterError(path: "populations[\(i)].N", value: Double(p.N), requirement: "be <= \(UInt32.max) for the mesoscopic engine")
      }
      let K = p.isPoisson ? 0 : try historyLength(p, index: i, dt: network.dt, requested: requested)
      lengths.append(K)
      // K is 5·τ_m/Δt, or longer when the threshold kernel is still large then (both grow as Δt shrinks).
      let set = p.isPoisson || Double(K) <= 5 * p.parameters.tauM / network.dt + 1 ? "populations[\(i)].tau_m" : "simulation.dt"
      let key = requested == nil ? set : "meso.history"
      budget.add("history of \(p.parameters.name) (K = \(K) steps)", key: key, count: K, bytesEach: 9 * 8)
    }
    for (c, connection) in network.connections.enumerated() {
      // At most one activity line and one release line per connection, each of D slots.
      budget.add("delay lines of \(connection.delaySteps) steps", key: "connections[\(c)].delay", count: connection.delaySteps, times: 2, bytesEach: 8)
    }
    budget.addRecording(bins: network.bins, columns: 3 * network.populations.count + 2 * network.stpConnections.count)
    return (budget, lengths)
  }

  public mutating func run(progress: ((Double) throws -> Void)? = nil) throws -> Recording {
    let total = network.steps
    let report = max(1, total / 200)
    while step < total {
      try advance()
      if let progress, step % report == 0 || step == total { try progress(Double(step) / Double(total)) }
    }
    return recorder.recording()
  }

  /// One step of the whole network.
  mutating func advance() throws {
    let t = network.time(step: step)
    // 1. Inputs of all populations from the delay lines (D ≥ 1: no population sees this step's spikes).
    filters.step(lines: lines)
    // 2.–3. Every population's expected count, a draw, the new bin, the delay line.
    for α in 0..<sizes.count {
      let drive = hasInputs[α] ? network.drive(α, at: t) : network.populations[α].baseDrive
      let N = sizes[α]
      let expected: Double
      if let history = histories[α] {
        expected = history.expectedSpikes(increment: drive * driveGains[α] + filters.increments[α])
      } else {
        expected = N * firingProbability(integratedRate: max(drive, 0) * network.dt)
      }
      guard expected.isFinite else {
        throw NumericalFailure(time: t, what: "population \(network.populations[α].parameters.name): expected spike count is not finite")
      }
      // The one point where a population's count n is decided.
      let n = forcing == nil ? draw(expected: expected, N: Int(N)) : forcing!.count(step: step, population: α, expected: expected)
      if !historyStates[α].isEmpty {
        for k in historyStates[α] {
          lines.push(historyReleases[k]!.release(spikes: n, history: histories[α]!), line: sizes.count + k)
        }
      }
      histories[α]?.commit(spikes: n)
      lastCounts[α] = n
      lines.push(n / (N * network.dt), line: α)
      recorder.record(population: α, spikes: n, expected: expected, input: filters.inputs[α])
    }
    // 4. STP of every source and parameter set, driven by this step's count (§4.7).
    for k in releases.indices where historyReleases[k] == nil {
      let n = lastCounts[network.stpStates[k].source]
      lines.push(releases[k].release(spikes: n, random: &random), line: sizes.count + k)
    }
    for (column, c) in network.stpConnections.enumerated() {
      let k = network.connections[c].stpState!
      if let history = historyReleases[k] {
        let synapse = network.stpStates[k].synapse.parameters
        let p = lastCounts[network.stpStates[k].source] / Double(network.populations[network.stpStates[k].source].N)
        recorder.recordSTP(column: column, u: synapse.U0 + p * (synapse.U - synapse.U0), x: history.recordedX)
      } else {
        recorder.recordSTP(column: column, u: releases[k].recordedU, x: releases[k].recordedX)
      }
    }
    recorder.endStep()
    step += 1
    if let bin = recorder.closedBin, let bad = recorder.nonFinite(bin: bin) {
      throw network.nonFiniteFailure(trace: bad.trace, column: bad.column, bin: bin)
    }
  }

  /// n from n̄ (§3.6): Binomial(N, n̄/N), Poisson(n̄) clipped to [0, N], or n̄ itself (N → ∞ limit).
  private mutating func draw(expected: Double, N: Int) -> Double {
    let p = min(max(expected / Double(N), 0), 1)
    switch network.model.meso.spikeCount {
    case .binomial: return Double(random.binomial(trials: N, probability: p))
    case .poisson: return Double(min(random.poisson(mean: p * Double(N)), N))
    case .expected: return p * Double(N)
    }
  }
}
