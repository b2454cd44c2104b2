import Foundation
import MesoConfig
import MesoCore
import MesoIO

/// The output folder of a sweep: `sweep.json` (the specification, which a rerun must match),
/// `points/NNNNNNN.npz` (the statistics of one finished point, written atomically, so a killed sweep
/// leaves whole points only), `points/NNNNNNN-trial-K.npz` (traces, on request) and, once every point
/// is there, `summary.csv` and `summary.npz`.
public struct SweepDirectory: Sendable {
  /// The folder.
  public let url: URL
  /// The sweep it holds.
  public let specification: SweepSpecification

  /// Opens `url` for `specification`: creates it (and `points/`) when absent and writes `sweep.json`;
  /// accepts it when its `sweep.json` describes the same sweep; refuses a folder with another sweep
  /// or with files of something else in it, before anything is written.
  public init(_ url: URL, specification: SweepSpecification) throws {
    self.url = url
    self.specification = specification
    let manager = FileManager.default
    let expected = specification.json.jsonString()
    if let stored = try? String(contentsOf: sweepFile, encoding: .utf8) {
      guard stored == expected else {
        throw SweepError(
          description: "mesopop: \(url.path) holds a different sweep (its sweep.json differs: \(Self.differences(stored, expected))); "
            + "nothing was overwritten: choose another --out")
      }
    } else {
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else { throw SweepError("--out", url.path, "be a folder, not a file") }
        let contents = try manager.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }
        guard contents.isEmpty else {
          throw SweepError("--out", url.path, "be a new or empty folder, or one of this sweep (it holds other files and no sweep.json)")
        }
      }
      try manager.createDirectory(at: url, withIntermediateDirectories: true)
      try atomicWrite(Data(expected.utf8), to: sweepFile)
    }
    try manager.createDirectory(at: pointsFolder, withIntermediateDirectories: true)
  }

  /// `sweep.json`.
  public var sweepFile: URL { url.appendingPathComponent("sweep.json") }
  var pointsFolder: URL { url.appendingPathComponent("points") }

  /// The statistics file of point i.
  public func pointFile(_ i: Int) -> URL { pointsFolder.appendingPathComponent(String(format: "%07d.npz", i)) }

  /// The traces of trial k of point i.
  public func traceFile(_ i: Int, trial k: Int) -> URL {
    pointsFolder.appendingPathComponent(String(format: "%07d-trial-%d.npz", i, k))
  }

  /// The statistics of point i when its file is there (nil otherwise), checked against the
  /// point's resolved configuration and seeds; a file from another sweep is refused.
  public func finishedRows(_ i: Int) throws -> [Double]? {
    let file = pointFile(i)
    guard FileManager.default.fileExists(atPath: file.path) else { return nil }
    let arrays = try NPZ.read(from: file)
    guard arrays["meta"]?.unicode == (try specification.identity(of: i)), let rows = arrays["statistics"]?.float64 else {
      throw SweepError(
        description: "mesopop: \(file.path) is not point \(i) of this sweep (its stored configuration or seeds differ); remove it to rerun the point")
    }
    return rows
  }

  /// Writes the statistics of point i (rows of `SweepStatistics.columns`), atomically.
  public func write(_ i: Int, rows: [[Double]]) throws {
    let columns = SweepStatistics.columns.count
    try NPZ.write(
      [
        NPYArray(name: "statistics", shape: [rows.count, columns], storage: .float64(rows.flatMap { $0 })),
        NPYArray(name: "meta", shape: [], storage: .unicode(try specification.identity(of: i))),
      ], to: pointFile(i))
  }

  /// Copies into this folder the point files (and traces) of the same sweep found in `others`
  /// (folders of shares run elsewhere), each checked and written atomically; refuses a folder
  /// holding another sweep before copying anything. Returns the number of points copied.
  @discardableResult
  public func merge(_ others: [URL]) throws -> Int {
    let expected = specification.json.jsonString()
    for other in others {
      let stored = try? String(contentsOf: other.appendingPathComponent("sweep.json"), encoding: .utf8)
      guard let stored else { throw SweepError(description: "mesopop: \(other.path) holds no sweep (no sweep.json)") }
      guard stored == expected else {
        throw SweepError(
          description: "mesopop: \(other.path) holds a different sweep from \(url.path) (sweep.json differs: \(Self.differences(stored, expected)))")
      }
    }
    var copied = 0
    for other in others {
      let share = try SweepDirectory(other, specification: specification)
      for i in 0..<specification.pointCount where try finishedRows(i) == nil {
        guard try share.finishedRows(i) != nil else { continue }
        for k in 0..<specification.trials where FileManager.default.fileExists(atPath: share.traceFile(i, trial: k).path) {
          try atomicWrite(Data(contentsOf: share.traceFile(i, trial: k)), to: traceFile(i, trial: k))
        }
        try atomicWrite(Data(contentsOf: share.pointFile(i)), to: pointFile(i))
        copied += 1
      }
    }
    return copied
  }

  /// The specification stored in the `sweep.json` of folder `url` (for `merge`, which is given
  /// folders only); the axes' values and document are read back exactly as written.
  public static func storedSpecification(at url: URL) throws -> SweepSpecification {
    let file = url.appendingPathComponent("sweep.json")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else {
      throw SweepError(description: "mesopop: \(url.path) holds no sweep (no sweep.json)")
    }
    guard case .object(let m)? = Self.tree(text), let document = m["config"],
      case .array(let grid)? = m["grid"], case .array(let zipped)? = m["zip"], case .number(let trials)? = m["trials"],
      case .string(let levelName)? = m["level"], let level = SimulationLevel(rawValue: levelName), let seedValue = m["seed"],
      let seed = Self.seed(seedValue)
    else { throw SweepError(description: "mesopop: \(file.path) is not a sweep specification") }
    let spec = try SweepSpecification(
      document: document, grid: try grid.map(SweepAxis.init(json:)), zipped: try zipped.map(SweepAxis.init(json:)),
      trials: Int(trials), level: level, seed: seed)
    guard spec.json.jsonString() == text else {
      throw SweepError(description: "mesopop: \(file.path) does not read back as written (edited by hand?)")
    }
    return spec
  }

  /// `a; b` of the top-level members of two `sweep.json` texts that differ.
  private static func differences(_ a: String, _ b: String) -> String {
    func members(_ text: String) -> [String: ConfigValue] {
      Self.tree(text).flatMap { if case .object(let m) = $0 { m } else { nil } } ?? [:]
    }
    let x = members(a), y = members(b)
    let keys = Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }.sorted()
    return keys.isEmpty ? "its text" : keys.map { key in
      key == "config" ? "config" : "\(key) \(x[key]?.rendered ?? "absent") there, \(y[key]?.rendered ?? "absent") here"
    }.joined(separator: "; ")
  }

  /// The tree of a JSON text as `ConfigValue.jsonString()` wrote it (numbers read back exactly).
  private static func tree(_ text: String) -> ConfigValue? { try? JSONDecoder().decode(ConfigValue.self, from: Data(text.utf8)) }

  /// A seed as `ConfigValue(seed:)` stores it (a whole number below 2^53, or its decimal text); nil otherwise.
  public static func seed(_ value: ConfigValue) -> UInt64? {
    switch value {
    case .number(let x): x >= 0 && x < 0x1p64 && x == x.rounded() ? UInt64(x) : nil
    case .string(let s): UInt64(s)
    default: nil
    }
  }
}
