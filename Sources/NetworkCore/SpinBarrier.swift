import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A reusable barrier for a fixed number of threads that spins (the engines meet it once per step
/// or per few steps, tens of thousands of times per simulated second, far too often to sleep in the
/// kernel), and yields the processor after a while so that an oversubscribed machine still makes
/// progress. Shared by the microscopic and the mesoscopic engine.
@available(macOS 15.0, *)
public final class SpinBarrier: Sendable {
  private let arrived = Atomic<Int>(0)
  private let generation = Atomic<Int>(0)
  /// Number of threads that meet at the barrier.
  public let parties: Int

  /// A barrier for `parties` ≥ 1 threads.
  public init(parties: Int) { self.parties = parties }

  /// Returns when all `parties` threads have called it; everything a thread wrote before its call
  /// is visible to every thread after its return.
  public func wait() {
    let current = generation.load(ordering: .acquiring)
    if arrived.add(1, ordering: .acquiringAndReleasing).newValue == parties {
      arrived.store(0, ordering: .relaxed)
      generation.store(current &+ 1, ordering: .releasing)
      return
    }
    var spins = 0
    while generation.load(ordering: .acquiring) == current {
      spins += 1
      if spins > 4000 { sched_yield() }
    }
  }
}
