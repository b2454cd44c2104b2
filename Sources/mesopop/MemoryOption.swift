import ArgumentParser
import Foundation
import MesoPop

/// A size in bytes from the command line: `2GB`, `512 MB`, `1.5GiB`, `4096` (bytes).
struct ByteCount: ExpressibleByArgument {
  /// Bytes.
  let bytes: Int

  private static let units: [String: Double] = [
    "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12,
    "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
  ]

  init?(argument: String) {
    let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = text.prefix { $0.isNumber || $0 == "." }
    guard let value = Double(digits), let factor = Self.units[text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)],
      (value * factor).isFinite, value * factor >= 1, value * factor < 0x1p62
    else { return nil }
    bytes = Int(value * factor)
  }
}

/// `--max-memory`: the most memory a run may allocate.
struct MemoryOptions: ParsableArguments {
  @Option(
    name: .customLong("max-memory"),
    help: "Refuse runs that need more memory than this (e.g. 2GB, 512MB); default: the machine's memory, cgroup and ulimit -v limits.")
  var maxMemory: ByteCount?

  /// The limit runs are checked against.
  var limit: MemoryLimit { .machine(maximum: maxMemory?.bytes) }
}
