import MesoCore

/// A stretch [start, end) of a run (s) in which no input changes its value.
public struct AnalysisWindow: Equatable, Sendable {
  /// Start (s): the transient after t = 0 or after an input change has been discarded.
  public let start: Double
  /// End (s): the next input change or the end of the run.
  public let end: Double

  /// end − start (s).
  public var length: Double { end - start }
}

/// The stretches of a network's run without an input change, for the comparison's statistics.
extension NetworkModel {
  /// Times (s) inside (0, duration) at which an input changes its value: the start of a step, the
  /// start and the end of a pulse, in increasing order without repeats. A sine changes all the
  /// time and is not listed (its drive shows in the spectrum at its frequency).
  public var inputChangeTimes: [Double] {
    let times = inputs.flatMap { input -> [Double] in
      switch input.kind {
      case .step(let start, _): [start]
      case .pulse(let start, let width, _): [start, start + width]
      case .sine: []
      }
    }
    return Set(times.filter { $0 > 0 && $0 < simulation.duration }).sorted()
  }

  /// The input-free windows of a run, `settling` (s) discarded after t = 0 and after every input
  /// change: [c_i + settling, c_{i+1}) with c_0 = 0 and the last window ending at the duration.
  /// Windows shorter than one recording bin are left out.
  public func inputFreeWindows(settling: Double) -> [AnalysisWindow] {
    let bounds = [0] + inputChangeTimes + [simulation.duration]
    return zip(bounds, bounds.dropFirst()).compactMap { from, to in
      let start = from + settling
      return to - start >= simulation.recordBin * (1 - 1e-9) ? AnalysisWindow(start: start, end: to) : nil
    }
  }
}

/// The window the comparison's statistics are computed in.
extension Comparison {
  /// The window every statistic of the report is computed in: the longest input-free window after
  /// the transient (the later one of equally long windows); nil when no window is left.
  public var analysisWindow: AnalysisWindow? {
    model.inputFreeWindows(settling: transient).max { $0.length < $1.length + 1e-9 * model.simulation.duration }
  }
}
