import Foundation
import MesoCore
import MesoIO
import Testing

/// `Recording(npz:)` reads back what `write(npz:meta:)` wrote (time-aligned traces with their
/// units), and a peer's file with only `t` and a (B,) or (B, M) activity.
@Suite struct RecordingReadTests {
  @Test func roundTripKeepsTracesAndUnits() throws {
    let original = Recording(
      time: [0, 0.001, 0.002],
      traces: [Trace(name: "A", unit: "Hz", columns: 2, values: [1, 2, 3, 4, 5, 6]), Trace(name: "input", unit: "mV", columns: 1, values: [7, 8, 9])])
    let url = try makeTemporaryDirectory().appendingPathComponent("r.npz")
    try original.write(npz: url, meta: #"{"units": {"t": "s", "A": "Hz", "input": "mV"}}"#)
    #expect(try Recording(npz: url) == original)
  }

  @Test func peerFileWithOneDimensionalActivity() throws {
    let url = try makeTemporaryDirectory().appendingPathComponent("peer.npz")
    try NPZ.write(
      [NPYArray(name: "t", shape: [2], storage: .float64([0, 0.5])), NPYArray(name: "A", shape: [2], storage: .float64([3, 4])),
       NPYArray(name: "ids", shape: [3], storage: .int64([1, 2, 3]))], to: url)
    let recording = try Recording(npz: url)
    #expect(recording.traces == [Trace(name: "A", unit: "1", columns: 1, values: [3, 4])])
    let missing = try makeTemporaryDirectory().appendingPathComponent("no-t.npz")
    try NPZ.write([NPYArray(name: "A", shape: [1], storage: .float64([1]))], to: missing)
    #expect(throws: MesoIOError.self) { _ = try Recording(npz: missing) }
  }

  /// `id` arrays are int32 while every id fits (2³¹ − 1 does), int64 beyond (2³¹ does not), and a
  /// fraction is refused.
  @Test func idArraysTakeTheNarrowerIntegerType() throws {
    func storage(_ ids: [Double]) throws(MesoIOError) -> NPYArray.Storage? {
      var recording = Recording(time: [0], traces: [])
      recording.arrays = [Trace(name: "w_pre", unit: "id", columns: 1, values: ids)]
      return try recording.checkedArrays(meta: "{}", for: "r.npz").first { $0.name == "w_pre" }?.storage
    }
    #expect(try storage([0, 7, 2_147_483_647, -2_147_483_648]) == .int32([0, 7, .max, .min]))
    #expect(try storage([0, 2_147_483_648]) == .int64([0, 2_147_483_648]))
    #expect(throws: MesoIOError.self) { _ = try storage([0.5]) }
  }
}
