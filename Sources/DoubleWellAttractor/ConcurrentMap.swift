import Foundation

extension Array where Element: Sendable {
  /// `map` with the elements computed concurrently on all cores (Dispatch); each result depends on
  /// its element only, so the output does not depend on the number of threads. Rethrows the error
  /// of the first failing element.
  func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
    var results = [Result<T, any Error>?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      self.withUnsafeBufferPointer { input in
        nonisolated(unsafe) let input = input
        DispatchQueue.concurrentPerform(iterations: input.count) { i in out[i] = Result { try transform(input[i]) } }
      }
    }
    return try results.map { try $0!.get() }
  }
}
