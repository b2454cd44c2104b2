/// Triplet STDP (Pfister & Gerstner 2006), all-to-all traces r₁ (τ₊), r₂ (τ_x) of the presynaptic and
/// o₁ (τ₋), o₂ (τ_y) of the postsynaptic train: at a post spike w += r₁(A₂⁺ + A₃⁺ o₂) (o₂
/// before its own increment), at a pre spike w −= o₁(A₂⁻ + A₃⁻ r₂) (r₂ before its own increment).
/// Times in s, amplitudes in units of the weight.
public struct TripletSTDPParameters: Equatable, Sendable {
  /// τ₊, decay of the presynaptic pair trace r₁ (s).
  public var tauPlus: Double
  /// τ_x, decay of the presynaptic triplet trace r₂ (s).
  public var tauX: Double
  /// τ₋, decay of the postsynaptic pair trace o₁ (s).
  public var tauMinus: Double
  /// τ_y, decay of the postsynaptic triplet trace o₂ (s).
  public var tauY: Double
  /// A₂⁺, pair potentiation amplitude.
  public var a2Plus: Double
  /// A₃⁺, triplet potentiation amplitude.
  public var a3Plus: Double
  /// A₂⁻, pair depression amplitude.
  public var a2Minus: Double
  /// A₃⁻, triplet depression amplitude.
  public var a3Minus: Double

  /// A rule with the trace time constants `tauPlus`, `tauX`, `tauMinus`, `tauY` (s) and amplitudes
  /// `a2Plus`, `a3Plus`, `a2Minus`, `a3Minus`.
  public init(
    tauPlus: Double, tauX: Double, tauMinus: Double, tauY: Double, a2Plus: Double, a3Plus: Double,
    a2Minus: Double, a3Minus: Double
  ) {
    self.tauPlus = tauPlus
    self.tauX = tauX
    self.tauMinus = tauMinus
    self.tauY = tauY
    self.a2Plus = a2Plus
    self.a3Plus = a3Plus
    self.a2Minus = a2Minus
    self.a3Minus = a3Minus
  }

  /// Pfister & Gerstner's all-to-all fit to visual cortex (their Table 4; also NEST's triplet examples):
  /// τ₊ = 16.8 ms, τ_x = 101 ms, τ₋ = 33.7 ms, τ_y = 125 ms, A₂⁺ = 5·10⁻¹⁰, A₃⁺ = 6.2·10⁻³,
  /// A₂⁻ = 7·10⁻³, A₃⁻ = 2.3·10⁻⁴.
  public static let visualCortexAllToAll = TripletSTDPParameters(
    tauPlus: 0.0168, tauX: 0.101, tauMinus: 0.0337, tauY: 0.125, a2Plus: 5e-10, a3Plus: 6.2e-3, a2Minus: 7e-3,
    a3Minus: 2.3e-4)

  /// The mean drift ⟨ẇ⟩ (weight/s) for independent Poisson trains of rates ρ_x (pre) and ρ_y (post) (Hz):
  ///
  ///     ⟨ẇ⟩ = ρ_x ρ_y [A₂⁺τ₊ − A₂⁻τ₋ + A₃⁺ τ₊ τ_y ρ_y − A₃⁻ τ₋ τ_x ρ_x].
  public func meanDrift(preRate rhoX: Double, postRate rhoY: Double) -> Double {
    rhoX * rhoY * (a2Plus * tauPlus - a2Minus * tauMinus + a3Plus * tauPlus * tauY * rhoY - a3Minus * tauMinus * tauX * rhoX)
  }

  /// ρ_θ (Hz), the postsynaptic rate where ``meanDrift(preRate:postRate:)`` changes sign (BCM-like threshold):
  ///
  ///     ρ_θ = (A₂⁻τ₋ + A₃⁻τ₋τ_x ρ_x − A₂⁺τ₊) / (A₃⁺τ₊τ_y).
  public func postRateThreshold(preRate rhoX: Double) -> Double {
    (a2Minus * tauMinus + a3Minus * tauMinus * tauX * rhoX - a2Plus * tauPlus) / (a3Plus * tauPlus * tauY)
  }
}
