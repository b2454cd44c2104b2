import Foundation

/// Long-term plasticity of one connection (LongTermPlasticity article): spike-timing-dependent
/// updates of a weight w (mV) stored per synapse, starting at the connection's `J`.
///
/// Pair rule (van Rossum et al. 2000, Gütig et al. 2003, NEST `stdp_synapse`), w̃ = w/w_max:
/// at a postsynaptic spike w̃ ← w̃ + λ(1 − w̃)^{μ₊}·x_pre, at a presynaptic spike
/// w̃ ← w̃ − αλ w̃^{μ₋}·x_post, then w is clipped to [w_min, w_max]. μ = 0 is additive (hard bounds),
/// μ = 1 multiplicative (soft bounds). Triplet rule (Pfister & Gerstner 2006, NEST
/// `stdp_triplet_synapse`): at a post spike w ← w + r₁(A₂⁺ + A₃⁺o₂), at a pre spike w ← w − o₁(A₂⁻ + A₃⁻r₂).
public struct STDPRule: Equatable, Sendable, Codable {
  /// Pair or triplet STDP.
  public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
    /// Pair STDP with traces x_pre (τ₊) and x_post (τ₋).
    case pair
    /// Triplet STDP with traces r₁ (τ₊), r₂ (τ_x), o₁ (τ₋), o₂ (τ_y).
    case triplet
  }
  /// How spikes are paired.
  public enum Pairing: String, Equatable, Sendable, Codable, CaseIterable {
    /// Every pre spike with every post spike: a trace jumps by 1 at each spike.
    case allToAll = "all_to_all"
    /// Nearest spikes only: a trace is reset to 1 at each spike (Morrison et al. 2008, symmetric nearest neighbour).
    case nearest
  }

  /// The rule.
  public var kind: Kind
  /// The pairing scheme.
  public var pairing: Pairing
  /// τ₊, decay of the presynaptic trace x_pre = r₁ (s).
  public var tauPlus: Double
  /// τ₋, decay of the postsynaptic trace x_post = o₁ (s).
  public var tauMinus: Double
  /// Pair rule: λ, learning rate (dimensionless).
  public var lambda: Double
  /// Pair rule: α, depression-to-potentiation ratio.
  public var alpha: Double
  /// Pair rule: μ₊, μ₋, Gütig weight-dependence exponents (0: additive, 1: multiplicative).
  public var muPlus: Double
  /// See `muPlus`.
  public var muMinus: Double
  /// Triplet rule: τ_x, τ_y, decays of the slow traces r₂ (pre) and o₂ (post) (s).
  public var tauX: Double
  /// See `tauX`.
  public var tauY: Double
  /// Triplet rule: amplitudes A₂⁺, A₃⁺, A₂⁻, A₃⁻ (mV per unit trace product).
  public var a2Plus: Double
  /// See `a2Plus`.
  public var a3Plus: Double
  /// See `a2Plus`.
  public var a2Minus: Double
  /// See `a2Plus`.
  public var a3Minus: Double
  /// Upper and lower bound of w (mV).
  public var wMax: Double
  /// See `wMax`.
  public var wMin: Double
  /// What is recorded of the weights.
  public var record: WeightRecording
  /// Initial weights drawn per synapse (nil: every synapse starts at the connection's `J`).
  public var wInit: WeightDistribution? = nil

  /// A rule of `kind`; unused parameters keep their defaults (the defaults of a configuration that
  /// leaves them out: pair τ₊ = τ₋ = 20 ms, λ = 0.01, α = 1, μ₊ = μ₋ = 0; triplet: the visual-cortex
  /// all-to-all set of Pfister & Gerstner 2006).
  public init(
    kind: Kind, pairing: Pairing = .allToAll, tauPlus: Double? = nil, tauMinus: Double? = nil, lambda: Double = 0.01,
    alpha: Double = 1, muPlus: Double = 0, muMinus: Double = 0, tauX: Double = 0.101, tauY: Double = 0.125,
    a2Plus: Double = 5e-10, a3Plus: Double = 6.2e-3, a2Minus: Double = 7e-3, a3Minus: Double = 2.3e-4,
    wMax: Double, wMin: Double = 0, record: WeightRecording = WeightRecording()
  ) {
    self.kind = kind
    self.pairing = pairing
    self.tauPlus = tauPlus ?? (kind == .pair ? 0.02 : 0.0168)
    self.tauMinus = tauMinus ?? (kind == .pair ? 0.02 : 0.0337)
    self.lambda = lambda
    self.alpha = alpha
    self.muPlus = muPlus
    self.muMinus = muMinus
    self.tauX = tauX
    self.tauY = tauY
    self.a2Plus = a2Plus
    self.a3Plus = a3Plus
    self.a2Minus = a2Minus
    self.a3Minus = a3Minus
    self.wMax = wMax
    self.wMin = wMin
    self.record = record
  }

  enum CodingKeys: String, CodingKey {
    case kind = "rule", pairing, tauPlus = "tau_plus", tauMinus = "tau_minus", lambda, alpha, muPlus = "mu_plus"
    case muMinus = "mu_minus", tauX = "tau_x", tauY = "tau_y", a2Plus = "A2_plus", a3Plus = "A3_plus"
    case a2Minus = "A2_minus", a3Minus = "A3_minus", wMax = "w_max", wMin = "w_min", record, wInit = "w_init"
  }

  /// Every problem of the rule, on keys under `path` (`connections[2].plasticity`); `J` is the initial weight.
  public func problems(path: String, J: Double) -> [ParameterError] {
    var found = ParameterProblems(under: path)
    found.require(tauPlus > 0, "tau_plus", tauPlus, "be > 0 s")
    found.require(tauMinus > 0, "tau_minus", tauMinus, "be > 0 s")
    found.require(wMax >= 0, "w_max", wMax, "be >= 0 mV")
    found.require(wMin >= 0, "w_min", wMin, "be >= 0 mV")
    found.require(wMin <= wMax, "w_min", wMin, "be <= w_max = \(formatNumber(wMax)) mV")
    if let wInit {
      found.errors += wInit.problems(path: path + ".w_init", wMin: wMin, wMax: wMax)
    } else {
      found.require(J >= wMin && J <= wMax, "w_max", wMax, "bound the initial weight: w_min <= J = \(formatNumber(J)) mV <= w_max")
    }
    switch kind {
    case .pair:
      found.require(wMax > 0, "w_max", wMax, "be > 0 mV (the pair rule scales w by w_max)")
      found.require(lambda >= 0, "lambda", lambda, "be >= 0")
      found.require(alpha >= 0, "alpha", alpha, "be >= 0")
      found.require(muPlus >= 0 && muPlus <= 1, "mu_plus", muPlus, "be in [0, 1]")
      found.require(muMinus >= 0 && muMinus <= 1, "mu_minus", muMinus, "be in [0, 1]")
    case .triplet:
      found.require(tauX > 0, "tau_x", tauX, "be > 0 s")
      found.require(tauY > 0, "tau_y", tauY, "be > 0 s")
      for (key, a) in [("A2_plus", a2Plus), ("A3_plus", a3Plus), ("A2_minus", a2Minus), ("A3_minus", a3Minus)] {
        found.require(a >= 0, key, a, "be >= 0 mV")
      }
    }
    found.require(record.histogramBins >= 1 && record.histogramBins <= 10_000, "record.histogram_bins", Double(record.histogramBins), "be in 1 ... 10000")
    found.require(record.samples >= 0, "record.samples", Double(record.samples), "be >= 0")
    return found.errors
  }
}

/// What is recorded of a plastic connection's weights.
public struct WeightRecording: Equatable, Sendable, Codable {
  /// Record mean, standard deviation and histogram of the weights at the end of every weight record interval.
  public var statistics: Bool
  /// Number of equal bins of the histogram over [w_min, w_max].
  public var histogramBins: Int
  /// Number of synapses whose weights are recorded in every interval (evenly spaced in storage order).
  public var samples: Int
  /// Write the final weights as sparse arrays (pre, post, w).
  public var final: Bool
  /// Interval of the weight records (s), a whole multiple of `simulation.record_bin`; nil: the
  /// default grid, `defaultInterval` rounded down to a multiple of the bin (see `binsPerRecord`).
  /// Each record flushes every synapse of every plastic connection: a full pass over the weights.
  public var every: Double?

  /// What to record; nothing by default.
  public init(statistics: Bool = false, histogramBins: Int = 20, samples: Int = 0, final: Bool = false, every: Double? = nil) {
    self.statistics = statistics
    self.histogramBins = histogramBins
    self.samples = samples
    self.final = final
    self.every = every
  }

  enum CodingKeys: String, CodingKey { case statistics, histogramBins = "histogram_bins", samples, final, every }

  /// The default interval of the weight records (s).
  public static let defaultInterval = 0.1

  /// Recording bins per weight record: `every / record_bin`, or by default the most bins within
  /// `defaultInterval` (at least 1, at most the run's `bins`).
  public func binsPerRecord(recordBin: Double, bins: Int) -> Int {
    // In Double, then clamped: any value converts (an invalid one is refused by the validation).
    let k = every.map { ($0 / recordBin).rounded() } ?? min((Self.defaultInterval / recordBin * (1 + 1e-9)).rounded(.down), Double(bins))
    return k >= 1 ? Int(min(k, Double(Int32.max))) : 1
  }

  /// Whether anything is recorded during the run (every record interval then ends with a flush).
  public var isRecordingBins: Bool { statistics || samples > 0 }
}
