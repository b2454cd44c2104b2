import MesoCore

/// A rate or neural-mass model ready for a generic runner: drift with analytic Jacobian, tangent
/// dynamics for Lyapunov exponents, initial state, variable names and additive noise.
///
/// Time is in seconds throughout. Noise convention (every model): additive and independent per
/// state variable, dX_i = f_i(X) dt + σ dW_i, with σ in state units per √s; `diffusion` writes σ
/// and ∂g_i/∂X_i = 0 (the `SDESystem` default). σ = 0 is the deterministic model.
public protocol RateModel: SDESystem, TangentDynamics, Sendable {
  /// The state at t = 0, from the parameters' initial values.
  var initialState: [Double] { get }
  /// One name per state variable, in state order (`r_E`, `r_I`; `r_0`, `r_1`, …).
  var variableNames: [String] { get }
  /// σ, the additive noise amplitude (state units/√s).
  var sigma: Double { get }
}

extension RateModel {
  public func diffusion(
    at t: Double, state x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>
  ) {
    for i in g.indices { g[i] = sigma }
  }
}

/// `prefix_0`, `prefix_1`, … for the state variables of an n-unit model.
func indexedNames(_ prefix: String, count n: Int) -> [String] { (0..<n).map { "\(prefix)_\($0)" } }
