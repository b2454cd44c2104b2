import Foundation

/// The number of cores, the default thread count of the simulation.
public let availableCores = max(1, ProcessInfo.processInfo.activeProcessorCount)

extension Array where Element: Sendable {
  /// `map` with the elements computed concurrently on `threads` threads (Dispatch; thread t takes
  /// elements t, t + threads, …); each result depends on its element only, so the output does not
  /// depend on the number of threads. Rethrows the error of the first failing element.
  func concurrentMap<T: Sendable, E: Error>(threads: Int = availableCores, _ transform: @Sendable (Element) throws(E) -> T) throws(E)
    -> [T]
  {
    var results = [Result<T, E>?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      self.withUnsafeBufferPointer { input in
        nonisolated(unsafe) let input = input
        forEachStrided(count: input.count, threads: threads) { i in
          out[i] = Result { () throws(E) -> T in try transform(input[i]) }
        }
      }
    }
    return try results.map { (r) throws(E) -> T in try r!.get() }
  }
}

/// Runs `body(i)` for i in 0..<count on `threads` threads (thread t takes t, t + threads, …); on
/// the calling thread alone when `threads` is 1.
func forEachStrided(count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  let workers = min(max(1, threads), count)
  guard workers > 1 else {
    for i in 0..<count { body(i) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: workers) { t in
    for i in stride(from: t, to: count, by: workers) { body(i) }
  }
}

/// Runs `body` on the ranges 0..<blockSize, blockSize..<2·blockSize, … covering 0..<count, on
/// `threads` threads. The blocks do not depend on the number of threads.
func forEachBlock(count: Int, blockSize: Int, threads: Int, _ body: @Sendable (_ block: Int, _ rows: Range<Int>) -> Void) {
  let blocks = (count + blockSize - 1) / blockSize
  forEachStrided(count: blocks, threads: threads) { b in body(b, (b * blockSize)..<min(count, (b + 1) * blockSize)) }
}
