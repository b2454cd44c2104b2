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
    return found
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
