import Foundation

/// Owner of the engine's large buffers: raw allocations aligned to cache lines, released together.
/// The hot loops see plain typed pointers into it (no ARC, no bounds checks, no copy-on-write).
/// Allocating is thread-safe (synapse lists are drawn concurrently).
final class Arena: @unchecked Sendable {
  private var blocks: [UnsafeMutableRawPointer] = []
  private let lock = NSLock()
  /// Bytes allocated so far.
  var bytes: Int { lock.withLock { allocated } }
  private var allocated = 0

  /// `count` elements of T, every byte zero (T must be a trivial type: numbers, pointers, POD structs).
  func zeroed<T>(_ type: T.Type = T.self, count: Int) -> UnsafeMutablePointer<T> {
    precondition(_isPOD(T.self), "Arena holds trivial types only")
    let size = max(1, count) * MemoryLayout<T>.stride
    let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: max(64, MemoryLayout<T>.alignment))
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    lock.withLock {
      blocks.append(raw)
      allocated += size
    }
    return raw.bindMemory(to: T.self, capacity: max(1, count))
  }

  /// `count` elements of T, each `value`.
  func filled<T>(_ value: T, count: Int) -> UnsafeMutablePointer<T> {
    let p = zeroed(T.self, count: count)
    p.update(repeating: value, count: count)
    return p
  }

  /// A copy of `values`.
  func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
    let p = zeroed(T.self, count: values.count)
    values.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { p.update(from: base, count: values.count) }
    }
    return UnsafeMutableBufferPointer(start: p, count: values.count)
  }

  deinit { for b in blocks { b.deallocate() } }
}
