import Foundation
import MesoConfig
import MesoCore
import MesoPopulation
import NetworkCore

/// A maximum-likelihood problem: a network model, the observed counts it is fitted to, the
/// parameters that vary and the count distribution. The model is held as its configuration tree
/// (`NetworkModel.configValue`, base units, every key explicit) on the data's grid: duration B·Δt,
/// one recording bin per step. Each evaluation writes the free values into the tree at their key
/// paths and reads the model back through the configuration reader, so every key `--set` accepts can
/// be fitted and every value is validated as a configuration would be.
public struct FitProblem: Sendable {
  /// The model's configuration tree on the data's grid, at the start values.
  public let document: ConfigValue
  /// The parameters that vary, in order.
  public let free: [FreeParameter]
  /// Their values in the configuration (the first start).
  public let start: [Double]
  /// The observed counts.
  public let data: SpikeCounts
  /// Binomial or Poisson counts.
  public let likelihood: CountLikelihood
  /// The memory every evaluation's engine may use.
  public let memoryLimit: MemoryLimit
  /// The history length K of each population (steps, 0 for Poisson sources) held fixed in every
  /// evaluation; nil: the configuration's (`meso.history` set, or nothing free).
  public private(set) var history: [Int]?

  /// Checks everything before any run: the data against the model (``SpikeCounts``), each free key
  /// (a number of the model, not under `simulation`, given once), each bound (inside its key's
  /// start). Every problem is thrown at once. With no free parameters the problem is the likelihood
  /// of the model as given. `likelihood` defaults to the model's `meso.spike_count` (binomial for
  /// `expected`).
  ///
  /// With free parameters and an automatic history (`meso.history` absent), each population's K is
  /// held fixed (``history``) at the automatic rule's value at the start: the rule changes K in whole
  /// steps with τ_m and the threshold kernel, which would make ln L jump and its finite-difference
  /// derivatives meaningless. ``MaximumLikelihoodFit`` then re-fits until K is the rule's value at
  /// the estimate, so the fitted model is the one a simulation of it would run.
  public init(
    model: NetworkModel, data recording: Recording, free: [FreeParameter], likelihood: CountLikelihood? = nil,
    memoryLimit: MemoryLimit = .machine()
  ) throws {
    let data = try SpikeCounts(recording, model: model)
    var document = try model.configValue
      .setting(.number(Double(data.steps) * data.dt), at: "simulation.duration")
      .setting(.number(data.dt), at: "simulation.record_bin")
    var problems = [ParameterError]()
    var start = [Double]()
    for (i, parameter) in free.enumerated() {
      let key = parameter.key
      let value = (try? document.value(at: key)) ?? nil
      if free[..<i].contains(where: { $0.key == key }) {
        problems.append(ParameterError(path: "--free", value: key, requirement: "be given once"))
      } else if key == "simulation" || key.hasPrefix("simulation.") {
        problems.append(ParameterError(path: "--free", value: key, requirement: "not be a key of simulation (the grid is the data's)"))
      } else if case .number(let x)? = value {
        start.append(x)
        if !parameter.contains(x) {
          problems.append(
            ParameterError(
              path: "--bounds \(key)", value: "\(formatNumber(parameter.lower)):\(formatNumber(parameter.upper))",
              requirement: "contain the start value \(formatNumber(x)) strictly (change the bounds, or the start with --set \(key)=…)"))
        }
        continue
      } else {
        problems.append(
          ParameterError(
            path: "--free", value: key,
            requirement: "name a number of the network model by its key path, e.g. populations[0].tau_m or connections[1].J (\(value.map { "not a number: \($0.rendered)" } ?? "no such key"))"))
      }
      start.append(.nan)
    }
    if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    if let seed = model.simulation.seed { document = document.settingSeed(seed) }
    self.document = document
    self.free = free
    self.start = start
    self.data = data
    self.likelihood = likelihood ?? (model.meso.spikeCount == .poisson ? .poisson : .binomial)
    self.memoryLimit = memoryLimit
    if !free.isEmpty, model.meso.history == nil { history = try automaticHistory(at: start) }
  }

  /// The K of each population that the automatic rule (`meso.history: auto`) gives at `values`, as
  /// a simulation of the model there would use (0 for Poisson sources).
  public func automaticHistory(at values: [Double]) throws -> [Int] {
    try MesoscopicSimulator.historyLengths(DiscreteNetwork(model(at: values)))
  }

  /// The same problem with each population's K held at `history` (nil: the configuration's).
  public func holding(history: [Int]?) -> FitProblem {
    var copy = self
    copy.history = history
    return copy
  }

  /// The model with the free parameters at `values`; throws the configuration's problems (a value
  /// out of its range, say).
  public func model(at values: [Double]) throws(ConfigurationError) -> NetworkModel {
    precondition(values.count == free.count, "FitProblem: \(values.count) values for \(free.count) parameters")
    var tree = document
    for (parameter, x) in zip(free, values) { tree = try tree.setting(.number(x), at: parameter.key) }
    guard case .network(let model) = try Configuration(document: tree).model else { preconditionFailure("a network tree reads as a network") }
    return model
  }

  /// The teacher-forced likelihood at `values` (``TeacherForcedLikelihood``).
  public func evaluate(at values: [Double]) throws -> TeacherForcedLikelihood {
    try TeacherForcedLikelihood(model: model(at: values), data: data, likelihood: likelihood, history: history, memoryLimit: memoryLimit)
  }

  /// ln L at `values`, or nil where the model is invalid there or the run fails numerically (the
  /// minimisers treat such points as infinitely unlikely). Other errors are rethrown.
  public func logLikelihood(at values: [Double]) throws -> Double? {
    do {
      let value = try evaluate(at: values).logLikelihood
      return value.isNaN ? nil : value
    } catch is ConfigurationError {
      return nil
    } catch is ParameterError {
      return nil
    } catch is NumericalFailure {
      return nil
    }
  }
}
