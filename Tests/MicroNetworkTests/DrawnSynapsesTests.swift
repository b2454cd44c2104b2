import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import Testing

/// `MicroscopicSimulator.drawnSynapses` (the companion file of `mesopop export nest --connectivity`)
/// lists exactly the synapses the engine connects for the seed.
@Suite struct DrawnSynapsesTests {
  /// 30 given spike trains (neuron j fires once, in step 4j + 1) onto 8 silent LIF neurons (delta
  /// synapses J = 1 mV, delay one step, τ_m = 100 s: no leak to speak of): target i's membrane rises by
  /// 1 mV within steps 4j + 1 … 4j + 4 exactly when the engine connected j → i. The synapses read off
  /// the membranes must equal the drawn list, for Bernoulli and fixed in-degree connectivity; a list
  /// from another seed or another connection's stream fails (240 pairs, p = 0.3).
  @Test(arguments: [MicroSettings.Connectivity.bernoulli, .fixedIndegree])
  func drawnListIsWhatTheEngineConnects(rule: MicroSettings.Connectivity) throws {
    let dt = 0.0005, sources = 30, targets = 8
    let trains = (0..<sources).map { [Double(4 * $0 + 1) * dt] }
    let target = Population.lif(name: "T", N: targets, tauM: 100, tRef: 0, mu: 0, vReset: 0, vTh: 1e9)
    let m = model(
      [.spikeTrains(name: "S", times: trains), target],
      [Connection(from: "S", to: "T", J: 1, p: 0.3, delay: dt, tauS: 0, connectivity: rule)],
      duration: Double(4 * sources + 4) * dt, dt: dt, micro: MicroSettings(recordMembrane: Array(sources..<(sources + targets))))
    let seed: UInt64 = 7
    let r = try simulate(m, seed: seed)
    let drawn = try #require(try MicroscopicSimulator.drawnSynapses(DiscreteNetwork(m), seed: seed, memoryLimit: MemoryLimit(bytes: 1 << 30, source: "test"))[0])
    var seen = Set<[Int]>()
    for i in 0..<targets {
      let v = r["V_m"]!.column(i)
      for j in 0..<sources where v[4 * j + 4] - v[4 * j] > 0.5 { seen.insert([j, i]) }
    }
    let listed = Set(zip(drawn.sources, drawn.targets).map { [$0, $1] })
    #expect(drawn.sources.count == listed.count, "one synapse per pair")
    #expect(listed == seen, "drawn \(listed.count), engine \(seen.count)")
    #expect(seen.count > 30 && seen.count < 120, "p = 0.3 of 240 pairs")
    if rule == .fixedIndegree { #expect(drawn.targets.count == targets * 9, "in-degree round(0.3 · 30) = 9") }
    #expect(drawn.sources == drawn.sources.sorted(), "sorted by source")
  }

  /// A connection with p = 1 and no plasticity has no list (every pair); one of too many synapses is
  /// refused before drawing, naming the connection.
  @Test func fullConnectionsHaveNoListAndHugeOnesAreRefused() throws {
    let m = model([gif("A", N: 10), gif("B", N: 10)], [Connection(from: "A", to: "B", J: 1, p: 1, delay: 0.001, tauS: 0.003)], duration: 0.01)
    #expect(try MicroscopicSimulator.drawnSynapses(DiscreteNetwork(m), seed: 1, memoryLimit: MemoryLimit(bytes: 1 << 30, source: "test")) == [nil])
    let big = model(
      [gif("A", N: 100_000), gif("B", N: 100_000)], [Connection(from: "A", to: "B", J: 1, p: 0.5, delay: 0.001, tauS: 0.003)], duration: 0.01)
    #expect {
      try MicroscopicSimulator.drawnSynapses(DiscreteNetwork(big), seed: 1, memoryLimit: MemoryLimit(bytes: 1 << 30, source: "test"))
    } throws: { ($0 as? ParameterError)?.path == "connections[0]" }
  }
}
