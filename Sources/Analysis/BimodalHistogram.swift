/// The two modes of a sample and the valley between them, read from its histogram: the rule that
/// chooses Up/Down and population-spike thresholds when the configuration gives none.
///
/// 1. Histogram H of the values between the quantiles q_τ and q_{1−τ} (τ = `tailFraction`; values
///    outside are ignored, so isolated extremes do not stretch the bins), B = `bins` equal bins. When
///    the values lie on a lattice of step δ = `resolution` (spike counts of a finite population), the
///    bin width is rounded up to a whole multiple of δ and the edges sit halfway between lattice
///    points, so that every bin holds as many lattice points (a comb of full and empty bins would
///    look like valleys).
/// 2. Candidate valleys: bins m with at least a fraction ρ = `minimumSideFraction` of the counted
///    values in bins below m and ρ above m (both states must be visited).
/// 3. The valley is the candidate with the deepest dip d(m) = min(max_{i<m} H_i, max_{i>m} H_i) − H_m
///    (the first on ties); the modes are the highest bins below and above it.
/// 4. Bimodal only if H_valley ≤ r · min(H_low mode, H_high mode), r = `maximumValleyRatio`;
///    otherwise there is no result (nil): thresholds are then undefined.
///
/// Positions are bin centres, in the unit of the values (Hz for A).
public struct BimodalHistogram: Equatable, Sendable {
  /// Parameters of the rule.
  public struct Rule: Equatable, Sendable {
    /// B, number of histogram bins.
    public var bins = 50
    /// τ, fraction of values ignored at each end.
    public var tailFraction = 0.001
    /// ρ, smallest fraction of the values on each side of the valley.
    public var minimumSideFraction = 0.01
    /// r, largest valley height relative to the lower mode.
    public var maximumValleyRatio = 0.5
    /// δ, step of the lattice the values lie on (their unit); 0: continuous values.
    public var resolution = 0.0

    /// The default rule: B = 50 bins, τ = 0.001, ρ = 0.01, r = 0.5.
    public init() {}
  }

  /// Centre of the highest bin below the valley.
  public let lowMode: Double
  /// Centre of the valley bin.
  public let valley: Double
  /// Centre of the highest bin above the valley.
  public let highMode: Double
  /// Width of the histogram bins.
  public let binWidth: Double

  /// The modes of `values` by `rule`; nil when the histogram is not bimodal by that rule.
  public init?(_ values: [Double], rule: Rule = Rule()) {
    precondition(rule.bins >= 3, "BimodalHistogram: at least 3 bins")
    precondition((0..<0.5).contains(rule.tailFraction), "BimodalHistogram: tailFraction in [0, 0.5)")
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let quantile = { (p: Double) in sorted[Int((p * Double(sorted.count - 1)).rounded())] }
    let lower = quantile(rule.tailFraction), upper = quantile(1 - rule.tailFraction)
    guard upper > lower else { return nil }
    var width = (upper - lower) / Double(rule.bins), first = lower, bins = rule.bins
    if rule.resolution > 0 {
      width = (width / rule.resolution).rounded(.up) * rule.resolution
      first = ((lower / rule.resolution).rounded() - 0.5) * rule.resolution
      bins = Int(((upper - first) / width).rounded(.up))
      guard bins >= 3 else { return nil }
    }
    let h = sorted.reduce(into: [Int](repeating: 0, count: bins)) { counts, v in
      if v >= lower, v <= upper { counts[max(0, min(bins - 1, Int((v - first) / width)))] += 1 }
    }
    let total = h.reduce(0, +)
    let minimumSide = rule.minimumSideFraction * Double(total)

    let highest = { (range: Range<Int>) in h[range].firstIndexOfMaximum()! }
    var best: (valley: Int, depth: Int)?
    var below = h[0]
    for m in 1..<(bins - 1) {
      defer { below += h[m] }
      let above = total - below - h[m]
      guard Double(below) >= minimumSide, Double(above) >= minimumSide else { continue }
      let depth = min(h[highest(0..<m)], h[highest((m + 1)..<bins)]) - h[m]
      if best.map({ depth > $0.depth }) ?? true { best = (m, depth) }
    }
    guard let m = best?.valley else { return nil }
    let low = highest(0..<m), high = highest((m + 1)..<bins)
    let smallerMode = min(h[low], h[high])
    guard smallerMode > 0, Double(h[m]) <= rule.maximumValleyRatio * Double(smallerMode) else { return nil }
    let centre = { (i: Int) in first + (Double(i) + 0.5) * width }
    lowMode = centre(low)
    valley = centre(m)
    highMode = centre(high)
    binWidth = width
  }

  /// Hysteresis thresholds a third and two thirds of the way from the low to the high mode:
  /// θ_lo = m_lo + (m_hi − m_lo)/3, θ_hi = m_lo + 2(m_hi − m_lo)/3. Symmetric about the midpoint, so a
  /// jump between the two levels smoothed by a centred boxcar crosses θ_hi on the way up and θ_lo on
  /// the way down at the same lag (w/6): detected dwell times are not biased by the smoothing.
  public var upDownThresholds: HysteresisThresholds {
    HysteresisThresholds(uncheckedHigh: lowMode + 2 * (highMode - lowMode) / 3, low: lowMode + (highMode - lowMode) / 3)
  }

  /// (m_lo + m_hi)/2, the single threshold for population spikes.
  public var midpoint: Double { (lowMode + highMode) / 2 }
}
