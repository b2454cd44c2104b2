import Foundation
import MesoIO
import Testing

/// A failed write leaves nothing under the requested name (or the old file untouched) and no temporary file.
@Suite struct AtomicWriteTests {
  @Test func missingDirectoryIsAClearError() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("missing/out.npz")
    let error = try #require(throws: MesoIOError.self) { try NPZ.write(Fixture.arrays, to: url) }
    #expect(error.path == url.path)
    #expect(error.reason == "directory \(directory.appendingPathComponent("missing").path) does not exist")
    #expect(try listing(directory).isEmpty)
  }

  @Test func valuesNotFillingTheShapeKeepTheOldFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.npz")
    try atomicWrite(Data("old".utf8), to: url)
    let bad = NPYArray(name: "bad", shape: [3, 4], storage: .float64(Array(repeating: 1, count: 10)))
    let error = try #require(throws: MesoIOError.self) { try NPZ.write(Fixture.arrays + [bad], to: url) }
    #expect(error.description == "\(url.path): bad.npy: 10 values do not fill shape (3, 4)")
    #expect(try Data(contentsOf: url) == Data("old".utf8))
    #expect(try listing(directory) == ["out.npz"])
  }

  @Test func failingBodyLeavesNoFile() throws {
    struct Interrupted: Error {}
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.npz")
    #expect(throws: MesoIOError.self) {
      try atomicWrite(to: url) { temporary in
        try Data("partial".utf8).write(to: temporary)
        throw Interrupted()
      }
    }
    #expect(try listing(directory).isEmpty)
  }

  @Test func targetThatIsADirectoryIsLeftAlone() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.npz")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    let error = try #require(throws: MesoIOError.self) { try NPZ.write(Fixture.arrays, to: url) }
    #expect(error.reason == "is a directory")  // refused before anything is written
    #expect(try listing(directory) == ["out.npz"])
    #expect(try listing(url).isEmpty)
  }

  @Test func repeatedOrEmptyNamesAreErrors() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.npz")
    let error = try #require(throws: MesoIOError.self) { try NPZ.write(Fixture.arrays + [Fixture.arrays[0]], to: url) }
    #expect(error.reason == "two arrays are named t")
    let unnamed = NPYArray(name: "", shape: [], storage: .int64([1]))
    #expect(throws: MesoIOError(path: url.path, reason: "an array has an empty name")) {
      try NPZ.write([unnamed], to: url)
    }
    #expect(try listing(directory).isEmpty)
  }

  @Test func atomicWriteReplacesTheOldFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("report.json")
    try atomicWrite(Data("old".utf8), to: url)
    try atomicWrite(Data("{}".utf8), to: url)
    #expect(try Data(contentsOf: url) == Data("{}".utf8))
    #expect(try listing(directory) == ["report.json"])
  }
}

/// Temporary files of killed processes (issue #10, item 8).
@Suite struct StaleTemporaryFileTests {
  @Test func staleFileOfADeadProcessIsRemovedByTheNextWrite() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.npz")
    // 2³¹ − 2 is above Linux's pid_max: no process has it.
    let stale = ".out.npz.mesopop-2147483646-0C8F6E7C-8F9A-4F3B-9E55-3A2D8B7E1F00.tmp"
    let live = ".out.npz.mesopop-\(ProcessInfo.processInfo.processIdentifier)-1C8F6E7C-8F9A-4F3B-9E55-3A2D8B7E1F00.tmp"
    let other = ".other.npz.mesopop-2147483646-2C8F6E7C-8F9A-4F3B-9E55-3A2D8B7E1F00.tmp"
    for name in [stale, live, other] { _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data()) }
    try atomicWrite(Data("x".utf8), to: url)
    #expect(try listing(directory) == [live, other, "out.npz"].sorted())
  }
}
