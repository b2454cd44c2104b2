import MesoCore
import MesoPopulation
import NetworkCore
import Testing

/// Connections that share a source, a delay and τ_s share one synaptic filter in the mesoscopic
/// engine (`SynapticFilters`); connections that differ in any of them must not. With deterministic
/// counts (`spike_count: expected`) copies of a source population have identical trajectories, so
/// a network whose targets read one source must give the same bits as one where every target
/// reads its own copy (no filter can be shared there).
@Suite struct FusedFilterTests {
  /// Target k reads the source with (delay, τ_s) = `reads[k]`: T0 and T2 share a filter, T1 differs
  /// in the delay, T3 in τ_s, T4 has a delta synapse, T5 depressing synapses (MF1, no noise: its own
  /// release line).
  static let reads: [(delay: Double, tauS: Double, stp: Bool)] = [
    (0.001, 0.003, false), (0.002, 0.003, false), (0.001, 0.003, false), (0.001, 0.006, false), (0.001, 0, false),
    (0.001, 0.003, true),
  ]

  static func network(copies: Bool) throws -> DiscreteNetwork {
    let sources = copies ? reads.indices.map { "S\($0)" } : ["S0"]
    // Sources driven above threshold and coupled to themselves, so that their activity varies.
    var populations = sources.map { gifPopulation($0, N: 400, mu: 14) }
    populations += reads.indices.map { gifPopulation("T\($0)", N: 300, mu: 8) }
    var connections = sources.map { Connection(from: $0, to: $0, J: -0.5, p: 0.2, delay: 0.0015, tauS: 0.004) }
    for (k, read) in reads.enumerated() {
      let stp = read.stp ? STPParameters(U: 0.3, tauD: 0.2) : nil
      connections.append(
        Connection(from: copies ? "S\(k)" : "S0", to: "T\(k)", J: 2, p: 0.5, delay: read.delay, tauS: read.tauS, stp: stp))
    }
    return try discreteNetwork(
      populations, connections: connections, duration: 0.5, meso: MesoSettings(variant: .firstOrder, spikeCount: .expected))
  }

  @Test func sharedFiltersGiveTheBitsOfSeparateFilters() throws {
    let shared = try simulate(Self.network(copies: false), level: .meso, seed: 1)
    let separate = try simulate(Self.network(copies: true), level: .meso, seed: 1)
    let sources = Self.reads.count
    for k in Self.reads.indices {
      for trace in ["A", "A_expected", "input"] {
        let same = shared[trace]!.column(1 + k) == separate[trace]!.column(sources + k)
        #expect(same, "T\(k): \(trace)")
      }
    }
    // The targets differ from each other (the test would pass trivially otherwise).
    let (t0, t1, t2) = (shared["A"]!.column(1), shared["A"]!.column(2), shared["A"]!.column(3))
    #expect(t0 != t1 && t0 == t2)
  }
}
