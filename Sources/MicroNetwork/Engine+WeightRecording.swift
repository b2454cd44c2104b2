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
  /// `w_sample_post` (global ids of the sampled synapses), and for connections with `record.final`
  /// the final weights `w_pre`, `w_post` (global ids), `w_connection` (connection index) and `w`
  /// (mV), one entry per synapse.
  func weightArrays() -> [Trace] {
    var samplePre = [Double](), samplePost = [Double]()
    for layout in plastic {
      let lists = connections[layout.connection].lists!
      let offsetFrom = Double(populations[layout.source].globalOffset), offsetTo = Double(populations[layout.target].globalOffset)
      let sourceOf = { (s: Int) -> Int in
        var lo = 0, hi = self.populations[layout.source].N
        while hi - lo > 1 {
          let mid = (lo + hi) / 2
          if lists.offsets[mid] <= s { lo = mid } else { hi = mid }
        }
        return lo
      }
      for s in sampleIndices(layout) {
        samplePre.append(offsetFrom + Double(sourceOf(s)))
        samplePost.append(offsetTo + Double(lists[s]))
      }
    }
    let final = plastic.filter { rule($0).record.final }
    let synapses = final.reduce(0) { $0 + (connections[$1.connection].lists?.count ?? 0) }
    // Filled in place: these arrays hold one entry per plastic synapse (6.4 M in the Brunel benchmark).
    func perSynapse(_ value: (PlasticLayout, SynapseLists, _ pre: Int, _ synapse: Int) -> Double) -> [Double] {
      [Double](unsafeUninitializedCapacity: synapses) { buffer, count in
        count = 0
        for layout in final {
          let lists = connections[layout.connection].lists!
          for j in 0..<populations[layout.source].N {
            for s in lists.offsets[j]..<lists.offsets[j + 1] {
              buffer[count] = value(layout, lists, j, s)
              count += 1
            }
          }
        }
      }
    }
    let pre = perSynapse { layout, _, j, _ in Double(self.populations[layout.source].globalOffset + j) }
    let post = perSynapse { layout, lists, _, s in Double(self.populations[layout.target].globalOffset + lists[s]) }
    let connection = perSynapse { layout, _, _, _ in Double(layout.connection) }
    let w = perSynapse { layout, _, _, s in layout.weights[s] }
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
    if !final.isEmpty {
      arrays += [
        Trace(name: "w_pre", unit: "id", columns: 1, values: pre), Trace(name: "w_post", unit: "id", columns: 1, values: post),
        Trace(name: "w_connection", unit: "id", columns: 1, values: connection), Trace(name: "w", unit: "mV", columns: 1, values: w),
      ]
    }
    return arrays
  }
}
