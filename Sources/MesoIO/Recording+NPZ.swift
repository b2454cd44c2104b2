import Foundation
import MesoCore

/// Writing recordings as `.npz` files.
extension Recording {
  /// Writes `checkedArrays(meta:for:)` to the `.npz` file `url`, atomically.
  public func write(npz url: URL, meta: String) throws(MesoIOError) {
    try NPZ.write(checkedArrays(meta: meta, for: url.path), to: url)
  }

  /// The arrays of this recording as output files name them: `t` (B,), each trace (B, columns) in
  /// order, then `meta`, a 0-d unicode string (JSON).
  /// Event traces follow the traces, then the other arrays: (K,) for one column, (K, columns)
  /// otherwise; float64, or int32 when the unit is `id` (int64 if an id does not fit in int32; e.g.
  /// `spike_times` (K,) s and `spike_ids` (K,) int32, `w_pre` (S,) int32);
  /// then the streamed arrays (S,), their values read chunk by chunk as the file is written; then the
  /// record traces, (R, columns) float64.
  /// Throws, naming `path`, if a trace does not have one row per time, if the event traces (or the
  /// record traces) differ in length, or if an `id` trace holds a value that is not a whole number.
  public func checkedArrays(meta: String, for path: String) throws(MesoIOError) -> [NPYArray] {
    if let trace = traces.first(where: { $0.rows != time.count }) {
      throw MesoIOError(path: path, reason: "trace \(trace.name) has \(trace.rows) rows for \(time.count) times")
    }
    if let first = events.first, let other = events.first(where: { $0.rows != first.rows }) {
      throw MesoIOError(path: path, reason: "event trace \(other.name) has \(other.rows) rows, \(first.name) has \(first.rows)")
    }
    if let first = records.first, let other = records.first(where: { $0.rows != first.rows }) {
      throw MesoIOError(path: path, reason: "record trace \(other.name) has \(other.rows) rows, \(first.name) has \(first.rows)")
    }
    var arrays = [NPYArray(name: "t", shape: [time.count], storage: .float64(time))]
    arrays += traces.map { NPYArray(name: $0.name, shape: [$0.rows, $0.columns], storage: .float64($0.values)) }
    for event in events + self.arrays {
      let shape = event.columns == 1 ? [event.rows] : [event.rows, event.columns]
      guard event.unit == "id" else {
        arrays.append(NPYArray(name: event.name, shape: shape, storage: .float64(event.values)))
        continue
      }
      guard let ids = identifiers(event.values) else {
        throw MesoIOError(path: path, reason: "event trace \(event.name) (unit id) holds a value that is not a whole number")
      }
      arrays.append(NPYArray(name: event.name, shape: shape, storage: ids))
    }
    arrays += streamed.map { NPYArray(name: $0.name, shape: [$0.count], storage: .streamed($0.values)) }
    arrays += records.map { NPYArray(name: $0.name, shape: [$0.rows, $0.columns], storage: .float64($0.values)) }
    return arrays + [NPYArray(name: "meta", shape: [], storage: .unicode(meta))]
  }
}

/// `values` as int32 if every one is a whole number in Int32's range (every id of a network of
/// fewer than 2³¹ neurons: half the bytes of int64), else as int64, or nil if one is not a whole
/// number in Int64's range.
private func identifiers(_ values: [Double]) -> NPYArray.Storage? {
  if let ids = wholeNumbers(values, as: Int32.self) { return .int32(ids) }
  return wholeNumbers(values, as: Int64.self).map { .int64($0) }
}

/// `values` converted exactly to `Integer`, or nil if one is not a whole number in its range.
/// Branch-free (the final weights' ids are millions of values): each value clamped to the largest
/// range of doubles that converts without trapping (NaN to the lower end), converted, and whole only
/// if the conversion gives the value back.
private func wholeNumbers<Integer: FixedWidthInteger & SignedInteger>(_ values: [Double], as _: Integer.Type) -> [Integer]? {
  let lo = Double(Integer.min), hi = Double(Integer.max) < -lo ? Double(Integer.max) : (-lo).nextDown
  var whole = true
  let ids = [Integer](unsafeUninitializedCapacity: values.count) { buffer, count in
    values.withUnsafeBufferPointer { values in
      for i in values.indices {
        let value = values[i]
        let id = Integer(value >= lo ? (value <= hi ? value : hi) : lo)
        whole = whole && Double(id) == value
        buffer[i] = id
      }
    }
    count = values.count
  }
  return whole ? ids : nil
}

/// Reading recordings from `.npz` files.
extension Recording {
  /// A recording read from any `.npz` with a time vector `t` (B,) s — MesoPop's own files, NEST's
  /// or a user's: every other float64 array with B rows becomes a trace (a (B,) array one column),
  /// units taken from `meta["units"]` when present ("1" otherwise). Arrays of other lengths, integer
  /// arrays and `meta` are left out.
  public init(npz url: URL) throws(MesoIOError) {
    let arrays = try NPZ.read(from: url)
    guard let t = arrays["t"]?.float64, arrays["t"]?.shape.count == 1 else {
      throw MesoIOError(path: url.path, reason: "no time vector `t` of shape (B,)")
    }
    var units = [String: String]()
    if let meta = arrays["meta"]?.unicode,
      let object = try? JSONSerialization.jsonObject(with: Data(meta.utf8)) as? [String: Any],
      let given = object["units"] as? [String: String]
    {
      units = given
    }
    let traces = arrays.keys.sorted().compactMap { name -> Trace? in
      guard name != "t", let array = arrays[name], let values = array.float64, array.shape.first == t.count,
        array.shape.count <= 2, t.count > 0
      else { return nil }
      return Trace(name: name, unit: units[name] ?? "1", columns: array.shape.count == 2 ? array.shape[1] : 1, values: values)
    }
    self.init(time: t, traces: traces)
  }
}
