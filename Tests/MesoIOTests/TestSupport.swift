import Foundation
import MesoIO

/// This test process's folder under the system's temporary directory; removed when the process exits.
private let scratchRoot: URL = {
  atexit { try? FileManager.default.removeItem(at: scratchRootPath()) }
  return scratchRootPath()
}()

private func scratchRootPath() -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("MesoIOTests-\(getpid())")
}

/// A fresh empty directory inside this process's scratch folder (removed at exit with the folder).
func makeTemporaryDirectory() throws -> URL {
  let url = scratchRoot.appendingPathComponent(UUID().uuidString)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Names of everything in `directory`, hidden files included, sorted.
func listing(_ directory: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// Whether two arrays are equal with floating-point values compared bit for bit (NaN payloads, −0.0).
func bitwiseEqual(_ a: NPYArray, _ b: NPYArray) -> Bool {
  guard a.name == b.name, a.shape == b.shape else { return false }
  if let x = a.float64, let y = b.float64 { return x.map(\.bitPattern) == y.map(\.bitPattern) }
  return a.storage == b.storage
}

/// Arrays exercising every dtype, special values, a 0-d float, an empty (0, 3) array and non-ASCII text.
enum Fixture {
  static let specials: [Double] = [
    0, -0.0, 0.1, -2.25e-300, .nan, Double(bitPattern: 0x7FF8_0000_DEAD_BEEF), .infinity, -.infinity,
    .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1.0 / 3.0, -1,
  ]
  /// JSON, as `meta` always is.
  static let meta = #"{"units": {"t": "s", "r": "Hz"}, "note": "μ and τ_m 🧠"}"#
  static let arrays: [NPYArray] = [
    NPYArray(name: "t", shape: [4], storage: .float64([0, 0.001, 0.002, 0.003])),
    NPYArray(name: "r", shape: [4, 3], storage: .float64(specials)),
    NPYArray(name: "counts", shape: [2, 2], storage: .int64([.min, -1, 0, .max])),
    NPYArray(name: "ids", shape: [3], storage: .int32([.min, 7, .max])),
    NPYArray(name: "scalar", shape: [], storage: .float64([2.5])),
    NPYArray(name: "empty", shape: [0, 3], storage: .float64([])),
    NPYArray(name: "blank", shape: [], storage: .unicode("")),
    NPYArray(name: "meta", shape: [], storage: .unicode(meta)),
  ]
}

/// python3 from PATH, for checking files against NumPy.
enum Python {
  struct Failure: Error, CustomStringConvertible {
    let status: Int32
    let output: String
    var description: String { "python3 exited with status \(status):\n\(output)" }
  }

  /// Whether python3 with numpy can be run (numpy is not a dependency of MesoPop).
  static let hasNumPy = (try? run("import numpy")) != nil

  /// Runs `script` with `arguments` (in `sys.argv[1...]`); returns what it printed, stdout and stderr
  /// together, or throws that output if it fails.
  @discardableResult
  static func run(_ script: String, arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus, output: output) }
    return output
  }
}
