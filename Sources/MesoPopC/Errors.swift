import Foundation
import MesoPop

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The JSON text of an error for C callers: `{"kind", "message", "problems": [{"path", "value",
/// "requirement"}], "time"}`. `kind` is `config`, `numerical`, `usage`, `io`, `other` (as
/// `FailureReport`, with the command line's message), `cancelled` or `analysis`.
func errorJSON(_ error: any Error) -> String {
  let kind: String, message: String, problems: [ParameterError], time: Double?
  switch error {
  case is RunCancelled:
    (kind, message, problems, time) = ("cancelled", "cancelled", [], nil)
  case let error as AnalysisError:
    var found = [ParameterError]()
    if case .invalidParameter(let problem) = error { found = [problem] }
    (kind, message, problems, time) = ("analysis", error.description, found, nil)
  default:
    let report = FailureReport(error)
    (kind, message, problems, time) = (report.kind.rawValue, report.message, report.problems, report.time)
  }
  return ConfigValue.object([
    "kind": .string(kind),
    "message": .string(message),
    "problems": problemsValue(problems),
    "time": time.map(jsonNumber) ?? .null,
  ]).jsonString()
}

/// Problems as a JSON list of `{"path", "value", "requirement", "message"}`.
func problemsValue(_ problems: [ParameterError]) -> ConfigValue {
  .array(
    problems.map {
      .object([
        "path": .string($0.path), "value": .string($0.value), "requirement": .string($0.requirement),
        "message": .string(ConfigurationError(problems: [$0]).description),
      ])
    })
}

/// A number for JSON; NaN and infinities (which JSON lacks) become null.
func jsonNumber(_ x: Double) -> ConfigValue { x.isFinite ? .number(x) : .null }

/// Runs `body`; on failure stores the error's JSON in `*error` (when given) and returns nil.
func catchingErrors<T>(_ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ body: () throws -> T) -> T? {
  do {
    return try body()
  } catch let failure {
    error?.pointee = strdup(errorJSON(failure))
    return nil
  }
}

/// A retained opaque pointer to `object`, released by `release(_:as:)`.
func retained(_ object: AnyObject) -> UnsafeMutableRawPointer { Unmanaged.passRetained(object).toOpaque() }

/// The object behind an opaque pointer from `retained(_:)`, or nil for NULL.
func object<T: AnyObject>(_ pointer: UnsafeRawPointer?, as type: T.Type) -> T? {
  pointer.map { Unmanaged<T>.fromOpaque($0).takeUnretainedValue() }
}

/// Releases an opaque pointer from `retained(_:)`; NULL is ignored.
func release<T: AnyObject>(_ pointer: UnsafeMutableRawPointer?, as type: T.Type) {
  pointer.map { Unmanaged<T>.fromOpaque($0).release() }
}

/// A usage error naming an argument of a C function.
func usage(_ text: String) -> UnsupportedRun { UnsupportedRun(description: text) }
