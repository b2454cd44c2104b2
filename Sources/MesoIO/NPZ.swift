import Foundation
import ZIPFoundation

/// NumPy's `.npz` format: a zip archive with one `name.npy` entry per array, as `np.savez` writes it.
public enum NPZ {
  /// 1980-01-01 00:00 UTC, the earliest zip date, as `np.savez` stamps its entries: equal arrays give
  /// identical files.
  private static let entryDate = Date(timeIntervalSince1970: 315_532_800)
  /// Writes `arrays`, in order, to `url` atomically (see `atomicWrite(to:_:)`) as stored (uncompressed)
  /// entries, with the bytes `NPY.encode(_:)` gives, handed to the archive `chunkSize` bytes at a time
  /// (copied from the arrays in place, or produced for streamed ones: never a whole file in memory).
  /// Throws if a name is empty or repeated, or if an array's values do not fill its shape.
  public static func write(_ arrays: [NPYArray], to url: URL, chunkSize: Int = 1 << 20) throws(MesoIOError) {
    try atomicWrite(to: url) { temporary in
      let archive = try Archive(url: temporary, accessMode: .create)
      var names = Set<String>()
      for array in arrays {
        guard !array.name.isEmpty else { throw MesoIOError(path: url.path, reason: "an array has an empty name") }
        guard names.insert(array.name).inserted else {
          throw MesoIOError(path: url.path, reason: "two arrays are named \(array.name)")
        }
        let encoding = try NPY.Encoding(array)
        try archive.addEntry(
          with: array.name + ".npy", type: .file, uncompressedSize: Int64(encoding.size), modificationDate: entryDate,
          bufferSize: chunkSize
        ) { position, size in
          var chunk = Data(count: size)
          chunk.withUnsafeMutableBytes { encoding.copyBytes(Int(position)..<(Int(position) + size), to: $0.baseAddress!) }
          return chunk
        }
      }
    }
  }

  /// The arrays of an `.npz` file by name: stored or deflated entries, as `np.savez` and
  /// `np.savez_compressed` write them, each of a dtype that `NPY.decode` reads.
  public static func read(from url: URL) throws(MesoIOError) -> [String: NPYArray] {
    do {
      let archive = try Archive(url: url, accessMode: .read)
      var arrays: [String: NPYArray] = [:]
      for entry in archive {
        guard entry.type == .file, entry.path.hasSuffix(".npy") else {
          throw MesoIOError(path: entry.path, reason: "not an .npy array")
        }
        let name = String(entry.path.dropLast(4))
        guard arrays[name] == nil else { throw MesoIOError(path: entry.path, reason: "entry repeated") }
        var data = Data(capacity: Int(entry.uncompressedSize))
        _ = try archive.extract(entry) { data.append($0) }
        arrays[name] = try NPY.decode(data, name: name)
      }
      return arrays
    } catch let error as Archive.ArchiveError {
      throw MesoIOError(path: url.path, reason: "not a readable zip archive (\(error))")
    } catch {
      throw MesoIOError(error, at: url)
    }
  }
}
