import Foundation
import GSLBridge
import MesoCore
import MicroKernels

/// A simulated Feng–Brunel network: binary neurons, diluted connectivity, double-well synapses
/// learning a stream of patterns (eqs. 1–7). The weights are held at v⁺, right after the latest
/// presentation, where retrieval is tested; the next presentation first applies the exact flow
/// over the interval, F(J) = sgn(J) C + (J − sgn(J) C) e^{−2r₁} (J never changes sign), then adds
/// r₂ I(η_i, η_j) + r₃ ε_ij.
public struct AttractorNetwork {
  /// The network simulated (validated).
  public let parameters: DoubleWellParameters
  var synapses: SynapseMatrix
  /// The seed of connectivity and synaptic noise.
  public let seed: UInt64
  /// Patterns presented so far.
  public private(set) var presentations = 0

  /// Threads of the presentations and retrieval sweeps (the results do not depend on it).
  public let threads: Int

  /// The network with c_ij drawn from `seed`'s connectivity stream and every J_ij = `initialWeight`,
  /// on `threads` threads. Refuses, before allocating, parameters out of range, N ≥ 2³¹, `threads`
  /// < 1, or a matrix that does not fit under `memoryLimit`.
  public init(
    _ p: DoubleWellParameters, seed: UInt64, threads: Int = availableCores, memoryLimit: MemoryLimit = .machine(),
    initialWeight: Double = 0
  ) throws(ParameterError) {
    let p = try p.validated()
    try Self.checkThreads(threads)
    // The learning kernel indexes the activities with signed 32-bit postsynaptic indices.
    guard p.N <= Int(Int32.max) else {
      throw ParameterError(path: "network.N", value: Double(p.N), requirement: "be <= \(Int32.max) to simulate")
    }
    try Self.resources(p).check(against: memoryLimit)
    parameters = p
    self.seed = seed
    self.threads = threads
    synapses = SynapseMatrix(N: p.N, c: p.c, seed: seed, threads: threads)
    if initialWeight != 0 { synapses.weights.withUnsafeMutableBufferPointer { $0.update(repeating: Float(initialWeight)) } }
  }

  /// Bytes of the synaptic matrix of `p` (8 per synapse: Float32 weight and UInt32 index, mean
  /// count plus 6 s.d., and the row offsets); nil when the count overflows.
  public static func synapseBytes(_ p: DoubleWellParameters) -> Int? { SynapseMatrix.bytes(N: p.N, c: p.c) }

  /// What a simulation of `p` allocates: its synaptic matrix (key `network.N`) and, under the
  /// capacity protocol `pr`, the latest `max_age` + 1 patterns (Float32, key `protocol.max_age`);
  /// the O(N) state vectors are left out.
  public static func resources(_ p: DoubleWellParameters, protocol pr: CapacityProtocol? = nil) -> ResourceBudget {
    var budget = ResourceBudget()
    budget.add(
      "synaptic matrix of N = \(p.N), c = \(formatNumber(p.c)) (Float32 weights, UInt32 indices)", key: "network.N",
      count: synapseBytes(p) ?? .max, bytesEach: 1)
    if let pr { budget.add("the \(pr.maxAge + 1) latest patterns of \(p.N) neurons", key: "protocol.max_age", count: pr.maxAge + 1, times: p.N, bytesEach: 4) }
    return budget
  }

  /// Throws unless 1 ≤ `threads` ≤ `maxThreads` (key `simulation.threads`).
  public static func checkThreads(_ threads: Int) throws(ParameterError) {
    guard threads >= 1 && threads <= maxThreads else {
      throw ParameterError(path: "simulation.threads", value: Double(threads), requirement: "be in 1 ... \(maxThreads)")
    }
  }

  /// The largest thread count accepted.
  public static let maxThreads = 1024

  /// Number of synapses.
  public var synapseCount: Int { synapses.count }

  /// The weights J_ij of neuron j's outgoing synapses with their postsynaptic neurons i.
  public func outgoing(_ j: Int) -> (post: ArraySlice<UInt32>, J: ArraySlice<Float>) {
    let column = synapses.columnStart[j]..<synapses.columnStart[j + 1]
    return (synapses.postsynaptic[column], synapses.weights[column])
  }

  /// Presents `pattern` (η_i ∈ {0, 1} as 0 or 1): flow over the interval since the previous
  /// presentation, then J_ij += r₂ I(η_i, η_j) + r₃ ε_ij. The noise of the columns in block b of
  /// presentation t comes from the stream (seed, noise, t · blocks + b).
  public mutating func present(_ pattern: [Float]) {
    precondition(pattern.count == parameters.N, "pattern of \(pattern.count) neurons, network of \(parameters.N)")
    let p = parameters
    let lambda = Float(p.contraction), pull = Float((1 - p.contraction) * p.C), r3 = p.r3
    // r₂ I(η_i, η_j) = increment[η_j][0] + step[η_j] · η_i: per column, one value for each η_i.
    let increment = (0...1).map { pre in (0...1).map { Float(p.r2 * p.rule.increment(post: $0, pre: pre, f: p.f)) } }
    let blockSize = SynapseMatrix.blockSize, blocks = (p.N + blockSize - 1) / blockSize
    let noiseIndex = UInt64(presentations) * UInt64(blocks), master = seed
    let columnStart = synapses.columnStart, postsynaptic = synapses.postsynaptic
    // η_i as bit i % 32 of word i / 32, padded for the kernel's window.
    var bitsOfPattern = [UInt32](repeating: 0, count: (p.N + 31) / 32 + Int(MK_DOUBLE_WELL_PADDING))
    for (i, eta) in pattern.enumerated() where eta > 0 { bitsOfPattern[i >> 5] |= 1 << UInt32(i & 31) }
    let activity = bitsOfPattern
    synapses.weights.withUnsafeMutableBufferPointer { w in
      nonisolated(unsafe) let w = w
      forEachBlock(count: p.N, blockSize: blockSize, threads: threads) { b, columns in
        var noise = r3 > 0 ? RandomStream(master: master, purpose: .noise, index: noiseIndex + UInt64(b)) : nil
        // One buffer for the block's noise, as long as its longest column (allocated once per block).
        let longest = r3 > 0 ? columns.map { columnStart[$0 + 1] - columnStart[$0] }.max() ?? 0 : 0
        var epsilon = [Double](repeating: 0, count: longest)
        columnStart.withUnsafeBufferPointer { start in
          postsynaptic.withUnsafeBufferPointer { post in
            activity.withUnsafeBufferPointer { bits in
              for j in columns {
                let pre = Int(bits[j >> 5] >> UInt32(j & 31) & 1), b0 = increment[pre][0], b1 = increment[pre][1] - b0
                let k0 = start[j], k1 = start[j + 1]
                mk_double_well_learn(w.baseAddress! + k0, post.baseAddress! + k0, k1 - k0, bits.baseAddress!, lambda, pull, b0, b1)
                if noise != nil {
                  epsilon.withUnsafeMutableBufferPointer { noise!.fillGaussian(.init(rebasing: $0[0..<(k1 - k0)]), sigma: r3) }
                  for k in k0..<k1 { w[k] += Float(epsilon[k - k0]) }
                }
              }
            }
          }
        }
      }
    }
    presentations += 1
  }
}
