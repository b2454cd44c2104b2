import Foundation

extension Array where Element: Sendable {
  /// `map` with the elements computed concurrently on all cores (Dispatch); each result depends on
  /// its element only, so the output does not depend on the number of threads. Rethrows the error
  /// of the first failing element.
  func concurrentMap<T: Sendable, E: Error>(_ transform: @Sendable (Element) throws(E) -> T) throws(E) -> [T] {
    var results = [Result<T, E>?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      self.withUnsafeBufferPointer { input in
        nonisolated(unsafe) let input = input
        DispatchQueue.concurrentPerform(iterations: input.count) { i in
          out[i] = Result { () throws(E) -> T in try transform(input[i]) }
        }
      }
    }
    return try results.map { (r) throws(E) -> T in try r!.get() }
  }
}

/// Runs `body` on the ranges 0..<blockSize, blockSize..<2·blockSize, … covering 0..<count,
/// concurrently on all cores. The blocks do not depend on the number of threads.
func forEachBlock(count: Int, blockSize: Int, _ body: @Sendable (_ block: Int, _ rows: Range<Int>) -> Void) {
  let blocks = (count + blockSize - 1) / blockSize
  DispatchQueue.concurrentPerform(iterations: blocks) { b in body(b, (b * blockSize)..<min(count, (b + 1) * blockSize)) }
}
