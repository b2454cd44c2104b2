import Foundation
import Testing

@testable import DoubleWellAttractor
import GSLBridge
import MesoCore

@Suite struct SimulationTests {
  /// One presentation is J ← F(J) + r₂ I with the exact flow F(J) = sgn(J) C + (J − sgn(J) C) e^{−2r₁}
  /// (F(0) = 0), checked on a two-neuron network against the closed form, in the vector loop and
  /// its scalar tail alike (rows of 1 synapse use the tail, rows of 8 the vector loop).
  @Test func presentationIsFlowThenIncrement() throws {
    for N in [2, 9] {
      let p = DoubleWellParameters(N: N, c: 1, r1: 0.1, C: 2.5)
      var network = try AttractorNetwork(p, seed: 1)
      var J = 0.0
      let lambda = exp(-0.2)
      for (t, other) in [1, 0, 0, 0, 1].enumerated() {
        let eta = [Float(1)] + [Float](repeating: Float(other), count: N - 1)
        network.present(eta)
        let sign: Double = J > 0 ? 1 : (J < 0 ? -1 : 0)
        J = sign * 2.5 + (J - sign * 2.5) * lambda + (other == 1 ? 1 : -1)
        for w in network.outgoing(0).J { #expect(abs(Double(w) - J) < 1e-5, "N = \(N), t = \(t)") }
      }
    }
  }

  /// The learning kernel (C, AVX-512 or plain) gives bit for bit the Float32 definition
  /// J ← (J e^{−2r₁} + (1 − e^{−2r₁}) C sgn J) + r₂ I(η_i, η_j), evaluated here synapse by synapse:
  /// at c = 0.05 (16 partners mostly within the kernel's 512-neuron window, sometimes not: the
  /// gather), c = 0.005 (always the gather) and c = 1 (adjacent partners), columns of every length
  /// mod 16 (the scalar tail), weights of both signs and exact zeros (untouched synapses, sgn 0).
  @Test func learningKernelIsTheScalarDefinition() throws {
    for (N, c) in [(3000, 0.05), (3000, 0.005), (70, 1.0)] {
      let p = DoubleWellParameters(N: N, c: c, f: 0.3, r1: 0.1, C: 2.5, rule: .tsodyksFeigelman)
      var network = try AttractorNetwork(p, seed: 3, threads: 2)
      var random = RandomStream(master: 11, purpose: .dynamics)
      let lambda = Float(p.contraction), pull = Float((1 - p.contraction) * p.C)
      var gathered = 0
      for t in 0..<4 {
        // The first pattern is silent but for neuron 0, so most synapses keep J = 0 (their increment f² ≠ 0 moves them later).
        let eta = (0..<N).map { i in Float(t == 0 ? (i == 0 ? 1 : 0) : (random.uniform() < p.f ? 1 : 0)) }
        let before = (0..<N).map { Array(network.outgoing($0).J) }
        network.present(eta)
        for j in 0..<N {
          let (post, J) = network.outgoing(j)
          if t == 1, post.count >= 16, Int(post[post.startIndex + 15]) - Int(post[post.startIndex]) & ~31 >= 512 { gathered += 1 }
          for ((i, w), old) in zip(zip(post, J), before[j]) {
            let well: Float = old > 0 ? pull : (old < 0 ? -pull : 0)
            let b0 = Float(p.r2 * p.rule.increment(post: 0, pre: Int(eta[j]), f: p.f))
            let b1 = Float(p.r2 * p.rule.increment(post: 1, pre: Int(eta[j]), f: p.f)) - b0
            let expected = (old * lambda + well) + (b0 + b1 * eta[Int(i)])
            #expect(w.bitPattern == expected.bitPattern, "N = \(N), c = \(c), t = \(t), i = \(i), j = \(j): \(w) against \(expected)")
          }
        }
      }
      // Both paths of the AVX-512 version are exercised at c = 0.05 (columns whose first 16 partners span ≥ 512 neurons).
      if c == 0.05 { #expect(gathered > 0 && gathered < N / 2, "\(gathered) columns gathered") }
    }
  }

  /// The sparse rules' first increments from J = 0: Tsodyks–Feigel'man r₂(η_i − f)(η_j − f) (eq. 6),
  /// Amit–Fusi I₁, I₂, 0 (eq. 7), for every pre/post combination.
  @Test func sparseRuleIncrements() throws {
    let f = 0.2, eta: [Float] = [1, 0, 1, 0]
    for rule in [LearningRule.tsodyksFeigelman, .amitFusi(i1: 5, i2: -f * (1 - f))] {
      var network = try AttractorNetwork(DoubleWellParameters(N: 4, c: 1, f: f, r2: 2, C: 1, rule: rule), seed: 1)
      network.present(eta)
      for j in 0..<4 {
        let (post, J) = network.outgoing(j)
        for (i, w) in zip(post, J) {
          let expected = 2 * rule.increment(post: Int(eta[Int(i)]), pre: Int(eta[j]), f: f)
          #expect(abs(Double(w) - expected) < 1e-6, "\(rule) i = \(i), j = \(j)")
        }
      }
    }
    #expect(LearningRule.tsodyksFeigelman.increment(post: 1, pre: 0, f: f) == -f * (1 - f))
  }

  /// Sparse learning over a stream: with C = 0 the flow is linear, so after presentations 1…u the
  /// Tsodyks–Feigel'man weights are exactly J_ij = r₂ Σ_w e^{−2r₁(u − w)} (η_i^w − f)(η_j^w − f) (eq. 6);
  /// checked against that sum for every synapse (Float32: 1e-4). With the Amit–Fusi rule (eq. 7),
  /// I₁ = 2C and I₂ = −f(1 − f), r₃ = 0, a synapse once potentiated is never depressed: every pair
  /// that was ever co-active ends with J > 0, every pair never co-active but once touched with J < 0.
  @Test func sparseLearningOverAStream() throws {
    let N = 40, f = 0.15, u = 60
    var random = RandomStream(master: 7, purpose: .dynamics)
    let patterns = (0..<u).map { _ in (0..<N).map { _ in Float(random.uniform() < f ? 1 : 0) } }
    var tf = try AttractorNetwork(DoubleWellParameters(N: N, c: 1, f: f, r1: 0.05, r2: 1.5, C: 0, rule: .tsodyksFeigelman), seed: 2)
    let af = DoubleWellParameters(N: N, c: 1, f: f, r1: 0.5, C: 1, rule: .amitFusi(i1: 2, i2: -f * (1 - f)))
    var amitFusi = try AttractorNetwork(af, seed: 2)
    for eta in patterns {
      tf.present(eta)
      amitFusi.present(eta)
    }
    for j in 0..<N {
      for ((i, w), wAF) in zip(zip(tf.outgoing(j).post, tf.outgoing(j).J), amitFusi.outgoing(j).J) {
        let i = Int(i)
        let exact = patterns.indices.reduce(0.0) { sum, w in
          sum + 1.5 * exp(-0.1 * Double(u - 1 - w)) * (Double(patterns[w][i]) - f) * (Double(patterns[w][j]) - f)
        }
        #expect(abs(Double(w) - exact) < 1e-4 * max(1, abs(exact)), "i = \(i), j = \(j)")
        let coactive = patterns.contains { $0[i] == 1 && $0[j] == 1 }
        let touched = patterns.contains { $0[i] + $0[j] >= 1 }
        #expect(coactive ? wAF > 0 : (touched ? wAF < 0 : wAF == 0), "Amit–Fusi i = \(i), j = \(j): J = \(wAF)")
      }
    }
  }

  /// Retrieval updates the fields by the columns of the flipped neurons only; the same dynamics
  /// from a dense matrix, every field summed afresh at every sweep, gives the same states, sweep
  /// counts and 2-cycle flags: N = 300, c = 0.3, 40 patterns learned with noise, every stored
  /// pattern as start at three thresholds (fixed points and the sweep cap), and N = 8, c = 1, one
  /// alternating pattern learned, started from silence at θ = −½ (h flips between 0 and −1: a 2-cycle).
  @Test func incrementalFieldsEqualTheDenseDynamics() throws {
    var random = RandomStream(master: 8, purpose: .dynamics)
    let patterns = (0..<40).map { _ in (0..<300).map { _ in Float(random.uniform() < 0.5 ? 1 : 0) } }
    var loaded = try AttractorNetwork(DoubleWellParameters(N: 300, c: 0.3, r1: 0.1, r3: 0.5, C: 2), seed: 4)
    for eta in patterns { loaded.present(eta) }
    var small = try AttractorNetwork(DoubleWellParameters(N: 8, c: 1, C: 2), seed: 4)
    small.present((0..<8).map { Float($0 % 2) })
    var kinds = Set<String>()
    for (network, thetas, starts) in [(loaded, [-3.0, 0, 3], patterns), (small, [-0.5], [[Float](repeating: 0, count: 8)])] {
      let N = network.parameters.N
      var dense = [[Double]](repeating: [Double](repeating: 0, count: N), count: N)
      for j in 0..<N { for (i, w) in zip(network.outgoing(j).post, network.outgoing(j).J) { dense[Int(i)][j] = Double(w) } }
      for theta in thetas {
        for start in starts {
          var previous = start, current = start, expected = RetrievalOutcome(state: start, sweeps: 6, cycle: false, capped: true)
          for sweep in 1...6 {
            let next = dense.map { row in zip(row, current).reduce(0.0) { $0 + $1.0 * Double($1.1) } > theta ? Float(1) : 0 }
            if next == current || (sweep > 1 && next == previous) {
              expected = RetrievalOutcome(state: next, sweeps: sweep, cycle: next != current, capped: false)
              break
            }
            (previous, current) = (current, next)
            expected.state = current
          }
          #expect(network.retrieve(from: start, theta: theta, maxSweeps: 6) == expected, "N = \(N), θ = \(theta)")
          kinds.insert(expected.capped ? "capped" : (expected.cycle ? "cycle" : "fixed point"))
        }
      }
    }
    #expect(kinds.count == 3, "\(kinds)")
  }

  /// Started at J = −C (`initialWeight`), a synapse the Amit–Fusi rule never touches stays in the
  /// lower well exactly (F(−C) = −C, increment 0); from J = 0 it stays at 0; co-active pairs end
  /// near +C, the others touched near −C, from either start. A non-finite start is
  /// refused by the protocol (`protocol.initial_J`).
  @Test func initialWeight() throws {
    let f = 0.1, p = DoubleWellParameters(N: 30, c: 1, f: f, r1: 0.5, C: 1, rule: .amitFusi(i1: 2, i2: -f * (1 - f)))
    for start in [-1.0, 0] {
      var network = try AttractorNetwork(p, seed: 3, initialWeight: start)
      let eta = (0..<30).map { Float($0 < 3 ? 1 : 0) }
      for _ in 0..<5 { network.present(eta) }
      for j in 3..<30 { for (i, w) in zip(network.outgoing(j).post, network.outgoing(j).J) where i >= 3 { #expect(Double(w) == start) } }
      for (i, w) in zip(network.outgoing(0).post, network.outgoing(0).J) { #expect(i < 3 ? w > 0.9 : w < -0.9, "i = \(i)") }
    }
    var pr = CapacityProtocol(maxAge: 5)
    pr.initialWeight = .infinity
    #expect(pr.problems().map(\.path) == ["protocol.initial_J"])
  }

  /// Dilution: the number of synapses is Binomial(N(N − 1), c): within 5 s.d. of N(N − 1)c; no
  /// self-connections.
  @Test func connectionCount() throws {
    let network = try AttractorNetwork(DoubleWellParameters(N: 2000, c: 0.05), seed: 3)
    let n = 2000.0 * 1999, mean = n * 0.05, sd = (n * 0.05 * 0.95).squareRoot()
    #expect(abs(Double(network.synapseCount) - mean) < 5 * sd)
    #expect((0..<2000).allSatisfy { !network.outgoing($0).post.contains(UInt32($0)) })
  }

  /// The same seed gives the same measurement bit for bit (columns are processed in fixed blocks,
  /// each with its own noise stream, whatever the number of threads); another seed differs.
  @Test func seededAndReproducible() throws {
    let p = DoubleWellParameters(N: 1500, c: 0.2, r3: 0.3, C: 2)
    let pr = CapacityProtocol(burnIn: 40, maxAge: 6, testTimes: 2)
    let a = try AttractorNetwork.measureCapacity(p, protocol: pr, seed: 5)
    let b = try AttractorNetwork.measureCapacity(p, protocol: pr, seed: 5)
    let c = try AttractorNetwork.measureCapacity(p, protocol: pr, seed: 6)
    #expect(a == b && a.mV != c.mV)
  }

  /// Feng & Brunel, Figs. 2B, 5: at N = 10⁴, c = 0.05, r₁ = 0.1 (burn-in 300, ages 1–20, 2 test
  /// times, seed 1) the double well (C = 2.5) stores at least 4 more patterns than the single well,
  /// and each simulated p is within ±2 of the mean field (7 and 15); seed 1 gives 6 and 13, and an
  /// independent NumPy simulation of one realization gave 7 and 13. Tolerance: m_v(age) drops from
  /// ≈ 1 to ≈ 0 within 1–2 ages, so with 2 test times the age where ⟨m_v⟩ crosses ½ scatters by
  /// about ±1 between realizations, and the Gaussian-field mean field at cN = 500 is biased by
  /// about one more (it overestimates p at small cN).
  @Test func simulationAgreesWithMeanField() throws {
    var capacities = [Int]()
    for C in [0, 2.5] {
      let p = DoubleWellParameters(N: 10_000, c: 0.05, r1: 0.1, C: C)
      let measured = try AttractorNetwork.measureCapacity(p, protocol: CapacityProtocol(maxAge: 20, testTimes: 2), seed: 1)
      let theory = try MeanFieldTheory(p).capacity()
      #expect(abs(measured.capacity - theory) <= 2, "C = \(C): simulation \(measured.capacity), theory \(theory)")
      capacities.append(measured.capacity)
    }
    #expect(capacities[1] - capacities[0] >= 4)
  }

  /// Bad input is refused before anything is allocated, naming the key and the value.
  @Test func refusesBadParameters() {
    let cases: [(DoubleWellParameters, String)] = [
      (DoubleWellParameters(f: 1), "network.f"), (DoubleWellParameters(c: 0), "network.c"),
      (DoubleWellParameters(N: 10, c: 0.05), "network.c"), (DoubleWellParameters(r1: -1), "synapses.r1"),
      (DoubleWellParameters(N: 10_000_000, c: 1), "network.N"),
    ]
    for (p, path) in cases {
      #expect(throws: ParameterError.self) { _ = try AttractorNetwork(p, seed: 1) }
      do { _ = try AttractorNetwork(p, seed: 1) } catch { #expect(error.path == path, "\(error)") }
    }
  }
}
