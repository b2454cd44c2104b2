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

  /// Checks everything before any run: the data against the model (``SpikeCounts``), each free key
  /// (a number of the model, not under `simulation`, given once), each bound (inside its key's
  /// start). Every problem is thrown at once. With no free parameters the problem is the likelihood
  /// of the model as given. `likelihood` defaults to the model's `meso.spike_count` (binomial for
  /// `expected`).
  ///
  /// With free parameters and an automatic history (`meso.history` absent), K is held fixed for the
  /// whole fit at ⌈1.5·K_max⌉, K_max the longest automatic history of the populations at the start:
  /// the automatic K changes in whole steps with τ_m and the threshold kernel, which would make ln L
  /// jump and its finite-difference derivatives meaningless; the margin keeps K above the automatic
  /// rule for values up to 1.5 times the start.
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
    if !free.isEmpty, model.meso.history == nil {
      var grid = model
      grid.simulation.duration = Double(data.steps) * data.dt
      grid.simulation.recordBin = data.dt
      let lengths = try MesoscopicSimulator(network: DiscreteNetwork(grid), seed: 0, memoryLimit: memoryLimit).historyLengths
      // Poisson sources have no history (K = 0); a network of sources only has nothing to fix.
      if let longest = lengths.max(), longest > 0 {
        document = try document.setting(.number((1.5 * Double(longest)).rounded(.up)), at: "meso.history")
      }
    }
    self.document = document
    self.free = free
    self.start = start
    self.data = data
    self.likelihood = likelihood ?? (model.meso.spikeCount == .poisson ? .poisson : .binomial)
    self.memoryLimit = memoryLimit
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
    try TeacherForcedLikelihood(model: model(at: values), data: data, likelihood: likelihood, memoryLimit: memoryLimit)
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
