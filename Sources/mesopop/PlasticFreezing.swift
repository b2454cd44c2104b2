import ArgumentParser
import Foundation
import MesoPop

/// `mesopop plastic freezing`: the two-replica fixed-point theory (Eqs. 27–34) at one (g, k, p).
struct PlasticFreezing: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "freezing",
    abstract: "Solve the DMFT, then the two-replica fixed point: write times `t`, overlap `Q` and meta (Q0, D, r, rho0, phase).")

  @OptionGroup var model: PlasticModelOptions
  @Option(help: "Lag and integration step h.") var dt: Double = 0.1
  @Option(help: "DMFT paths per iteration.") var paths: Int = 200
  @Option(help: "DMFT averaging time per path.") var duration: Double = 300
  @Option(help: "Largest lag of C and Q (default max(50, 10p)).") var lagWindow: Double?
  @Option(help: "Replica-A paths of the freezing theory.") var replicaPaths: Int = 100
  @Option(help: "Length of each replica-A path.") var replicaDuration: Double = 400
  @Option(help: "Fourier modes of C below this fraction of the largest are left out of C⁻¹.") var spectralCut: Double = 1e-4
  @Option(help: "Seed of the Gaussian fields.") var seed: UInt64 = 1
  @Option(help: "Stopping tolerance of the replica iteration (residual, or with --stop-on-distance the distance).") var replicaTolerance: Double = 1e-6
  @Option(help: "Largest number of replica iterations.") var replicaMaxIterations: Int = 300
  @Option(help: "Replica solver: iteration (Anderson mixing of (Q, D)) or amplitude (Q = a·q̂, ‖q̂‖ = 1: shape iterated at fixed a, R(a) = <Q', q̂>/a = 1 by scan and Brent; near the onset of the aligned fixed point).") var replicaSolver: String = "iteration"
  @Option(help: "Amplitudes of the amplitude solver's scan, geometric over three decades below ‖C‖ (2 ... 1000).") var replicaAmplitudePoints: Int = 12
  @OptionGroup var iteration: DMFTIterationOptions
  @Option(help: "Output file (.npz).") var out: String

  func validate() throws {
    try requireNPZ(out)
    try requireTimes(dt: dt, ["--duration": duration, "--replica-duration": replicaDuration, "--lag-window": lagWindow ?? 0])
    guard paths >= 10, replicaPaths >= 1 else { throw ValidationError("--paths must be >= 10 and --replica-paths >= 1") }
    guard replicaTolerance.isFinite, replicaTolerance > 0 else {
      throw ValidationError("--replica-tolerance must be finite and > 0, got \(formatNumber(replicaTolerance))")
    }
    guard FreezingSolver(rawValue: replicaSolver) != nil else {
      throw ValidationError("--replica-solver must be one of \(FreezingSolver.allCases.map(\.rawValue).joined(separator: ", ")), got \(replicaSolver)")
    }
    guard (2...1000).contains(replicaAmplitudePoints) else {
      throw ValidationError("--replica-amplitude-points must be in 2 ... 1000, got \(replicaAmplitudePoints)")
    }
    guard replicaMaxIterations >= 1 else { throw ValidationError("--replica-max-iterations must be >= 1, got \(replicaMaxIterations)") }
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock(), clock = WallClock()
      let a = try solveDMFT(
        g: model.g, k: model.k, p: model.p, options: iteration.options(dt: dt, lagWindow: lagWindow, paths: paths, duration: duration, seed: seed))
      let f = try solveFreezingFixedPoint(
        g: model.g, k: model.k, p: model.p, correlation: a,
        options: FreezingOptions(
          paths: replicaPaths, duration: replicaDuration, tolerance: replicaTolerance, maxIterations: replicaMaxIterations,
          spectralCut: spectralCut, seed: seed, stopOnDistance: iteration.stopOnDistance,
          solver: FreezingSolver(rawValue: replicaSolver)!, amplitudePoints: replicaAmplitudePoints))
      let phase = FreezingPhase(fixedPoint: f)
      let recording = Recording(time: f.times, traces: [Trace(name: "Q", unit: "1", columns: 1, values: f.overlap)])
      let config = ConfigValue.object([
        "g": .number(model.g), "k": .number(model.k), "p": .number(model.p), "dt": .number(dt), "C0": .number(a.variance),
        "dmft_residual": .number(a.residual), "dmft_distance": finiteOrNull(a.distance), "dmft_iterations": .number(Double(a.iterations)),
        "dmft_converged": .bool(a.converged), "newton": .bool(iteration.newton),
        "Q0": .number(f.overlapAtHalt), "D": .number(f.autocovariance), "r": .number(f.radius),
        "rho0": .number(f.correlationCoefficient), "delta": .number(f.explained), "phase": .string("\(phase)"),
        "iterations": .number(Double(f.iterations)), "residual": .number(f.residual), "distance": finiteOrNull(f.distance),
        "converged": .bool(f.converged), "replica_solver": .string(replicaSolver),
        "linear_gain": f.linearGain.map { .number($0) } ?? .null,
      ])
      let meta = OutputMeta(
        config: config, seed: seed, level: "freezing", recording: recording, wallTime: clock.elapsed, cpuTime: cpu.elapsed,
        timeUnit: "tau")
      try recording.write(npz: URL(fileURLWithPath: out), meta: meta.json)
      print(
        "g = \(model.g), k = \(model.k), p = \(model.p): C(0) = \(formatNumber(a.variance)), Q(0) = \(formatNumber(f.overlapAtHalt)), "
          + "D = \(formatNumber(f.autocovariance)), rho(0) = \(formatNumber(f.correlationCoefficient)), r = \(formatNumber(f.radius)), "
          + "\(phase); DMFT \(a.iterations) iterations, distance \(formatNumber(a.distance))\(a.converged ? "" : " (NOT converged)"); "
          + "replica \(f.iterations) iterations, residual \(formatNumber(f.residual)), distance \(formatNumber(f.distance))"
          + "\(f.converged ? "" : " (NOT converged)")\(f.linearGain.map { ", linear gain \(formatNumber($0))" } ?? ""), \(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}
