import Foundation
import MesoConfig
import MesoCore
import MesoIO

/// The tidy table of a finished sweep: one row per point × trial × population (point-major, then
/// trial, then population), with the point's axis values, the run's seed and every column of
/// `SweepStatistics`. Assembled from the point files alone, in one pass: O(points).
public struct SweepSummary: Sendable {
  /// `summary.npz`: `point`, `trial`, `population` (int64), one array per axis named by its key
  /// (float64 in the axis unit, or int64 index into the axis values for text values), `seed`
  /// (int64 holding the uint64 bit pattern), the statistics (float64, NaN where they do not apply),
  /// and `meta` (JSON: axes, populations, column units, level, trials, master seed).
  public var arrays: [NPYArray]
  /// `summary.csv`: the same table with population names and axis values as given; empty cells
  /// where a statistic does not apply.
  public var csv: String

  /// The summary of `directory`, whose every point must be finished; `configurations` name the
  /// populations of each point.
  public init(_ directory: SweepDirectory, configurations: [Configuration]) throws {
    let spec = directory.specification
    let stored = try (0..<spec.pointCount).map { try directory.finishedRows($0) }
    let missing = stored.indices.filter { stored[$0] == nil }
    guard missing.isEmpty else {
      throw SweepError(
        description: "mesopop: \(directory.url.path) lacks \(missing.count) of \(spec.pointCount) points (first missing: point \(missing[0])); "
          + "run the remaining shares, or `mesopop sweep merge` the folders that hold them")
    }
    let axes = spec.axes, statistics = SweepStatistics.columns
    var point = [Int64](), trial = [Int64](), population = [Int64](), seeds = [Int64]()
    var axisColumns = [[Double]](repeating: [], count: axes.count), columns = [[Double]](repeating: [], count: statistics.count)
    let axisHeaders = axes.map { $0.unit.isEmpty ? $0.key : "\($0.key) (\($0.unit))" }
    var lines = [(["point", "trial", "population"] + axisHeaders + ["seed"] + statistics.map(\.name)).map(Self.csvField).joined(separator: ",")]
    for i in 0..<spec.pointCount {
      guard case .network(let model) = configurations[i].model else { continue }
      let rows = stored[i]!
      let indices = spec.valueIndices(of: i)
      let axisValues = zip(axes, indices).map { axis, j in axis.numbers.map { $0[j] } ?? Double(j) }
      let axisText = zip(axes, indices).map { axis, j in axis.numbers.map { Self.csvNumber($0[j]) } ?? Self.csvField(axis.values[j].rendered) }
      let p = model.populations.count
      for k in 0..<spec.trials {
        let seed = spec.seed(point: i, trial: k)
        for α in 0..<p {
          let row = rows[((k * p + α) * statistics.count)..<((k * p + α + 1) * statistics.count)]
          point.append(Int64(i))
          trial.append(Int64(k))
          population.append(Int64(α))
          seeds.append(Int64(bitPattern: seed))
          for a in axes.indices { axisColumns[a].append(axisValues[a]) }
          for (c, value) in row.enumerated() { columns[c].append(value) }
          let fields = ["\(i)", "\(k)", Self.csvField(model.populations[α].name)] + axisText + ["\(seed)"] + row.map(Self.csvNumber)
          lines.append(fields.joined(separator: ","))
        }
      }
    }
    csv = lines.joined(separator: "\n") + "\n"
    let r = point.count
    var names = [String]()
    if case .network(let model)? = configurations.first?.model { names = model.populations.map(\.name) }
    let meta = ConfigValue.object([
      "axes": .array(axes.map(\.json)), "populations": .array(names.map(ConfigValue.string)),
      "units": .object(Dictionary(uniqueKeysWithValues: statistics.map { ($0.name, ConfigValue.string($0.unit)) })),
      "level": .string(spec.level.rawValue), "trials": .number(Double(spec.trials)), "seed": ConfigValue(seed: spec.seed),
      "points": .number(Double(spec.pointCount)), "mesopop_version": .string(mesoPopVersion),
      "seed_dtype": .string("uint64 bit pattern stored as int64: numpy's .view(np.uint64)"),
    ])
    arrays =
      [("point", point), ("trial", trial), ("population", population)].map { NPYArray(name: $0.0, shape: [r], storage: .int64($0.1)) }
      + zip(axes, axisColumns).map { axis, values in
        NPYArray(name: axis.key, shape: [r], storage: axis.numbers == nil ? .int64(values.map { Int64($0) }) : .float64(values))
      }
      + [NPYArray(name: "seed", shape: [r], storage: .int64(seeds))]
      + zip(statistics, columns).map { NPYArray(name: $0.name, shape: [r], storage: .float64($1)) }
      + [NPYArray(name: "meta", shape: [], storage: .unicode(meta.jsonString()))]
  }

  /// Writes `summary.npz` and `summary.csv` into the sweep's folder, each atomically.
  public func write(to directory: SweepDirectory) throws {
    try NPZ.write(arrays, to: directory.url.appendingPathComponent("summary.npz"))
    try atomicWrite(Data(csv.utf8), to: directory.url.appendingPathComponent("summary.csv"))
  }

  /// Shortest text that reads back as x; empty for NaN.
  private static func csvNumber(_ x: Double) -> String { x.isNaN ? "" : "\(x)" }

  /// A CSV field, quoted when it holds a comma, a quote or a line break.
  private static func csvField(_ text: String) -> String {
    text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}
