import GSLBridge
import MesoCore

/// Why an analysis could not be done: names the quantity, the value and what it must be.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The recording has no trace of this name.
  case missingTrace(String)
  /// The column index is outside the trace (`columns` columns).
  case columnOutOfRange(trace: String, column: Int, columns: Int)
  /// The recording's time array is not a regular grid of at least two bins.
  case irregularTimeGrid(String)
  /// A sample is NaN or infinite.
  case nonFiniteValue(index: Int, value: Double)
  /// `width` (s) of `quantity` must be a whole multiple of the bin `dt` (s).
  case notAMultipleOfBin(quantity: String, width: Double, dt: Double)
  /// `quantity` needs at least `required` samples; there are `available`.
  case tooFewSamples(quantity: String, available: Int, required: Int)
  /// A parameter outside its range (path, value, requirement).
  case invalidParameter(ParameterError)
  /// A GSL routine failed (the FFT).
  case gsl(GSLError)

  public var description: String {
    switch self {
    case .missingTrace(let name): "recording has no trace \"\(name)\""
    case .columnOutOfRange(let trace, let column, let columns):
      "trace \(trace) has \(columns) column(s); column \(column) does not exist"
    case .irregularTimeGrid(let why): "time array: \(why)"
    case .nonFiniteValue(let index, let value): "sample \(index) is \(formatNumber(value)): must be finite"
    case .notAMultipleOfBin(let quantity, let width, let dt):
      "\(quantity) = \(formatNumber(width)) s: must be a whole multiple of the bin \(formatNumber(dt)) s"
    case .tooFewSamples(let quantity, let available, let required):
      "\(quantity) needs at least \(required) samples, the series has \(available)"
    case .invalidParameter(let error): error.description
    case .gsl(let error): error.description
    }
  }

  /// A `ParameterError` as an analysis error: `name = value: must requirement`.
  static func parameter(_ name: String, _ value: Double, _ requirement: String) -> AnalysisError {
    .invalidParameter(ParameterError(path: name, value: value, requirement: requirement))
  }
}
