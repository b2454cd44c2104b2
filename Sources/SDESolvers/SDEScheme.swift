/// Fixed-step schemes for an Itô SDE with diagonal noise, dX_i = f_i dt + g_i dW_i, by the names of
/// the configuration files (`noise.scheme`). All three solve the same Itô equation. Orders hold for
/// diagonal (hence commutative) noise; strong = mean path error, weak = error of expectations.
public enum SDEScheme: String, CaseIterable, Codable, Sendable {
  /// X ← X + f Δt + g ΔW. Strong order ½ (1 for additive noise), weak order 1.
  case eulerMaruyama = "euler_maruyama"
  /// Euler–Maruyama plus ½ g ∂g/∂X (ΔW² − Δt). Strong order 1, weak order 1.
  case milstein
  /// Predictor–corrector (trapezoidal) on the Stratonovich-corrected drift f − ½ g ∂g/∂X, so that it
  /// converges to the Itô solution. Strong order 1, weak order 1 (2 for additive noise).
  case heun
}
