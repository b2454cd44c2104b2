import MesoCore
import MesoPopulation
import NetworkCore
import Testing

/// A population without threshold kernel keeps only its history bins with n > 0 (the compact
/// history of `PopulationHistory`). Reference: the same network whose populations have a threshold
/// kernel of area 10⁻³⁰⁰ mV·s, which keeps the full history (the kernel path) and changes no
/// threshold by a bit (10⁻²⁹⁹ mV is far below half an ulp of any threshold or table position).
/// Only the order of the sweep's lane sums W, X, Y, Z differs: every sum has ≤ K = 200 terms of
/// one sign, so each differs by ≤ 2·200·ε ≈ 4·10⁻¹⁴ relative, and n̄ (the sums and the mismatch
/// N − X − x times P_Λ ≤ 1) by less than 10⁻¹² relative; the states m, v, u do not depend on the
/// sums, so nothing accumulates. The drawn counts are then the same (a draw changes only if a
/// uniform falls within 10⁻¹² of a boundary). Meant to fail if the compact history mistimes a bin
/// (its refractory end or its exit into the free pool) or drops a bin with neurons: a variant whose
/// refractory end is one step late changes the counts of the full microcircuit within 12 ms and of
/// `s17_ei_network` within 75 ms (seed 1).
@Suite struct CompactHistoryTests {
  static func network(kernel: [ThresholdKernelComponent], hazard: MesoSettings.Hazard) throws -> DiscreteNetwork {
    // ≈ 0.5–1 expected spikes per step (N = 60 and 40 at ≈ 20 Hz, Δt = 0.5 ms): many empty bins.
    let populations = [
      gifPopulation("E", N: 60, mu: 12, kernel: kernel), gifPopulation("I", N: 40, mu: 11, kernel: kernel),
    ]
    let connections = [
      Connection(from: "E", to: "I", J: 1.5, p: 0.2, delay: 0.001, tauS: 0.003),
      Connection(from: "I", to: "E", J: -2, p: 0.3, delay: 0.001, tauS: 0.003),
    ]
    return try discreteNetwork(
      populations, connections: connections, inputs: [ExternalInput(to: "E", kind: .pulse(start: 0.3, width: 0.2, amplitude: 3))],
      duration: 1, bin: 0.0005, meso: MesoSettings(hazard: hazard))
  }

  @Test(arguments: [MesoSettings.Hazard.endOfStep, .trapezoid])
  func compactHistoryMatchesTheFullOne(hazard: MesoSettings.Hazard) throws {
    let compact = try simulate(Self.network(kernel: [], hazard: hazard), level: .meso, seed: 3)
    let full = try simulate(
      Self.network(kernel: [ThresholdKernelComponent(J: 1e-300, tau: 0.01)], hazard: hazard), level: .meso, seed: 3)
    let counts = compact["A"]!.values
    #expect(counts == full["A"]!.values)
    let relative = zip(compact["A_expected"]!.values, full["A_expected"]!.values).map { abs($0 - $1) / max(abs($1), 1e-300) }
    #expect(relative.max()! < 1e-12)
    // The test is not trivial: most steps leave an empty bin, and the populations fire.
    let empty = counts.filter { $0 == 0 }.count
    #expect(empty > counts.count / 3 && empty < counts.count)
  }
}
