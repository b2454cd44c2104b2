import GSLBridge
import MesoCore
import NetworkCore

/// The share of a mesoscopic step that one thread runs (`MesoscopicSimulator`): some populations
/// with their histories and random streams, the filters of the connections into them, the STP
/// states of the synapses out of them, and a recorder of their columns. A group writes only its
/// own delay lines and reads the others' values of D ≥ 1 steps ago, so groups may run a block of
/// up to D_min steps apart. Every population and every STP state draws from its own stream, so
/// the numbers do not depend on how the populations are grouped.
final class PopulationGroup: @unchecked Sendable {
  private let network: DiscreteNetwork
  /// Its populations, ascending, and per member: its history (unretained; nil: Poisson source),
  /// N, 1 − E_m, μ (or the Poisson rate), whether it has time-dependent inputs, its stream, its
  /// count of the current step.
  let members: [Int]
  private let histories: [PopulationHistory?]
  private let unretained: [Unmanaged<PopulationHistory>?]
  private let sizes: [Double]
  private let baseDrives: [Double]
  private let driveGains: [Double]
  private let hasInputs: [Bool]
  private let streams: UnsafeMutablePointer<RandomStream>
  private let counts: UnsafeMutablePointer<Double>
  /// The STP states whose source is a member (indices into `network.stpStates`), per state its
  /// source's position in `members`, mean field, history-based release (or nil) and stream.
  private let states: [Int]
  private let stateSources: [Int]
  @exclusivity(unchecked) private var releases: [ReleaseMeanField]
  @exclusivity(unchecked) private var historyReleases: [ReleaseHistory?]
  private let stateStreams: UnsafeMutablePointer<RandomStream>
  /// Per member: the positions in `states` of the states released from its history.
  private let historyStates: [[Int]]
  /// The `stp_u`/`stp_x` columns recorded here, with the position of their state in `states`.
  private let stpColumns: [(column: Int, state: Int)]
  private let filters: SynapticFilters
  private let spikeCount: MesoSettings.SpikeCount
  private let dt: Double
  /// The recording of the members' columns (the others stay 0).
  @exclusivity(unchecked) private(set) var recorder: ActivityRecorder
  /// The STP columns recorded here.
  var recordedSTPColumns: [Int] { stpColumns.map(\.column) }

  /// The group of `members` (ascending); `histories`, `streams` are per population of the network,
  /// `releases`, `historyReleases`, `stateStreams` per STP state; connection c reads line `lineOf(c)`.
  init(
    _ network: DiscreteNetwork, members: [Int], histories: [PopulationHistory?], streams: [RandomStream],
    releases: [ReleaseMeanField], historyReleases: [ReleaseHistory?], stateStreams: [RandomStream], lineOf: (Int) -> Int
  ) {
    self.network = network
    self.members = members
    self.histories = members.map { histories[$0] }
    unretained = self.histories.map { $0.map(Unmanaged.passUnretained) }
    baseDrives = members.map { network.populations[$0].baseDrive }
    spikeCount = network.model.meso.spikeCount
    dt = network.dt
    sizes = members.map { Double(network.populations[$0].N) }
    driveGains = members.map { 1 - network.populations[$0].membraneDecay }
    hasInputs = members.map { !network.populations[$0].inputs.isEmpty }
    self.streams = .allocate(capacity: max(members.count, 1))
    self.streams.initialize(from: members.map { streams[$0] }, count: members.count)
    counts = .allocate(capacity: max(members.count, 1))
    counts.initialize(repeating: 0, count: max(members.count, 1))
    states = network.stpStates.indices.filter { members.contains(network.stpStates[$0].source) }
    stateSources = states.map { k in members.firstIndex(of: network.stpStates[k].source)! }
    self.releases = states.map { releases[$0] }
    self.historyReleases = states.map { historyReleases[$0] }
    self.stateStreams = .allocate(capacity: max(states.count, 1))
    self.stateStreams.initialize(from: states.map { stateStreams[$0] }, count: states.count)
    let (states, historyReleases, stateSources) = (states, self.historyReleases, stateSources)
    historyStates = members.indices.map { i in states.indices.filter { historyReleases[$0] != nil && stateSources[$0] == i } }
    stpColumns = network.stpConnections.enumerated().compactMap { column, c in
      states.firstIndex(of: network.connections[c].stpState!).map { (column, $0) }
    }
    filters = SynapticFilters(network, subset: network.connections.indices.filter { members.contains(network.connections[$0].target) }, lineOf: lineOf)
    recorder = ActivityRecorder(network: network, recordsExpected: true)
  }

  deinit {
    streams.deinitialize(count: members.count)
    streams.deallocate()
    counts.deallocate()
    stateStreams.deinitialize(count: states.count)
    stateStreams.deallocate()
  }

  /// Step l of the members: inputs from the delay lines, every member's expected count n̄, a draw
  /// (or the forced count), the new bin and the pushes into the lines; then the STP releases.
  func advance(step l: Int, lines: DelayLines, forcing: inout TeacherForcing?) throws {
    let t = network.time(step: l)
    let M = network.populations.count
    // 1. Inputs from the delay lines (D ≥ 1: no population sees this step's spikes).
    filters.step(l, lines: lines)
    // 2.–3. Every member's expected count, a draw, the new bin, the delay line.
    for i in members.indices {
      let α = members[i]
      let drive = hasInputs[i] ? network.drive(α, at: t) : baseDrives[i]
      let N = sizes[i]
      let expected: Double
      // `histories` keeps the histories alive; the step uses them without reference counting.
      if let history = unretained[i] {
        let dh = drive * driveGains[i] + filters.increments[α]
        expected = history._withUnsafeGuaranteedRef { $0.expectedSpikes(increment: dh) }
      } else {
        expected = N * firingProbability(integratedRate: max(drive, 0) * dt)
      }
      guard expected.isFinite else {
        throw NumericalFailure(time: t, what: "population \(network.populations[α].parameters.name): expected spike count is not finite")
      }
      // The one point where a population's count n is decided.
      let n = forcing == nil ? draw(expected: expected, N: Int(N), random: &streams[i]) : forcing!.count(step: l, population: α, expected: expected)
      if !historyStates[i].isEmpty {
        for s in historyStates[i] {
          lines.push(historyReleases[s]!.release(spikes: n, history: histories[i]!), line: M + states[s], step: l)
        }
      }
      unretained[i]?._withUnsafeGuaranteedRef { $0.commit(spikes: n) }
      counts[i] = n
      lines.push(n / (N * dt), line: α, step: l)
      recorder.record(population: α, spikes: n, expected: expected, input: filters.inputs[α])
    }
    // 4. STP of every source and parameter set, driven by this step's count (§4.7).
    for s in states.indices where historyReleases[s] == nil {
      lines.push(releases[s].release(spikes: counts[stateSources[s]], random: &stateStreams[s]), line: M + states[s], step: l)
    }
    for (column, s) in stpColumns {
      if let history = historyReleases[s] {
        let synapse = network.stpStates[states[s]].synapse.parameters
        let p = counts[stateSources[s]] / sizes[stateSources[s]]
        recorder.recordSTP(column: column, u: synapse.U0 + p * (synapse.U - synapse.U0), x: history.recordedX)
      } else {
        recorder.recordSTP(column: column, u: releases[s].recordedU, x: releases[s].recordedX)
      }
    }
    recorder.endStep()
    if let bin = recorder.closedBin, let bad = recorder.nonFinite(bin: bin) {
      throw network.nonFiniteFailure(trace: bad.trace, column: bad.column, bin: bin)
    }
  }

  /// n from n̄ (§3.6): Binomial(N, n̄/N), Poisson(n̄) clipped to [0, N], or n̄ itself (N → ∞ limit).
  private func draw(expected: Double, N: Int, random: inout RandomStream) -> Double {
    let p = min(max(expected / Double(N), 0), 1)
    switch spikeCount {
    case .binomial: return Double(random.binomial(trials: N, probability: p))
    case .poisson: return Double(min(random.poisson(mean: p * Double(N)), N))
    case .expected: return p * Double(N)
    }
  }
}
