import Foundation
import GSLBridge
import MesoCore

/// The plastic random rate network of Clark & Abbott (2024), Eqs. (1)–(3), with the protocols of
/// their Secs. IV B and VII: halting and releasing plasticity, kicking and clamping the neurons,
/// shuffling J while A is halted, changing the gain g (annealing).
///
/// The state is one contiguous buffer `[x_0 … x_{N−1}, A_00, A_10, … A_{N−1,N−1}]` (A column-major);
/// J = g·Z is stored as the unit-variance matrix Z, also column-major, so changing g costs nothing.
/// Every O(N²) operation is a BLAS call on one column at a time (GSL's CBLAS, axpy form: no
/// floating-point reduction chain): Z and A are read once and A written once per step, while the
/// N-vectors stay in cache. Public matrices (`plasticMatrix`, `setPlasticMatrix`, …) are row-major.
///
/// A reference type: it owns 2N² doubles. Time is `stepCount · dt` plus the time of GSL runs.
public final class PlasticNetwork {
  /// The validated parameters; `g` follows `gain`.
  public private(set) var parameters: PlasticNetworkParameters
  /// N.
  public let size: Int
  /// Current gain g of J = g·Z (change it to anneal).
  public var gain: Double {
    get { parameters.g }
    set { parameters.g = newValue }
  }
  /// Whether A evolves by Eq. (3); `false` holds A at its current value ("halted synapses").
  public var plasticityEnabled = true
  /// Time (units of the neuronal time constant).
  public internal(set) var time = 0.0

  /// x then A column-major, N + N² values.
  let state: UnsafeMutableBufferPointer<Double>
  /// Z = J/g, N² values, column-major.
  let couplings: UnsafeMutableBufferPointer<Double>
  /// φ(x) and the postsynaptic factor u of the current step, and the recurrent input (N each).
  let rates: UnsafeMutableBufferPointer<Double>
  let post: UnsafeMutableBufferPointer<Double>
  let input: UnsafeMutableBufferPointer<Double>
  /// Stream for kicks and shuffles (`.dynamics`).
  var random: RandomStream

  /// Draws Z from the `.connectivity` stream of `seed` in storage order, x(0) ~ 𝒩(0, x0_sigma²) from its
  /// `.initialConditions` stream; A(0) = 0. `parameters` must be validated (`validated()`).
  public init(_ parameters: PlasticNetworkParameters, seed: UInt64) {
    precondition(parameters.N >= 1 && parameters.p > 0, "PlasticNetwork: validate the parameters first")
    self.parameters = parameters
    let n = parameters.N
    size = n
    state = .allocate(capacity: n + n * n)
    couplings = .allocate(capacity: n * n)
    rates = .allocate(capacity: n)
    post = .allocate(capacity: n)
    input = .allocate(capacity: n)
    var connectivity = RandomStream(master: seed, purpose: .connectivity)
    connectivity.fillGaussian(couplings, sigma: 1 / Double(n).squareRoot())
    var initial = RandomStream(master: seed, purpose: .initialConditions)
    initial.fillGaussian(UnsafeMutableBufferPointer(rebasing: state[0..<n]), sigma: parameters.x0Sigma)
    UnsafeMutableBufferPointer(rebasing: state[n...]).update(repeating: 0)
    random = RandomStream(master: seed, purpose: .dynamics)
  }

  deinit {
    state.deallocate()
    couplings.deallocate()
    rates.deallocate()
    post.deallocate()
    input.deallocate()
  }

  // MARK: State access

  /// x, the neuronal state (N values).
  public var x: [Double] { Array(state[0..<size]) }
  /// φ(x) = tanh x.
  public var phi: [Double] { state[0..<size].map { tanh($0) } }
  /// A row-major (N² values).
  public var plasticMatrix: [Double] { rowMajor { state[size + $0] } }
  /// J = g·Z row-major (N² values).
  public var couplingMatrix: [Double] { rowMajor { gain * couplings[$0] } }
  /// W = J + A row-major (N² values).
  public var totalMatrix: [Double] { rowMajor { gain * couplings[$0] + state[size + $0] } }
  /// The state as integrated: x, then A column-major (N + N² values; the layout of `PlasticNetworkODE`).
  public var stateVector: [Double] { Array(state) }

  /// Row-major N×N values from column-major storage offsets (`entry(j·N + i)` is M_ij).
  private func rowMajor(_ entry: (Int) -> Double) -> [Double] {
    let n = size
    return (0..<(n * n)).map { entry(($0 % n) * n + $0 / n) }
  }

  /// Sets x (N values).
  public func setX(_ values: [Double]) {
    precondition(values.count == size, "setX: \(values.count) values for \(size) neurons")
    for i in 0..<size { state[i] = values[i] }
  }

  /// Sets A (N² values, row-major).
  public func setPlasticMatrix(_ values: [Double]) {
    precondition(values.count == size * size, "setPlasticMatrix: \(values.count) values for \(size)² entries")
    let n = size
    for i in 0..<n {
      for j in 0..<n { state[n + j * n + i] = values[i * n + j] }
    }
  }

  // MARK: Protocols (Sec. VII, Fig. 7)

  /// Adds 𝒩(0, σ²) to every x_i ("kick"), from the `.dynamics` stream.
  public func kick(sigma: Double) {
    for i in 0..<size { state[i] += random.gaussian(sigma: sigma) }
  }

  /// Randomly permutes the entries of J (Fisher–Yates on all N² entries, `.dynamics` stream): the
  /// control of Fig. 7(b) that destroys the alignment of J with a halted A.
  public func shuffleCouplings() {
    var j = couplings.count - 1
    while j > 0 {
      let r = Int(random.uniform() * Double(j + 1))
      couplings.swapAt(j, min(r, j))
      j -= 1
    }
  }

  // MARK: Right-hand side pieces

  /// φ = tanh x and u (φ or 1) from the state buffer.
  @inline(__always)
  func computeRates(from y: UnsafePointer<Double>) {
    let n = size
    for i in 0..<n { rates[i] = tanh(y[i]) }
    switch parameters.rule {
    case .hebbian: for i in 0..<n { post[i] = rates[i] }
    case .presynaptic: post.update(repeating: 1)
    }
  }

  /// The recurrent input Σ_j (J_ij + A_ij) φ_j for every i (two column-major mat-vecs).
  public func recurrentInput() -> [Double] {
    computeRates(from: state.baseAddress!)
    let n = size
    BLAS.gemvColumnMajor(rows: n, columns: n, gain, couplings.baseAddress!, rates.baseAddress!, 0, input.baseAddress!)
    BLAS.gemvColumnMajor(rows: n, columns: n, 1, state.baseAddress! + n, rates.baseAddress!, 1, input.baseAddress!)
    return Array(input)
  }

  /// The plastic input Σ_j A_ij φ_j for every i (the left side of Eq. 5).
  public func plasticInput() -> [Double] {
    computeRates(from: state.baseAddress!)
    let n = size
    BLAS.gemvColumnMajor(rows: n, columns: n, 1, state.baseAddress! + n, rates.baseAddress!, 0, input.baseAddress!)
    return Array(input)
  }

  /// max_i |ẋ_i|, the neuronal speed (zero at a fixed point of the neurons).
  public var speed: Double {
    zip(recurrentInput(), state[0..<size]).reduce(0) { max($0, abs($1.0 - $1.1)) }
  }

  /// PR_A = (tr A)² / ‖A‖_F², the participation ratio of A (Eq. 22); 0 while A = 0 (no dimension
  /// participates), so that recordings stay finite.
  public var participationRatio: Double {
    let n = size, a = state.baseAddress! + n
    var trace = 0.0
    for i in 0..<n { trace += a[i * n + i] }
    let frobenius = BLAS.dot(a, a, count: n * n)
    return frobenius > 0 ? trace * trace / frobenius : 0
  }
}
