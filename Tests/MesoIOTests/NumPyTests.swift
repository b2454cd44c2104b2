import Foundation
import MesoIO
import Testing

/// Our files as NumPy reads them and NumPy's files as we read them; skipped without python3 and numpy.
@Suite(.enabled(if: Python.hasNumPy, "needs python3 with numpy"))
struct NumPyTests {
  /// What NumPy saw in one array: dtype, shape, raw bytes in hex (numbers) or the string (unicode).
  struct Seen: Decodable, Equatable {
    var dtype: String
    var shape: [Int]
    var hex: String?
    var text: String?
  }
  struct Report: Decodable {
    var files: [String]
    var arrays: [String: Seen]
    var note: String
  }

  static let load = """
    import json, sys, numpy as np
    with np.load(sys.argv[1]) as f:
        arrays = {k: f[k] for k in f.files}
        report = {"files": f.files, "note": json.loads(str(f["meta"]))["note"], "arrays": {
            k: {"dtype": a.dtype.str, "shape": list(a.shape),
                "text" if a.dtype.kind == "U" else "hex": str(a) if a.dtype.kind == "U" else a.tobytes().hex()}
            for k, a in arrays.items()}}
    json.dump(report, open(sys.argv[2], "w"))
    """

  @Test func numpyReadsOurFile() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (url, json) = (directory.appendingPathComponent("ours.npz"), directory.appendingPathComponent("seen.json"))
    try NPZ.write(Fixture.arrays, to: url)
    try Python.run(Self.load, arguments: [url.path, json.path])
    let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: json))
    #expect(report.files == Fixture.arrays.map(\.name))
    #expect(report.note == "μ and τ_m 🧠")
    for array in Fixture.arrays {
      #expect(report.arrays[array.name] == Self.expected(array), "\(array.name)")
    }
  }

  /// What NumPy should see: little-endian bytes in hex, or the string.
  static func expected(_ array: NPYArray) -> Seen {
    let hex = { (words: [UInt64]) in
      words.map { word in (0..<8).map { String(format: "%02x", (word >> (8 * $0)) & 0xFF) }.joined() }.joined()
    }
    switch array.storage {
    case .float64(let values):
      return Seen(dtype: "<f8", shape: array.shape, hex: hex(values.map(\.bitPattern)))
    case .int64(let values):
      return Seen(dtype: "<i8", shape: array.shape, hex: hex(values.map { UInt64(bitPattern: $0) }))
    case .int32(let values):
      let words = values.map { UInt32(bitPattern: $0) }
      return Seen(dtype: "<i4", shape: array.shape, hex: words.map { word in (0..<4).map { String(format: "%02x", (word >> (8 * $0)) & 0xFF) }.joined() }.joined())
    case .unicode(let text):
      return Seen(dtype: "<U\(max(1, text.unicodeScalars.count))", shape: array.shape, text: text)
    case .streamed(.float64(let chunks)):
      return expected(NPYArray(name: array.name, shape: array.shape, storage: .float64(chunks.array)))
    case .streamed(.int32(let chunks)):
      return expected(NPYArray(name: array.name, shape: array.shape, storage: .int32(chunks.array)))
    }
  }

  static let save = """
    import sys, numpy as np
    getattr(np, sys.argv[2])(sys.argv[1],
        t=np.arange(5) * 0.25,
        r=np.array([[0.5, -0.0], [np.nan, np.inf], [-np.inf, 2.0**-1040], [1.0 / 3.0, -2.0], [7.0, 8.0]]),
        counts=np.array([[-2**63, 2**63 - 1, 0]], dtype=np.int64),
        ids=np.array([-2**31, 2**31 - 1, 5], dtype=np.int32),
        scalar=np.float64(2.5),
        empty=np.zeros((0, 3)),
        meta=np.array('{"unit": "\\u03bcV", "\\u03c4": 0.02}'))
    """

  @Test(arguments: ["savez", "savez_compressed"])
  func ourReaderReadsNumpysFile(function: String) throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("numpy.npz")
    try Python.run(Self.save, arguments: [url.path, function])
    let read = try NPZ.read(from: url)
    let expected = [
      NPYArray(name: "t", shape: [5], storage: .float64([0, 0.25, 0.5, 0.75, 1])),
      NPYArray(
        name: "r", shape: [5, 2],
        storage: .float64([0.5, -0.0, .nan, .infinity, -.infinity, 0x1p-1040, 1.0 / 3.0, -2, 7, 8])),
      NPYArray(name: "counts", shape: [1, 3], storage: .int64([.min, .max, 0])),
      NPYArray(name: "ids", shape: [3], storage: .int32([.min, .max, 5])),
      NPYArray(name: "scalar", shape: [], storage: .float64([2.5])),
      NPYArray(name: "empty", shape: [0, 3], storage: .float64([])),
      NPYArray(name: "meta", shape: [], storage: .unicode(#"{"unit": "μV", "τ": 0.02}"#)),
    ]
    #expect(read.keys.sorted() == expected.map(\.name).sorted())
    for array in expected {
      let copy = try #require(read[array.name])
      #expect(bitwiseEqual(copy, array), "\(array.name): \(copy) != \(array)")
    }
  }
}
