import Foundation
import MesoConfig
import MesoCore
import MesoIO
import STDPMemory

/// The theory of a `model: stdp_memory` configuration as arrays and a Markdown report: drift and
/// diffusion of one synapse against w, the four-population episode, the forgetting curves a_k and the
/// capacities of the full and the rate-only theory, and optionally a sweep of one key.
public struct STDPTheoryRun: Sendable {
  /// The arrays of `theory.npz` (and of `mesopop run`), `meta` last.
  public var arrays: [NPYArray]
  /// `report.md`.
  public var report: String
  /// One line for the user.
  public var summary: String

  /// Backgrounds (μ, D, ν) of the single-synapse arrays: the configured E background with the cue rate ν₁,
  /// then the four Fig. 2 settings μ ∈ {0, 0.9} × D ∈ {0.1, 0.2} at ν = 0.1.
  public static func backgrounds(_ p: STDPMemoryParameters) -> [(mu: Double, D: Double, nu: Double)] {
    [(p.network.muE, p.network.DE, p.inputs.nu1), (0, 0.1, 0.1), (0, 0.2, 0.1), (0.9, 0.1, 0.1), (0.9, 0.2, 0.1)]
  }

  /// Computes everything for `configuration` (whose `document` is the resolved configuration), sweeping
  /// `sweep.key` (any key path of the configuration, e.g. `inputs.f_c`) over its values: each value is
  /// applied as an override and validated before anything is computed. `progress` receives the fraction done.
  public init(
    _ configuration: Configuration, sweep: (key: String, values: [Double])? = nil, progress: ((Double) throws -> Void)? = nil
  ) throws {
    guard case .stdpMemory(let c) = configuration.model else {
      throw UnsupportedRun(description: "`mesopop stdp theory` needs a `model: stdp_memory` configuration")
    }
    let cpu = CPUClock(), clock = WallClock()
    let p = try c.parameters.validated()
    // Every sweep point is checked before any is computed.
    let points = try (sweep?.values ?? []).map { value -> STDPMemoryParameters in
      var document = configuration.document
      try ConfigDocument.apply(override: "\(sweep!.key)=\(formatNumber(value))", to: &document)
      guard case .stdpMemory(let swept) = try Configuration(document: document).model else {
        throw UnsupportedRun(description: "sweep key \(sweep!.key) changes the model kind")
      }
      return swept.parameters
    }
    let theories = p.theory.contributions.includesCorrelations
    let total = Double(theories.count * (1 + points.count)) + 1
    var done = 0.0
    func step() throws {
      done += 1
      try progress?(done / total)
    }
    var arrays = [NPYArray]()
    // Single synapse: D⁽¹⁾ parts and D⁽²⁾ against w for each background.
    let backgrounds = Self.backgrounds(p), w = (0...70).map { 0.005 * Double($0) }
    let evaluator = try LIFResponseEvaluator()
    var parts = [[Double]](repeating: [], count: 5), zerosFull = [Double](), zerosRate = [Double]()
    for b in backgrounds {
      let theory = try SynapseTheory(synapse: p.synapse, mu: b.mu, D: b.D, nu: b.nu)
      for x in w {
        let k = try theory.coefficients(at: x, evaluator: evaluator)
        for (i, v) in [k.rateDrift, k.alphaDrift, k.betaDrift, k.drift(), k.diffusion].enumerated() { parts[i].append(v) }
      }
      zerosFull.append(try theory.driftZeros(evaluator: evaluator).first ?? .nan)
      zerosRate.append(try theory.driftZeros(correlations: false, evaluator: evaluator).first ?? .nan)
    }
    let B = backgrounds.count
    arrays += [
      NPYArray(name: "w", shape: [w.count], storage: .float64(w)),
      NPYArray(name: "backgrounds", shape: [B, 3], storage: .float64(backgrounds.flatMap { [$0.mu, $0.D, $0.nu] })),
    ]
    for (i, name) in ["D1_rate", "D1_alpha", "D1_beta", "D1", "D2"].enumerated() {
      arrays.append(NPYArray(name: name, shape: [B, w.count], storage: .float64(parts[i])))
    }
    arrays += [
      NPYArray(name: "drift_zero", shape: [B], storage: .float64(zerosFull)),
      NPYArray(name: "drift_zero_rate_only", shape: [B], storage: .float64(zerosRate)),
    ]
    try step()
    // Memory: episode, forgetting curve and capacity of each theory.
    var curves = [MemoryCurve]()
    for correlations in theories {
      curves.append(try p.memoryCurve(correlations: correlations))
      try step()
    }
    for curve in curves {
      let suffix = curve.correlations ? "full" : "rate_only", e = curve.episode, S = e.times.count
      arrays += [
        NPYArray(name: "m_\(suffix)", shape: [S, 4], storage: .float64(e.mean.flatMap { $0 })),
        NPYArray(name: "V_\(suffix)", shape: [S, 4], storage: .float64(e.variance.flatMap { $0 })),
        NPYArray(name: "rates_\(suffix)", shape: [2, 3], storage: .float64([e.ratesStart, e.ratesEnd].flatMap { [$0.T, $0.N, $0.I] })),
        NPYArray(name: "a_\(suffix)", shape: [curve.accuracy.count], storage: .float64(curve.accuracy)),
        NPYArray(name: "V_star_\(suffix)", shape: [], storage: .float64([curve.stationaryVariance])),
        NPYArray(name: "gamma_\(suffix)", shape: [2], storage: .float64([curve.gammaN, curve.gammaT])),
        NPYArray(name: "capacity_\(suffix)", shape: [], storage: .int64([Int64(curve.capacity)])),
      ]
    }
    arrays.append(NPYArray(name: "t", shape: [curves[0].episode.times.count], storage: .float64(curves[0].episode.times)))
    // Sweep: capacity and first accuracy of each theory at each value.
    var sweepRows = [[Double]]()
    for point in points {
      var row = [Double]()
      for correlations in theories {
        let curve = try point.memoryCurve(correlations: correlations, samples: 1)
        row += [Double(curve.capacity), curve.accuracy[0]]
        try step()
      }
      sweepRows.append(row)
    }
    if let sweep {
      arrays.append(NPYArray(name: "sweep_values", shape: [points.count], storage: .float64(sweep.values)))
      for (j, correlations) in theories.enumerated() {
        let suffix = correlations ? "full" : "rate_only"
        arrays.append(NPYArray(name: "sweep_capacity_\(suffix)", shape: [points.count], storage: .int64(sweepRows.map { Int64($0[2 * j]) })))
        arrays.append(NPYArray(name: "sweep_a0_\(suffix)", shape: [points.count], storage: .float64(sweepRows.map { $0[2 * j + 1] })))
      }
    }
    let cpuTime = cpu.elapsed
    var meta: [String: ConfigValue] = [
      "config": configuration.document, "kind": .string("stdp_memory theory"), "mesopop_version": .string(mesoPopVersion),
      "cpu_time_s": .number(cpuTime), "wall_time_s": .number(clock.elapsed),
      "units": .string("time in tau_m, potentials reset 0 / threshold 1, rates per tau_m"),
      "populations": .string("columns of m_*, V_*: (N,n), (N,c), (T,n), (T,c); rates_*: rows start, end; columns T, N, I"),
    ]
    if let sweep { meta["sweep_key"] = .string(sweep.key) }
    arrays.append(NPYArray(name: "meta", shape: [], storage: .unicode(ConfigValue.object(meta).jsonString())))
    self.arrays = arrays
    let capacities = curves.map { "\($0.correlations ? "full" : "rate-only") \($0.capacity)" }.joined(separator: ", ")
    summary = "capacity \(capacities); \(formatNumber((cpuTime * 1000).rounded() / 1000)) CPU s"
    report = Self.markdown(c, p, curves: curves, zeros: (zerosFull, zerosRate), backgrounds: backgrounds, sweep: sweep, rows: sweepRows, cpuTime: cpuTime)
  }

  /// Writes `theory.npz` and `report.md` into `directory` (created if absent), each atomically.
  public func write(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try NPZ.write(arrays, to: directory.appendingPathComponent("theory.npz"))
    try atomicWrite(Data(report.utf8), to: directory.appendingPathComponent("report.md"))
  }

  private static func markdown(
    _ c: STDPMemoryConfiguration, _ p: STDPMemoryParameters, curves: [MemoryCurve], zeros: ([Double], [Double]),
    backgrounds: [(mu: Double, D: Double, nu: Double)], sweep: (key: String, values: [Double])?, rows: [[Double]], cpuTime: Double
  ) -> String {
    func f(_ x: Double, _ digits: Int = 6) -> String { x.isNaN ? "none" : String(format: "%.\(digits)g", x) }
    var text = "# STDP memory theory\(c.name.isEmpty ? "" : ": " + c.name)\n\n"
    text += "Stubenrauch, Auer, Kempter & Lindner (2025), four-population theory; units: time in τ_m, reset 0, threshold 1, rates per τ_m. "
    text += "D⁽¹⁾′ of the episode ODE: `\(p.theory.derivative.rawValue)`; readout scores: `\(p.theory.scores.rawValue)`; ODE rtol \(f(p.theory.relTol)), atol \(f(p.theory.absTol)). "
    text += "Computed in \(f(cpuTime, 3)) CPU s.\n\n## Drift zeros of one synapse\n\n| μ | D | ν | w* full | w* rate-only |\n|---|---|---|---|---|\n"
    for (i, b) in backgrounds.enumerated() { text += "| \(f(b.mu)) | \(f(b.D)) | \(f(b.nu)) | \(f(zeros.0[i])) | \(f(zeros.1[i])) |\n" }
    text += "\n## Memory\n\n| theory | V* | γ_N | γ_T | m_Nc(T) | m_Tc(T) | r_T, r_N, r_I start | end | a₀ | a₁₀₀ | capacity |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    for curve in curves {
      let e = curve.episode, m = e.mean.last!
      let rates = { (r: PopulationRates) in [r.T, r.N, r.I].map { f($0, 5) }.joined(separator: ", ") }
      let a100 = curve.accuracy.count > 100 ? f(curve.accuracy[100], 5) : "—"
      text += "| \(curve.correlations ? "full" : "rate-only") | \(f(curve.stationaryVariance)) | \(f(curve.gammaN)) | \(f(curve.gammaT)) | \(f(m[1])) | \(f(m[3])) "
      text += "| \(rates(e.ratesStart)) | \(rates(e.ratesEnd)) | \(f(curve.accuracy[0], 5)) | \(a100) | \(curve.capacity) |\n"
    }
    if let sweep {
      let names = curves.map { $0.correlations ? "full" : "rate-only" }
      text += "\n## Sweep of `\(sweep.key)`\n\n| \(sweep.key) | " + names.map { "capacity \($0) | a₀ \($0)" }.joined(separator: " | ") + " |\n"
      text += "|---|" + String(repeating: "---|---|", count: names.count) + "\n"
      for (value, row) in zip(sweep.values, rows) {
        text += "| \(f(value)) | " + stride(from: 0, to: row.count, by: 2).map { "\(Int(row[$0])) | \(f(row[$0 + 1], 5))" }.joined(separator: " | ") + " |\n"
      }
    }
    return text
  }
}
