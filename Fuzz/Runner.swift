import Foundation

/// What one invocation did.
struct Outcome {
  /// Exit code, or 128 + the signal that ended the process.
  var code: Int32
  var stderr: String
  var timedOut: Bool
  var seconds: Double
}

/// Runs `mesopop` under an address-space limit (`ulimit -v`) and a timeout (SIGKILL after it).
struct Runner {
  let binary: String
  let memoryKB: Int
  let timeout: Double

  func run(_ arguments: [String], signal: (number: Int32, after: Double?)? = nil, watching folder: URL? = nil) -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -v \(memoryKB) && exec \"$0\" \"$@\"", binary] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    do { try process.run() } catch { return Outcome(code: -1, stderr: "cannot start: \(error)", timedOut: false, seconds: 0) }
    let pid = process.processIdentifier
    nonisolated(unsafe) var timedOut = false
    let killer = DispatchWorkItem {
      timedOut = true
      kill(pid, SIGKILL)
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
    if let signal, let after = signal.after {
      DispatchQueue.global().asyncAfter(deadline: .now() + after) { kill(pid, signal.number) }
    } else if let signal, let folder {
      DispatchQueue.global().async {
        // Poll every millisecond for the temporary file of the output, then signal.
        while process.isRunning {
          let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
          if names.contains(where: { $0.hasSuffix(".tmp") }) {
            kill(pid, signal.number)
            return
          }
          usleep(1000)
        }
      }
    }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    killer.cancel()
    let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return Outcome(code: code, stderr: text, timedOut: timedOut, seconds: Date().timeIntervalSince(start))
  }
}
