import ArgumentParser
import Foundation
import MesoPop

/// `mesopop plastic …`: the theory and the protocols of the plastic random rate network
/// (Clark & Abbott 2024) that are more than one run of a configuration.
struct Plastic: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Plastic rate network (Clark & Abbott 2024): DMFT, phase diagram, Lyapunov spectrum.",
    discussion: "Times are in units of the neuronal time constant. Simulate one network with `mesopop run` and a `model: plastic_rate_network` configuration.",
    subcommands: [
      PlasticDMFT.self, PlasticFreezing.self, PlasticFreezingOnset.self, PlasticFixedPoints.self, PlasticPhase.self, PlasticLyapunov.self, PlasticSpectrum.self,
    ])
}

/// Refuses a step `--dt` that is not finite and > 0, and times that are negative, non-finite or
/// longer than `ResourceBudget.maxCount` steps, naming the option; checked before anything runs.
func requireTimes(dt: Double, _ times: KeyValuePairs<String, Double>) throws {
  guard dt.isFinite, dt > 0 else { throw ValidationError("--dt must be a finite number > 0, got \(formatNumber(dt))") }
  for (name, t) in times where !(t.isFinite && t >= 0 && t / dt <= Double(ResourceBudget.maxCount)) {
    throw ValidationError(
      "\(name) must be finite, >= 0 and at most \(ResourceBudget.maxCount) steps of --dt = \(formatNumber(dt)), got \(formatNumber(t))")
  }
}

/// The model's g, k, p as options.
struct PlasticModelOptions: ParsableArguments {
  @Option(help: "Gain g of the random couplings.") var g: Double = 2
  @Option(help: "Plasticity strength k (> 0 Hebbian, < 0 anti-Hebbian).") var k: Double = 0
  @Option(help: "Synaptic time-scale ratio p (> 0).") var p: Double = 2.5
}

/// How the single-site DMFT iterates (shared by `plastic dmft` and `plastic freezing`).
struct DMFTIterationOptions: ParsableArguments {
  @Option(help: "Stop the DMFT when sup|C_new − C| (with --newton: the step) is below this.") var tolerance: Double = 1e-4
  @Flag(help: "Quasi-Newton DMFT iteration (the Gaussian part's Jacobian); stop when the step is below --tolerance. For g near 1.") var newton = false
  @Option(help: "Shift μ of the quasi-Newton system (1 + μ)I − J⁰ (0.1–0.2 for k ≠ 0).") var newtonShift: Double = 0
  @Flag(help: "Start the DMFT from the near-critical C(τ) = C₀ sech(C₀τ/√3), C₀ = (g − 1)/(1 − k) (needs g > 1, k < 1).") var nearCriticalStart = false
  @Option(help: "Largest number of DMFT iterations.") var maxIterations: Int = 200
  @Option(help: "With --newton: Anderson mixing of this depth on the quasi-Newton map (preconditioner frozen after iteration 10); 0: damped steps.") var newtonAndersonDepth: Int = 0
  @Flag(help: "Stop on the estimated distance to the fixed point, residual/(1 − λ̂) with λ̂ the contraction measured over 8 iterations, instead of the residual (DMFT and, in `freezing`, the replica iteration).") var stopOnDistance = false

  func validate() throws {
    guard tolerance.isFinite, tolerance > 0 else { throw ValidationError("--tolerance must be finite and > 0, got \(formatNumber(tolerance))") }
    guard newtonShift >= 0, newtonShift.isFinite else { throw ValidationError("--newton-shift must be finite and >= 0, got \(newtonShift)") }
    guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be >= 1, got \(maxIterations)") }
    guard newtonAndersonDepth >= 0 else { throw ValidationError("--newton-anderson-depth must be >= 0, got \(newtonAndersonDepth)") }
  }

  /// The solver's settings with these iteration options.
  func options(dt: Double, lagWindow: Double?, paths: Int, duration: Double, seed: UInt64) -> DMFTOptions {
    DMFTOptions(
      dt: dt, lagWindow: lagWindow, paths: paths, duration: duration, tolerance: tolerance, maxIterations: maxIterations,
      seed: seed, newton: newton, newtonShift: newtonShift, newtonAndersonDepth: newtonAndersonDepth,
      stopOnDistance: stopOnDistance, start: nearCriticalStart ? .nearCritical : .exponential)
  }
}

/// `mesopop plastic dmft`: C(τ) of the single-site DMFT (Eqs. 6–8) into an .npz.
struct PlasticDMFT: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dmft", abstract: "Solve the single-site DMFT for C(τ); write lags `t`, `C`, `C_se` and meta (tau_star, PR_A).")

  @OptionGroup var model: PlasticModelOptions
  @Option(help: "Lag and integration step h.") var dt: Double = 0.1
  @Option(help: "Sampled paths per iteration.") var paths: Int = 400
  @Option(help: "Averaging time per path.") var duration: Double = 400
  @Option(help: "Largest lag (default max(50, 10p)).") var lagWindow: Double?
  @Option(help: "Seed of the Gaussian fields.") var seed: UInt64 = 1
  @OptionGroup var iteration: DMFTIterationOptions
  @Option(help: "Output file (.npz).") var out: String

  func validate() throws {
    try requireNPZ(out)
    try requireTimes(dt: dt, ["--duration": duration, "--lag-window": lagWindow ?? 0])
    guard paths >= 1 else { throw ValidationError("--paths must be >= 1, got \(paths)") }
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock(), clock = WallClock()
      let options = iteration.options(dt: dt, lagWindow: lagWindow, paths: paths, duration: duration, seed: seed)
      let s = try solveDMFT(g: model.g, k: model.k, p: model.p, options: options)
      let recording = Recording(
        time: s.lags,
        traces: [
          Trace(name: "C", unit: "1", columns: 1, values: s.correlation),
          Trace(name: "C_se", unit: "1", columns: 1, values: s.standardError),
        ])
      let config = ConfigValue.object([
        "g": .number(model.g), "k": .number(model.k), "p": .number(model.p), "dt": .number(dt), "paths": .number(Double(paths)),
        "duration": .number(duration), "tolerance": .number(iteration.tolerance), "tau_star": .number(s.tauStar),
        "PR_A": .number(s.participationRatio), "C0": .number(s.variance), "iterations": .number(Double(s.iterations)),
        "residual": .number(s.residual), "distance": finiteOrNull(s.distance), "converged": .bool(s.converged), "newton": .bool(iteration.newton),
        "newton_shift": .number(iteration.newtonShift),
      ])
      let meta = OutputMeta(
        config: config, seed: seed, level: "dmft", recording: recording, wallTime: clock.elapsed, cpuTime: cpu.elapsed,
        timeUnit: "tau")
      try recording.write(npz: URL(fileURLWithPath: out), meta: meta.json)
      printError(
        "DMFT g = \(model.g), k = \(model.k), p = \(model.p): C(0) = \(formatNumber(s.variance)) ± \(formatNumber(s.standardError[0])), "
          + "tau* = \(formatNumber(s.tauStar)), PR_A = \(formatNumber(s.participationRatio)), \(s.iterations) iterations, "
          + "residual \(formatNumber(s.residual)), distance \(formatNumber(s.distance))\(s.converged ? "" : " (NOT converged)"), "
          + "\(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}

/// `mesopop plastic phase`: the state (quiescent, fixed point, non-/semi-/freezable) over a (g, k) grid.
struct PlasticPhase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "phase",
    abstract: "Classify simulated networks over a (g, k) grid; write `g`, `k`, `state` (0 quiescent, 1 fixed point, 2 nonfreezable, 3 semifreezable, 4 freezable), `overlap`, `speed_before`, `speed_after`; with --theory also DMFT `C0`, `tau_star` and the two-replica fixed point `theory_Q0`, `theory_r`, `theory_phase` (0 no aligned fixed point, 1 semifreezable, 2 freezable).")

  @Option(help: "Values of g, comma-separated.") var g: String
  @Option(help: "Values of k, comma-separated (negative values: --k=-1,0,1).") var k: String
  @Option(help: "Synaptic time-scale ratio p.") var p: Double = 2.5
  @Option(name: .customLong("N"), help: "Neurons per network.") var n: Int = 300
  @Option(help: "Plastic settling time before halting A.") var settle: Double = 300
  @Option(help: "Time with A halted.") var halt: Double = 200
  @Option(help: "Fixed step.") var dt: Double = 0.05
  @Option(help: "Master seed (the same network seed at every grid point).") var seed: UInt64 = 1
  @Flag(help: "Also solve the DMFT and the two-replica fixed point at every grid point (about 20 CPU s each).") var theory = false
  @Option(help: "Output file (.npz).") var out: String

  func validate() throws {
    try requireNPZ(out)
    try requireTimes(dt: dt, ["--settle": settle, "--halt": halt])
    _ = try values(g, "--g")
    _ = try values(k, "--k")
  }

  /// The comma-separated numbers of an option.
  private func values(_ text: String, _ name: String) throws -> [Double] {
    let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let numbers = parts.compactMap(Double.init)
    guard !parts.isEmpty, numbers.count == parts.count else {
      throw ValidationError("\(name) must be comma-separated numbers, got '\(text)'")
    }
    return numbers
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock()
      let g = try values(self.g, "--g"), k = try values(self.k, "--k")
      for gain in g { _ = try PlasticNetworkParameters(N: n, g: gain, k: k[0], p: p).validated() }
      for strength in k { _ = try PlasticNetworkParameters(N: n, g: g[0], k: strength, p: p).validated() }
      var state = [Int64](), overlap = [Double](), before = [Double](), after = [Double](), c0 = [Double](), tau = [Double]()
      var q0 = [Double](), radius = [Double](), phase = [Int64]()
      for gain in g {
        for strength in k {
          let net = PlasticNetwork(try PlasticNetworkParameters(N: n, g: gain, k: strength, p: p).validated(), seed: seed)
          let m = try net.classify(settle: settle, halt: halt, dt: dt)
          state.append(Int64(m.state.rawValue))
          overlap.append(m.overlap)
          before.append(m.speedBeforeHalt)
          after.append(m.speedAfterHalt)
          if theory {
            let s = try solveDMFT(g: gain, k: strength, p: p, options: DMFTOptions(paths: 200, duration: 300, seed: seed))
            c0.append(s.variance)
            tau.append(s.tauStar)
            let f = try solveFreezingFixedPoint(g: gain, k: strength, p: p, correlation: s, options: FreezingOptions(paths: 50, duration: 300, seed: seed))
            q0.append(f.overlapAtHalt)
            radius.append(f.radius)
            phase.append(Int64(FreezingPhase(fixedPoint: f).rawValue))
          }
          printError("g = \(formatNumber(gain)), k = \(formatNumber(strength)): \(m.state) (overlap \(formatNumber(m.overlap)))")
        }
      }
      let shape = [g.count, k.count]
      var arrays = [
        NPYArray(name: "g", shape: [g.count], storage: .float64(g)), NPYArray(name: "k", shape: [k.count], storage: .float64(k)),
        NPYArray(name: "state", shape: shape, storage: .int64(state)),
        NPYArray(name: "overlap", shape: shape, storage: .float64(overlap)),
        NPYArray(name: "speed_before", shape: shape, storage: .float64(before)),
        NPYArray(name: "speed_after", shape: shape, storage: .float64(after)),
      ]
      if theory {
        arrays.append(NPYArray(name: "C0", shape: shape, storage: .float64(c0)))
        arrays.append(NPYArray(name: "tau_star", shape: shape, storage: .float64(tau)))
        arrays.append(NPYArray(name: "theory_Q0", shape: shape, storage: .float64(q0)))
        arrays.append(NPYArray(name: "theory_r", shape: shape, storage: .float64(radius)))
        arrays.append(NPYArray(name: "theory_phase", shape: shape, storage: .int64(phase)))
      }
      let meta = ConfigValue.object([
        "p": .number(p), "N": .number(Double(n)), "settle": .number(settle), "halt": .number(halt), "dt": .number(dt),
        "seed": .number(Double(seed)), "cpu_s": .number(cpu.elapsed), "mesopop_version": .string(mesoPopVersion),
        "states": .string("0 quiescent, 1 fixed point, 2 nonfreezable, 3 semifreezable, 4 freezable"),
        "theory_phases": .string("0 no aligned fixed point (nonfreezable, or semifreezable without a fixed point), 1 semifreezable (unstable aligned fixed point), 2 freezable"),
      ])
      arrays.append(NPYArray(name: "meta", shape: [], storage: .unicode(meta.jsonString())))
      try NPZ.write(arrays, to: URL(fileURLWithPath: out))
    }
  }
}

/// `mesopop plastic lyapunov`: the m largest Lyapunov exponents and the Kaplan–Yorke dimension.
struct PlasticLyapunov: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lyapunov", abstract: "Largest Lyapunov exponents (Benettin) of one network; prints them and the Kaplan–Yorke dimension.")

  @OptionGroup var model: PlasticModelOptions
  @Option(name: .customLong("N"), help: "Neurons.") var n: Int = 500
  @Option(help: "Number of exponents m (1 … N + N²).") var count: Int = 1
  @Option(help: "Transient before averaging.") var transient: Double = 100
  @Option(help: "Averaging time.") var duration: Double = 200
  @Option(help: "Re-orthonormalisation interval.") var interval: Double = 1
  @Option(help: "Fixed step.") var dt: Double = 0.05
  @Option(help: "Master seed of the network.") var seed: UInt64 = 1

  func validate() throws {
    try requireTimes(dt: dt, ["--transient": transient, "--duration": duration, "--interval": interval])
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock()
      let net = PlasticNetwork(try PlasticNetworkParameters(N: n, g: model.g, k: model.k, p: model.p).validated(), seed: seed)
      let spectrum = try net.lyapunovSpectrum(
        LyapunovSpectrumOptions(count: count, dt: dt, transient: transient, duration: duration, interval: interval, seed: seed))
      for (j, (lambda, se)) in zip(spectrum.exponents, spectrum.standardErrors).enumerated() {
        print("lambda_\(j + 1) = \(formatNumber(lambda)) ± \(formatNumber(se))")
      }
      print("kaplan_yorke = " + (spectrum.kaplanYorkeDimension.map(formatNumber) ?? "≥ \(count) (ask for more exponents)"))
      printError("\(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}

/// `mesopop plastic spectrum`: the Jacobian spectrum of one network after a settling run.
struct PlasticSpectrum: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spectrum",
    abstract: "Eigenvalues of the reduced Jacobian M̃ (2N, Eq. 18) or, with --halted, of −I + W diag φ′ (N) after a settling run; writes `re`, `im`, `x`.")

  @OptionGroup var model: PlasticModelOptions
  @Option(name: .customLong("N"), help: "Neurons.") var n: Int = 500
  @Option(help: "Settling time before the snapshot.") var settle: Double = 200
  @Option(help: "Fixed step.") var dt: Double = 0.05
  @Option(help: "Master seed of the network.") var seed: UInt64 = 1
  @Flag(help: "The halted-synapse Jacobian −I + W diag φ′ instead of M̃.") var halted = false
  @Option(help: "Output file (.npz).") var out: String

  func validate() throws {
    try requireNPZ(out)
    try requireTimes(dt: dt, ["--settle": settle])
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock()
      let net = PlasticNetwork(try PlasticNetworkParameters(N: n, g: model.g, k: model.k, p: model.p).validated(), seed: seed)
      try net.advance(duration: settle, dt: dt)
      let values = halted ? try net.haltedJacobianSpectrum() : try net.reducedJacobianSpectrum()
      let meta = ConfigValue.object([
        "g": .number(model.g), "k": .number(model.k), "p": .number(model.p), "N": .number(Double(n)), "settle": .number(settle),
        "dt": .number(dt), "seed": .number(Double(seed)), "halted": .bool(halted), "cpu_s": .number(cpu.elapsed),
        "mesopop_version": .string(mesoPopVersion),
      ])
      try NPZ.write(
        [
          NPYArray(name: "re", shape: [values.count], storage: .float64(values.map(\.real))),
          NPYArray(name: "im", shape: [values.count], storage: .float64(values.map(\.imaginary))),
          NPYArray(name: "x", shape: [n], storage: .float64(net.x)),
          NPYArray(name: "meta", shape: [], storage: .unicode(meta.jsonString())),
        ], to: URL(fileURLWithPath: out))
      printError("max Re λ = \(formatNumber(values[0].real)), \(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}

/// A number for the JSON meta, or `null` when it is not finite (JSON has no ∞; an estimated distance
/// is ∞ when the contraction was not measured).
func finiteOrNull(_ x: Double) -> ConfigValue { x.isFinite ? .number(x) : .null }
