import ArgumentParser
import Foundation
import MesoPop

/// `mesopop plastic freezing-onset`: the k where the aligned fixed point of the halted network
/// branches off Q ≡ 0 (the gain of the linearised two-replica map crosses 1) at one (g, p).
struct PlasticFreezingOnset: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "freezing-onset",
    abstract: "Find k* with λ(k*) = 1, λ the gain of the two-replica map linearised at Q ≡ 0 (Brent in [--k-low, --k-high]; a DMFT per k): write lags `t`, the leading mode `q` at the last k and meta (k_onset, evaluations).")

  @Option(help: "Gain g of the random couplings.") var g: Double = 1.2
  @Option(help: "Synaptic time-scale ratio p (> 0).") var p: Double = 2.5
  @Option(help: "Lower end of the bracket in k.") var kLow: Double
  @Option(help: "Upper end of the bracket in k.") var kHigh: Double
  @Option(help: "Stop Brent when the bracket in k is below this.") var onsetTolerance: Double = 1e-4
  @Option(help: "Lag and integration step h.") var dt: Double = 0.25
  @Option(help: "DMFT paths per iteration.") var paths: Int = 100
  @Option(help: "DMFT averaging time per path.") var duration: Double = 400
  @Option(help: "Largest lag of C and Q, the same for every k (default max(50, 10p)).") var lagWindow: Double?
  @Option(help: "Half-window of the lag grid of Q (default: --lag-window); the leading mode decays slowly for t > 0.") var modeWindow: Double?
  @Option(help: "Replica-A paths for the response function.") var replicaPaths: Int = 100
  @Option(help: "Length of each replica-A path.") var replicaDuration: Double = 400
  @Option(help: "Spacing of the kicks along a replica-A path.") var startSpacing: Double = 2
  @Option(help: "Seed of the Gaussian fields.") var seed: UInt64 = 1
  @Option(help: "Seed of the replica-A paths (default --seed).") var replicaSeed: UInt64?
  @OptionGroup var iteration: DMFTIterationOptions
  @Option(help: "Output file (.npz).") var out: String

  func validate() throws {
    try requireNPZ(out)
    try requireTimes(
      dt: dt, ["--duration": duration, "--replica-duration": replicaDuration, "--lag-window": lagWindow ?? 0, "--start-spacing": startSpacing, "--mode-window": modeWindow ?? 0])
    for (name, x) in ["--g": g, "--k-low": kLow, "--k-high": kHigh] where !x.isFinite {
      throw ValidationError("\(name) must be finite, got \(formatNumber(x))")
    }
    guard p.isFinite, p > 0 else { throw ValidationError("--p must be finite and > 0, got \(formatNumber(p))") }
    guard kLow < kHigh else { throw ValidationError("--k-low must be < --k-high, got \(formatNumber(kLow)) and \(formatNumber(kHigh))") }
    guard onsetTolerance.isFinite, onsetTolerance > 0 else {
      throw ValidationError("--onset-tolerance must be finite and > 0, got \(formatNumber(onsetTolerance))")
    }
    guard paths >= 10, replicaPaths >= 1 else { throw ValidationError("--paths must be >= 10 and --replica-paths >= 1") }
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock(), clock = WallClock()
      let onset = try freezingOnset(
        g: g, p: p, bracket: kLow...kHigh, tolerance: onsetTolerance,
        dmft: iteration.options(dt: dt, lagWindow: lagWindow, paths: paths, duration: duration, seed: seed),
        linear: FreezingLinearOptions(paths: replicaPaths, duration: replicaDuration, startSpacing: startSpacing, seed: replicaSeed ?? seed, window: modeWindow))
      let l = onset.last
      let times = (0..<l.mode.count).map { Double($0 - l.halfWindow) * l.dt }
      let recording = Recording(time: times, traces: [Trace(name: "q", unit: "1", columns: 1, values: l.mode)])
      let config = ConfigValue.object([
        "g": .number(g), "p": .number(p), "dt": .number(dt), "replica_seed": .number(Double(replicaSeed ?? seed)), "mode_window": modeWindow.map { .number($0) } ?? .null, "k_onset": .number(onset.k), "D": .number(l.autocovariance),
        "r": .number(l.radius), "slope": .number(l.slope), "gain": .number(l.gain),
        "evaluations": .array(onset.evaluations.map { .object(["k": .number($0.k), "gain": .number($0.gain), "r": .number($0.radius)]) }),
      ])
      let meta = OutputMeta(
        config: config, seed: seed, level: "freezing_onset", recording: recording, wallTime: clock.elapsed, cpuTime: cpu.elapsed,
        timeUnit: "tau")
      try recording.write(npz: URL(fileURLWithPath: out), meta: meta.json)
      for e in onset.evaluations { print("k = \(formatNumber(e.k)): lambda = \(formatNumber(e.gain)), r = \(formatNumber(e.radius))") }
      print(
        "g = \(g), p = \(p): onset k* = \(formatNumber(onset.k)) (D* = \(formatNumber(l.autocovariance)), r = \(formatNumber(l.radius))), "
          + "\(onset.evaluations.count) evaluations, \(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}
