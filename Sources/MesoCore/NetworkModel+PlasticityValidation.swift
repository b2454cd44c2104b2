import Foundation

extension NetworkModel {
  /// Problems of a connection's `plasticity` (its rule, and a target that can fire).
  func plasticityProblems(_ c: Connection, path: String) -> [ParameterError] {
    guard let rule = c.plasticity else { return [] }
    var found = rule.problems(path: path + ".plasticity", J: c.J)
    if let target = populationIndex(c.to), case .poisson = populations[target].kind {
      found.append(
        ParameterError(
          path: path + ".plasticity", value: "\"\(rule.kind.rawValue)\"",
          requirement: "be on a connection whose target can spike (\(c.to) is a Poisson population)"))
    }
    found += weightGridProblems(rule.record, path: path + ".plasticity.record.every")
    return found
  }

  /// Problems of `record.every`: a whole multiple of the recording bin, within the run, and the same
  /// grid for every plastic connection that records (one `w_t` axis).
  private func weightGridProblems(_ record: WeightRecording, path: String) -> [ParameterError] {
    let bin = simulation.recordBin, dt = simulation.dt
    guard record.isRecordingBins, bin > 0, dt > 0, simulation.duration > 0 else { return [] }
    let whole = ((simulation.duration / dt).rounded() / (bin / dt).rounded()).rounded(.down)
    // A grid without whole bins is refused under simulation.* already.
    guard whole.isFinite, whole >= 1 else { return [] }
    let bins = Int(min(whole, Double(Int32.max)))
    if let every = record.every {
      let k = every / bin
      guard every > 0, every.isFinite, abs(k - k.rounded()) < 1e-9 * max(1, k) else {
        return [ParameterError(path: path, value: every, requirement: "be a whole multiple of simulation.record_bin = \(formatNumber(bin)) s")]
      }
      guard k.rounded() <= whole else {
        return [ParameterError(path: path, value: every, requirement: "be <= simulation.duration = \(formatNumber(simulation.duration)) s (a longer interval records nothing)")]
      }
    }
    let recording = connections.enumerated().filter { $0.element.plasticity?.record.isRecordingBins ?? false }
    guard let (first, reference) = recording.first.map({ ($0.offset, $0.element.plasticity!.record) }),
      reference.binsPerRecord(recordBin: bin, bins: bins) != record.binsPerRecord(recordBin: bin, bins: bins)
    else { return [] }
    return [
      ParameterError(
        path: path, value: record.every.map { formatNumber($0) } ?? "absent",
        requirement: "give the grid of connections[\(first)].plasticity.record.every (one weight record grid per run)")
    ]
  }

  /// Problems of the spike times of a `spike_train` population: finite, ≥ 0, ascending per neuron.
  func spikeTrainProblems(_ times: [[Double]], path: String) -> [ParameterError] {
    var found = [ParameterError]()
    for (i, train) in times.enumerated() {
      for (k, t) in train.enumerated() {
        let key = path + ".spike_times[\(i)][\(k)]"
        if !(t >= 0 && t.isFinite) {
          found.append(ParameterError(path: key, value: t, requirement: "be >= 0 s"))
        } else if k > 0, !(t > train[k - 1]) {
          found.append(ParameterError(path: key, value: t, requirement: "be > the previous time \(formatNumber(train[k - 1])) s (ascending)"))
        }
      }
    }
    return found
  }
}
