import CGSL

/// GSL's default handler aborts the process; MesoPop checks every status instead.
/// Evaluated once, before the first GSL object is made.
let gslErrorHandlerOff: Void = { _ = gsl_set_error_handler_off() }()

/// A failed GSL call, with GSL's message and the simulated time (s) at which it failed.
public struct GSLError: Error, Equatable, Sendable, CustomStringConvertible {
  /// GSL status code (`GSL_EBADFUNC`, `GSL_EMAXITER`, …).
  public var code: Int32
  /// Simulated time at the failure (s).
  public var time: Double
  /// What was being done.
  public var context: String

  /// A failure of GSL status `code` at simulated time `time` (s) while doing `context`.
  public init(code: Int32, time: Double, context: String) {
    self.code = code
    self.time = time
    self.context = context
  }

  /// GSL's own text for the status code.
  public var reason: String { String(cString: gsl_strerror(code)) }

  public var description: String { "\(context) failed at t = \(time) s: \(reason) (GSL status \(code))" }
}
