import Analysis
import Foundation
import MesoCore
import MesoPopulation
import MicroNetwork
import NetworkCore
import Testing

/// The history-based release closure (`meso.variant: history`, docs/stp-history-closure.md).
@Suite struct ReleaseHistoryTests {
  /// A regularly firing GIF source (ΔV = 1 mV, ≈ 34 Hz) drives a silent target through depressing
  /// synapses (U = 0.5, τ_D = 0.5 s; delta PSC, w = 1 mV·s so the target's input is Ã).
  func feedForward(variant: MesoSettings.Variant, counts: MesoSettings.SpikeCount) throws -> DiscreteNetwork {
    let source = Population(name: "S", N: 200, tauM: 0.02, tRef: 0.004, mu: 18, vReset: 0, vTh: 10, deltaV: 1, lambda0: 10)
    let target = Population(name: "T", N: 1, tauM: 0.02, tRef: 0.004, mu: -100, vReset: 0, vTh: 10, deltaV: 2, lambda0: 10)
    return try DiscreteNetwork(
      NetworkModel(
        simulation: SimulationSettings(dt: 0.0005, duration: 3, recordBin: 0.0005), populations: [source, target],
        connections: [Connection(from: "S", to: "T", J: 0.25, p: 1, delay: 0.0005, tauS: 0, stp: STPParameters(U: 0.5, tauD: 0.5))],
        meso: MesoSettings(variant: variant, spikeCount: counts, history: 800)))
  }

  /// For a stationary renewal source the mean release per spike is exact: with G = E[e^{−ISI/τ_D}]
  /// over the ISI law, x⁻ = (1 − G)/(1 − (1 − U)G) and Ã = rate·U·x⁻. In the deterministic mode the
  /// history closure reproduces it to rounding (10⁻⁹), while the Poisson-assumption MF2 misses it by
  /// more than 2 % (measured −2.5 %).
  @Test func deterministicReleaseOfARenewalSourceIsExact() throws {
    let network = try feedForward(variant: .history, counts: .expected)
    let renewal = RenewalTheory(population: network.populations[0], drive: 18, dt: network.dt)
    var G = 0.0
    for (i, f) in renewal.intervalDistribution.enumerated() { G += f * exp(-Double(i + 1) * network.dt / 0.5) }
    let exact = renewal.rate * 0.5 * (1 - G) / (1 - 0.5 * G)
    func lastInput(_ network: DiscreteNetwork) throws -> Double {
      var engine = try MesoscopicSimulator(network: network, seed: 1)
      return try engine.run(progress: nil)["input"]!.column(1).last!
    }
    #expect(abs(try lastInput(network) / exact - 1) < 1e-9)
    #expect(try lastInput(feedForward(variant: .secondOrder, counts: .expected)) / exact - 1 < -0.02)
  }

  /// UD-A (Examples/configs/up_down.yaml, N = 100), 4 trials × 200 s of each level (fixed seeds):
  /// MF2's Up states are ≈ 30 % too short (Poisson-release assumption); the history closure must
  /// remove at least half of that deficit. Measured here: micro 0.260 s, history 0.229 s (−12 %),
  /// MF2 0.177 s (−32 %); the mean Up duration's standard error is ≈ 2.5 % per level, so the two
  /// closures are ≈ 6 combined s.e. apart. (The goal, within 10 %, holds in the README's
  /// `compare` run, −7 %, but not in this one; the test states what holds in both.)
  @Test func upStatesOfUDALastAsLongAsInTheNetwork() throws {
    let population = Population(name: "E", N: 100, tauM: 0.02, tRef: 0.004, mu: 4, vReset: 0, vTh: 10, deltaV: 2, lambda0: 10)
    func meanUp(_ level: SimulationLevel, _ variant: MesoSettings.Variant) throws -> Double {
      let network = try DiscreteNetwork(
        NetworkModel(
          simulation: SimulationSettings(dt: 0.0005, duration: 202, recordBin: 0.001), populations: [population],
          connections: [Connection(from: "E", to: "E", J: 4, p: 1, delay: 0.001, tauS: 0.003, stp: STPParameters(U: 0.2, tauD: 0.3))],
          meso: MesoSettings(variant: variant)))
      var durations = [Double]()
      for seed in UInt64(1)...4 {
        let recording = try simulate(network, level: level, seed: seed)
        let activity = try TimeSeries(recording, column: 0).discardingBins(before: 2)
        let states = try UpDownStates.detect(in: activity, settings: AnalysisSettings.UpDown(smoothing: 0.05, thetaHi: 25, thetaLo: 10))
        durations += states?.dwellTimes(.up) ?? []
      }
      return durations.reduce(0, +) / Double(durations.count)
    }
    let micro = try meanUp(.micro, .secondOrder), history = try meanUp(.meso, .history), mf2 = try meanUp(.meso, .secondOrder)
    #expect(mf2 / micro - 1 < -0.2, "mean Up: micro \(micro) s, MF2 \(mf2) s")
    #expect(abs(history / micro - 1) < abs(mf2 / micro - 1) / 2, "mean Up: micro \(micro) s, history \(history) s, MF2 \(mf2) s")
  }
}
