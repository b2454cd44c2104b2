import Foundation
import MesoCore
import MesoIO
import Testing

/// Streamed arrays are written chunk by chunk with the bytes of the same arrays held in memory, for
/// chunks that split the header and values anywhere (7 bytes) and for the default 1 MB chunk.
@Suite struct StreamedArrayTests {
  static let w = (0..<1000).map { Double($0) * 0.001 - 0.25 }
  static let ids = (0..<1000).map { Int32($0 * 7 % 991) - 3 }

  static func streamed() -> [NPYArray] {
    let w = Self.w, ids = Self.ids
    return [
      NPYArray(name: "w_pre", shape: [ids.count], storage: .streamed(.int32(Chunks(count: ids.count) { start, buffer in
        for i in buffer.indices { buffer[i] = ids[start + i] }
      }))),
      NPYArray(name: "w", shape: [w.count], storage: .streamed(.float64(Chunks(count: w.count) { start, buffer in
        for i in buffer.indices { buffer[i] = w[start + i] }
      }))),
    ]
  }

  @Test(arguments: [7, 1 << 20]) func streamedEqualsInMemory(chunkSize: Int) throws {
    let directory = try makeTemporaryDirectory()
    let streamed = directory.appendingPathComponent("s.npz"), held = directory.appendingPathComponent("h.npz")
    try NPZ.write(Self.streamed(), to: streamed, chunkSize: chunkSize)
    try NPZ.write(
      [NPYArray(name: "w_pre", shape: [Self.ids.count], storage: .int32(Self.ids)), NPYArray(name: "w", shape: [Self.w.count], storage: .float64(Self.w))],
      to: held)
    #expect(try Data(contentsOf: streamed) == Data(contentsOf: held))
    let read = try NPZ.read(from: streamed)
    #expect(read["w_pre"]?.int32 == Self.ids)
    #expect(read["w"]?.float64 == Self.w)
  }
}
