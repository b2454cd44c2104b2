import MesoCore
import MesoPopulation
import MicroNetwork
import NetworkCore
import Testing

/// The mesoscopic engine against the microscopic simulation of the same uncoupled population
/// (Validation article), with and without adaptation: stationary rates within 1 %.
/// The rates' standard errors come from 5 s batch means (longer than the 1 s adaptation time);
/// the test also requires the combined standard error to be below 0.35 %, so that the 1 % criterion
/// is a real test and not sampling luck.
@Suite struct MicroVersusMesoTests {
  func stationaryRate(_ network: DiscreteNetwork, level: SimulationLevel, seed: UInt64) throws -> (mean: Double, standardError: Double) {
    let recording = try simulate(network, level: level, seed: seed)
    return batchMean(recording["A"]!.column(0)[200...], batches: 20)  // 2 s transient discarded
  }

  @Test(arguments: [false, true])
  func uncoupledRatesAgreeWithinOnePercent(adapting: Bool) throws {
    let kernel = adapting ? [ThresholdKernelComponent(J: 1.5, tau: 1)] : []
    let network = try discreteNetwork([gifPopulation(N: 1000, kernel: kernel)], duration: 102, bin: 0.01)
    let micro = try stationaryRate(network, level: .micro, seed: 1)
    let meso = try stationaryRate(network, level: .meso, seed: 2)
    let combined = (micro.standardError * micro.standardError + meso.standardError * meso.standardError).squareRoot()
    #expect(combined / micro.mean < 0.0035, "standard error \(combined) Hz too large for the test")
    #expect(abs(meso.mean / micro.mean - 1) < 0.01, "micro \(micro.mean) ± \(micro.standardError) Hz, meso \(meso.mean) ± \(meso.standardError) Hz")
  }
}
