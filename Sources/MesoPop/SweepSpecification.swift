import MesoConfig
import MesoCore

/// A parameter sweep of a network configuration (issue #16): the Cartesian product of the `grid`
/// axes (the first varies slowest), times the `zipped` axes taken together (all of one length, as
/// one more axis that varies fastest); `trials` runs of every point at `level`. Point i, trial k
/// runs from the master seed `derivedSeed(derivedSeed(seed, .sweepPoint, i), .trial, k)`, whatever
/// the number of workers, the share or the order in which points finish.
public struct SweepSpecification: Equatable, Sendable {
  /// The configuration document every point starts from (after `--set`).
  public var document: ConfigValue
  /// Axes combined as a Cartesian product.
  public var grid: [SweepAxis]
  /// Axes stepped together.
  public var zipped: [SweepAxis]
  /// K, runs of every point.
  public var trials: Int
  /// The engine of every run.
  public var level: SimulationLevel
  /// The master seed of the sweep.
  public var seed: UInt64

  /// Most points of one sweep.
  public static let maxPoints = 10_000_000

  /// A sweep; refuses zipped axes of different lengths, key paths given twice, no trial, or more
  /// than `maxPoints` points.
  public init(
    document: ConfigValue, grid: [SweepAxis], zipped: [SweepAxis] = [], trials: Int = 1, level: SimulationLevel, seed: UInt64
  ) throws(SweepError) {
    guard trials >= 1, trials <= 1_000_000 else { throw SweepError("--trials", "\(trials)", "be between 1 and 1000000") }
    if let first = zipped.first, let other = zipped.first(where: { $0.values.count != first.values.count }) {
      throw SweepError(
        "--zip", other.key, "have as many values as \(first.key) (\(other.values.count) against \(first.values.count)): zipped axes step together")
    }
    let keys = (grid + zipped).map(\.key)
    if let repeated = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
      throw SweepError("--grid/--zip", repeated, "be swept by one axis only")
    }
    var count = 1.0
    for axis in grid { count *= Double(axis.values.count) }
    count *= Double(zipped.first?.values.count ?? 1)
    guard count <= Double(Self.maxPoints) else { throw SweepError("--grid", "\(count) points", "give at most \(Self.maxPoints) points") }
    self.document = document
    self.grid = grid
    self.zipped = zipped
    self.trials = trials
    self.level = level
    self.seed = seed
  }

  /// Every axis, grid first, then the zipped ones.
  public var axes: [SweepAxis] { grid + zipped }

  /// Number of points.
  public var pointCount: Int { grid.reduce(1) { $0 * $1.values.count } * (zipped.first?.values.count ?? 1) }

  /// For every axis (in `axes` order), the index of the value point `i` takes.
  public func valueIndices(of i: Int) -> [Int] {
    precondition(i >= 0 && i < pointCount, "sweep point \(i) outside 0..<\(pointCount)")
    let zipCount = zipped.first?.values.count ?? 1
    var rest = i / zipCount
    var indices = [Int](repeating: 0, count: grid.count)
    for (a, axis) in grid.enumerated().reversed() {
      indices[a] = rest % axis.values.count
      rest /= axis.values.count
    }
    return indices + Array(repeating: i % zipCount, count: zipped.count)
  }

  /// `KEY=VALUE, …` of point i, for messages.
  public func describe(_ i: Int) -> String {
    zip(axes, valueIndices(of: i)).map { $0.assignment($1) }.joined(separator: ", ")
  }

  /// The configuration document of point i: `document` with every axis's value set.
  public func document(of i: Int) throws(ConfigurationError) -> ConfigValue {
    var point = document
    for (axis, j) in zip(axes, valueIndices(of: i)) { try ConfigDocument.set(axis.values[j], keyPath: axis.key, in: &point) }
    return point
  }

  /// The master seed of trial k of point i.
  public func seed(point i: Int, trial k: Int) -> UInt64 {
    derivedSeed(derivedSeed(seed, .sweepPoint, UInt64(i)), .trial, UInt64(k))
  }

  /// The validated configuration of every point, checked against `memoryLimit` (one run each);
  /// throws a `SweepError` listing every invalid point with its problems when any is invalid.
  public func configurations(memoryLimit: MemoryLimit = .machine()) throws(SweepError) -> [Configuration] {
    var configurations = [Configuration](), invalid = [String]()
    for i in 0..<pointCount {
      do {
        configurations.append(try configuration(of: i, memoryLimit: memoryLimit))
      } catch let error as UnsupportedRun {
        throw SweepError(description: "mesopop: \(error)")
      } catch {
        let problems = FailureReport(error).message.split(separator: "\n").dropFirst(error is ConfigurationError || error is ParameterError ? 1 : 0)
        invalid.append("  point \(i) (\(describe(i))):\n" + problems.map { "    " + $0 }.joined(separator: "\n"))
      }
    }
    guard invalid.isEmpty else {
      throw SweepError(
        description: "invalid sweep: \(invalid.count) of \(pointCount) point\(pointCount == 1 ? " is" : "s are") invalid, nothing was run:\n"
          + invalid.joined(separator: "\n"))
    }
    return configurations
  }

  /// The validated configuration of point i, checked against `memoryLimit`; throws its
  /// `ConfigurationError` or `ParameterError`, or `UnsupportedRun` for a model without populations.
  public func configuration(of i: Int, memoryLimit: MemoryLimit = .machine()) throws -> Configuration {
    let configuration = try Configuration(document: document(of: i))
    guard case .network = configuration.model else {
      throw UnsupportedRun(description: "a sweep needs a network configuration (populations:)")
    }
    try resources(configuration, level: level).check(against: memoryLimit)
    return configuration
  }

  /// What identifies the sweep in `sweep.json`: document, axes, trials, level, seed, point count.
  public var json: ConfigValue {
    .object([
      "config": document, "grid": .array(grid.map(\.json)), "zip": .array(zipped.map(\.json)), "trials": .number(Double(trials)),
      "level": .string(level.rawValue), "seed": ConfigValue(seed: seed), "points": .number(Double(pointCount)),
    ])
  }

  /// What identifies point i's results: its resolved document, level and the seed of every trial.
  public func identity(of i: Int) throws(ConfigurationError) -> String {
    ConfigValue.object([
      "point": .number(Double(i)), "config": try document(of: i), "level": .string(level.rawValue),
      "seeds": .array((0..<trials).map { ConfigValue(seed: seed(point: i, trial: $0)) }),
    ]).jsonString()
  }

  /// Points of share `index` of `count` (0 ≤ index < count): a contiguous block
  /// [index·P/count, (index+1)·P/count).
  public func share(_ index: Int, of count: Int) throws(SweepError) -> Range<Int> {
    guard count >= 1 else { throw SweepError("--of", "\(count)", "be at least 1") }
    guard index >= 0, index < count else { throw SweepError("--index", "\(index)", "be between 0 and \(count - 1) (--of \(count))") }
    let p = pointCount
    return (index * p / count)..<((index + 1) * p / count)
  }
}
