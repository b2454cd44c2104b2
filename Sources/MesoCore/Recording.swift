/// A named two-dimensional array of samples on a recording grid: shape (B, columns), row-major.
public struct Trace: Equatable, Sendable {
  /// Array name in output files (`A`, `r`, `input`, …).
  public var name: String
  /// Physical unit of the values (`Hz`, `mV`, `1`).
  public var unit: String
  /// Number of columns (populations, units, connections).
  public var columns: Int
  /// Row-major values, `rows * columns` of them.
  public var values: [Double]

  /// A trace `name` in `unit` with `columns` columns; `values` must fill whole rows.
  public init(name: String, unit: String, columns: Int, values: [Double] = []) {
    precondition(columns > 0 && values.count % columns == 0, "trace \(name): values do not fill whole rows")
    self.name = name
    self.unit = unit
    self.columns = columns
    self.values = values
  }

  /// Number of rows B (recording bins, or events).
  public var rows: Int { values.count / columns }

  /// Row k as a slice of `values`.
  public subscript(row k: Int) -> ArraySlice<Double> { values[(k * columns)..<((k + 1) * columns)] }

  /// Column j copied into an array (one time series).
  public func column(_ j: Int) -> [Double] { stride(from: j, to: values.count, by: columns).map { values[$0] } }

  /// Appends one row of exactly `columns` values.
  public mutating func append<C: Collection>(row: C) where C.Element == Double {
    precondition(row.count == columns, "trace \(name): row of \(row.count) values, expected \(columns)")
    values.append(contentsOf: row)
  }
}

/// What an engine produces: the start time of every recording bin and the traces on that grid.
/// Analysis, reports and file writers see only recordings.
public struct Recording: Equatable, Sendable {
  /// Start of each recording bin (s).
  public var time: [Double]
  /// Traces, each with `time.count` rows, in output order.
  public var traces: [Trace]
  /// Event lists, not aligned with the time grid: one row per event (e.g. `spike_times`, s, and
  /// `spike_ids`, one row per spike). All event traces of a recording have the same number of rows.
  /// A one-column event trace is written as a one-dimensional array; one whose unit is `id` holds
  /// whole numbers and is written as int64.
  public var events: [Trace]
  /// Arrays of their own lengths, neither on the time grid nor event lists (e.g. the final weights
  /// `w_pre`, `w_post`, `w`), written like event traces.
  public var arrays: [Trace]
  /// Arrays too large to copy, streamed from the engine's storage when written, after `arrays`
  /// (the final weights `w_pre`, `w_post`, `w_connection`, `w` of every plastic synapse).
  public var streamed: [StreamedArray]
  /// Traces on a coarser grid of their own, always written (R, columns): the weight records
  /// (`w_t`, the end of each record interval, s, and `w_mean`, `w_std`, `w_hist`, `w_samples`).
  /// All of them have the same number of rows.
  public var records: [Trace]

  /// A recording of bins starting at `time` (s), with `traces` on that grid and `events`, `arrays`,
  /// `streamed` and `records` beside it.
  public init(
    time: [Double] = [], traces: [Trace] = [], events: [Trace] = [], arrays: [Trace] = [], streamed: [StreamedArray] = [],
    records: [Trace] = []
  ) {
    self.time = time
    self.traces = traces
    self.events = events
    self.arrays = arrays
    self.streamed = streamed
    self.records = records
  }

  /// The trace, else the event trace, array, streamed array (copied) or record trace, called `name`.
  public subscript(name: String) -> Trace? {
    traces.first { $0.name == name } ?? events.first { $0.name == name } ?? arrays.first { $0.name == name }
      ?? streamed.first { $0.name == name }?.trace ?? records.first { $0.name == name }
  }
}
