import Foundation
import MesoPop

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A validated configuration owned by a C caller (`mesopop_config_*`); immutable, so several
/// threads may run it at once.
final class ConfigHandle: Sendable {
  let configuration: Configuration
  init(_ configuration: Configuration) { self.configuration = configuration }
}

/// Named arrays and a JSON text owned by a C caller (`mesopop_result_*`): the output of a run, a
/// comparison or an analysis. Immutable; the C strings live as long as the handle.
final class ResultHandle {
  let arrays: [NPYArray]
  let names: [UnsafeMutablePointer<CChar>]
  let dtypes: [UnsafeMutablePointer<CChar>]
  let meta: UnsafeMutablePointer<CChar>

  /// `arrays` (a `meta` array among them is kept as an array) and the JSON text `meta`.
  init(arrays: [NPYArray], meta: String) {
    self.arrays = arrays
    names = arrays.map { strdup($0.name)! }
    dtypes = arrays.map { strdup($0.dtypeCode)! }
    self.meta = strdup(meta)!
  }

  deinit {
    (names + dtypes + [meta]).forEach { free($0) }
  }

  /// The array at `index`, nil outside the range.
  subscript(index: Int64) -> NPYArray? { arrays.indices.contains(Int(index)) ? arrays[Int(index)] : nil }
}

/// Cancellation and progress shared between a running call and the caller's other threads
/// (`mesopop_control_*`): the engines report progress through a closure that reads the flag, so a
/// cancelled run stops at its next report (every 1/200 of the run or every sample).
final class RunControl: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false
  private var done = 0.0

  func cancel() { lock.withLock { cancelled = true } }

  var fraction: Double { lock.withLock { done } }

  /// Records `fraction` and throws `RunCancelled` once `cancel()` was called.
  func report(_ fraction: Double) throws {
    try lock.withLock {
      done = fraction
      if cancelled { throw RunCancelled() }
    }
  }
}

/// A run stopped by `mesopop_control_cancel`.
struct RunCancelled: Error {}

extension NPYArray {
  /// NumPy's dtype string: `<f8`, `<i8`, `<i4`, or `<U` for a string (handed over as UTF-8 bytes).
  var dtypeCode: String {
    switch storage {
    case .float64: "<f8"
    case .int64: "<i8"
    case .int32: "<i4"
    case .unicode: "<U"
    case .streamed(.float64): "<f8"
    case .streamed(.int32): "<i4"
    }
  }

  /// Bytes of the values: 8 or 4 per element, or the UTF-8 length of a string.
  var byteCount: Int {
    switch storage {
    case .float64(let x): x.count * 8
    case .int64(let x): x.count * 8
    case .int32(let x): x.count * 4
    case .unicode(let text): text.utf8.count
    case .streamed(.float64(let x)): x.count * 8
    case .streamed(.int32(let x)): x.count * 4
    }
  }

  /// Copies the values into `destination`, which holds `capacity` bytes; false when too small.
  func copyBytes(to destination: UnsafeMutableRawPointer, capacity: Int) -> Bool {
    guard capacity >= byteCount else { return false }
    func copy(_ bytes: UnsafeRawBufferPointer) {
      if let source = bytes.baseAddress, bytes.count > 0 { destination.copyMemory(from: source, byteCount: bytes.count) }
    }
    switch storage {
    case .float64(let x): x.withUnsafeBytes(copy)
    case .int64(let x): x.withUnsafeBytes(copy)
    case .int32(let x): x.withUnsafeBytes(copy)
    case .unicode(let text): Array(text.utf8).withUnsafeBytes(copy)
    case .streamed(.float64(let x)): x.array.withUnsafeBytes(copy)  // copied once: the caller holds the array in memory
    case .streamed(.int32(let x)): x.array.withUnsafeBytes(copy)
    }
    return true
  }
}
