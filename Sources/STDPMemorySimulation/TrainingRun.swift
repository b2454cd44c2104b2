import Foundation
import GSLBridge
import MesoCore
import MicroNetwork
import NetworkCore
import STDPMemory

/// One trial of the training network in progress: an engine session that carries on from episode to
/// episode, the stream of its associations, and the layout of the plastic synapses X→E.
///
/// An episode (spec §2.4): the cue channels fire at ν₁, the others at ν₀, the supervisor of each target
/// neuron at ν_s (the others are silent); T_warm with plasticity off (v and the traces thermalise, the
/// weights stay), T with plasticity on, then homeostasis w_nm ← w_nm m₀/⟨w_n·⟩ over each E neuron's M inputs.
struct TrainingRun {
  let network: TrainingNetwork
  let session: MicroscopicSession
  /// Associations: (`.initialConditions`, 2⁴⁰) of the trial's seed (index 4 draws the initial weights).
  var stream: RandomStream
  /// Synapses of channel j: `offsets[j] ..< offsets[j + 1]`; `targets[s]`: the E neuron of synapse s.
  let offsets: [Int]
  let targets: [Int]
  let warmSteps: Int, trainSteps: Int, recallSteps: Int

  init(_ network: TrainingNetwork, seed: UInt64, memoryLimit: MemoryLimit) throws {
    self.network = network
    let p = network.parameters
    session = try MicroscopicSession(network: DiscreteNetwork(network.model), seed: seed, memoryLimit: memoryLimit)
    stream = RandomStream(master: seed, purpose: .initialConditions, index: 1 << 40)
    (offsets, targets) = try session.synapses(connection: TrainingNetwork.plasticConnection)
    let steps = { (t: Double) in Int((t / p.simulation.dt).rounded()) }
    warmSteps = steps(p.training.TWarm)
    trainSteps = steps(p.training.T)
    recallSteps = steps(p.simulation.TRecall)
    try session.setPlasticity(connection: TrainingNetwork.plasticConnection, enabled: false)
  }

  var NE: Int { network.parameters.network.NE }
  var targetCount: Int { Int((network.parameters.inputs.fs * Double(NE)).rounded()) }

  /// A new association: f_c M of the M channels and f_s N_E of the E neurons, uniformly.
  mutating func nextAssociation() -> Association {
    let inputs = network.parameters.inputs
    return Association(cue: stream.choose(inputs.cueChannels, of: inputs.M), target: stream.choose(targetCount, of: NE))
  }

  /// Input rates (Hz): cue channels at ν₁, the others at `others`; supervisors of `supervised` at ν_s.
  func present(_ a: Association, others: Double, supervised: [Int]) throws {
    let inputs = network.parameters.inputs, tauM = EngineUnits.tauM
    var x = Array(repeating: others / tauM, count: inputs.M)
    for c in a.cue { x[c] = inputs.nu1 / tauM }
    var s = Array(repeating: 0.0, count: NE)
    for n in supervised { s[n] = inputs.nuS / tauM }
    try session.setPoissonRates(population: TrainingNetwork.inputs, x)
    try session.setPoissonRates(population: TrainingNetwork.supervisors, s)
  }

  /// One training episode of `a` and the homeostasis after it; the statistics at its end before homeostasis.
  func train(_ a: Association) throws -> EpisodeStatistics {
    let c = TrainingNetwork.plasticConnection, p = network.parameters
    try present(a, others: p.inputs.nu0, supervised: a.target)
    let before = try cueWeights(a)
    _ = try session.run(steps: warmSteps)
    try session.setPlasticity(connection: c, enabled: true)
    let counts = try session.run(steps: trainSteps)
    try session.setPlasticity(connection: c, enabled: false)
    let stats = try statistics(a, counts: counts, cueBefore: before)
    if p.training.homeostasis { try scaleRows() }
    return stats
  }

  /// m_ab, V_ab over the synapses of each population (a: target or not, b: cue or not), the standard
  /// error of m_ab from the spread of the per-neuron means (neurons as clusters: the synapses of one
  /// neuron share its rate), r_T, r_N, r_I, the spread of the rates over target and non-target
  /// neurons, and the gains of the cue weights and scores (`cueBefore`: `cueWeights(a)` at the start).
  func statistics(_ a: Association, counts: [Int], cueBefore: [Double]) throws -> EpisodeStatistics {
    var isTarget = Array(repeating: false, count: NE)
    for n in a.target { isTarget[n] = true }
    var sum = [Double](repeating: 0, count: 4), squares = sum, count = sum
    // Per neuron: the sums of its cue and non-cue weights.
    var neuronSum = Array(repeating: 0.0, count: 2 * NE), neuronCount = neuronSum
    let cue = Set(a.cue)
    try session.withWeights(connection: TrainingNetwork.plasticConnection) { w in
      for j in 0..<(offsets.count - 1) {
        let b = cue.contains(j) ? 1 : 0
        for s in offsets[j]..<offsets[j + 1] {
          let n = targets[s], k = (isTarget[n] ? 2 : 0) + b
          sum[k] += w[s]
          squares[k] += w[s] * w[s]
          count[k] += 1
          neuronSum[2 * n + b] += w[s]
          neuronCount[2 * n + b] += 1
        }
      }
    }
    let mean = (0..<4).map { count[$0] > 0 ? sum[$0] / count[$0] : 0 }
    let variance = (0..<4).map { count[$0] > 0 ? max(0, squares[$0] / count[$0] - mean[$0] * mean[$0]) : 0 }
    let error = (0..<4).map { k -> Double in
      let members = (0..<NE).filter { (isTarget[$0] ? 2 : 0) == k & 2 && neuronCount[2 * $0 + k % 2] > 0 }
      guard members.count > 1 else { return .nan }
      let means = members.map { neuronSum[2 * $0 + k % 2] / neuronCount[2 * $0 + k % 2] }
      let m = means.reduce(0, +) / Double(means.count)
      return (means.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(means.count - 1) / Double(means.count)).squareRoot()
    }
    let T = network.parameters.training.T, NI = network.parameters.network.NI
    let targetSpikes = a.target.reduce(0) { $0 + counts[$1] }
    let allE = counts[0..<NE].reduce(0, +), allI = counts[NE..<(NE + NI)].reduce(0, +)
    let rates = [
      Double(targetSpikes) / (Double(a.target.count) * T), Double(allE - targetSpikes) / (Double(NE - a.target.count) * T),
      Double(allI) / (Double(NI) * T),
    ]
    let groups = self.groups(a), after = try cueWeights(a), owner = cueTargets(a)
    let rateVariance = groups.map { g in Self.covariance(g.map { Double(counts[$0]) / T }, g.map { Double(counts[$0]) / T }) }
    // Slopes of the increment over the episode on the value at its start: of one cue weight, and of a score.
    func slope(_ x: [Double], _ y: [Double]) -> Double { Self.covariance(zip(y, x).map { $0 - $1 }, x) / Self.covariance(x, x) }
    var scoreBefore = Array(repeating: 0.0, count: NE), scoreAfter = scoreBefore
    for (i, n) in owner.enumerated() {
      scoreBefore[n] += cueBefore[i]
      scoreAfter[n] += after[i]
    }
    let weightGain = [true, false].map { targetGroup in
      let i = owner.indices.filter { isTarget[owner[$0]] == targetGroup }
      return slope(i.map { cueBefore[$0] }, i.map { after[$0] })
    }
    let scoreGain = groups.map { g in slope(g.map { scoreBefore[$0] }, g.map { scoreAfter[$0] }) }
    return EpisodeStatistics(mean: mean, variance: variance, meanError: error, rates: rates, rateVariance: rateVariance, weightGain: weightGain, scoreGain: scoreGain)
  }

  /// Homeostasis: each E neuron's M input weights rescaled to the mean m₀ (a row of mean 0 is left alone).
  func scaleRows() throws {
    let m0 = network.parameters.inputs.m0
    try session.withWeights(connection: TrainingNetwork.plasticConnection) { w in
      var rowSum = Array(repeating: 0.0, count: NE), rowCount = Array(repeating: 0, count: NE)
      for s in 0..<w.count {
        rowSum[targets[s]] += w[s]
        rowCount[targets[s]] += 1
      }
      let factor = (0..<NE).map { rowSum[$0] > 0 ? m0 * Double(rowCount[$0]) / rowSum[$0] : 1 }
      for s in 0..<w.count { w[s] *= factor[targets[s]] }
    }
  }

  /// The readout of `a` now (`simulation.recall`): static or dynamic.
  func accuracy(_ a: Association) throws -> Double {
    switch network.parameters.simulation.recall {
    case .static: try staticAccuracy(a)
    case .dynamic: try dynamicAccuracy(a)
    }
  }

  /// Static readout: score s_n = Σ_{m ∈ cue} w_nm; the f_s N_E neurons of largest score are active
  /// (`overlap`); the fraction of targets among them.
  func staticAccuracy(_ a: Association) throws -> Double {
    Self.overlap(try readout(a).score, a.target, active: targetCount)
  }

  /// The weights of the cue's synapses now, channel by channel (synapse s of channel j onto `targets[s]`).
  func cueWeights(_ a: Association) throws -> [Double] {
    try session.withWeights(connection: TrainingNetwork.plasticConnection) { w in a.cue.flatMap { w[offsets[$0]..<offsets[$0 + 1]] } }
  }

  /// The E neuron of each entry of `cueWeights(a)`.
  func cueTargets(_ a: Association) -> [Int] { a.cue.flatMap { targets[offsets[$0]..<offsets[$0 + 1]] } }

  /// Targets, then non-targets of `a`.
  func groups(_ a: Association) -> [[Int]] {
    var isTarget = Array(repeating: false, count: NE)
    for n in a.target { isTarget[n] = true }
    return [a.target, (0..<NE).filter { !isTarget[$0] }]
  }

  /// The scores s_n = Σ_{m ∈ cue} w_nm of all E neurons now, and the moments of the cue weights and
  /// of the scores over targets and non-targets.
  func readout(_ a: Association) throws -> (score: [Double], moments: ReadoutMoments) {
    var score = Array(repeating: 0.0, count: NE), squares = score
    for (w, n) in zip(try cueWeights(a), cueTargets(a)) {
      score[n] += w
      squares[n] += w * w
    }
    let groups = self.groups(a), cue = Double(a.cue.count)
    let values = groups.flatMap { g -> [Double] in
      let mean = g.reduce(0) { $0 + score[$1] } / (cue * Double(g.count))
      let second = g.reduce(0) { $0 + squares[$1] } / (cue * Double(g.count))
      return [mean, second - mean * mean]
    }
    let scores = groups.flatMap { g -> [Double] in
      let s = g.map { score[$0] }
      return [s.reduce(0, +) / Double(s.count), Self.covariance(s, s)]
    }
    return (score, ReadoutMoments(values: values + scores))
  }

  /// The population covariance of two equally long lists.
  static func covariance(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / n
  }

  /// Dynamic readout: the cue alone (cue channels at ν₁, the others and the supervisors silent, no
  /// plasticity) for T_recall; neurons ranked by spike count.
  func dynamicAccuracy(_ a: Association) throws -> Double {
    try present(a, others: 0, supervised: [])
    let counts = try session.run(steps: recallSteps)
    return Self.overlap(counts[0..<NE].map(Double.init), a.target, active: targetCount)
  }

  /// The fraction of `target` among the `active` largest scores; scores tied at the threshold share
  /// the remaining places (the mean over random tie breaks).
  static func overlap(_ score: [Double], _ target: [Int], active: Int) -> Double {
    let threshold = score.sorted(by: >)[active - 1]
    let above = score.filter { $0 > threshold }.count, tied = score.filter { $0 == threshold }.count
    let share = Double(active - above) / Double(tied)
    let hits = target.reduce(0.0) { $0 + (score[$1] > threshold ? 1 : score[$1] == threshold ? share : 0) }
    return hits / Double(active)
  }
}
