import MesoCore

/// Accumulates what both engines record, step by step, into recording bins (the outputs of the GettingStarted article):
/// `A` (spikes in the bin / (N·Δt_bin), Hz), optionally `A_expected` (the same for the expected
/// count), `input` (bin average, mV) and `stp_u`, `stp_x` (bin averages, one column per STP connection).
public struct ActivityRecorder: Sendable {
  let populations: Int
  let sizes: [Double]
  let stpColumns: Int
  let stepsPerBin: Int
  let binWidth: Double
  let bins: Int
  private var spikes: [Double]
  private var expected: [Double]?
  private var input: [Double]
  private var stpU: [Double]
  private var stpX: [Double]
  /// Steps recorded so far.
  public private(set) var step = 0

  /// A recorder of the bins of `network`, with `A_expected` when `recordsExpected`.
  public init(network: DiscreteNetwork, recordsExpected: Bool) {
    populations = network.populations.count
    sizes = network.populations.map { Double($0.N) }
    stpColumns = network.stpConnections.count
    stepsPerBin = network.stepsPerBin
    binWidth = network.model.simulation.recordBin
    bins = network.bins
    spikes = Array(repeating: 0, count: bins * populations)
    expected = recordsExpected ? spikes : nil
    input = spikes
    stpU = Array(repeating: 0, count: bins * stpColumns)
    stpX = stpU
  }

  /// The current step's bin and its position in the bin (kept as counters: no division per record).
  private var bin = 0
  private var stepInBin = 0

  /// Whether the current step falls in a recorded bin (the steps of a final partial bin do not).
  public var isRecording: Bool { bin < bins }

  /// Population α's spike count n (and expected count n̄) of this step, and its input potential (mV).
  @inline(__always)
  public mutating func record(population α: Int, spikes n: Double, expected nBar: Double = 0, input h: Double) {
    guard isRecording else { return }
    let k = bin * populations + α
    spikes[k] += n
    expected?[k] += nBar
    input[k] += h
  }

  /// Mean u and x of STP connection column `s` in this step.
  @inline(__always)
  public mutating func recordSTP(column s: Int, u: Double, x: Double) {
    guard isRecording else { return }
    stpU[bin * stpColumns + s] += u
    stpX[bin * stpColumns + s] += x
  }

  /// Closes the current step.
  public mutating func endStep() {
    step += 1
    stepInBin += 1
    if stepInBin == stepsPerBin {
      stepInBin = 0
      bin += 1
    }
  }

  /// Whether the step just closed by `endStep()` was the last of a recorded bin.
  public var closedBin: Int? { stepInBin == 0 && step > 0 && bin <= bins ? bin - 1 : nil }

  /// Takes the columns of `populations` (A, A_expected, input) and the STP columns `stpColumns`
  /// from `other`, a recorder of the same network that recorded them (an engine whose threads
  /// each record some populations).
  public mutating func adopt(populations members: [Int], stpColumns columns: [Int], from other: ActivityRecorder) {
    for k in 0..<bins {
      for α in members {
        let i = k * populations + α
        spikes[i] = other.spikes[i]
        if let theirs = other.expected, expected != nil { expected![i] = theirs[i] }
        input[i] = other.input[i]
      }
      for s in columns {
        stpU[k * stpColumns + s] = other.stpU[k * stpColumns + s]
        stpX[k * stpColumns + s] = other.stpX[k * stpColumns + s]
      }
    }
  }

  /// The first non-finite value recorded in bin `k` (a sum over the bin's steps, so one check per
  /// bin covers every step), as the trace and its column, or nil.
  public func nonFinite(bin k: Int) -> (trace: String, column: Int)? {
    func first(_ values: [Double], _ columns: Int) -> Int? {
      (0..<columns).first { !values[k * columns + $0].isFinite }
    }
    if let c = first(spikes, populations) { return ("A", c) }
    if let expected, let c = first(expected, populations) { return ("A_expected", c) }
    if let c = first(input, populations) { return ("input", c) }
    if let c = first(stpU, stpColumns) { return ("stp_u", c) }
    if let c = first(stpX, stpColumns) { return ("stp_x", c) }
    return nil
  }

  /// The recording: `t` = bin starts; A, A_expected (if recorded), input, stp_u, stp_x (if any STP).
  public func recording() -> Recording {
    let perBin = Double(stepsPerBin)
    func rates(_ counts: [Double]) -> [Double] {
      counts.indices.map { counts[$0] / (sizes[$0 % populations] * binWidth) }
    }
    var traces = [Trace(name: "A", unit: "Hz", columns: populations, values: rates(spikes))]
    if let expected { traces.append(Trace(name: "A_expected", unit: "Hz", columns: populations, values: rates(expected))) }
    traces.append(Trace(name: "input", unit: "mV", columns: populations, values: input.map { $0 / perBin }))
    if stpColumns > 0 {
      traces.append(Trace(name: "stp_u", unit: "1", columns: stpColumns, values: stpU.map { $0 / perBin }))
      traces.append(Trace(name: "stp_x", unit: "1", columns: stpColumns, values: stpX.map { $0 / perBin }))
    }
    return Recording(time: (0..<bins).map { Double($0) * binWidth }, traces: traces)
  }
}
