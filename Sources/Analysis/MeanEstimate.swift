/// Mean of a sample with its standard error: mean = (1/K) Σ_i x_i and sem = s/√K with
/// s² = Σ_i (x_i − mean)²/(K − 1); sem is nil for K < 2. Used for statistics over trials and for
/// mean dwell times, widths, peaks within one trial. Encodes as the report's `{"mean": x, "sem": y}`
/// (`"sem": null` when undefined).
public struct MeanEstimate: Equatable, Sendable, Codable {
  /// The sample mean (1/K) Σ_i x_i, in the unit of the sample.
  public var mean: Double
  /// The standard error s/√K of the mean; nil for fewer than two values.
  public var sem: Double?

  /// An estimate with the given mean and standard error (nil: undefined).
  public init(mean: Double, sem: Double?) {
    self.mean = mean
    self.sem = sem
  }

  /// The estimate from the values; nil when there are none. Drop undefined values (nil trials)
  /// before calling: K counts only the values given.
  public init?<C: Collection<Double>>(_ values: C) {
    guard !values.isEmpty else { return nil }
    let k = Double(values.count)
    let mean = values.reduce(0, +) / k
    let sumOfSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    self.init(mean: mean, sem: values.count < 2 ? nil : (sumOfSquares / (k - 1) / k).squareRoot())
  }

  enum CodingKeys: String, CodingKey { case mean, sem }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(mean, forKey: .mean)
    try container.encode(sem, forKey: .sem)  // Optional: null when nil, the key stays
  }
}
