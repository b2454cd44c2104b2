import Foundation

/// One hostile invocation of `mesopop` and what it may do.
struct FuzzCase {
  /// Class and short description, e.g. `values: populations[0].tau_m = 1e300`.
  var label: String
  /// Files written to the scratch folder before the run (name → bytes).
  var files: [String: Data] = [:]
  /// Arguments after `mesopop`; `{dir}` is replaced by the case's scratch folder.
  var arguments: [String]
  /// Exit codes that are correct (0 success, 64 refused input, 65 numerical failure).
  var allowed: Set<Int32> = [0, 64, 65]
  /// Text stderr must contain (a regression case's message), if any.
  var expectedMessage: String? = nil
  /// For `run` cases with a checked configuration: the matching `validate` arguments, whose verdict
  /// the run must agree with (refused by validate ⇔ refused by run).
  var validateArguments: [String]? = nil
  /// A signal sent after this many seconds, or (nil) as soon as a temporary file appears in the
  /// scratch folder: during the write of the output. The run may then end by it.
  var signal: (number: Int32, after: Double?)? = nil
  /// Whether the case is a valid request for a long computation (a huge count or duration within
  /// every budget): killed by the timeout, it has not hung.
  var mayRunLong = false
  /// Whether every float of a successful `.npz` output must be finite (false where the command
  /// writes NaN for estimates it has no samples for).
  var finiteOutputs = true
  /// Files that must exist in the scratch folder after a successful run (outputs).
  var outputs: [String] = []
}

/// SplitMix64: a small deterministic generator, so that the corpus is the same on every machine.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
