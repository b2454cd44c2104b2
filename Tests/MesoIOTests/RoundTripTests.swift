import Foundation
import MesoCore
import MesoIO
import Testing

@Suite struct RoundTripTests {
  @Test func writerThenReaderIsBitExact() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.npz")
    try NPZ.write(Fixture.arrays, to: url)
    let read = try NPZ.read(from: url)
    #expect(read.keys.sorted() == Fixture.arrays.map(\.name).sorted())
    for array in Fixture.arrays {
      let copy = try #require(read[array.name])
      #expect(bitwiseEqual(copy, array), "\(array.name): \(copy) != \(array)")
    }
    #expect(read["meta"]?.unicode == Fixture.meta)
  }

  @Test func sameArraysGiveIdenticalFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (a, b) = (directory.appendingPathComponent("a.npz"), directory.appendingPathComponent("b.npz"))
    try NPZ.write(Fixture.arrays, to: a)
    try NPZ.write(Fixture.arrays, to: b)
    #expect(try Data(contentsOf: a) == Data(contentsOf: b))
  }

  @Test(arguments: [[], [0], [3], [2, 3], [123_456_789, 0], [1, 1, 1, 1, 1, 1, 1, 1]])
  func headerIsVersion1PaddedTo64Bytes(shape: [Int]) throws {
    let count = shape.reduce(1, *)
    let data = try NPY.encode(NPYArray(name: "x", shape: shape, storage: .float64(Array(repeating: 1, count: count))))
    let bytes = [UInt8](data.prefix(10))
    #expect(bytes[..<8] == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])  // \x93NUMPY 1.0
    let headerEnd = 10 + Int(bytes[8]) + (Int(bytes[9]) << 8)
    #expect(headerEnd % 64 == 0)
    #expect(data[headerEnd - 1] == UInt8(ascii: "\n"))
    #expect(data.count == headerEnd + 8 * count)
    let header = String(decoding: data[10..<headerEnd], as: UTF8.self)
    let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    #expect(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': \(tuple), }"))
  }

  @Test func recordingWritesTimeTracesAndMeta() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("run.npz")
    let recording = Recording(
      time: [0, 0.5, 1],
      traces: [
        Trace(name: "r", unit: "Hz", columns: 2, values: [1, 2, 3, 4, 5, 6]),
        Trace(name: "input", unit: "mV", columns: 1, values: [-1, 0, 1]),
      ])
    try recording.write(npz: url, meta: Fixture.meta)
    let read = try NPZ.read(from: url)
    #expect(read.keys.sorted() == ["input", "meta", "r", "t"])
    #expect(read["t"] == NPYArray(name: "t", shape: [3], storage: .float64([0, 0.5, 1])))
    #expect(read["r"] == NPYArray(name: "r", shape: [3, 2], storage: .float64([1, 2, 3, 4, 5, 6])))
    #expect(read["input"] == NPYArray(name: "input", shape: [3, 1], storage: .float64([-1, 0, 1])))
    #expect(read["meta"] == NPYArray(name: "meta", shape: [], storage: .unicode(Fixture.meta)))
  }

  @Test func emptyTracesHaveZeroRows() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("empty.npz")
    try Recording(traces: [Trace(name: "r", unit: "Hz", columns: 500)]).write(npz: url, meta: "{}")
    let read = try NPZ.read(from: url)
    #expect(read["t"]?.shape == [0])
    #expect(read["r"]?.shape == [0, 500])
    #expect(read["r"]?.float64 == [])
  }

  @Test func traceRowsMustMatchTimes() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("bad.npz")
    let recording = Recording(time: [0, 1, 2], traces: [Trace(name: "r", unit: "Hz", columns: 1, values: [1, 2])])
    let error = try #require(throws: MesoIOError.self) { try recording.write(npz: url, meta: "{}") }
    #expect(error.path == url.path)
    #expect(error.reason == "trace r has 2 rows for 3 times")
    #expect(try listing(directory).isEmpty)
  }
}
