import Foundation
import GSLBridge

/// n Gaussian samples of mean `mean` and standard deviation `sigma` from a fixed seed.
func gaussianNoise(_ n: Int, mean: Double = 0, sigma: Double, seed: UInt64) -> [Double] {
  var random = RandomStream(seed: seed)
  return (0..<n).map { _ in mean + random.gaussian(sigma: sigma) }
}

/// n exponential samples of the given mean, shifted by `shift`.
func exponentialSamples(_ n: Int, mean: Double, shift: Double = 0, seed: UInt64) -> [Double] {
  var random = RandomStream(seed: seed)
  return (0..<n).map { _ in shift - mean * log(random.uniformPositive()) }
}

/// A two-state telegraph process sampled on bins of width dt (s), plus white Gaussian noise of s.d.
/// `noise` per bin. It starts Down; dwell times are min + Exp(mean − min) (Up: 0.05 + Exp(0.2) s,
/// mean 0.25 s, s.d. 0.2 s; Down: 0.1 + Exp(0.9) s, mean 1 s, s.d. 0.9 s), so no episode is shorter than
/// the 50 ms boxcar and each is seen by the detector. Bin k takes the level of the state at its centre.
struct Telegraph: Sendable {
  static let upMean = 0.25, upMinimum = 0.05, downMean = 1.0, downMinimum = 0.1
  static let downLevel = 2.0, upLevel = 30.0
  let dt: Double
  let values: [Double]
  /// Dwell times of every generated interval except the last (cut by the end).
  let upDwells: [Double]
  let downDwells: [Double]
  /// Fraction of bins whose centre is in an Up interval.
  let fractionUp: Double

  init(duration: Double, dt: Double, noise: Double, seed: UInt64) {
    var random = RandomStream(seed: seed)
    let n = Int((duration / dt).rounded())
    var values = [Double](repeating: 0, count: n)
    var ups: [Double] = [], downs: [Double] = []
    var isUp = false, intervalStart = 0.0, upBins = 0
    var intervalEnd = Self.downMinimum - (Self.downMean - Self.downMinimum) * log(random.uniformPositive())
    for k in 0..<n {
      let t = (Double(k) + 0.5) * dt
      while t >= intervalEnd {
        if isUp { ups.append(intervalEnd - intervalStart) } else { downs.append(intervalEnd - intervalStart) }
        isUp.toggle()
        let (minimum, mean) = isUp ? (Self.upMinimum, Self.upMean) : (Self.downMinimum, Self.downMean)
        intervalStart = intervalEnd
        intervalEnd += minimum - (mean - minimum) * log(random.uniformPositive())
      }
      if isUp { upBins += 1 }
      values[k] = (isUp ? Self.upLevel : Self.downLevel) + random.gaussian(sigma: noise)
    }
    self.dt = dt
    self.values = values
    upDwells = ups
    downDwells = downs
    fractionUp = Double(upBins) / Double(n)
  }
}

func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
