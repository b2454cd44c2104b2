import ArgumentParser
import Foundation
import MesoPop

extension CountLikelihood: ExpressibleByArgument {}
extension FitOptions.Method: ExpressibleByArgument {}
extension FitOptions.Intervals: ExpressibleByArgument {}
extension Reparametrization: ExpressibleByArgument {}

/// `mesopop fit CONFIG --data FILE.npz --free KEY … --out DIR`: maximum-likelihood fit of the
/// population equations to observed spike counts (Fitting article).
struct Fit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit parameters of a network model to observed population spike counts by maximum likelihood.",
    discussion: """
      The data (.npz with t and counts or A, one column per population, bins of simulation.dt from t = 0) drive the \
      population equations (teacher forcing); ln L sums the binomial (or Poisson) log-probabilities of every count. Writes \
      DIR/fit.json, DIR/fit.npz and DIR/report.md, computed before anything is written. Keys and bounds are in base units \
      (s, mV, Hz).
      """)

  @OptionGroup var model: ModelOptions
  @Option(help: "Observed activity (.npz: t, and counts or A in Hz).") var data: String
  @Option(help: "A key path to fit, as --set names it (repeat for several).") var free: [String] = []
  @Option(help: "Bounds of a free key: KEY=LO:HI (either side may be empty).") var bounds: [String] = []
  @Option(help: "Starts: the configuration's values, then random ones.") var starts = 1
  @Option(help: "Minimiser: simplex (Nelder–Mead) or bfgs (finite-difference gradients).") var method: FitOptions.Method = .simplex
  @Option(help: "Minimiser iterations per start.") var iterations = 400
  @Option(help: "Stop a start once ln L gained less than this over --value-window iterations (0: off; default 1e-3 for bfgs, off for simplex).")
  var valueTolerance: Double?
  @Option(help: "Iterations over which --value-tolerance is tested.") var valueWindow = 10
  @Option(help: "Fit coordinates: none, or threshold-relative (V_th and V_reset as V_th − mu, V_reset − mu where mu is free).")
  var reparametrize: Reparametrization = .none
  @Option(help: "binomial or poisson (default: meso.spike_count).") var likelihood: CountLikelihood?
  @Option(help: "Coverage of the intervals.") var confidence = 0.95
  @Option(help: "Intervals: fisher (Wald, observed information) or profile (profile likelihood; slower).")
  var intervals: FitOptions.Intervals = .fisher
  @Option(help: "Free runs of the fitted model for the fitted-vs-data statistics.") var trials = 4
  @Option(help: "Held-out data (.npz, same grid) for the fitted-vs-data statistics (default: the fitted data).") var heldout: String?
  @Option(help: "Output folder (required unless --evaluate).") var out: String?
  @Flag(help: "Only evaluate ln L at the configuration's values; print {\"log_likelihood\", \"per_population\", \"clipped_steps\", \"steps\", \"cpu_s\", \"wall_s\"}.")
  var evaluate = false
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    try validateTrials(trials)
    guard let out else {
      guard evaluate else { throw ValidationError("--out is required (unless --evaluate)") }
      return
    }
    try validateOutputFolder(out)
    guard (1...1000).contains(starts) else { throw ValidationError("--starts must be in 1 ... 1000, got \(starts)") }
    guard confidence > 0 && confidence < 1 else { throw ValidationError("--confidence must be in (0, 1), got \(confidence)") }
    guard (1...1_000_000).contains(iterations) else { throw ValidationError("--iterations must be in 1 ... 1000000, got \(iterations)") }
    if let valueTolerance, !(valueTolerance >= 0 && valueTolerance.isFinite) {
      throw ValidationError("--value-tolerance must be a finite number ≥ 0, got \(valueTolerance)")
    }
    guard (1...1_000_000).contains(valueWindow) else { throw ValidationError("--value-window must be in 1 ... 1000000, got \(valueWindow)") }
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try model.load()
      guard case .network(let network) = loaded.model else {
        throw ConfigurationError(path: "", value: loaded.kindDescription, requirement: "be a network model (populations:) to fit")
      }
      let seed = model.resolveSeed(loaded, quiet: reporting.quiet)
      let problem = try FitProblem(
        model: network, data: Self.read(data, option: "--data"), free: Self.parameters(free: free, bounds: bounds, evaluate: evaluate),
        likelihood: likelihood, memoryLimit: memory.limit)
      if evaluate {
        try print(Self.evaluation(problem))
        return
      }
      let held = try heldout.map { try Self.read($0, option: "--heldout") }
      let progress = reporting.progressReporter()
      let clock = WallClock()
      let options = FitOptions(
        method: method, intervals: intervals, starts: starts, seed: seed, confidence: confidence, maxIterations: iterations,
        valueChange: valueTolerance.map { ValueChangeTest(tolerance: $0, window: valueWindow) }, reparametrization: reparametrize)
      let fit = try MaximumLikelihoodFit(problem, options: options, progress: progress.map { p in { p.report($0) } })
      let seconds = clock.elapsed
      progress?.finish()
      let output = try FitOutput(
        problem: problem, fit: fit, trials: trials, seed: seed, comparisonData: held,
        inputs: ["config": model.config, "data": data, "heldout": heldout ?? data], seconds: seconds)
      let folder = URL(fileURLWithPath: out!)
      try output.write(to: folder)
      if !reporting.quiet {
        for (i, p) in fit.free.enumerated() {
          let se = fit.standardErrors.map { String(format: " ± %.4g", $0[i]) } ?? ""
          let range = fit.intervals.map { String(format: ", %@ interval [%.6g, %.6g]", intervals.rawValue, $0[i].lowerBound, $0[i].upperBound) } ?? ""
          printError("\(p.key) = \(String(format: "%.6g", fit.estimate[i]))\(se)\(range)")
        }
        printError(String(format: "ln L = %.6f after %d evaluations in %.1f s", fit.logLikelihood, fit.evaluations, seconds))
        if let K = fit.history {
          let rule = fit.historyConsistent ? "the automatic rule's at the estimate" : "NOT the automatic rule's at the estimate (fit.json)"
          printError("history K = \(K) steps, \(rule)")
        }
        print("report: \(folder.appendingPathComponent("report.md").path)")
      }
    }
  }

  /// One JSON line: ln L at the start values, its terms, and the CPU and wall time of that one evaluation.
  static func evaluation(_ problem: FitProblem) throws -> String {
    let clock = WallClock(), cpu = CPUClock()
    let result = try problem.evaluate(at: problem.start)
    // JSON has no infinities: −∞ (a count the model deems impossible) is written "-inf".
    func json(_ x: Double) -> Any { x.isFinite ? x : formatNumber(x) }
    let line: [String: Any] = [
      "log_likelihood": json(result.logLikelihood), "per_population": result.perPopulation.map(json), "steps": problem.data.steps,
      "cpu_s": cpu.elapsed, "wall_s": clock.elapsed, "clipped_steps": result.clippedSteps,
    ]
    return String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self)
  }

  /// The free parameters with their bounds; a bound on a key that is not free is refused.
  static func parameters(free: [String], bounds: [String], evaluate: Bool) throws(ConfigurationError) -> [FreeParameter] {
    var parameters = free.map { FreeParameter(key: $0) }
    var problems = [ParameterError]()
    if free.isEmpty && !evaluate { problems.append(ParameterError(path: "--free", value: "(none)", requirement: "name at least one key to fit")) }
    for text in bounds {
      let bound = try FreeParameter(bounds: text)
      if let i = parameters.firstIndex(where: { $0.key == bound.key }) {
        parameters[i] = bound
      } else {
        problems.append(ParameterError(path: "--bounds", value: text, requirement: "bound a key given with --free"))
      }
    }
    if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    return parameters
  }

  /// The recording in an `.npz`; an unreadable file is bad input (exit 64), named by its option.
  static func read(_ path: String, option: String) throws(ConfigurationError) -> Recording {
    do { return try Recording(npz: URL(fileURLWithPath: path)) } catch {
      throw ConfigurationError(path: option, value: path, requirement: "be a readable .npz file with t and counts or A (\(error.reason))")
    }
  }
}
