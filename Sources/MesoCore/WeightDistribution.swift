import Foundation

/// The law of the initial weight of every synapse of a plastic connection (`plasticity.w_init`),
/// drawn independently per synapse, in storage order, from the stream (`.initialConditions`, index = connection).
public enum WeightDistribution: Equatable, Sendable, Codable {
  /// Uniform on [low, high] (mV).
  case uniform(low: Double, high: Double)
  /// Gaussian with mean and standard deviation (mV), clipped to [w_min, w_max].
  case normal(mean: Double, std: Double)

  /// Every problem of the distribution, on keys under `path`, for weights bounded by [wMin, wMax].
  public func problems(path: String, wMin: Double, wMax: Double) -> [ParameterError] {
    var found = ParameterProblems(under: path)
    let bounds = "lie in [w_min, w_max] = [\(formatNumber(wMin)), \(formatNumber(wMax))] mV"
    switch self {
    case .uniform(let low, let high):
      found.require(low.isFinite && low >= wMin && low <= wMax, "low", low, bounds)
      found.require(high.isFinite && high >= wMin && high <= wMax, "high", high, bounds)
      found.require(!(high < low), "high", high, "be >= low = \(formatNumber(low)) mV")
    case .normal(let mean, let std):
      found.require(mean.isFinite && mean >= wMin && mean <= wMax, "mean", mean, bounds)
      found.require(std.isFinite && std >= 0, "std", std, "be >= 0 mV")
    }
    return found.errors
  }
}
