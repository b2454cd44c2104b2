import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The memory a run may allocate (bytes): the lowest of the machine's physical memory, what is left
/// under the cgroup (v2) limit of the process and under its address-space limit (`ulimit -v`, less
/// the address space already mapped) and, when given, a user's limit (`mesopop run --max-memory`).
public struct MemoryLimit: Equatable, Sendable, CustomStringConvertible {
  /// Bytes.
  public var bytes: Int
  /// Where the limit comes from: `physical memory`, `cgroup memory.max`, `ulimit -v`, `--max-memory`.
  public var source: String

  /// A limit of `bytes` bytes, named by where it comes from.
  public init(bytes: Int, source: String) {
    self.bytes = bytes
    self.source = source
  }

  /// The machine's limit, lowered to `maximum` bytes (named `source`) when that is lower.
  public static func machine(maximum: Int? = nil, source: String = "--max-memory") -> MemoryLimit {
    var limits = [MemoryLimit(bytes: Int(clamping: ProcessInfo.processInfo.physicalMemory), source: "physical memory")]
    if let limit = firstNumber(inFile: "/sys/fs/cgroup/memory.max") {
      let used = firstNumber(inFile: "/sys/fs/cgroup/memory.current") ?? 0
      limits.append(MemoryLimit(bytes: max(limit - used, 0), source: "cgroup memory.max"))
    }
    #if canImport(Glibc)
      var limit = rlimit()
      if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
        // /proc/self/statm: pages of address space mapped now (libraries, thread stacks, heap).
        let mapped = (firstNumber(inFile: "/proc/self/statm") ?? 0) &* Int(sysconf(Int32(_SC_PAGESIZE)))
        limits.append(MemoryLimit(bytes: max(Int(clamping: limit.rlim_cur) - mapped, 0), source: "ulimit -v"))
      }
    #endif
    if let maximum { limits.append(MemoryLimit(bytes: maximum, source: source)) }
    return limits.min { $0.bytes < $1.bytes }!
  }

  /// `12.0 GB (physical memory)`.
  public var description: String { formatBytes(bytes) + " (" + source + ")" }
}

/// The first whole number in a small text file (`max` and missing files give nil).
private func firstNumber(inFile path: String) -> Int? {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
  return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.flatMap { Int($0) }
}

/// `1.5 GB`, `320 MB`, `12 kB`: decimal units, two to three significant digits.
public func formatBytes(_ bytes: Int) -> String {
  let x = Double(bytes)
  for (unit, scale) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)] where x >= scale {
    return String(format: x / scale < 10 ? "%.1f %@" : "%.0f %@", x / scale, unit)
  }
  return "\(bytes) B"
}
