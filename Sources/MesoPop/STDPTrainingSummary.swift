import Foundation
import MesoCore
import MesoIO
import STDPMemory
import STDPMemorySimulation

/// The trials of a training study side by side with the theory (STDPMemorySimulation article): the
/// accuracy a_k of the reference association after k later episodes (mean over trials and its standard
/// error s/√K), the four weight populations at the end of an episode (mean over every episode of every
/// trial, before homeostasis) and the rates, each against the full and the rate-only theory.
public struct STDPTrainingSummary: Sendable {
  /// The arrays of `accuracy.npz` (without `config`).
  public var arrays: [NPYArray]
  /// `report.md`.
  public var report: String
  /// One line for the user.
  public var line: String

  /// The summary of `results` (trials in order, each of the same length).
  public init(_ p: STDPMemoryParameters, results: [TrialResult]) throws {
    let K = results.count, k = results[0].accuracy.count, P = results[0].episodes.count
    let full = try p.memoryCurve(correlations: true), rate = try p.memoryCurve(correlations: false)
    let mean = (0..<k).map { j in results.reduce(0) { $0 + $1.accuracy[j] } / Double(K) }
    let se = (0..<k).map { j -> Double in
      guard K > 1 else { return .nan }
      let s2 = results.reduce(0) { $0 + ($1.accuracy[j] - mean[j]) * ($1.accuracy[j] - mean[j]) } / Double(K - 1)
      return (s2 / Double(K)).squareRoot()
    }
    let theoryFull = Array(full.accuracy.prefix(k)), theoryRate = Array(rate.accuracy.prefix(k))
    // Episode statistics pooled over all episodes of all trials (each a fresh association from the stationary state).
    let episodes = results.flatMap(\.episodes)
    let n = Double(episodes.count)
    func pooled(_ values: (EpisodeStatistics) -> [Double], _ count: Int) -> (mean: [Double], se: [Double]) {
      let m = (0..<count).map { i in episodes.reduce(0) { $0 + values($1)[i] } / n }
      let s = (0..<count).map { i -> Double in
        guard n > 1 else { return .nan }
        return (episodes.reduce(0) { $0 + (values($1)[i] - m[i]) * (values($1)[i] - m[i]) } / (n - 1) / n).squareRoot()
      }
      return (m, s)
    }
    let m = pooled(\.mean, 4), v = pooled(\.variance, 4), r = pooled(\.rates, 3)
    let flat = { (rows: [[Double]]) in rows.flatMap { $0 } }
    arrays = [
      NPYArray(name: "k", shape: [k], storage: .float64((0..<k).map(Double.init))),
      NPYArray(name: "accuracy", shape: [K, k], storage: .float64(flat(results.map(\.accuracy)))),
      NPYArray(name: "accuracy_mean", shape: [k], storage: .float64(mean)),
      NPYArray(name: "accuracy_se", shape: [k], storage: .float64(se)),
      NPYArray(name: "accuracy_full", shape: [k], storage: .float64(theoryFull)),
      NPYArray(name: "accuracy_rate_only", shape: [k], storage: .float64(theoryRate)),
      NPYArray(name: "episode_mean", shape: [K, P, 4], storage: .float64(flat(episodes.map(\.mean)))),
      NPYArray(name: "episode_variance", shape: [K, P, 4], storage: .float64(flat(episodes.map(\.variance)))),
      NPYArray(name: "episode_rates", shape: [K, P, 3], storage: .float64(flat(episodes.map(\.rates)))),
      NPYArray(name: "m_end_full", shape: [4], storage: .float64(full.episode.mean.last!)),
      NPYArray(name: "m_end_rate_only", shape: [4], storage: .float64(rate.episode.mean.last!)),
      NPYArray(name: "V_end_full", shape: [4], storage: .float64(full.episode.variance.last!)),
      NPYArray(name: "V_end_rate_only", shape: [4], storage: .float64(rate.episode.variance.last!)),
    ]
    // Largest deviation of the simulated curve from each theory, in standard errors.
    func worst(_ theory: [Double]) -> Double { (0..<k).map { abs(mean[$0] - theory[$0]) / se[$0] }.filter(\.isFinite).max() ?? .nan }
    let f = { (x: Double) in x.isFinite ? String(format: "%.4g", x) : formatNumber(x) }
    var lines = [
      "# STDP training network: \(K) trials × \(P) episodes",
      "",
      "Static readout of the association of episode \(p.training.reference) after k later episodes (mean ± s.e. over trials), "
        + "against the full and the rate-only theory (spec §2.5). dt = \(f(p.simulation.dt)) τ_m.",
      "",
      "| k | simulation | s.e. | full theory | rate-only theory |",
      "|---|---|---|---|---|",
    ]
    for j in Set([0, 1, 2, 5, 10, 20, 50, 100, 150, 200, 250, k - 1]).filter({ $0 < k }).sorted() {
      lines.append("| \(j) | \(f(mean[j])) | \(f(se[j])) | \(f(theoryFull[j])) | \(f(theoryRate[j])) |")
    }
    // argmin_k |a_k − 0.5| of a curve (spec §2.4), or a note when it stays above 0.5 within the k simulated.
    func capacity(_ a: [Double]) -> String {
      guard a.contains(where: { $0 <= 0.5 }) else { return "not reached within \(k) episodes" }
      return "\(a.indices.min { abs(a[$0] - 0.5) < abs(a[$1] - 0.5) }!)"
    }
    lines += [
      "",
      "Largest |simulation − theory| / s.e. over k = 0 … \(k - 1): full \(f(worst(theoryFull))), rate-only \(f(worst(theoryRate))).",
      "Capacity (argmin |a_k − 0.5|): simulation (mean curve) \(capacity(mean)); full theory \(capacity(theoryFull)), "
        + "rate-only \(capacity(theoryRate)).",
      "",
      "Weights at the end of an episode, before homeostasis (pooled over \(episodes.count) episodes; (N,n), (N,c), (T,n), (T,c)):",
      "",
      "| population | m sim | s.e. | m full | m rate-only | V sim | V full | V rate-only |",
      "|---|---|---|---|---|---|---|---|",
    ]
    for (i, name) in ["(N,n)", "(N,c)", "(T,n)", "(T,c)"].enumerated() {
      lines.append(
        "| \(name) | \(f(m.mean[i])) | \(f(m.se[i])) | \(f(full.episode.mean.last![i])) | \(f(rate.episode.mean.last![i])) | "
          + "\(f(v.mean[i])) | \(f(full.episode.variance.last![i])) | \(f(rate.episode.variance.last![i])) |")
    }
    let start = full.episode.ratesStart, end = full.episode.ratesEnd
    lines += [
      "",
      "Rates during the plastic part (per τ_m): r_T \(f(r.mean[0])) ± \(f(r.se[0])), r_N \(f(r.mean[1])) ± \(f(r.se[1])), "
        + "r_I \(f(r.mean[2])) ± \(f(r.se[2])); full theory at the start / end of the episode: r_T \(f(start.T)) / \(f(end.T)), "
        + "r_N \(f(start.N)) / \(f(end.N)), r_I \(f(start.I)) / \(f(end.I)).",
    ]
    report = lines.joined(separator: "\n") + "\n"
    line = "stdp train: \(K) trials; a_0 = \(f(mean[0])) ± \(f(se[0])) (full \(f(theoryFull[0])), rate-only \(f(theoryRate[0]))); "
      + "m_Tc = \(f(m.mean[3])) ± \(f(m.se[3])) (full \(f(full.episode.mean.last![3])), rate-only \(f(rate.episode.mean.last![3])))"
  }
}
