import Foundation
import MesoConfig
import MesoCore

/// Observed spike counts of every population of a network model, one row per simulation step:
/// the data a fit conditions on. Read from any `Recording` on the step grid (MesoPop's own `.npz`,
/// NEST's in the same format, a user's binned spike trains): a trace `counts` (spikes per bin), else
/// `A` (Hz, counts = A·N·Δt), with one column per population in model order and bins of exactly Δt
/// starting at t = 0 (the population equations are driven, and their likelihood taken, per step;
/// coarser bins are refused rather than approximated).
public struct SpikeCounts: Sendable, Equatable {
  /// Δt, the width of every bin (s).
  public let dt: Double
  /// Number of steps (bins) B.
  public let steps: Int
  /// N of each population, in model order.
  public let sizes: [Int]
  /// Counts n_{α,l}, row-major (B × P), whole numbers in 0 ... N_α.
  public let counts: [Double]

  /// Largest distance of A·N·Δt from a whole number still read as that number (rounding of the
  /// division in A = n/(NΔt) is ~10⁻¹³ for counts below 10⁶).
  static let wholeTolerance = 1e-6

  /// The counts of `recording` for `model`; every problem (missing trace, wrong column count, a
  /// time grid other than Δt from 0, counts that are negative, fractional, above N or not finite;
  /// at most 5 of the latter) is thrown at once, each naming `source` and the bin, time and population.
  public init(_ recording: Recording, model: NetworkModel, source: String = "--data") throws(ConfigurationError) {
    let dt = model.simulation.dt
    let names = model.populations.map(\.name)
    var problems = [ParameterError]()
    let trace = recording["counts"] ?? recording["A"]
    let B = recording.time.count
    guard let trace, trace.rows == B, B > 0 else {
      throw ConfigurationError(
        path: source, value: "arrays \(recording.traces.map(\.name).sorted())",
        requirement: "hold a time vector t (B,) with B > 0 and a trace `counts` (spikes per bin) or `A` (Hz) of shape (B, populations)")
    }
    if trace.columns != names.count {
      problems.append(
        ParameterError(
          path: "\(source) \(trace.name)", value: "\(trace.columns) column\(trace.columns == 1 ? "" : "s")",
          requirement: "have one column per population of the configuration: \(names.count) (\(names.joined(separator: ", ")))"))
    }
    let t = recording.time
    if abs(t[0]) > 1e-9 * dt {
      problems.append(ParameterError(path: "\(source) t[0]", value: t[0], requirement: "be 0 (the fit starts at the start of the model)"))
    }
    if B > 1, let bad = (1..<B).first(where: { abs(t[$0] - t[$0 - 1] - dt) > 1e-6 * dt }) {
      problems.append(
        ParameterError(
          path: "\(source) t[\(bad)] - t[\(bad - 1)]", value: t[bad] - t[bad - 1],
          requirement: "be simulation.dt = \(formatNumber(dt)) s: the likelihood needs counts per simulation step (bin the data at Δt, or set simulation.dt to the bin with --set)"))
    }
    if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    let sizes = model.populations.map(\.N)
    let isCounts = trace.name == "counts"
    var counts = [Double](repeating: 0, count: trace.values.count)
    for (i, value) in trace.values.enumerated() {
      let α = i % names.count, l = i / names.count, N = Double(sizes[α])
      let n = isCounts ? value : value * N * dt
      let whole = n.rounded()
      counts[i] = whole
      let requirement: String? =
        !n.isFinite ? "be finite"
        : abs(n - whole) > Self.wholeTolerance * max(1, whole) ? "be a whole number of spikes (\(isCounts ? "counts" : "A·N·Δt") = \(formatNumber(n)))"
        : whole < 0 ? "be >= 0 spikes" : whole > N ? "be <= N = \(sizes[α]) spikes" : nil
      if let requirement, problems.count < 5 {
        problems.append(
          ParameterError(
            path: "\(source) \(trace.name)[\(l), \(α)] (t = \(formatNumber(t[l])) s, population \(names[α]))", value: value,
            requirement: requirement))
      }
    }
    if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    self.dt = dt
    steps = B
    self.sizes = sizes
    self.counts = counts
  }

  /// The counts as a recording on the step grid: `t` and `A` = n/(NΔt) (Hz), what the statistics of
  /// the fitted-vs-data comparison read.
  public var recording: Recording {
    let P = sizes.count
    let A = counts.indices.map { counts[$0] / (Double(sizes[$0 % P]) * dt) }
    return Recording(time: (0..<steps).map { Double($0) * dt }, traces: [Trace(name: "A", unit: "Hz", columns: P, values: A)])
  }
}
