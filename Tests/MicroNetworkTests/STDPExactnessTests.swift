import Foundation
import MesoCore
import MicroNetwork
import Testing

/// Fixed pre- and postsynaptic trains (spike-train populations, like NEST's spike generators and
/// parrot neurons) through a plastic connection; the weight of every synapse recorded after every
/// step against a reference computed here from the closed-form trace sums (each trace a direct sum
/// of exponentials over the spikes before the event, not the engine's recursion), applying the
/// events in order of pairing time (pre: its step; post: its step + D); a pre and a post spike at
/// the same pairing time are not paired, and the post's potentiation comes first (NEST's order).
/// Deterministic: agreement to 1e-9 relative (rounding only).
@Suite("STDP against closed-form trace sums")
struct STDPExactnessTests {
  static let dt = 0.0001
  static let delay = 15  // steps: 1.5 ms

  /// Pre- and postsynaptic trains (steps), the steps simulated and the steps per recording bin.
  struct Trains {
    var pre: [[Int]]
    var post: [[Int]]
    var steps: Int
    var binSteps: Int
  }

  /// Two pre and two post neurons, irregular, with coincidences at the synapse; weights every step.
  static let irregular = Trains(
    pre: [[30, 210, 260, 900, 1400, 1405, 2600], [100, 101, 800, 1300, 2000]],
    post: [[50, 195, 400, 1290, 1385, 2200], [15, 16, 700, 1200, 1900, 2950]], steps: 3000, binSteps: 1)

  /// Long presynaptic silences over bursts of hundreds of postsynaptic spikes (more than the 64 a
  /// neuron's ring keeps, and more than the kernel's branch-free path takes), weights every 1000
  /// steps only: the potentiation owed must come from the periodic flushes of the silent neurons.
  static let bursts = Trains(
    pre: [[30, 2500, 2503, 5400], [10, 700, 5000]],
    post: [
      Array(stride(from: 100, to: 400, by: 2)) + [2490, 2495, 2510] + Array(stride(from: 3000, to: 3400, by: 3)),
      Array(15...22) + Array(1000..<1300) + [4990, 5010],
    ], steps: 6000, binSteps: 1000)

  /// The network; weights recorded every `recordSteps` steps (default: every bin).
  static func model(_ rule: STDPRule, J: Double, _ trains: Trains, recordSteps: Int? = nil, samples: Int = 4) -> NetworkModel {
    var rule = rule
    rule.record = WeightRecording(samples: samples, every: Double(recordSteps ?? trains.binSteps) * dt)
    let times = { (trains: [[Int]]) in trains.map { $0.map { Double($0) * dt } } }
    return NetworkModel(
      simulation: SimulationSettings(dt: dt, duration: Double(trains.steps) * dt, seed: 1, recordBin: Double(trains.binSteps) * dt),
      populations: [.spikeTrains(name: "pre", times: times(trains.pre)), .spikeTrains(name: "post", times: times(trains.post))],
      connections: [Connection(from: "pre", to: "post", J: J, p: 1, delay: Double(delay) * dt, tauS: 0, plasticity: rule)])
  }

  enum Event { case pre(Int), post(Int) }

  /// The reference weight of synapse (j → i) at the end of every step.
  static func reference(_ rule: STDPRule, J: Double, _ trains: Trains, j: Int, i: Int) -> [Double] {
    let pres = trains.pre[j].map { Double($0) * dt }, posts = trains.post[i].map { Double($0 + delay) * dt }
    // Traces at t of the spikes strictly before t: all-to-all sums, or the nearest spike alone.
    func sum(_ times: [Double], _ t: Double, _ tau: Double) -> Double {
      times.filter { $0 < t - 1e-12 }.reduce(0) { $0 + exp(-(t - $1) / tau) }
    }
    func nearest(_ times: [Double], _ t: Double, _ tau: Double) -> Double {
      guard let last = times.last(where: { $0 < t - 1e-12 }) else { return 0 }
      return exp(-(t - last) / tau)
    }
    let trace = rule.pairing == .nearest ? nearest : sum
    // (time, isPost) sorted: potentiation (post) before depression (pre) at equal times.
    let events = (pres.map { ($0, false) } + posts.map { ($0, true) }).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 && !$1.1 }
    var w = J
    var out = [Double]()
    var e = 0
    for l in 0..<trains.steps {
      let boundary = Double(l + 1) * dt
      while e < events.count && events[e].0 < boundary - 1e-12 {
        let (t, isPost) = events[e]
        if isPost {
          let x = trace(pres, t, rule.tauPlus)
          if rule.kind == .triplet {
            w = min(w + x * (rule.a2Plus + rule.a3Plus * trace(posts, t, rule.tauY)), rule.wMax)
          } else {
            let s = w / rule.wMax
            w = min(s + rule.lambda * pow(1 - s, rule.muPlus) * x, 1) * rule.wMax
          }
        } else {
          let o = trace(posts, t, rule.tauMinus)
          if rule.kind == .triplet {
            w = max(w - o * (rule.a2Minus + rule.a3Minus * trace(pres, t, rule.tauX)), rule.wMin)
          } else {
            let s = w / rule.wMax
            w = max(s - rule.alpha * rule.lambda * pow(s, rule.muMinus) * o, 0) * rule.wMax
          }
        }
        e += 1
      }
      out.append(w)
    }
    return out
  }

  /// The recorded weights (records × samples) against the reference at the end of every record
  /// interval (`recordSteps`, default every bin), and `w_t` at those ends; returns them.
  @discardableResult
  static func check(_ rule: STDPRule, J: Double, _ trains: Trains = irregular, threads: Int = 1, recordSteps: Int? = nil,
                    samples: Int = 4) throws -> [Double] {
    var m = model(rule, J: J, trains, recordSteps: recordSteps, samples: samples)
    m.micro.threads = threads
    var engine = try MicroscopicSimulator(model: m, seed: 1)
    let recording = try engine.run()
    let every = recordSteps ?? trains.binSteps
    let ends = stride(from: every, through: trains.steps, by: every).map { Double($0) * dt }
    #expect(try #require(recording["w_t"]).values == ends)
    let samples = try #require(recording["w_samples"])
    let prePost = zip(try #require(recording["w_sample_pre"]).values, try #require(recording["w_sample_post"]).values)
    var worst = 0.0, changes = 0
    for (column, (j, i)) in prePost.enumerated() {
      let perStep = reference(rule, J: J, trains, j: Int(j), i: Int(i) - trains.pre.count)
      let expected = stride(from: every - 1, to: trains.steps, by: every).map { perStep[$0] }
      let got = samples.column(column)
      #expect(got.count == expected.count)
      for (a, b) in zip(got, expected) { worst = max(worst, abs(a - b) / max(abs(b), 1e-300)) }
      changes += zip(expected.dropFirst(), expected).filter { $0 != $1 }.count
    }
    #expect(worst < 1e-9, "largest relative difference \(worst)")
    #expect(changes >= min(20, trains.steps / every - 1), "the trains change the weights (\(changes) changes)")
    return samples.values
  }

  @Test("Pair rule, additive (μ = 0): every weight to 1e-9")
  func additive() throws {
    try Self.check(STDPRule(kind: .pair, tauPlus: 0.0168, tauMinus: 0.0337, lambda: 0.05, alpha: 1.1, wMax: 2), J: 1)
  }

  @Test("Pair rule, Gütig μ = 1 (multiplicative, the Brunel rule): every weight to 1e-9")
  func multiplicative() throws {
    try Self.check(STDPRule(kind: .pair, lambda: 0.1, alpha: 2.02, muPlus: 1, muMinus: 1, wMax: 0.3), J: 0.1)
  }

  @Test("Pair rule, Gütig μ = 0.4, nearest-spike pairing: every weight to 1e-9")
  func gutigNearest() throws {
    try Self.check(STDPRule(kind: .pair, pairing: .nearest, lambda: 0.1, alpha: 1.2, muPlus: 0.4, muMinus: 0.4, wMax: 1), J: 0.5)
  }

  @Test("Triplet rule, all to all: every weight to 1e-9, with 1 and 3 threads")
  func triplet() throws {
    let rule = STDPRule(kind: .triplet, a2Plus: 0.02, a3Plus: 0.05, a2Minus: 0.03, a3Minus: 0.01, wMax: 5)
    try Self.check(rule, J: 1)
    try Self.check(rule, J: 1, threads: 3)
  }

  @Test("Bursts of postsynaptic spikes over long presynaptic silences, weights every 1000 steps: to 1e-9, threads bit-identical")
  func bursts() throws {
    let multiplicative = STDPRule(kind: .pair, lambda: 0.01, alpha: 2.02, muPlus: 1, muMinus: 1, wMax: 0.3)
    let one = try Self.check(multiplicative, J: 0.1, Self.bursts)
    #expect(try Self.check(multiplicative, J: 0.1, Self.bursts, threads: 3) == one)
    try Self.check(STDPRule(kind: .pair, tauPlus: 0.0168, tauMinus: 0.0337, lambda: 0.002, alpha: 1.1, wMax: 2), J: 1, Self.bursts)
    try Self.check(STDPRule(kind: .triplet, a2Plus: 0.002, a3Plus: 0.005, a2Minus: 0.003, a3Minus: 0.001, wMax: 5), J: 1, Self.bursts)
  }

  /// Seven postsynaptic neurons (the irregular trains, shifted and thinned, and a burst), so that each
  /// presynaptic neuron has seven synapses: the kernel's four-wide loop (AVX2) and its scalar tail.
  static let fanOut = Trains(
    pre: irregular.pre,
    post: irregular.post + irregular.post.map { $0.map { $0 + 37 } } + irregular.post.map { $0.enumerated().filter { $0.0 % 2 == 0 }.map { $0.1 + 11 } }
      + [Array(stride(from: 880, to: 905, by: 2)) + [1395, 1398, 1402]],
    steps: 3000, binSteps: 1)

  @Test("Seven synapses per presynaptic neuron (four-wide kernel loop and tail), additive and μ = 1: every synapse to 1e-9")
  func fanOutLoop() throws {
    let synapses = Self.fanOut.pre.count * Self.fanOut.post.count
    try Self.check(STDPRule(kind: .pair, tauPlus: 0.0168, tauMinus: 0.0337, lambda: 0.05, alpha: 1.1, wMax: 2), J: 1, Self.fanOut, samples: synapses)
    try Self.check(STDPRule(kind: .pair, lambda: 0.1, alpha: 2.02, muPlus: 1, muMinus: 1, wMax: 0.3), J: 0.1, Self.fanOut, samples: synapses)
  }

  @Test("Weights recorded every 250 steps (record.every, 1-step bins): at the interval ends, to 1e-9")
  func coarseGrid() throws {
    let rule = STDPRule(kind: .pair, lambda: 0.1, alpha: 2.02, muPlus: 1, muMinus: 1, wMax: 0.3)
    let values = try Self.check(rule, J: 0.1, recordSteps: 250)
    #expect(values.count == 12 * 4)
  }

  @Test("A run of 2^30 steps or more with a plastic connection is refused, naming simulation.duration")
  func refusesRunsBeyondThirtyBitSteps() throws {
    var m = Self.model(STDPRule(kind: .pair, wMax: 2), J: 1, Self.irregular)
    m.simulation.duration = Double(1 << 30) * Self.dt
    m.simulation.recordBin = m.simulation.duration
    #expect {
      try MicroscopicSimulator(model: m, seed: 1)
    } throws: { error in
      (error as? ParameterError)?.path == "simulation.duration"
    }
  }
}
