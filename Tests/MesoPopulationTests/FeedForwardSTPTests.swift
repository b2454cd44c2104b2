import Foundation
import MesoCore
import MesoPopulation
import MicroNetwork
import NetworkCore
import Testing

/// The STP mean field against the microscopic synapses in the feed-forward set-up of
/// Validation article: N = 100 Poisson sources at rate λ drive, through Tsodyks–Markram
/// synapses (U_0 = U), a silent target; the statistic is the STP-weighted activity Ã, read as the
/// target's input (delta PSC, w = J·N·τ_m = 1 mV·s, so input (mV) = Ã (Hz)).
///
/// Tolerances: the mean within 1 % (issue #4; its seed-to-seed s.e. here is ≈ 0.3 %); the
/// variances of Ã in 1, 10 and 100 ms bins within 3 combined standard errors, estimated from the
/// scatter over 4 independent seeds of each level (100 ms bins scatter by ≈ 8 % per seed, spec
/// §5.3). MF1 lacks the finite-number-of-synapses noise: its 1 ms variance in the depressing case
/// (≈ −25 %) must sit more than 5 combined standard errors below micro — this fails if the noise
/// term is silently off in MF2 as well.
@Suite struct FeedForwardSTPTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let label: String, rate: Double, U: Double, tauF: Double, tauD: Double
    var testDescription: String { label }
  }

  static let cases = [
    Case(label: "facilitating", rate: 10, U: 0.1, tauF: 1, tauD: 0.1),
    Case(label: "depressing", rate: 10, U: 0.5, tauF: 0.05, tauD: 0.5),
    Case(label: "depression only", rate: 10, U: 0.5, tauF: 0, tauD: 0.5),
    Case(label: "strong facilitation", rate: 20, U: 0.02, tauF: 1.5, tauD: 0.2),
  ]

  /// Mean and variances (1, 10, 100 ms bins) of Ã after 5 s, one run.
  func statistics(_ c: Case, level: SimulationLevel, variant: MesoSettings.Variant = .secondOrder, seed: UInt64) throws -> [Double] {
    let target = Population(name: "T", N: 1, tauM: 0.02, tRef: 0.004, mu: -100, vReset: 0, vTh: 10, deltaV: 2, lambda0: 10)
    let stp = STPParameters(U: c.U, U0: c.U, tauD: c.tauD, tauF: c.tauF)
    let model = NetworkModel(
      simulation: SimulationSettings(dt: 0.001, duration: 105, recordBin: 0.001),
      populations: [.poisson(name: "S", N: 100, rate: c.rate), target],
      connections: [Connection(from: "S", to: "T", J: 0.5, p: 1, delay: 0.001, tauS: 0, stp: stp)],
      meso: MesoSettings(variant: variant))
    let network = try DiscreteNetwork(model)
    let recording = try simulate(network, level: level, seed: seed)
    let x = Array(recording["input"]!.column(1).dropFirst(5000))
    let mean = x.reduce(0, +) / Double(x.count)
    let variances = [1, 10, 100].map { width -> Double in
      let blocks = x.count / width
      let means = (0..<blocks).map { b in x[(b * width)..<((b + 1) * width)].reduce(0, +) / Double(width) }
      return means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(blocks - 1)
    }
    return [mean] + variances
  }

  /// Per statistic: mean over seeds and its standard error.
  func overSeeds(_ runs: [[Double]]) -> [(mean: Double, se: Double)] {
    (0..<runs[0].count).map { k in
      let values = runs.map { $0[k] }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
      return (mean, (variance / Double(values.count)).squareRoot())
    }
  }

  @Test(arguments: cases)
  func secondOrderMeanFieldMatchesTheSynapses(_ c: Case) throws {
    let seeds: [UInt64] = [1, 2, 3, 4]
    let micro = overSeeds(try seeds.map { try statistics(c, level: .micro, seed: $0) })
    let meso = overSeeds(try seeds.map { try statistics(c, level: .meso, seed: $0 + 100) })
    #expect(abs(meso[0].mean / micro[0].mean - 1) < 0.01, "\(c.label): mean Ã micro \(micro[0].mean), MF2 \(meso[0].mean)")
    for k in 1...3 {
      // MF2 is a closure, not exact: 16 meso seeds put its 1 ms variance 1.0 ± 0.3 % below the 4 micro seeds in the
      // depressing case (issue #19; 4 seeds cannot resolve that), so 0.5 % of micro's variance
      // enters as a model error beside the two sampling errors.
      let model = 0.005 * micro[k].mean
      let bound = 3 * (micro[k].se * micro[k].se + meso[k].se * meso[k].se + model * model).squareRoot()
      #expect(abs(meso[k].mean - micro[k].mean) < bound, "\(c.label) var[\(k)]: micro \(micro[k]), MF2 \(meso[k])")
    }
  }

  @Test func firstOrderMeanFieldMissesTheSynapseNoise() throws {
    let c = Self.cases[1]
    let seeds: [UInt64] = [1, 2, 3, 4]
    let micro = overSeeds(try seeds.map { try statistics(c, level: .micro, seed: $0) })
    let mf1 = overSeeds(try seeds.map { try statistics(c, level: .meso, variant: .firstOrder, seed: $0 + 100) })
    let combined = (micro[1].se * micro[1].se + mf1[1].se * mf1[1].se).squareRoot()
    #expect(micro[1].mean - mf1[1].mean > 5 * combined, "var 1 ms: micro \(micro[1]), MF1 \(mf1[1])")
  }
}
