import Foundation
import MesoConfig
import MesoCore
import MesoFit
import MesoIO

/// What `mesopop fit` writes into its folder: `fit.json` (estimates, intervals, ln L, every start,
/// the fitted-vs-data statistics), `fit.npz` (data and fitted activities) and `report.md`. All of it
/// is computed before anything is written; each file is written atomically.
public struct FitOutput: Sendable {
  /// The problem fitted, with the history lengths K at the fit's (`MaximumLikelihoodFit.history`).
  public let problem: FitProblem
  /// The fit.
  public let fit: MaximumLikelihoodFit
  /// The fitted model (free parameters at the estimate).
  public let model: NetworkModel
  /// Data (the `micro` level) against free mesoscopic runs of the fitted model (`meso`): rates,
  /// std(A) and PSD as `compare` reports them.
  public let comparison: Comparison
  /// The teacher-forced expected activity n̄/(NΔt) at the estimate (Hz), row-major (steps × P).
  public let forcedActivity: [Double]
  /// `fit.json`.
  public let json: ConfigValue

  /// Evaluates the fit's outputs: `trials` free runs of the fitted model (seeds derived from `seed`)
  /// compared with `comparisonData` (the fitted data when nil; held-out data on the same grid
  /// otherwise), and the teacher-forced activity at the estimate. `inputs` names the files for the record.
  public init(
    problem: FitProblem, fit: MaximumLikelihoodFit, trials: Int, seed: UInt64, comparisonData: Recording? = nil,
    inputs: [String: String] = [:], seconds: Double? = nil
  ) throws {
    let problem = problem.holding(history: fit.history)
    self.problem = problem
    self.fit = fit
    let model = try problem.model(at: fit.estimate)
    self.model = model
    let reference = try comparisonData.map { try SpikeCounts($0, model: model, source: "--heldout").recording } ?? problem.data.recording
    let duration = reference.time.count
    var simulatedModel = model
    simulatedModel.simulation.duration = Double(duration) * model.simulation.dt
    let runs = try (0..<trials).map { k in
      try simulate(model: simulatedModel, level: .meso, seed: derivedSeed(seed, .trial, UInt64(k)), memoryLimit: problem.memoryLimit)
    }
    let document = try problem.model(at: fit.estimate).configValue
    comparison = Comparison(model: simulatedModel, document: document, seed: seed, reference: [reference], simulated: runs)
    let forced = try problem.evaluate(at: fit.estimate)
    let P = problem.data.sizes.count
    forcedActivity = forced.expected.indices.map { forced.expected[$0] / (Double(problem.data.sizes[$0 % P]) * problem.data.dt) }
    json = try Self.json(problem: problem, fit: fit, forced: forced, comparison: comparison, inputs: inputs, seconds: seconds)
  }

  /// Writes `fit.json`, `fit.npz` and `report.md` into `directory` (created if needed).
  public func write(to directory: URL) throws {
    let npz = fitArrays()
    let markdown = FitMarkdown(json: json, populations: model.populations.map(\.name)).text
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try atomicWrite(Data(json.prettyJSON().utf8), to: directory.appendingPathComponent("fit.json"))
    try NPZ.write(npz, to: directory.appendingPathComponent("fit.npz"))
    try atomicWrite(Data(markdown.utf8), to: directory.appendingPathComponent("report.md"))
  }

  /// `t` (B,), `A_data` (B, P) the observed activity, `A_fit_expected` (B, P) the teacher-forced
  /// expected activity at the estimate, `A_fit` (B', P) the first free run of the fitted model (on
  /// the grid of the compared data), `meta` (fit.json).
  func fitArrays() -> [NPYArray] {
    let data = problem.data.recording, P = problem.data.sizes.count
    let run = comparison.meso[0]
    return [
      NPYArray(name: "t", shape: [data.time.count], storage: .float64(data.time)),
      NPYArray(name: "A_data", shape: [data.time.count, P], storage: .float64(data["A"]!.values)),
      NPYArray(name: "A_fit_expected", shape: [data.time.count, P], storage: .float64(forcedActivity)),
      NPYArray(name: "A_fit", shape: [run.time.count, P], storage: .float64(run["A"]!.values)),
      NPYArray(name: "meta", shape: [], storage: .unicode(json.jsonString())),
    ]
  }

  private static func json(
    problem: FitProblem, fit: MaximumLikelihoodFit, forced: TeacherForcedLikelihood, comparison: Comparison,
    inputs: [String: String], seconds: Double?
  ) throws -> ConfigValue {
    let errors = fit.standardErrors
    // K per population (steps), or "config" where meso.history gives it.
    func history(_ K: [Int]?) -> ConfigValue { K.map { .array($0.map { .number(Double($0)) }) } ?? .string("config") }
    func range(_ r: ClosedRange<Double>) -> ConfigValue { .array([.number(r.lowerBound), .number(r.upperBound)]) }
    // ln L_p = −∞ (an invalid point) is written null: JSON has no infinities.
    func profile(_ p: ProfileInterval) -> ConfigValue {
      .object([
        "lower": .number(p.lower.value), "upper": .number(p.upper.value), "lower_crossed": .bool(p.lower.crossed),
        "upper_crossed": .bool(p.upper.crossed),
        "points": .array(
          p.points.map { .array([.number($0.values[p.parameter]), $0.logLikelihood.isFinite ? .number($0.logLikelihood) : .null]) }),
      ])
    }
    let parameters = fit.free.indices.map { i -> ConfigValue in
      let p = fit.free[i]
      return .object([
        "key": .string(p.key), "start": .number(problem.start[i]), "estimate": .number(fit.estimate[i]),
        "standard_error": errors.map { .number($0[i]) } ?? .null,
        "interval": fit.intervals.map { range($0[i]) } ?? .null, "wald_interval": fit.waldIntervals.map { range($0[i]) } ?? .null,
        "profile": fit.profiles.map { profile($0[i]) } ?? .null,
        "bounds": .array([p.lower, p.upper].map { $0.isFinite ? .number($0) : .null }),
      ])
    }
    let report = try comparison.report()
    var statistics = [String: ConfigValue]()
    for (α, population) in comparison.model.populations.enumerated() {
      guard case .object(let entry)? = report.member("populations")?.member(population.name) else { continue }
      let pick = { (level: String) -> ConfigValue in
        let summary = entry[level] ?? .null
        return .object(["rate_hz": summary.member("rate_hz") ?? .null, "std_A_hz": summary.member("std_A_hz") ?? .null, "psd": summary.member("psd") ?? .null])
      }
      statistics[population.name] = .object([
        "data": pick("micro"), "fitted": pick("meso"), "relative_difference": entry["relative_difference"] ?? .null,
        "log_likelihood": .number(forced.perPopulation[α]), "clipped_steps": .number(Double(forced.clippedSteps[α])),
      ])
    }
    var members: [String: ConfigValue] = [
      "parameters": .array(parameters), "log_likelihood": .number(fit.logLikelihood), "likelihood": .string(problem.likelihood.rawValue),
      "method": .string(fit.options.method.rawValue), "confidence": .number(fit.options.confidence),
      "intervals": .string(fit.options.intervals.rawValue),
      "covariance": fit.covariance.map { .array($0.map(ConfigValue.number)) } ?? .null,
      "information": fit.information.map { .array($0.map(ConfigValue.number)) } ?? .null,
      "interval_problem": fit.intervalProblem.map(ConfigValue.string) ?? .null, "evaluations": .number(Double(fit.evaluations)),
      "reparametrization": .string(fit.options.reparametrization.rawValue),
      "value_change": .object([
        "tolerance": .number(fit.options.valueChange.tolerance), "window": .number(Double(fit.options.valueChange.window)),
      ]),
      "identifiable_combinations": fit.combinations.map { list in
        .array(
          list.map { c in
            .object([
              "eigenvalue": .number(c.eigenvalue), "weights": .array(c.weights.map(ConfigValue.number)), "value": .number(c.value),
              "standard_error": c.standardError.map(ConfigValue.number) ?? .null, "interval": c.interval.map(range) ?? .null,
            ])
          })
      } ?? .null,
      "steps": .number(Double(problem.data.steps)), "dt_s": .number(problem.data.dt),
      "starts": .array(
        fit.starts.map { s in
          .object([
            "start": .array(s.start.map(ConfigValue.number)), "estimate": .array(s.estimate.map(ConfigValue.number)),
            "log_likelihood": .number(s.logLikelihood), "iterations": .number(Double(s.iterations)), "converged": .bool(s.converged),
            "stopped_on_value_change": .bool(s.stoppedOnValueChange),
            "history": history(s.history),
          ])
        }),
      "history": history(fit.history), "history_consistent": .bool(fit.historyConsistent),
      "statistics": .object(statistics), "statistics_trials": .number(Double(comparison.meso.count)),
      "statistics_window_s": .array([.number(comparison.statisticsSpan.start), .number(comparison.statisticsSpan.end)]),
      "config": comparison.document, "inputs": .object(inputs.mapValues(ConfigValue.string)), "mesopop_version": .string(mesoPopVersion),
    ]
    if let seconds { members["fit_seconds"] = .number(seconds) }
    return .object(members)
  }
}
