import GSLBridge
import MesoConfig
import MesoCore
import MesoIO

/// An error of loading or running a configuration as the user sees it: its kind, the message the
/// command line prints, every problem of an invalid configuration and the time of a numerical failure.
public struct FailureReport: Sendable {
  /// What went wrong; decides the exit code.
  public enum Kind: String, Sendable {
    /// An invalid configuration or one no engine can build (exit 64).
    case config
    /// A numerical failure during a run, with its time, or of a theory solver (exit 65).
    case numerical
    /// A run that cannot be made, e.g. a network without a level (exit 64).
    case usage
    /// A file that cannot be written or read (exit 1).
    case io
    /// Any other error (exit 1).
    case other
  }

  /// The kind of failure.
  public var kind: Kind
  /// The text `mesopop` prints on stderr, e.g. `invalid configuration:` and one problem a line.
  public var message: String
  /// Every problem of an invalid configuration (key path, value, requirement); empty otherwise.
  public var problems: [ParameterError] = []
  /// Simulated time of a numerical failure (s).
  public var time: Double?

  /// The report of `error`.
  public init(_ error: any Error) {
    switch error {
    case let error as ConfigurationError:
      kind = .config
      message = "invalid configuration:\n" + error.description
      problems = error.problems
    case let error as ParameterError:
      // A valid configuration that an engine cannot build (e.g. fixed in-degree with p·N < 1, or more
      // synapses than the machine's memory holds); refused before anything is allocated.
      kind = .config
      message = "invalid configuration:\n" + error.description
      problems = [error]
    case let error as GSLError:
      kind = .numerical
      message = "numerical failure: \(error)"
      time = error.time
    case let error as NumericalFailure:
      kind = .numerical
      message = "numerical failure: \(error)"
      time = error.time
    case let error as SolverFailure:
      kind = .numerical
      message = "numerical failure: \(error)"
    case let error as UnsupportedRun:
      kind = .usage
      message = "mesopop: \(error)"
    case let error as MesoIOError:
      kind = .io
      message = "mesopop: cannot write \(error)"
    case let error as SweepError:
      kind = .usage
      message = error.description
    case let error as NESTExportError:
      kind = .usage
      message = "mesopop: \(error)"
    case let error as SweepFailure:
      let inner = FailureReport(error.underlying)
      (kind, problems, time) = (inner.kind, inner.problems, inner.time)
      message = "sweep point \(error.point) (\(error.assignments)): " + inner.message
    default:
      kind = .other
      message = "\(error)"
    }
  }

  /// The documented exit code: 64 invalid configuration or bad usage, 65 numerical failure, 1 otherwise.
  public var exitCode: Int32 {
    switch kind {
    case .config, .usage: 64
    case .numerical: 65
    case .io, .other: 1
    }
  }
}
