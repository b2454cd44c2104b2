/// A test of whether the mean of an activity stays put across a window (batch means): each series
/// (one trial) is cut into 2b blocks of equal length (a remainder at the end is dropped), m_sj are
/// the block means and H_s1, H_s2 the means of the first and the last b blocks. With
///
///   D = (1/K) Σ_s (H_s2 − H_s1),   σ² = Σ_s Σ_halves Σ_j (m_sj − H_s,half)² / (2K(b − 1)),
///   z = D / √(2σ²/(bK)),
///
/// |z| > `threshold` means the mean drifts. σ² is measured within each half, so a trend does not
/// inflate it much. For a stationary series whose correlation time is short against a block, z
/// follows Student's t with 2K(b − 1) degrees of freedom: P(|z| > 4) = 0.4 % for K = 1, b = 5.
public struct DriftTest: Equatable, Sendable {
  /// |z| above which the mean is said to drift.
  public static let threshold = 4.0

  /// D, mean over series of (second-half mean − first-half mean) (unit of the values, Hz for A).
  public let difference: Double
  /// √(2σ²/(bK)), standard error of D under stationarity.
  public let standardError: Double
  /// b, blocks per half.
  public let blocksPerHalf: Int

  /// The test on `series` (at least one, each of at least 2b bins); nil when a series is shorter.
  public init?(_ series: [TimeSeries], blocksPerHalf b: Int = 5) {
    precondition(b >= 2, "DriftTest: at least 2 blocks per half")
    guard !series.isEmpty, series.allSatisfy({ $0.count >= 2 * b }) else { return nil }
    var differences = 0.0, squares = 0.0
    for s in series {
      let length = s.count / (2 * b)
      let blocks = (0..<(2 * b)).map { j in s.values[(j * length)..<((j + 1) * length)].reduce(0, +) / Double(length) }
      let halves = [blocks[..<b], blocks[b...]].map { half in (half, half.reduce(0, +) / Double(b)) }
      differences += halves[1].1 - halves[0].1
      squares += halves.reduce(0) { sum, half in sum + half.0.reduce(0) { $0 + ($1 - half.1) * ($1 - half.1) } }
    }
    let k = Double(series.count)
    let variance = squares / (2 * k * Double(b - 1))
    difference = differences / k
    standardError = (2 * variance / (Double(b) * k)).squareRoot()
    blocksPerHalf = b
  }

  /// z = D / standard error (±∞ for a drift of noiseless blocks, 0 when nothing changes).
  public var z: Double {
    guard standardError > 0 else { return difference == 0 ? 0 : difference.sign == .minus ? -.infinity : .infinity }
    return difference / standardError
  }

  /// Whether |z| exceeds `threshold`.
  public var drifts: Bool { abs(z) > Self.threshold }
}
