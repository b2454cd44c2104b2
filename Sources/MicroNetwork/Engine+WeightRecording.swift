import Foundation
import MesoCore

/// Recorded weights of the plastic connections (LongTermPlasticity article), one row per bin.
struct WeightRecords {
  var mean: [Double] = []
  var std: [Double] = []
  var histogram: [Double] = []
  var samples: [Double] = []
}

extension Engine {
  /// Plastic layouts whose rule records statistics, and the sampled synapse indices of each layout.
  var statisticsLayouts: [Int] { plastic.indices.filter { rule(plastic[$0]).record.statistics } }

  func rule(_ layout: PlasticLayout) -> STDPRule { network.model.connections[layout.connection].plasticity! }

  /// Indices of the recorded synapses of a layout: `samples` evenly spaced in storage order.
  func sampleIndices(_ layout: PlasticLayout) -> [Int] {
    let count = connections[layout.connection].lists?.count ?? 0
    let n = min(rule(layout).record.samples, count)
    return (0..<n).map { Int((Double($0) + 0.5) * Double(count) / Double(n)) }
  }

  /// Brings every weight up to `boundary` and, at the end of a weight record interval, records them.
  func flushAndRecordWeights(before boundary: Int, into records: inout RunRecords) {
    flush(before: boundary)
    guard recordsWeights(before: boundary) else { return }
    for k in plastic.indices {
      let layout = plastic[k], r = rule(layout)
      let count = connections[layout.connection].lists?.count ?? 0
      if r.record.statistics {
        var sum = 0.0
        for s in 0..<count { sum += layout.weights[s] }
        let mean = count > 0 ? sum / Double(count) : 0  // 0 for a connection without synapses (p = 0)
        var squares = 0.0
        let bins = r.record.histogramBins
        var histogram = Array(repeating: 0.0, count: bins)
        let width = (r.wMax - r.wMin) / Double(bins), weights = layout.weights
        histogram.withUnsafeMutableBufferPointer { h in
          for s in 0..<count {
            let w = weights[s]
            squares += (w - mean) * (w - mean)
            let bin = width > 0 ? Int((w - r.wMin) / width) : 0
            h[min(max(bin, 0), bins - 1)] += 1
          }
        }
        records.weights.mean.append(mean)
        records.weights.std.append(count > 0 ? (squares / Double(count)).squareRoot() : 0)
        records.weights.histogram += histogram
      }
      for s in sampleIndices(layout) { records.weights.samples.append(layout.weights[s]) }
    }
  }

  /// Record traces, one row per weight record: `w_mean`, `w_std` (statistics connections, mV),
  /// `w_hist` (the connections' histogram bins, counts), `w_samples` (mV).
  func weightTraces(_ records: WeightRecords) -> [Trace] {
    let stats = statisticsLayouts
    var traces = [Trace]()
    if !stats.isEmpty {
      let bins = stats.reduce(0) { $0 + rule(plastic[$1]).record.histogramBins }
      traces.append(Trace(name: "w_mean", unit: "mV", columns: stats.count, values: records.mean))
      traces.append(Trace(name: "w_std", unit: "mV", columns: stats.count, values: records.std))
      traces.append(Trace(name: "w_hist", unit: "1", columns: bins, values: records.histogram))
    }
    let samples = plastic.reduce(0) { $0 + sampleIndices($1).count }
    if samples > 0 { traces.append(Trace(name: "w_samples", unit: "mV", columns: samples, values: records.samples)) }
    return traces
  }

  /// Arrays of their own lengths: `w_t` (end of each weight record interval, s), `w_sample_pre`,
  /// `w_sample_post` (global ids of the sampled synapses).
  func weightArrays() -> [Trace] {
    var samplePre = [Double](), samplePost = [Double]()
    for layout in plastic {
      let lists = connections[layout.connection].lists!
      let offsetFrom = Double(populations[layout.source].globalOffset), offsetTo = Double(populations[layout.target].globalOffset)
      for s in sampleIndices(layout) {
        samplePre.append(offsetFrom + Double(lists.source(of: s, sources: populations[layout.source].N)))
        samplePost.append(offsetTo + Double(lists[s]))
      }
    }
    var arrays = [Trace]()
    if weightRecordSteps > 0 {
      let ends = (0..<weightRecords).map { Double(($0 + 1) * weightRecordSteps) * network.dt }
      arrays.append(Trace(name: "w_t", unit: "s", columns: 1, values: ends))
    }
    if !samplePre.isEmpty {
      arrays += [
        Trace(name: "w_sample_pre", unit: "id", columns: 1, values: samplePre),
        Trace(name: "w_sample_post", unit: "id", columns: 1, values: samplePost),
      ]
    }
    return arrays
  }
}

/// The synapses of the connections with `record.final`, in storage order, read in place from the
/// engine's arena (kept alive here) whenever a writer asks for a chunk.
private struct FinalSynapses: @unchecked Sendable {
  struct Segment {
    var connection: Int32
    var preOffset: Int
    var postOffset: Int
    var sources: Int
    var lists: SynapseLists
    var weights: UnsafeMutablePointer<Double>
    /// Index of the segment's first synapse among all final synapses.
    var first: Int
  }
  let arena: Arena
  let segments: [Segment]
  let count: Int

  /// Calls `value(segment, pre, s)` for the synapses `start ..< start + buffer.count` and stores the results.
  @inline(__always)
  func fill<T>(_ start: Int, _ buffer: UnsafeMutableBufferPointer<T>, _ value: (Segment, _ pre: Int, _ s: Int) -> T) {
    var i = 0
    var k = segments.lastIndex { $0.first <= start }!
    while i < buffer.count {
      let segment = segments[k], s0 = start + i - segment.first
      var s = s0
      for j in segment.lists.source(of: s0, sources: segment.sources)..<segment.sources {
        while s < segment.lists.offsets[j + 1] && i < buffer.count {
          buffer[i] = value(segment, j, s)
          s += 1
          i += 1
        }
      }
      k += 1
    }
  }
}

extension Engine {
  /// For connections with `record.final`, the final weights streamed from the engine's storage:
  /// `w_pre`, `w_post` (global ids, int32), `w_connection` (connection index) and `w` (mV), one entry
  /// per synapse.
  func finalWeightArrays() -> [StreamedArray] {
    var segments = [FinalSynapses.Segment](), count = 0
    for layout in plastic where rule(layout).record.final {
      let lists = connections[layout.connection].lists!
      segments.append(
        .init(
          connection: Int32(layout.connection), preOffset: populations[layout.source].globalOffset,
          postOffset: populations[layout.target].globalOffset, sources: populations[layout.source].N, lists: lists,
          weights: layout.weights, first: count))
      count += lists.count
    }
    guard !segments.isEmpty else { return [] }
    let synapses = FinalSynapses(arena: arena, segments: segments, count: count)
    func ids(_ name: String, _ id: @escaping @Sendable (FinalSynapses.Segment, Int, Int) -> Int32) -> StreamedArray {
      StreamedArray(name: name, unit: "id", values: .int32(Chunks(count: count) { synapses.fill($0, $1, id) }))
    }
    return [
      ids("w_pre") { segment, j, _ in Int32(segment.preOffset + j) },
      ids("w_post") { segment, _, s in Int32(segment.postOffset + segment.lists[s]) },
      ids("w_connection") { segment, _, _ in segment.connection },
      StreamedArray(name: "w", unit: "mV", values: .float64(Chunks(count: count) { synapses.fill($0, $1) { segment, _, s in segment.weights[s] } })),
    ]
  }
}
