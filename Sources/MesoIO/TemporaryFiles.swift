import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary files that `atomicWrite` is writing, kept where a signal handler can remove them:
/// on SIGINT, SIGTERM or SIGHUP every registered file is unlinked, the disposition the signal had
/// before is restored and the signal raised again, so it does what it would have done without
/// MesoPop: the default ends the process; a host's own handler (Python's, which raises
/// KeyboardInterrupt) runs and the process goes on, and the next write installs the handler again.
/// Files left by a process that was
/// killed outright (SIGKILL, a power cut) carry its process id in their name,
/// `.NAME.mesopop-PID-UUID.tmp`, and are removed by the next write to the same `NAME` once no
/// process with that id runs.
enum TemporaryFiles {
  /// Fixed slots of NUL-terminated paths, allocated once: the handler reads them without allocating.
  private static let slotCount = 64
  private static let slotSize = Int(PATH_MAX)
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
    p.initialize(repeating: 0, count: slotCount * slotSize)
    return p
  }()
  /// The three signals handled, and the disposition each had before (same order), read by the handler.
  private static let signals = [SIGINT, SIGTERM, SIGHUP]
  nonisolated(unsafe) private static let previous: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 3)
    p.initialize(repeating: sigaction(), count: 3)
    return p
  }()
  private static let lock = NSLock()
  /// Cleared by the handler once it has handed a signal back (lock-free, so async-signal-safe).
  private static let installed = Atomic<Bool>(false)

  /// The temporary name for a file written to `url` by this process.
  static func temporaryURL(for url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).mesopop-\(getpid())-\(UUID().uuidString).tmp")
  }

  /// Registers `url` for removal on a signal; returns its slot (nil when every slot is taken or the
  /// path is too long, in which case only the stale-file clean-up covers it).
  static func register(_ url: URL) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    installHandlers()
    let bytes = Array(url.path.utf8CString)
    guard bytes.count <= slotSize, let free = (0..<slotCount).first(where: { slots[$0 * slotSize] == 0 }) else { return nil }
    let slot = slots + free * slotSize
    for i in 1..<bytes.count { slot[i] = bytes[i] }
    slot[0] = bytes[0]  // last: the handler sees a complete path or none
    return free
  }

  /// Forgets slot `index` (the file was renamed or removed).
  static func unregister(_ index: Int?) {
    guard let index else { return }
    lock.lock()
    defer { lock.unlock() }
    slots[index * slotSize] = 0
  }

  /// Removes the temporary files of `url` left by processes that no longer run.
  static func removeStale(for url: URL) {
    let directory = url.deletingLastPathComponent()
    let prefix = ".\(url.lastPathComponent).mesopop-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
      }
    }
  }

  private static func installHandlers() {
    guard !installed.load(ordering: .acquiring) else { return }
    _ = slots
    for (i, sig) in signals.enumerated() {
      sigaction(sig, nil, previous + i)
      // A signal the parent told us to ignore (nohup) stays ignored.
      guard unsafeBitCast(previous[i].plainHandler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { continue }
      var action = sigaction()
      action.plainHandler = removeAndReraise
      sigemptyset(&action.sa_mask)
      sigaction(sig, &action, nil)
    }
    installed.store(true, ordering: .releasing)
  }

  /// Async-signal-safe: unlink(2), sigaction(2), raise(3) and a lock-free atomic store only. The
  /// signal is blocked while this runs, so the raised one is delivered, to the restored disposition,
  /// as soon as it returns.
  private static let removeAndReraise: @convention(c) (Int32) -> Void = { sig in
    for i in 0..<TemporaryFiles.slotCount {
      let slot = TemporaryFiles.slots + i * TemporaryFiles.slotSize
      if slot[0] != 0 { unlink(slot) }
    }
    let i = sig == SIGINT ? 0 : sig == SIGTERM ? 1 : 2
    sigaction(sig, TemporaryFiles.previous + i, nil)
    TemporaryFiles.installed.store(false, ordering: .releasing)
    raise(sig)
  }
}

extension sigaction {
  /// The one-argument handler (`sa_handler`) of the platform's union.
  fileprivate var plainHandler: (@convention(c) (Int32) -> Void)? {
    get {
      #if canImport(Glibc)
        __sigaction_handler.sa_handler
      #else
        __sigaction_u.__sa_handler
      #endif
    }
    set {
      #if canImport(Glibc)
        __sigaction_handler.sa_handler = newValue
      #else
        __sigaction_u.__sa_handler = newValue
      #endif
    }
  }
}
