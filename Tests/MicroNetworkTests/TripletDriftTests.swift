import Foundation
import MesoCore
import MicroNetwork
import NeuronTheory
import Testing

/// Triplet STDP (visual-cortex all-to-all set) between independent Poisson trains: K synapses, each
/// from its own Poisson source of rate ρ_x onto its own neuron firing as a Poisson process at ρ_y
/// (a GIF neuron with ΔV = 10⁶ mV: its hazard does not depend on its input). The mean weight change
/// per second against ⟨ẇ⟩ of Pfister & Gerstner (NeuronTheory), within 4 standard errors of the
/// mean over the K synapses (the synapses are independent), and its sign below and above the
/// threshold ρ_θ: negative at ρ_θ − 1 Hz, positive at ρ_θ + 1 Hz (the thresholds 18.18, 18.72,
/// 19.32 Hz for ρ_x = 1, 10, 20 Hz). Per-step firing probabilities are ρΔt exactly; the
/// discretisation (Δt = 0.1 ms, coincident pairs not paired) biases the drift by O(ρΔt) ≈ 0.2 %.
@Suite("Triplet STDP drift for Poisson trains")
struct TripletDriftTests {
  static let dt = 1e-4
  static let theory = TripletSTDPParameters.visualCortexAllToAll

  /// A population firing with probability ρΔt per step.
  static func poissonLike(_ name: String, N: Int, rate: Double) -> Population {
    let hazard = -log1p(-rate * dt) / dt
    return Population(name: name, N: N, tauM: 0.02, tRef: 0, mu: 0, vReset: 0, vTh: 0, deltaV: 1e6, lambda0: hazard)
  }

  /// Mean and standard error of (w(T) − J)/T over the K synapses onto each of `postRates`.
  static func drifts(preRate: Double, postRates: [Double], K: Int, duration: Double, seed: UInt64) throws -> [(mean: Double, se: Double)] {
    let J = 5.0
    let rule = STDPRule(kind: .triplet, wMax: 100, record: WeightRecording(final: true))
    var model = NetworkModel(
      simulation: SimulationSettings(dt: dt, duration: duration, seed: seed, recordBin: duration),
      populations: [.poisson(name: "X", N: K, rate: -log1p(-preRate * dt) / dt)]
        + postRates.enumerated().map { poissonLike("Y\($0)", N: K, rate: $1) },
      connections: postRates.indices.map {
        Connection(from: "X", to: "Y\($0)", J: J, p: 1 / Double(K), delay: dt, tauS: 0, plasticity: rule)
      })
    model.micro.connectivity = .fixedIndegree
    var engine = try MicroscopicSimulator(model: model, seed: seed)
    let recording = try engine.run()
    let w = try #require(recording["w"]).values, connection = try #require(recording["w_connection"]).values
    return postRates.indices.map { c in
      let changes = zip(w, connection).filter { Int($0.1) == c }.map { ($0.0 - J) / duration }
      let mean = changes.reduce(0, +) / Double(changes.count)
      let variance = changes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(changes.count - 1)
      return (mean, (variance / Double(changes.count)).squareRoot())
    }
  }

  @Test("drift within 4 s.e. of the formula and its sign flipping at ρ_θ ± 1 Hz", arguments: [1.0, 10.0, 20.0])
  func driftAndThreshold(preRate: Double) throws {
    let threshold = Self.theory.postRateThreshold(preRate: preRate)
    let rates = [threshold - 1, threshold + 1]
    let measured = try Self.drifts(preRate: preRate, postRates: rates, K: 2000, duration: 10, seed: 7)
    for (rate, m) in zip(rates, measured) {
      let expected = Self.theory.meanDrift(preRate: preRate, postRate: rate)
      #expect(abs(m.mean - expected) < 4 * m.se, "ρ_x \(preRate) ρ_y \(rate): \(m.mean) ± \(m.se) vs \(expected) mV/s")
    }
    #expect(measured[0].mean < 0 && measured[1].mean > 0, "sign below and above ρ_θ = \(threshold) Hz: \(measured)")
  }
}
