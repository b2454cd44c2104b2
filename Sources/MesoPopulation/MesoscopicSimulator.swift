import Foundation
import GSLBridge
import MesoCore
import NetworkCore
import Synchronization

/// The mesoscopic population equations of Schwalger, Deger & Gerstner (2017) for a network of GIF
/// populations (PopulationEquations article, Eqs. 1–5): per step, the inputs of all populations from their delay
/// lines, then every population's expected spike count n̄ from its history (§3.5), a draw of n
/// (§3.6), and the new activities pushed into the delay lines (§3.8). With `forcing`, the counts are
/// the observed ones instead of draws (``TeacherForcing``).
///
/// With `micro.threads` = T > 1 the populations are split into T groups (`PopulationGroup`,
/// balanced by their history lengths K), run on up to one thread per processor. No population sees
/// another's spikes before the shortest delay D_min ≥ 1 step, so the threads meet once per block
/// of D_min steps. Every population and every STP
/// state draws from its own random stream, so the results are bit-identical for any number of
/// threads. Teacher-forced runs use one thread.
public struct MesoscopicSimulator: NetworkEngine {
  /// The network on the time grid.
  public let network: DiscreteNetwork
  /// History length K of each GIF population (0 for Poisson sources).
  public let historyLengths: [Int]
  /// The activity line of each population (lines 0 ..< M), then the release line Ã of each STP
  /// state (lines M + k).
  private let lines: DelayLines
  /// The populations in `micro.threads` groups (at most one per population).
  private let groups: [PopulationGroup]
  /// Steps the threads run between two meetings: D_min with several threads, else 1.
  private let blockSteps: Int
  /// Observed counts replacing the draws, and the expected counts of the forced run; nil: drawn.
  public private(set) var forcing: TeacherForcing?
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
    let threads = forcing == nil ? Self.groupCount(network) : 1
    let (budget, lengths) = try Self.plan(network, threads: threads, history: forcing?.history)
    try budget.check(against: memoryLimit)
    historyLengths = lengths
    let histories = zip(network.populations, lengths).map { p, K in
      p.isPoisson ? nil : PopulationHistory(p, K: K, dt: network.dt, hazard: network.model.meso.hazard)
    }
    // One stream per population (index α) and per STP state (index M + k).
    let M = network.populations.count
    let streams = (0..<M).map { RandomStream(master: seed, purpose: .dynamics, index: UInt64($0)) }
    var stateStreams = network.stpStates.indices.map { RandomStream(master: seed, purpose: .dynamics, index: UInt64(M + $0)) }
    // Each source's line: long enough for its longest outgoing delay; the initial volley
    // (all N neurons fired "at step −1") is an activity of 1/Δt.
    var maxDelays = network.populations.indices.map { β in network.connections.filter { $0.source == β }.map(\.delaySteps).max() ?? 1 }
    var initial = network.populations.map { $0.isPoisson ? 0 : 1 / network.dt }
    // STP: the initial volley passes through the synapses like any other spikes.
    // Poisson sources fire independently of their synapses' state: the mean field is exact in its
    // Poisson assumption there, so the history variant uses MF2 for them.
    var releases = network.stpStates.map { state in
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
      var volley = source.isPoisson ? 0 : releases[k].release(spikes: Double(source.N), random: &stateStreams[k])
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
    // Without connections no line is read: the threads meet only at the end.
    blockSteps = threads > 1 ? Self.shortestDelay(network) ?? network.steps : 1
    lines = DelayLines(maxDelays: maxDelays, initial: initial, lead: Self.lead(network, threads: threads))
    groups = Self.partition(lengths, into: threads).map { members in
      PopulationGroup(
        network, members: members, histories: histories, streams: streams, releases: releases, historyReleases: historyReleases,
        stateStreams: stateStreams
      ) { c in network.connections[c].stpState.map { M + $0 } ?? network.connections[c].source }
    }
  }

  /// Groups of a run of `network`: `micro.threads`, at most one per population.
  static func groupCount(_ network: DiscreteNetwork) -> Int {
    max(1, min(network.model.micro.threads, network.populations.count))
  }

  /// D_min in steps (≥ 1), nil without connections.
  private static func shortestDelay(_ network: DiscreteNetwork) -> Int? {
    network.connections.map(\.delaySteps).min().map { max(1, $0) }
  }

  /// How many steps a delay line's reader may lag behind its writer: D_min with several threads.
  private static func lead(_ network: DiscreteNetwork, threads: Int) -> Int {
    threads > 1 ? shortestDelay(network) ?? 1 : 1
  }

  /// The populations split into `parts` groups of about equal work: largest first onto the least
  /// loaded group, each population costing its K plus 64 bins for the work outside the sweep.
  static func partition(_ lengths: [Int], into parts: Int) -> [[Int]] {
    var groups = [[Int]](repeating: [], count: parts), load = [Int](repeating: 0, count: parts)
    for α in lengths.indices.sorted(by: { (lengths[$0], $1) > (lengths[$1], $0) }) {
      let g = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
      groups[g].append(α)
      load[g] += lengths[α] + 64
    }
    return groups.map { $0.sorted() }
  }

  /// Everything `init` allocates, by key: the history of each population (9 arrays of K steps), the
  /// delay lines of activities and releases, and the recording. Throws when a count does not fit
  /// (`ResourceBudget.count`) or N exceeds the 2³² − 1 trials of GSL's binomial draws.
  public static func resources(_ network: DiscreteNetwork) throws(ParameterError) -> ResourceBudget { try plan(network, threads: groupCount(network)).budget }

  /// The history length K of each population that `init` would use without forcing (0 for Poisson
  /// sources): `meso.history`, or the automatic rule. Throws as `init` does for a network it refuses.
  public static func historyLengths(_ network: DiscreteNetwork) throws(ParameterError) -> [Int] {
    try plan(network, threads: 1).lengths
  }

  /// The budget and history lengths; `history` (one K per population) overrides `meso.history`.
  private static func plan(
    _ network: DiscreteNetwork, threads: Int, history: [Int]? = nil
  ) throws(ParameterError) -> (budget: ResourceBudget, lengths: [Int]) {
    try refuseMicroscopicOnly(network.model)
    var budget = ResourceBudget()
    var lengths = [Int]()
    let lead = Self.lead(network, threads: threads)
    for (i, p) in network.populations.enumerated() {
      let requested = history?[i] ?? network.model.meso.history
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
      // At most one activity line and one release line per connection, each a power-of-two ring of
      // fewer than 2(D + lead) slots (`DelayLines`; lead = D_min with several threads).
      budget.add(
        "delay lines of \(connection.delaySteps) steps", key: "connections[\(c)].delay", count: connection.delaySteps &+ lead, times: 4,
        bytesEach: 8)
    }
    // Each thread records into a recording of its own, merged at the end.
    for _ in 0..<threads {
      budget.addRecording(bins: network.bins, columns: 3 * network.populations.count + 2 * network.stpConnections.count)
    }
    return (budget, lengths)
  }

  public mutating func run(progress: ((Double) throws -> Void)? = nil) throws -> Recording {
    if groups.count > 1 {
      try runThreaded(progress: progress)
    } else {
      let total = network.steps
      let report = max(1, total / 200)
      while step < total {
        try groups[0].advance(step: step, lines: lines, forcing: &forcing)
        step += 1
        if let progress, step % report == 0 || step == total { try progress(Double(step) / Double(total)) }
      }
    }
    var recorder = groups[0].recorder
    for group in groups.dropFirst() { recorder.adopt(populations: group.members, stpColumns: group.recordedSTPColumns, from: group.recorder) }
    return recorder.recording()
  }

  /// The groups on up to one thread per processor (thread q runs groups q, q + threads, …; this
  /// one runs group 0 and reports progress), meeting after each block of `blockSteps` steps; a
  /// failure or a cancellation stops all at the end of its block. The failure of the earliest step
  /// is thrown (the first group's of that step).
  private mutating func runThreaded(progress: ((Double) throws -> Void)?) throws {
    let (groups, lines, total, block, start) = (groups, lines, network.steps, blockSteps, step)
    guard #available(macOS 15.0, *) else {
      // No Synchronization.Atomic: one thread steps every group.
      var none: TeacherForcing? = nil
      while step < total {
        for group in groups { try group.advance(step: step, lines: lines, forcing: &none) }
        step += 1
        if let progress, step % max(1, total / 200) == 0 || step == total { try progress(Double(step) / Double(total)) }
      }
      return
    }
    let workers = min(groups.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
    let barrier = SpinBarrier(parties: workers)
    let control = BlockControl(groups: groups.count)
    let done = DispatchSemaphore(value: 0)
    let share = { (q: Int) in Array(stride(from: q, to: groups.count, by: workers)) }
    for q in 1..<workers {
      let mine = share(q)
      let thread = Thread {
        Self.runBlocks(mine, of: groups, steps: start..<total, block: block, lines: lines, barrier: barrier, control: control, progress: nil)
        done.signal()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    let report = max(1, total / 200)
    Self.runBlocks(share(0), of: groups, steps: start..<total, block: block, lines: lines, barrier: barrier, control: control) { end in
      if let progress, end / report != (end - block) / report || end == total { try progress(Double(end) / Double(total)) }
    }
    for _ in 1..<workers { done.wait() }
    step = control.stoppedAt ?? total
    if let error = control.error { throw error }
  }

  /// Steps `steps` of the groups `mine` in blocks of `block` (each group the whole block in turn),
  /// meeting the other threads after each block (and after `progress` of the block's end step).
  @available(macOS 15.0, *)
  private static func runBlocks(
    _ mine: [Int], of groups: [PopulationGroup], steps: Range<Int>, block: Int, lines: DelayLines, barrier: SpinBarrier,
    control: BlockControl, progress: ((Int) throws -> Void)?
  ) {
    var none: TeacherForcing? = nil
    var b = steps.lowerBound
    while b < steps.upperBound {
      let end = min(b + block, steps.upperBound)
      for g in mine {
        var l = b
        do {
          while l < end {
            try groups[g].advance(step: l, lines: lines, forcing: &none)
            l += 1
          }
        } catch {
          control.fail(group: g, step: l, error)
          break
        }
      }
      do { try progress?(end) } catch { control.fail(group: 0, step: end, error) }
      barrier.wait()
      if control.stopping {
        if mine.first == 0 { control.stoppedAt = end }
        return
      }
      b = end
    }
  }
}

/// What the threads of one run share besides the barrier: whether to stop after the current block,
/// and each group's failure (written by its own thread only, read after all have finished).
@available(macOS 15.0, *)
private final class BlockControl: @unchecked Sendable {
  private let flag = Atomic<Bool>(false)
  private let failures: UnsafeMutablePointer<(step: Int, error: any Error)?>
  private let count: Int
  /// The step after the block at which the threads stopped (nil: ran to the end); set by group 0's thread.
  var stoppedAt: Int?

  init(groups: Int) {
    count = groups
    failures = .allocate(capacity: groups)
    failures.initialize(repeating: nil, count: groups)
  }

  deinit {
    failures.deinitialize(count: count)
    failures.deallocate()
  }

  /// Group g failed in step l (a cancellation by `progress` counts as a failure of group 0).
  func fail(group g: Int, step l: Int, _ error: any Error) {
    failures[g] = (l, error)
    flag.store(true, ordering: .releasing)
  }

  /// Whether some group failed (read after the barrier, so every thread sees the same).
  var stopping: Bool { flag.load(ordering: .acquiring) }

  /// The failure of the earliest step, the first group's among equals.
  var error: (any Error)? {
    (0..<count).compactMap { failures[$0] }.min { $0.step < $1.step }?.error
  }
}
