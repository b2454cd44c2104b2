import Foundation
import GSLBridge
import MesoCore

/// The diluted synaptic matrix in compressed-column form: the postsynaptic partners of neuron j
/// are `postsynaptic[columnStart[j] ..< columnStart[j + 1]]` (ascending), with the weights J_ij in
/// `weights` (Float32, contiguous). A learning step is one pass over two contiguous arrays; a
/// field update visits only the columns of the active (or, in later sweeps, the flipped) neurons.
struct SynapseMatrix {
  /// N + 1 column offsets.
  let columnStart: [Int]
  /// Postsynaptic neuron i of every synapse.
  let postsynaptic: [UInt32]
  /// J_ij, in the order of `postsynaptic`.
  var weights: [Float]

  /// Columns are drawn in blocks of this many neurons, each from its own stream, so that the
  /// matrix depends on the seed only (not on the number of threads).
  static let blockSize = 256

  /// Bytes needed for N neurons at connection probability c: 8 bytes per synapse (weight and index)
  /// for the mean count plus 6 standard deviations, and the column offsets; nil when it overflows.
  static func bytes(N: Int, c: Double) -> Int? {
    let pairs = Double(N) * Double(N - 1)
    let synapses = pairs * c + 6 * (pairs * c * (1 - c)).squareRoot()
    let total = 8 * synapses + 8 * Double(N + 1)
    return total < 0x1p62 ? Int(total) : nil
  }

  /// c_ij ~ Bernoulli(c) for every ordered pair i ≠ j, J_ij = 0. Within a column the gaps between
  /// successive partners are geometric, ⌊ln U / ln(1 − c)⌋, so drawing costs O(cN) per column;
  /// blocks of columns are drawn on `threads` threads.
  init(N: Int, c: Double, seed: UInt64, threads: Int) {
    let blocks = (N + Self.blockSize - 1) / Self.blockSize
    let logMiss = log1p(-c)
    let drawn = Array(0..<blocks).concurrentMap(threads: threads) { (b: Int) -> (counts: [Int], partners: [UInt32]) in
      var random = RandomStream(master: seed, purpose: .connectivity, index: UInt64(b))
      var counts = [Int](), partners = [UInt32]()
      for j in (b * Self.blockSize)..<min(N, (b + 1) * Self.blockSize) {
        let before = partners.count
        var i = -1
        while true {
          i += c >= 1 ? 1 : 1 + Int(min(log(random.uniformPositive()) / logMiss, Double(N)))
          if i >= N { break }
          if i != j { partners.append(UInt32(i)) }
        }
        counts.append(partners.count - before)
      }
      return (counts, partners)
    }
    var start = [0]
    start.reserveCapacity(N + 1)
    for block in drawn { for count in block.counts { start.append(start.last! + count) } }
    columnStart = start
    var all = [UInt32]()
    all.reserveCapacity(start.last!)
    for block in drawn { all.append(contentsOf: block.partners) }
    postsynaptic = all
    weights = [Float](repeating: 0, count: all.count)
  }

  /// Number of synapses.
  var count: Int { postsynaptic.count }
}
