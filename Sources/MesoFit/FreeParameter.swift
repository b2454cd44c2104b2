import Foundation
import MesoConfig
import MesoCore

/// One parameter a fit varies: a number of the configuration named by its key path (as `--set`
/// names it, in base units s, mV, Hz), optionally bounded. The minimiser works in an unbounded
/// coordinate z: x = lo + (hi − lo)/(1 + e^{−z}) between two bounds, x = lo + e^z above a lower
/// bound, x = hi − e^z below an upper one, x = z without bounds.
public struct FreeParameter: Sendable, Equatable {
  /// Key path, e.g. `connections[0].J` or `populations[1].tau_m`.
  public var key: String
  /// Lower bound (−∞: none).
  public var lower: Double
  /// Upper bound (+∞: none).
  public var upper: Double

  /// The parameter at `key`, within (lower, upper) (open: the transform never reaches a bound).
  public init(key: String, lower: Double = -.infinity, upper: Double = .infinity) {
    self.key = key
    self.lower = lower
    self.upper = upper
  }

  /// Reads `KEY=LO:HI` (`--bounds`; either side may be empty for none, numbers in base units).
  public init(bounds text: String) throws(ConfigurationError) {
    let usage = "have the form KEY=LO:HI with numbers LO < HI in base units (s, mV, Hz), either side empty for no bound"
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
      throw ConfigurationError(path: "--bounds", value: text, requirement: usage)
    }
    let range = text[text.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false)
    func bound(_ part: Substring, _ none: Double) -> Double? { part.isEmpty ? none : Double(part).flatMap { $0.isNaN ? nil : $0 } }
    guard range.count == 2, let lo = bound(range[0], -.infinity), let hi = bound(range[1], .infinity), lo < hi else {
      throw ConfigurationError(path: "--bounds", value: text, requirement: usage)
    }
    self.init(key: String(text[..<eq]), lower: lo, upper: hi)
  }

  /// x from the unbounded coordinate z.
  public func value(_ z: Double) -> Double {
    switch (lower.isFinite, upper.isFinite) {
    case (true, true): lower + (upper - lower) / (1 + exp(-z))
    case (true, false): lower + exp(z)
    case (false, true): upper - exp(z)
    case (false, false): z
    }
  }

  /// z of a value strictly inside the bounds.
  public func coordinate(_ x: Double) -> Double {
    switch (lower.isFinite, upper.isFinite) {
    case (true, true): log((x - lower) / (upper - x))
    case (true, false): log(x - lower)
    case (false, true): log(upper - x)
    case (false, false): x
    }
  }

  /// dx/dz at the value x: (x − lo)(hi − x)/(hi − lo), x − lo, hi − x or 1; turns a scale in x
  /// (a standard error) into one in z.
  public func slope(at x: Double) -> Double {
    switch (lower.isFinite, upper.isFinite) {
    case (true, true): (x - lower) * (upper - x) / (upper - lower)
    case (true, false): x - lower
    case (false, true): upper - x
    case (false, false): 1
    }
  }

  /// Whether x lies strictly inside (lower, upper).
  public func contains(_ x: Double) -> Bool { x > lower && x < upper }
}
