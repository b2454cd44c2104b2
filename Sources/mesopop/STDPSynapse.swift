import ArgumentParser
import Foundation
import MesoPop

/// `mesopop stdp synapse`: the single-synapse experiment on the microscopic engine (STDPMemorySimulation
/// article) in batches of trials, its Kramers–Moyal estimates, and the theory's drift at the bins.
struct STDPSynapse: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synapse",
    abstract: "Single STDP synapse on the microscopic engine: Kramers–Moyal drift and diffusion against the full and rate-only theory.",
    discussion: """
      Dimensionless units (time in tau_m = 20 ms, reset 0, threshold 1). Writes per bin of w: `n`, `clusters`, `D1`, `D1_se`,
      `D2`, `D2_se`, `D1_full`, `D1_rate_only` (the time axis `t` holds the bin centres). Batch b of the trials runs with the
      seed derived from (--seed, b): the result depends on --seed and --batch, not on --threads.
      """)

  @Option(help: "Background mean input mu.") var mu: Double = 0.9
  @Option(name: .customLong("D"), help: "Background noise intensity D (sigma^2 = 2D).") var D: Double = 0.1
  @Option(help: "Presynaptic Poisson rate nu (per tau_m).") var nu: Double = 0.1
  @Option(help: "Trials in all.") var trials: Int = 2000
  @Option(help: "Trials per engine run (memory: 8 bytes per trial and window).") var batch: Int = 2000
  @Option(name: .customLong("T"), help: "Recorded time after the warm-up (tau_m).") var T: Double = 20
  @Option(name: .customLong("t-warm"), help: "Warm-up (tau_m).") var TWarm: Double = 4
  @Option(help: "Time step (tau_m).") var dt: Double = 1e-3
  @Option(help: "Spacing of the recorded weights (tau_m).") var window: Double = 0.01
  @Option(help: "Kramers–Moyal lag, in windows.") var lag: Int = 1
  @Option(help: "Bin width of w.") var bin: Double = 0.005
  @Option(help: "Largest w binned (initial weights uniform on [0, this]).") var high: Double = 0.31
  @Option(help: "Range of w compared with the theory, lower end.") var compareLow: Double = 0.02
  @Option(help: "Range of w compared with the theory, upper end.") var compareHigh: Double = 0.25
  @Option(help: "Master seed.") var seed: UInt64 = 1
  @Option(help: "Engine threads (results do not depend on them).") var threads: Int = 1
  @Option(help: "Output file (.npz).") var out: String
  @OptionGroup var memory: MemoryOptions

  func validate() throws {
    try requireNPZ(out)
    guard trials >= 1, batch >= 1 else { throw ValidationError("--trials and --batch must be >= 1, got \(trials), \(batch)") }
    guard lag >= 1 else { throw ValidationError("--lag must be >= 1 window, got \(lag)") }
    guard bin > 0, bin.isFinite else { throw ValidationError("--bin must be > 0, got \(formatNumber(bin))") }
    guard compareLow < compareHigh else { throw ValidationError("--compare-low must be < --compare-high") }
    guard T.isFinite, T > 0, window.isFinite, window > 0 else {
      throw ValidationError("--T and --window must be finite and > 0, got \(formatNumber(T)), \(formatNumber(window))")
    }
    guard Double(lag) * window <= T else {
      throw ValidationError("--lag × --window = \(formatNumber(Double(lag) * window)) must not exceed --T = \(formatNumber(T))")
    }
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock(), clock = WallClock()
      var experiment = SingleSynapseExperiment(
        mu: mu, D: D, nu: nu, trials: min(batch, trials), T: T, TWarm: TWarm, dt: dt, window: window, initialHigh: high, seed: seed,
        threads: threads)
      if let problem = experiment.problems().first { throw problem }
      let theory = try SynapseTheory(synapse: experiment.synapse, mu: mu, D: D, nu: nu)
      // Everything checked (including the memory of one batch) before the first batch runs.
      var budget = try MicroscopicSimulator.resources(DiscreteNetwork(experiment.model))
      let bins = try ResourceBudget.count(high / bin, of: "bins of w", key: "--bin", value: bin)
      budget.add("Kramers–Moyal sums of \(bins) bins of w", key: "--bin", count: bins, times: 9, bytesEach: 8)
      try budget.check(against: memory.limit)
      var accumulator = KramersMoyalAccumulator(lagWindows: lag, window: window, binWidth: bin, range: 0...high)
      var done = 0, b: UInt64 = 0
      while done < trials {
        experiment.trials = min(batch, trials - done)
        experiment.seed = derivedSeed(seed, .trial, b)
        accumulator.add(try experiment.run())
        done += experiment.trials
        b += 1
        printError("stdp synapse: \(done) of \(trials) trials, \(formatNumber(cpu.elapsed)) CPU s")
      }
      let km = accumulator.estimate
      let comparison = try DriftComparison(km, theory: theory, range: compareLow...compareHigh)
      let evaluator = try LIFResponseEvaluator()
      let coefficients = try km.centers.map { try theory.coefficients(at: $0, evaluator: evaluator) }
      let column = { (name: String, unit: String, values: [Double]) in Trace(name: name, unit: unit, columns: 1, values: values) }
      let recording = Recording(
        time: km.centers,
        traces: [
          column("n", "1", km.counts.map(Double.init)), column("clusters", "1", km.clusters.map(Double.init)),
          column("D1", "1/tau_m", km.drift), column("D1_se", "1/tau_m", km.driftError), column("D2", "1/tau_m", km.diffusion),
          column("D2_se", "1/tau_m", km.diffusionError), column("D1_full", "1/tau_m", coefficients.map { $0.drift(correlations: true) }),
          column("D1_rate_only", "1/tau_m", coefficients.map { $0.drift(correlations: false) }),
          column("D2_theory", "1/tau_m", coefficients.map(\.diffusion)),
        ])
      let deviation = comparison.largestDeviation
      var summary: [String: ConfigValue] = [
        "mu": .number(mu), "D": .number(D), "nu": .number(nu), "trials": .number(Double(trials)), "batch": .number(Double(batch)),
        "T": .number(T), "T_warm": .number(TWarm), "dt": .number(dt), "window": .number(window), "lag": .number(km.lag),
        "bin": .number(bin), "largest_deviation_full_se": .number(deviation.full), "largest_deviation_rate_only_se": .number(deviation.rateOnly),
      ]
      var zeroText = ""
      if let zero = try? km.driftZero(fittedOver: 0.12...0.24) {
        summary["drift_zero_fit"] = .number(zero.value)
        summary["drift_zero_fit_se"] = .number(zero.standardError)
        zeroText = ", zero of a line over [0.12, 0.24]: \(formatNumber(zero.value)) ± \(formatNumber(zero.standardError))"
      }
      let meta = OutputMeta(
        config: .object(summary), seed: seed, level: "stdp_synapse", recording: recording, wallTime: clock.elapsed, cpuTime: cpu.elapsed,
        timeUnit: "w")
      try recording.write(npz: URL(fileURLWithPath: out), meta: meta.json)
      printError(
        "stdp synapse mu = \(formatNumber(mu)), D = \(formatNumber(D)): \(trials) trials, lag \(formatNumber(km.lag)); largest |D1 − theory|/s.e. "
          + "on [\(formatNumber(compareLow)), \(formatNumber(compareHigh))]: full \(formatNumber(deviation.full)), rate-only "
          + "\(formatNumber(deviation.rateOnly))\(zeroText); \(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}
