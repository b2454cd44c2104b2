import Foundation
import Testing

@testable import DoubleWellAttractor
import MesoCore

@Suite struct ThreadsAndSharingTests {
  /// Columns are drawn and learned in fixed blocks of 256 with their own streams and the fields
  /// summed in fixed groups of presynaptic neurons, so one
  /// and two threads give the same measurement bit for bit (connectivity, noise, every m_v, m_u
  /// and sweep count). N = 1300 makes six blocks, the last one partial, r₃ > 0 exercises the noise.
  @Test func oneAndTwoThreadsAgreeBitForBit() throws {
    let p = DoubleWellParameters(N: 1300, c: 0.2, r3: 0.4, C: 2)
    let pr = CapacityProtocol(burnIn: 30, maxAge: 5, testTimes: 2)
    let one = try AttractorNetwork.measureCapacity(p, protocol: pr, seed: 9, threads: 1)
    let two = try AttractorNetwork.measureCapacity(p, protocol: pr, seed: 9, threads: 2)
    #expect(one == two)
    var a = try AttractorNetwork(p, seed: 4, threads: 1), b = try AttractorNetwork(p, seed: 4, threads: 2)
    let eta = (0..<p.N).map { Float($0 % 3 == 0 ? 1 : 0) }
    a.present(eta)
    b.present(eta)
    #expect(a.synapses.postsynaptic == b.synapses.postsynaptic && a.synapses.weights == b.synapses.weights)
  }

  /// A θ scan on one learned network equals separate measurements with each θ, bit for bit
  /// (learning does not depend on θ), here in the sparse setting (c = 1, f = 4 ln N / N,
  /// Tsodyks–Feigel'man rule).
  @Test func sharedThresholdScanEqualsSeparateRuns() throws {
    let N = 600, f = 4 * log(600.0) / 600
    let p = DoubleWellParameters(N: N, c: 1, f: f, r1: 0.02, C: 0, rule: .tsodyksFeigelman)
    let pr = CapacityProtocol(burnIn: 60, maxAge: 30, testTimes: 1)
    let thetas = [1.0, 2.5]
    let shared = try AttractorNetwork.measureCapacity(p, thetas: thetas, protocol: pr, seed: 3)
    for (k, theta) in thetas.enumerated() {
      var q = p
      q.theta = theta
      #expect(shared[k] == (try AttractorNetwork.measureCapacity(q, protocol: pr, seed: 3)), "θ = \(theta)")
    }
  }

  /// Too many threads, and a matrix above the given memory limit, are refused before allocating.
  @Test func refusesThreadsAndMemory() {
    let p = DoubleWellParameters(N: 2000, c: 0.05)
    #expect(throws: ParameterError.self) { _ = try AttractorNetwork(p, seed: 1, threads: 0) }
    do {
      _ = try AttractorNetwork(p, seed: 1, memoryLimit: MemoryLimit(bytes: 1_000_000, source: "test"))
      Issue.record("a 1.6 MB matrix was accepted under a 1 MB limit")
    } catch { #expect(error.path == "network.N") }
  }
}
