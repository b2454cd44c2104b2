import Foundation

/// The local fields h_i = Σ_j c_ij J_ij V_j (eq. 2) of a retrieval, kept as `groups` partial sums
/// over fixed ranges of presynaptic neurons (Float64, one array of N per group). A change of V_j
/// adds ±J_ij to the partial of j's group, so a sweep after the first costs only the columns of
/// the neurons that flipped. Each partial is accumulated in column order and the totals in group
/// order, so the fields do not depend on the number of threads.
struct FieldSums {
  /// Partial sums, group g at [g·N ..< (g + 1)·N].
  private var partials: [Double]
  private let synapses: SynapseMatrix
  private let threads: Int
  /// Groups of presynaptic neurons (contiguous ranges of equal size, the last shorter).
  static let groups = 8

  /// All fields 0 (no neuron active).
  init(_ synapses: SynapseMatrix, threads: Int) {
    self.synapses = synapses
    self.threads = threads
    partials = [Double](repeating: 0, count: Self.groups * (synapses.columnStart.count - 1))
  }

  /// Adds sign · J_ij to h_i for every synapse of the columns j (ascending), each group on one thread.
  mutating func add(columns: [Int], sign: Double) {
    guard !columns.isEmpty else { return }
    let N = synapses.columnStart.count - 1, width = (N + Self.groups - 1) / Self.groups
    let start = synapses.columnStart, post = synapses.postsynaptic, weights = synapses.weights
    partials.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      forEachStrided(count: Self.groups, threads: threads) { g in
        let h = out.baseAddress! + g * N
        start.withUnsafeBufferPointer { start in
          post.withUnsafeBufferPointer { post in
            weights.withUnsafeBufferPointer { w in
              for j in columns where j / width == g {
                for k in start[j]..<start[j + 1] { h[Int(post[k])] += sign * Double(w[k]) }
              }
            }
          }
        }
      }
    }
  }

  /// h_i = Σ_g partial_g[i], summed in group order.
  func totals() -> [Double] {
    let N = synapses.columnStart.count - 1
    var h = [Double](repeating: 0, count: N)
    partials.withUnsafeBufferPointer { part in
      h.withUnsafeMutableBufferPointer { h in
        for g in 0..<Self.groups { for i in 0..<N { h[i] += part[g * N + i] } }
      }
    }
    return h
  }
}
