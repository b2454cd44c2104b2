import Foundation
import MesoCore

extension Recording {
  /// The arrays of this recording as interface.md names them: `t` (B,), each trace (B, columns) in
  /// order, then `meta`, a 0-d unicode string (JSON).
  public func npyArrays(meta: String) -> [NPYArray] {
    [NPYArray(name: "t", shape: [time.count], storage: .float64(time))]
      + traces.map { NPYArray(name: $0.name, shape: [$0.rows, $0.columns], storage: .float64($0.values)) }
      + [NPYArray(name: "meta", shape: [], storage: .unicode(meta))]
  }

  /// Writes `npyArrays(meta:)` to the `.npz` file `url`, atomically. Throws if a trace does not have
  /// one row per time.
  public func write(npz url: URL, meta: String) throws(MesoIOError) {
    if let trace = traces.first(where: { $0.rows != time.count }) {
      throw MesoIOError(path: url.path, reason: "trace \(trace.name) has \(trace.rows) rows for \(time.count) times")
    }
    try NPZ.write(npyArrays(meta: meta), to: url)
  }
}
