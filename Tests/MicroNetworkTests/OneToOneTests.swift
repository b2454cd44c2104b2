import Foundation
import MesoCore
import MicroNetwork
import Testing

/// `one_to_one` connectivity and per-synapse initial weights (`plasticity.w_init`).
@Suite("one_to_one connectivity and w_init")
struct OneToOneTests {
  static func network(N: Int = 500, to M: Int = 500, p: Double = 1, wInit: WeightDistribution?) -> NetworkModel {
    var rule = STDPRule(kind: .pair, muPlus: 0, muMinus: 1, wMax: 1, record: WeightRecording(final: true))
    rule.wInit = wInit
    let lif = Population(name: "L", N: M, tauM: 0.02, tRef: 0, mu: 0, vReset: 0, vTh: 1, deltaV: 0, lambda0: 0)
    var neurons = lif
    neurons.kind = .lif(LIFNeuron())
    return model(
      [.poisson(name: "X", N: N, rate: 0), neurons],
      [Connection(from: "X", to: "L", J: 0.1, p: p, delay: 0.0005, tauS: 0, plasticity: rule, connectivity: .oneToOne)], duration: 0.001)
  }

  @Test("neuron i of the source reaches neuron i of the target and no other")
  func partners() throws {
    let simulator = try MicroscopicSimulator(model: Self.network(wInit: nil), seed: 1)
    #expect(simulator.synapseCount == 500)
    #expect((0..<500).allSatisfy { simulator.targets(connection: 0, source: $0) == [$0] })
    #expect(simulator.inDegrees(connection: 0) == Array(repeating: 1, count: 500))
  }

  @Test("unequal sizes and p < 1 are refused, naming the key")
  func refused() {
    for (m, key) in [(Self.network(to: 400, wInit: nil), "connections[0].connectivity"), (Self.network(p: 0.5, wInit: nil), "connections[0].p")] {
      #expect(m.problems().contains { $0.path == key }, "\(m.problems())")
    }
  }

  /// Silent sources: the final weights are the initial ones. Uniform on [0, 0.31]: mean 0.155 and
  /// variance 0.31²/12 within 4 s.e. (s.e. of the mean √(var/n)); all inside the interval. The same
  /// seed draws the same weights.
  @Test("uniform initial weights")
  func uniform() throws {
    let law = WeightDistribution.uniform(low: 0, high: 0.31)
    let w = try simulate(Self.network(N: 4000, to: 4000, wInit: law), seed: 3)["w"]!.values
    let mean = w.reduce(0, +) / Double(w.count), variance = 0.31 * 0.31 / 12
    #expect(abs(mean - 0.155) < 4 * (variance / Double(w.count)).squareRoot())
    #expect(w.allSatisfy { $0 >= 0 && $0 <= 0.31 })
    #expect(try simulate(Self.network(N: 4000, to: 4000, wInit: law), seed: 3)["w"]!.values == w)
  }

  /// Normal initial weights, clipped to [w_min, w_max]: mean and standard deviation within 4 s.e.
  @Test("normal initial weights")
  func normal() throws {
    let w = try simulate(Self.network(N: 4000, to: 4000, wInit: .normal(mean: 0.5, std: 0.02)), seed: 3)["w"]!.values
    let mean = w.reduce(0, +) / Double(w.count)
    let sd = (w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count - 1)).squareRoot()
    #expect(abs(mean - 0.5) < 4 * 0.02 / Double(w.count).squareRoot())
    #expect(abs(sd / 0.02 - 1) < 4 / (2 * Double(w.count)).squareRoot())
  }

  @Test("initial weights outside [w_min, w_max] are refused")
  func outOfBounds() {
    let problems = Self.network(wInit: .uniform(low: -0.1, high: 2)).problems().map(\.path)
    #expect(problems.contains("connections[0].plasticity.w_init.low") && problems.contains("connections[0].plasticity.w_init.high"))
  }
}
