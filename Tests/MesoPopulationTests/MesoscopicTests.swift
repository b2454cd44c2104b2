import MesoCore
import MesoPopulation
import NetworkCore
import Testing

/// The mesoscopic engine against exact results: the discrete renewal theory of an uncoupled
/// population and the self-consistent rate of a recurrent one (deterministic mode, n = n̄), and
/// the finite-size fluctuations around them.
@Suite struct MesoscopicTests {
  func run(_ network: DiscreteNetwork, seed: UInt64 = 1) throws -> Recording {
    var engine = try MesoscopicSimulator(network: network, seed: seed)
    return try engine.run(progress: nil)
  }

  /// With a history of 40 τ_m the free pool holds only neurons whose reset is forgotten to
  /// e^{−20}, so the deterministic fixed point is the renewal rate to rounding (measured 1.6·10⁻¹³
  /// at K = 800; 2·10⁻³ at the automatic K = 200). Both hazard rules.
  @Test(arguments: [MesoSettings.Hazard.endOfStep, .trapezoid])
  func deterministicUncoupledRateIsTheRenewalRate(hazard: MesoSettings.Hazard) throws {
    let network = try discreteNetwork(
      [gifPopulation()], duration: 3, meso: MesoSettings(spikeCount: .expected, history: 800, hazard: hazard))
    let A = try run(network)["A"]!.column(0)
    let theory = RenewalTheory(population: network.populations[0], drive: 12, dt: network.dt, trapezoid: hazard == .trapezoid)
    #expect(abs(A.last! / theory.rate - 1) < 1e-9, "meso \(A.last!) Hz, renewal \(theory.rate) Hz")
  }

  /// An excitatory population coupled to itself (all-to-all, J = 0.02 mV, τ_s = 3 ms; Validation article):
  /// the deterministic fixed point solves A = F(μ + wA), w = J·N·τ_m, F the renewal rate.
  @Test func deterministicRecurrentRateIsSelfConsistent() throws {
    let population = gifPopulation(mu: 18, threshold: 15, deltaV: 2.5)
    let connection = Connection(from: "P", to: "P", J: 0.02, p: 1, delay: 0.001, tauS: 0.003)
    let network = try discreteNetwork(
      [population], connections: [connection], duration: 4, meso: MesoSettings(spikeCount: .expected, history: 800))
    let A = try run(network)["A"]!.column(0)
    let w = 0.02 * 500 * 0.02
    func F(_ a: Double) -> Double { RenewalTheory(population: network.populations[0], drive: 18 + w * a, dt: network.dt).rate }
    var (lo, hi) = (1.0, 100.0)  // F(a) − a changes sign once in between
    for _ in 0..<60 {
      let mid = 0.5 * (lo + hi)
      if F(mid) > mid { lo = mid } else { hi = mid }
    }
    #expect(abs(A.last! / lo - 1) < 1e-8, "meso \(A.last!) Hz, self-consistent \(lo) Hz")
  }

  /// Binomial draws do not bias the mean: the stochastic rate of an uncoupled population (N = 500,
  /// 100 s) equals the renewal rate within 3 standard errors (batch means over 5 s batches; the
  /// ISI correlation time is < 0.1 s). The finite-size variance of A in 10 ms bins is near the
  /// Poisson-like value A/(N·0.01 s)·(ISI Fano factor) — checked loosely against the
  /// micro value 2.17 Hz² (±10 %: the bins are not independent of the ISI structure).
  @Test func stochasticRateMatchesRenewalWithinSamplingError() throws {
    let network = try discreteNetwork([gifPopulation()], duration: 101, bin: 0.01, meso: MesoSettings(history: 400))
    let A = try run(network, seed: 3)["A"]!.column(0)[100...]
    let (mean, se) = batchMean(A)
    let theory = RenewalTheory(population: network.populations[0], drive: 12, dt: network.dt).rate
    #expect(abs(mean - theory) < 3 * se, "meso \(mean) ± \(se) Hz, renewal \(theory) Hz")
    let variance = A.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(A.count - 1)
    #expect(abs(variance / 2.17 - 1) < 0.1, "var(A, 10 ms) = \(variance) Hz²")
  }

  @Test func sameSeedSameOutput() throws {
    let network = try discreteNetwork(
      [gifPopulation(mu: 18, threshold: 15, deltaV: 2.5)],
      connections: [Connection(from: "P", to: "P", J: 0.02, p: 1, delay: 0.001, tauS: 0.003)], duration: 0.5)
    #expect(try run(network, seed: 9) == run(network, seed: 9))
    #expect(try run(network, seed: 9)["A"] != run(network, seed: 10)["A"])
  }

  @Test func historyThatDoesNotFitIsRefused() throws {
    let network = try discreteNetwork([gifPopulation()], duration: 0.01, meso: MesoSettings(history: 1 << 40))
    #expect(throws: ParameterError.self) { _ = try MesoscopicSimulator(network: network, seed: 1) }
    let short = try discreteNetwork([gifPopulation()], duration: 0.01, meso: MesoSettings(history: 8))
    #expect(throws: ParameterError.self) { _ = try MesoscopicSimulator(network: short, seed: 1) }
  }
}
