import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import Testing

/// `MicroscopicSession`: runs that carry on, per-neuron Poisson rates, plasticity switched off and on,
/// weights read and rewritten.
@Suite("Microscopic sessions (episodes)")
struct SessionTests {
  /// 40 Poisson channels at 50 Hz onto 300 noisy LIF neurons, plastic all-to-all (pair STDP, additive
  /// potentiation, multiplicative depression), plus recurrent E→E; the final weights are recorded.
  static func network(duration: Double, threads: Int = 1) -> NetworkModel {
    var rule = STDPRule(kind: .pair, tauPlus: 0.0168, tauMinus: 0.0337, lambda: 0.01, alpha: 4, muPlus: 0, muMinus: 1, wMax: 1, record: WeightRecording(final: true))
    rule.wInit = .normal(mean: 0.1, std: 0.02)
    var lif = Population(name: "E", N: 300, tauM: 0.02, tRef: 0, mu: 0.6, vReset: 0, vTh: 1, deltaV: 0, lambda0: 0)
    lif.kind = .lif(LIFNeuron(sigma: 0.63))
    return model(
      [.poisson(name: "X", N: 40, rate: 50), lif],
      [
        Connection(from: "X", to: "E", J: 0.1, p: 1, delay: 0.0001, tauS: 0, plasticity: rule),
        Connection(from: "E", to: "E", J: 0.02, p: 0.1, delay: 0.0001, tauS: 0),
      ], duration: duration, dt: 0.0001, micro: MicroSettings(threads: threads))
  }

  static func session(duration: Double = 0.0001, threads: Int = 1) throws -> MicroscopicSession {
    try MicroscopicSession(network: DiscreteNetwork(network(duration: duration, threads: threads)), seed: 7, memoryLimit: .machine())
  }

  /// Runs of 300 + 700 steps end in the state of one run of 1000: the same spikes, and the same weights
  /// up to rounding (the end of a run applies the pending potentiation, which regroups a few additions
  /// of the kernel: relative differences ≤ 10⁻¹² allowed). One run of 1000 steps gives the weights that
  /// `MicroscopicSimulator` records at the end of a 1000-step run of the same seed bit for bit, and the
  /// thread partition changes nothing.
  @Test("a run continued is the run in one piece, and the simulator's")
  func continuation() throws {
    let pieces = try Self.session(), whole = try Self.session(), threaded = try Self.session(threads: 3)
    let first = try pieces.run(steps: 300), second = try pieces.run(steps: 700)
    let all = try whole.run(steps: 1000)
    #expect(zip(first, second).map { $0 + $1 } == all)
    #expect(try threaded.run(steps: 1000) == all)
    let w = try whole.weights(connection: 0)
    let split = try pieces.weights(connection: 0)
    let largest = zip(split, w).map { abs($0 - $1) / max(abs($1), 1e-300) }.max()!
    #expect(largest <= 1e-12, "largest relative difference \(largest)")
    #expect(try threaded.weights(connection: 0) == w)
    #expect(all.reduce(0, +) > 1000)
    let recorded = try simulate(Self.network(duration: 0.1), seed: 7)["w"]!.values
    #expect(recorded == w)
  }

  /// Off, the weights stay exactly as they were through spikes of both sides; on again, they move.
  @Test("plasticity switched off keeps the weights, switched on changes them")
  func plasticitySwitch() throws {
    let s = try Self.session()
    try s.setPlasticity(connection: 0, enabled: false)
    let before = try s.weights(connection: 0)
    let counts = try s.run(steps: 2000)
    #expect(counts[0..<40].reduce(0, +) > 100 && counts[40...].reduce(0, +) > 100)
    #expect(try s.weights(connection: 0) == before)
    try s.setPlasticity(connection: 0, enabled: true)
    _ = try s.run(steps: 2000)
    #expect(try s.weights(connection: 0) != before)
    #expect(throws: ParameterError.self) { try s.setPlasticity(connection: 1, enabled: false) }
  }

  /// Channel i at i·5 Hz for 2 s: counts within 4 s.d. of the Poisson mean (s.d. √mean); rate 0: none.
  /// Then every channel at 0 Hz: no spike at all.
  @Test("per-neuron Poisson rates")
  func rates() throws {
    let s = try Self.session()
    try s.setPoissonRates(population: 0, (0..<40).map { 5 * Double($0) })
    let counts = try s.run(duration: 2)
    #expect(counts[0] == 0)
    for i in 1..<40 {
      let mean = 5 * Double(i) * 2
      #expect(abs(Double(counts[i]) - mean) < 4 * mean.squareRoot(), "channel \(i): \(counts[i]) spikes, expected \(mean)")
    }
    try s.setPoissonRates(population: 0, Array(repeating: 0, count: 40))
    #expect(try s.run(steps: 1000)[0..<40].allSatisfy { $0 == 0 })
    #expect(throws: ParameterError.self) { try s.setPoissonRates(population: 1, Array(repeating: 1, count: 300)) }
    #expect(throws: ParameterError.self) { try s.setPoissonRates(population: 0, Array(repeating: -1, count: 40)) }
  }

  /// Weights written in place are read back (clipped to [w_min, w_max]); each source's synapses reach
  /// every target once (p = 1).
  @Test("weights rewritten in place")
  func rewrite() throws {
    let s = try Self.session()
    let (offsets, targets) = try s.synapses(connection: 0)
    #expect(offsets.count == 41 && offsets.last == 40 * 300)
    #expect((0..<40).allSatisfy { j in Array(targets[offsets[j]..<offsets[j + 1]]) == Array(0..<300) })
    try s.withWeights(connection: 0) { w in for k in w.indices { w[k] = Double(k % 7) * 0.25 - 0.25 } }
    let w = try s.weights(connection: 0)
    #expect(w.indices.allSatisfy { w[$0] == min(max(Double($0 % 7) * 0.25 - 0.25, 0), 1) })
  }
}
