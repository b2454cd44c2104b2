import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Seconds since creation (monotonic), for `meta.wall_time_s`.
public struct WallClock: Sendable {
  private let start = DispatchTime.now().uptimeNanoseconds

  /// A clock started now.
  public init() {}

  /// Seconds since `init`.
  public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 }
}

/// CPU seconds of this process since creation (user + system, all threads), for `meta.cpu_s`.
public struct CPUClock: Sendable {
  private let start = CPUClock.now()

  /// A clock started now.
  public init() {}

  /// CPU seconds used by the process since `init`.
  public var elapsed: Double { CPUClock.now() - start }

  private static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
  }
}
