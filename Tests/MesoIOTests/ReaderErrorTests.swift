import Foundation
import MesoIO
import Testing

/// `.npy` bytes (format 1.0) with `header` (padded as the format requires) and `body`.
private func npy(header: String, body: Data) -> Data {
  var text = Array(header.utf8)
  text += Array(repeating: UInt8(ascii: " "), count: (64 - (10 + text.count + 1) % 64) % 64) + [UInt8(ascii: "\n")]
  return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text) + body
}

@Suite struct ReaderErrorTests {
  @Test(arguments: [
    ("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", 32, "Fortran-order arrays are not supported"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8, "unsupported dtype '<f4'"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 16, "16 bytes of values, expected 3 × 8"),
    ("{'descr': '<U2', 'fortran_order': False, 'shape': (1,), }", 8, "unicode arrays must be 0-d"),
    ("{'descr': '<f8', 'shape': (1,), }", 8, "unreadable header"),
  ])
  func unsupportedContentIsNamed(header: String, bodySize: Int, reason: String) throws {
    let error = try #require(throws: MesoIOError.self) {
      try NPY.decode(npy(header: header, body: Data(count: bodySize)), name: "x")
    }
    #expect(error.path == "x.npy")
    #expect(error.reason.hasPrefix(reason), "\(error)")
  }

  @Test func fortranOrderOfOneDimensionIsC() throws {
    let data = npy(header: "{'descr': '<i8', 'fortran_order': True, 'shape': (1,), }", body: Data(count: 8))
    #expect(try NPY.decode(data, name: "x") == NPYArray(name: "x", shape: [1], storage: .int64([0])))
  }

  @Test func notAnArchiveOrMissingIsAnErrorWithThePath() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("text.npz")
    try Data("not a zip".utf8).write(to: url)
    let missing = directory.appendingPathComponent("missing.npz")
    let notZip = MesoIOError(path: url.path, reason: "not a readable zip archive (missingEndOfCentralDirectoryRecord)")
    #expect(throws: notZip) { try NPZ.read(from: url) }
    let noFile = MesoIOError(path: missing.path, reason: "No such file or directory")
    #expect(throws: noFile) { try NPZ.read(from: missing) }
  }
}
