/// What a run will allocate, item by item, each item blamed on the configuration key that causes
/// it; computed from the configuration in overflow-safe arithmetic before anything is allocated,
/// and checked against a `MemoryLimit`. With it, the checked conversions of times to counts
/// (steps, bins, delays, history lengths) that every engine needs.
///
/// An engine adds one line per buffer it will allocate, then checks the total:
/// ```swift
/// extension MyEngine {
///   /// Everything `init` allocates, by key.
///   static func resources(_ model: MyModel) throws(ParameterError) -> ResourceBudget {
///     let steps = try ResourceBudget.count(model.duration / model.dt, of: "steps", key: "simulation.duration", value: model.duration)
///     var budget = ResourceBudget()
///     budget.add("weights", key: "populations[0].N", count: model.n, times: model.n, bytesEach: 8)
///     budget.addRecording(bins: steps / model.stepsPerBin, columns: model.n)
///     return budget
///   }
///   init(_ model: MyModel, memoryLimit: MemoryLimit = .machine()) throws {
///     try Self.resources(model).check(against: memoryLimit)   // before the first allocation
///     …
///   }
/// }
/// ```
/// `mesopop validate` calls the same `resources` so that it refuses what `run` would refuse. Counts
/// saturate at `Int.max` instead of overflowing, so a hostile size is reported, never trapped on.
public struct ResourceBudget: Equatable, Sendable {
  /// One buffer (or group of buffers) and the key whose value sets its size.
  public struct Item: Equatable, Sendable {
    /// Key path that sets the size (`simulation.duration`, `connections[2]`).
    public var key: String
    /// What is allocated, with its dimensions (`recording of 10⁹ bins × 6 columns`).
    public var what: String
    /// Bytes (saturated at `Int.max`).
    public var bytes: Int
  }

  /// Everything added so far, in order.
  public private(set) var items: [Item] = []

  /// An empty budget.
  public init() {}

  /// The largest count any conversion returns: 2⁴⁰ ≈ 1.1·10¹² (steps, bins, delays, history
  /// lengths). Far below 2⁵³, so that every count and time l·Δt is exact in a Double, and far above
  /// any run that ends: 10¹² steps of a network take weeks.
  public static let maxCount = 1 << 40

  /// Adds `count × times × bytesEach` bytes for `what`, blamed on `key`; the product saturates.
  public mutating func add(_ what: String, key: String, count: Int, times: Int = 1, bytesEach: Int) {
    items.append(Item(key: key, what: what, bytes: saturatingProduct([count, times, bytesEach])))
  }

  /// Adds the recorded traces of `bins` bins × `columns` float64 columns and the time vector,
  /// counted twice: the arrays and the `.npz` bytes written from them. Blamed on `key`.
  public mutating func addRecording(bins: Int, columns: Int, key: String = "simulation.duration") {
    add("recording of \(bins) bins × \(columns + 1) columns, and its output file", key: key, count: bins, times: columns &+ 1, bytesEach: 16)
  }

  /// Adds every item of `other`.
  public mutating func add(_ other: ResourceBudget) { items += other.items }

  /// Every item `times` times (runs whose buffers coexist: the trials of a comparison), saturating.
  public func repeated(_ times: Int, as what: String) -> ResourceBudget {
    var copy = ResourceBudget()
    for item in items { copy.add(item.what + " × " + what, key: item.key, count: item.bytes, times: times, bytesEach: 1) }
    return copy
  }

  /// Sum of all items (saturated at `Int.max`).
  public var totalBytes: Int {
    items.reduce(0) { total, item in
      let (sum, overflow) = total.addingReportingOverflow(item.bytes)
      return overflow ? .max : sum
    }
  }

  /// Throws a `ParameterError` naming the key of the largest item, its size, the total and the
  /// limit, when the total exceeds `limit`.
  public func check(against limit: MemoryLimit) throws(ParameterError) {
    let total = totalBytes
    guard total > limit.bytes, let worst = items.max(by: { $0.bytes < $1.bytes }) else { return }
    throw ParameterError(
      path: worst.key, value: formatBytes(worst.bytes) + " for " + worst.what,
      requirement: "fit in memory: the run needs \(formatBytes(total)) in all, the limit is \(limit)")
  }

  /// The whole number nearest `x` (or `x` rounded by `rule`) as a count of `what`, when `x` is a
  /// finite number in 0 … `maximum`; otherwise a `ParameterError` on `key` with its `value`, never a trap.
  public static func count(
    _ x: Double, of what: String, key: String, value: Double, maximum: Int = maxCount,
    rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero
  ) throws(ParameterError) -> Int {
    let rounded = x.rounded(rule)
    guard rounded.isFinite, rounded >= 0, rounded <= Double(maximum) else {
      throw ParameterError(
        path: key, value: value, requirement: "give at most \(maximum) \(what) (here \(formatNumber(x)))")
    }
    return Int(rounded)
  }

  private func saturatingProduct(_ factors: [Int]) -> Int {
    var product = 1
    for f in factors {
      let (p, overflow) = product.multipliedReportingOverflow(by: max(f, 0))
      if overflow { return .max }
      product = p
    }
    return product
  }
}
