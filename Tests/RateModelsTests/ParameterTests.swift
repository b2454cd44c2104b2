import Foundation
import GSLBridge
import MesoCore
import RateModels
import Testing

@Suite struct ParameterTests {
  /// Validation names the configuration key of the offending entry.
  @Test func errorsNameTheKey() {
    func path(_ check: () throws -> Void) -> String? {
      do { try check() } catch { return (error as? ParameterError)?.path ?? "not a ParameterError" }
      return nil
    }
    let net = RateNetworkParameters(
      tau: [1, 1, 1], W: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], I: [0, 0, 0], r0: [0, 0, 0])
    #expect(path { _ = try net.validated() } == nil)
    #expect(path { _ = try RateNetworkParameters(tau: [], W: [], I: [], r0: []).validated() } == "tau")
    var bad = net
    bad.tau[1] = -1
    #expect(path { _ = try bad.validated() } == "tau[1]")
    bad = net
    bad.W[2] = [0, 0]
    #expect(path { _ = try bad.validated() } == "W[2]")
    bad = net
    bad.W[0][1] = .nan
    #expect(path { _ = try bad.validated() } == "W[0][1]")
    bad = net
    bad.I = [0]
    #expect(path { _ = try bad.validated() } == "I")
    bad = net
    bad.activation = .sigmoid(rMax: 1, beta: 0, theta: 0)
    #expect(path { _ = try bad.validated() } == "activation.beta")
    #expect(path { _ = try WilsonCowanParameters(tauI: 0).validated() } == "tau_I")
    #expect(path { _ = try WilsonCowanParameters(wEI: -2).validated() } == "w_EI")
    #expect(path { _ = try WilsonCowan1972Parameters(aE: -1).validated() } == "a_e")
    #expect(path { _ = try WilsonCowan1972Parameters(P: .infinity).validated() } == "P")
    #expect(path { _ = try CTRNNParameters(theta: [0, 1]).validated() } == "theta")
    #expect(path { _ = try WinnerTakeAllParameters(I: [], r0: []).validated() } == "I")
    #expect(path { _ = try WinnerTakeAllParameters(r0: [0]).validated() } == "r0")
    #expect(path { _ = try WinnerTakeAllParameters(w: -0.5).validated() } == "w")
    #expect(path { _ = try WilsonCowanParameters().validated() } == nil)
    #expect(path { _ = try WilsonCowan1972Parameters().validated() } == nil)
    #expect(path { _ = try CTRNNParameters().validated() } == nil)
    #expect(path { _ = try WinnerTakeAllParameters().validated() } == nil)
    #expect(path { _ = try RateNetworkParameters().validated() } == nil)
  }

  /// Omitted keys take the defaults; activations read as a name or as an object.
  @Test func partialConfigurationsDecode() throws {
    let decoder = JSONDecoder()
    let wc = try decoder.decode(WilsonCowanParameters.self, from: Data(#"{"w_EE": 2, "activation": "relu"}"#.utf8))
    #expect(wc == WilsonCowanParameters(wEE: 2, activation: .relu))
    let sigmoid = try decoder.decode(Activation.self, from: Data(#"{"kind": "sigmoid", "beta": 4}"#.utf8))
    #expect(sigmoid == .sigmoid(rMax: 1, beta: 4, theta: 0))
    #expect(try decoder.decode(Activation.self, from: Data(#""sigmoid""#.utf8)) == .sigmoid(rMax: 1, beta: 1, theta: 0))
    #expect(throws: DecodingError.self) { try decoder.decode(Activation.self, from: Data(#""softplus""#.utf8)) }
    let wta = try decoder.decode(WinnerTakeAllParameters.self, from: Data(#"{"w": 2}"#.utf8))
    #expect(wta == WinnerTakeAllParameters(w: 2))
  }

  @Test func encodingRoundTrips() throws {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws {
      #expect(try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value)) == value)
    }
    for activation in JacobianTests.activations { try roundTrip(activation) }
    try roundTrip(RateNetworkParameters.random(units: 3, gain: 1.5, tau: 0.02, seed: 3))
    try roundTrip(WilsonCowanParameters(activation: .sigmoid(rMax: 50, beta: 0.2, theta: 10)))
    try roundTrip(WilsonCowan1972Parameters(P: 1.5))
    try roundTrip(CTRNNParameters(tau: [1, 2], W: [[1, 2], [3, 4]], theta: [0, 1], I: [1, 0], y0: [0.5, 0.5]))
    try roundTrip(WinnerTakeAllParameters(w: 2))
  }

  /// W_ij = g J_ij with J_ij ~ 𝒩(0, 1/N), J_ii = 0, reproducible from the seed. With M = N(N − 1)
  /// off-diagonal entries the sample variance has relative s.e. √(2/M) (0.35 % at N = 400): bound 4 s.e.
  /// The N initial rates ~ 𝒩(0, 0.5²): relative s.e. of their variance √(2/N) = 7 %, bound 4 s.e.
  @Test func randomNetworkStatistics() throws {
    let n = 400
    let g = 1.5
    let p = try RateNetworkParameters.random(units: n, gain: g, tau: 0.01, seed: 11).validated()
    #expect(p == RateNetworkParameters.random(units: n, gain: g, tau: 0.01, seed: 11))
    #expect(p.W != RateNetworkParameters.random(units: n, gain: g, tau: 0.01, seed: 12).W)
    #expect((0..<n).allSatisfy { p.W[$0][$0] == 0 } && p.tau == Array(repeating: 0.01, count: n))
    #expect(p.activation == .tanh && p.I == Array(repeating: 0, count: n))
    let offDiagonal = (0..<n).flatMap { i in (0..<n).filter { $0 != i }.map { p.W[i][$0] } }
    let m = Double(offDiagonal.count)
    let variance = offDiagonal.reduce(0) { $0 + $1 * $1 } / m
    #expect(abs(variance / (g * g / Double(n)) - 1) < 4 * (2 / m).squareRoot())
    let r0Variance = p.r0.reduce(0) { $0 + $1 * $1 } / Double(n)
    #expect(abs(r0Variance / 0.25 - 1) < 4 * (2 / Double(n)).squareRoot())
  }

  /// What a generic runner reads: initial state, names, additive noise σ with zero derivative.
  @Test func runnerInterface() {
    let models: [any RateModel] = [
      RateNetwork(RateNetworkParameters(tau: [1, 1], W: [[0, 1], [1, 0]], I: [0, 0], r0: [0.1, 0.2]), noise: 0.3),
      WilsonCowan(WilsonCowanParameters(rE0: 0.1, rI0: 0.2), noise: 0.3),
      WilsonCowan1972(WilsonCowan1972Parameters(E0: 0.1, I0: 0.2), noise: 0.3),
      CTRNN(
        CTRNNParameters(tau: [1, 1], W: [[0, 1], [1, 0]], theta: [0, 0], I: [0, 0], y0: [0.1, 0.2]), noise: 0.3),
      WinnerTakeAll(WinnerTakeAllParameters(I: [1, 1], r0: [0.1, 0.2]), noise: 0.3),
    ]
    let names = [["r_0", "r_1"], ["r_E", "r_I"], ["E", "I"], ["y_0", "y_1"], ["r_0", "r_1"]]
    for (model, expected) in zip(models, names) {
      #expect(model.dimension == 2 && model.initialState == [0.1, 0.2] && model.variableNames == expected)
      var g = [0.0, 0.0]
      var dg = [1.0, 1.0]
      model.initialState.withUnsafeBufferPointer { x in
        g.withUnsafeMutableBufferPointer { model.diffusion(at: 0, state: x, into: $0) }
        dg.withUnsafeMutableBufferPointer { model.diffusionDerivative(at: 0, state: x, into: $0) }
      }
      #expect(g == [0.3, 0.3] && dg == [0, 0])
    }
  }
}
