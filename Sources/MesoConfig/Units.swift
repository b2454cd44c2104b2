import Foundation

/// Physical dimensions of configuration values. Numbers are in MesoPop's base units (s, mV, Hz);
/// strings with a unit (`"20 ms"`, `"0.5ms"`, `"10 Hz"`, `"1.5 mV*s"`) are converted.
public enum Dimension: String, Sendable {
  /// A plain number; strings are not accepted.
  case dimensionless = ""
  /// Time, in s (accepts ms, us, µs, min).
  case time = "s"
  /// Potential, in mV (accepts V, uV, µV).
  case potential = "mV"
  /// Rate, in Hz (accepts kHz, 1/s).
  case rate = "Hz"
  /// Area of a threshold kernel (mV·s).
  case potentialTime = "mV*s"
  /// Capacitance, in pF (accepts nF).
  case capacitance = "pF"
  /// Conductance, in nS (accepts uS, µS, pS).
  case conductance = "nS"
  /// Current, in pA (accepts nA).
  case current = "pA"

  /// Factor from each accepted unit to the base unit.
  var units: [String: Double] {
    switch self {
    case .dimensionless: ["": 1]
    case .time: ["s": 1, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "min": 60]
    case .potential: ["mV": 1, "V": 1e3, "uV": 1e-3, "µV": 1e-3, "μV": 1e-3]
    case .rate: ["Hz": 1, "kHz": 1e3, "1/s": 1]
    case .potentialTime: ["mV*s": 1, "mV s": 1, "mV·s": 1, "mV*ms": 1e-3, "mV ms": 1e-3, "mV·ms": 1e-3]
    case .capacitance: ["pF": 1, "nF": 1e3]
    case .conductance: ["nS": 1, "uS": 1e3, "µS": 1e3, "μS": 1e3, "pS": 1e-3]
    case .current: ["pA": 1, "nA": 1e3]
    }
  }

  /// The value of `text` (number, optional spaces, unit) in base units, or nil when the number or
  /// unit is not understood.
  func convert(_ text: String) -> Double? {
    guard let (magnitude, unit) = quantity(text), let factor = units[unit] else { return nil }
    return magnitude * factor
  }

  /// Units accepted for this dimension, for error messages.
  var acceptedUnits: String { units.keys.filter { !$0.isEmpty }.sorted().joined(separator: ", ") }
}

/// The magnitude and unit of a quantity written as text (`"20 ms"` → (20, "ms"), `"5"` → (5, "")):
/// the longest prefix that parses as a number, then the rest without surrounding spaces; nil when
/// the text does not start with a number.
public func quantity(_ text: String) -> (magnitude: Double, unit: String)? {
  let trimmed = text.trimmingCharacters(in: .whitespaces)
  var end = trimmed.startIndex
  for i in trimmed.indices.reversed() where Double(trimmed[...i]) != nil {
    end = trimmed.index(after: i)
    break
  }
  guard end > trimmed.startIndex, let magnitude = Double(trimmed[..<end]) else { return nil }
  return (magnitude, trimmed[end...].trimmingCharacters(in: .whitespaces))
}
