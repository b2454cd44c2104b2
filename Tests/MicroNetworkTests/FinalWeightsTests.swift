import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import Testing

/// The final weights streamed from the engine's storage (`w_pre`, `w_post`, `w_connection`, `w`):
/// silent LIF neurons (V_th = 10⁹ mV), so every plastic weight stays at its connection's J. Three
/// plastic connections, the middle one without `record.final`: the arrays list exactly the drawn
/// synapses of connections 0 and 2 (global ids), in that order, each at its J; and any range a
/// writer asks for, across the boundary of the two connections too, equals that slice of the whole.
@Suite struct FinalWeightsTests {
  @Test func streamedFinalWeightsAreTheDrawnSynapses() throws {
    let silent = { (name: String, N: Int) in Population.lif(name: name, N: N, tauM: 0.02, tRef: 0, mu: 0, vReset: 0, vTh: 1e9) }
    let plastic = { (final: Bool) in STDPRule(kind: .pair, wMax: 10, record: WeightRecording(final: final)) }
    let m = model(
      [silent("A", 40), silent("B", 30), silent("C", 20)],
      [
        Connection(from: "A", to: "B", J: 1.5, p: 0.2, delay: 0.001, tauS: 0, plasticity: plastic(true)),
        Connection(from: "B", to: "C", J: 2.5, p: 0.3, delay: 0.001, tauS: 0, plasticity: plastic(false)),
        Connection(from: "B", to: "A", J: 3.5, p: 0.25, delay: 0.001, tauS: 0, plasticity: plastic(true)),
      ], duration: 0.002)
    let seed: UInt64 = 5
    let r = try simulate(m, seed: seed)
    let drawn = try MicroscopicSimulator.drawnSynapses(DiscreteNetwork(m), seed: seed, memoryLimit: MemoryLimit(bytes: 1 << 30, source: "test"))
    let offsets = [0, 40, 70]
    var pre = [Double](), post = [Double](), connection = [Double](), w = [Double]()
    for (c, from, to, J) in [(0, 0, 1, 1.5), (2, 1, 0, 3.5)] {
      let d = try #require(drawn[c])
      pre += d.sources.map { Double(offsets[from] + $0) }
      post += d.targets.map { Double(offsets[to] + $0) }
      connection += Array(repeating: Double(c), count: d.sources.count)
      w += Array(repeating: J, count: d.sources.count)
    }
    #expect(pre.count > 440 && pre.count < 640, "0.2 · 1200 + 0.25 · 1200 = 540 synapses, s.d. 20")
    #expect(r["w_pre"]?.values == pre)
    #expect(r["w_post"]?.values == post)
    #expect(r["w_connection"]?.values == connection)
    #expect(r["w"]?.values == w)

    let streamed = try #require(r.streamed.first { $0.name == "w_post" })
    guard case .int32(let chunks) = streamed.values else { Issue.record("w_post is not int32"); return }
    let whole = chunks.array, split = try #require(drawn[0]).sources.count
    for range in [0..<1, (split - 3)..<(split + 4), (split - 1)..<split, split..<(split + 1), (whole.count - 5)..<whole.count, 7..<(whole.count - 2)] {
      let part = [Int32](unsafeUninitializedCapacity: range.count) { buffer, n in
        chunks.fill(from: range.lowerBound, into: buffer)
        n = range.count
      }
      #expect(part == Array(whole[range]), "range \(range)")
    }
  }

  /// The memory budget counts the final weights as the bytes of the output file (they are streamed
  /// from the synapses' own storage, never held whole): 4 + 4 + 4 + 8 bytes per synapse, the sizes
  /// of the types the arrays are written as. All-to-all (p = 1), so the planned count is exact.
  @Test func budgetOfTheFinalWeightsIsWhatTheyWrite() throws {
    let silent = { (name: String, N: Int) in Population.lif(name: name, N: N, tauM: 0.02, tRef: 0, mu: 0, vReset: 0, vTh: 1e9) }
    let m = model(
      [silent("A", 40), silent("B", 30)],
      [Connection(from: "A", to: "B", J: 1.5, p: 1, delay: 0.001, tauS: 0, plasticity: STDPRule(kind: .pair, wMax: 10, record: WeightRecording(final: true)))],
      duration: 0.002)
    let budget = try MicroscopicSimulator.resources(DiscreteNetwork(m))
    let item = try #require(budget.items.first { $0.key == "connections[0].plasticity.record.final" })
    let written = try simulate(m, seed: 1).streamed.reduce(0) { bytes, array in
      switch array.values {
      case .float64(let chunks): bytes + chunks.count * MemoryLayout<Double>.size
      case .int32(let chunks): bytes + chunks.count * MemoryLayout<Int32>.size
      }
    }
    #expect(written == 40 * 30 * 20)
    #expect(item.bytes == written)
  }
}
