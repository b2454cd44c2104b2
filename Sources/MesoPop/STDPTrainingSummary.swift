import Foundation
import MesoCore
import MesoIO
import STDPMemory
import STDPMemorySimulation

/// The trials of a training study side by side with the theory (STDPMemorySimulation article): the
/// accuracy a_k of the reference association after k later episodes (mean over trials and its standard
/// error s/√K), the moments of its cue weights and scores behind a_k, the four weight populations at the
/// end of an episode (mean over every episode of every trial, before homeostasis) and the rates, each
/// against the full and the rate-only theory, each with independent (the paper) and with coupled scores.
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
    var paper = p, extended = p
    paper.theory.scores = .independent
    (extended.theory.scores, extended.theory.derivative) = (.coupled, .explicit)
    let full = try paper.memoryCurve(correlations: true), rate = try paper.memoryCurve(correlations: false)
    let fullCoupled = try extended.memoryCurve(correlations: true), rateCoupled = try extended.memoryCurve(correlations: false)
    let mean = (0..<k).map { j in results.reduce(0) { $0 + $1.accuracy[j] } / Double(K) }
    let se = (0..<k).map { j -> Double in
      guard K > 1 else { return .nan }
      let s2 = results.reduce(0) { $0 + ($1.accuracy[j] - mean[j]) * ($1.accuracy[j] - mean[j]) } / Double(K - 1)
      return (s2 / Double(K)).squareRoot()
    }
    let theoryFull = Array(full.accuracy.prefix(k)), theoryRate = Array(rate.accuracy.prefix(k))
    let coupledFull = Array(fullCoupled.accuracy.prefix(k)), coupledRate = Array(rateCoupled.accuracy.prefix(k))
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
    let spread = pooled(\.rateVariance, 2), weightGain = pooled(\.weightGain, 2), gain = pooled(\.scoreGain, 2)
    // The readout's moments, mean over trials; a_k of Gaussian scores with the measured moments, and
    // with independent weights of the measured K, G (the theory's assumption).
    let cue = p.inputs.cueChannels
    let moments = (0..<k).map { j in ReadoutMoments(values: (0..<8).map { i in results.reduce(0) { $0 + $1.readout[j].values[i] } / Double(K) }) }
    let measuredShape = try moments.map { try $0.gaussianAccuracy(fs: p.inputs.fs) }
    let independent = try moments.map {
      try ReadoutMoments(
        independentWeights: cue, K: ($0.targetWeightMean, $0.nonTargetWeightMean), G: ($0.targetWeightVariance, $0.nonTargetWeightVariance)
      ).gaussianAccuracy(fs: p.inputs.fs)
    }
    let flat = { (rows: [[Double]]) in rows.flatMap { $0 } }
    arrays = [
      NPYArray(name: "k", shape: [k], storage: .float64((0..<k).map(Double.init))),
      NPYArray(name: "accuracy", shape: [K, k], storage: .float64(flat(results.map(\.accuracy)))),
      NPYArray(name: "accuracy_mean", shape: [k], storage: .float64(mean)),
      NPYArray(name: "accuracy_se", shape: [k], storage: .float64(se)),
      NPYArray(name: "accuracy_full", shape: [k], storage: .float64(theoryFull)),
      NPYArray(name: "accuracy_rate_only", shape: [k], storage: .float64(theoryRate)),
      NPYArray(name: "accuracy_full_coupled", shape: [k], storage: .float64(coupledFull)),
      NPYArray(name: "accuracy_rate_only_coupled", shape: [k], storage: .float64(coupledRate)),
      NPYArray(name: "episode_mean", shape: [K, P, 4], storage: .float64(flat(episodes.map(\.mean)))),
      NPYArray(name: "episode_variance", shape: [K, P, 4], storage: .float64(flat(episodes.map(\.variance)))),
      NPYArray(name: "episode_rates", shape: [K, P, 3], storage: .float64(flat(episodes.map(\.rates)))),
      NPYArray(name: "episode_rate_variance", shape: [K, P, 2], storage: .float64(flat(episodes.map(\.rateVariance)))),
      NPYArray(name: "episode_weight_gain", shape: [K, P, 2], storage: .float64(flat(episodes.map(\.weightGain)))),
      NPYArray(name: "episode_score_gain", shape: [K, P, 2], storage: .float64(flat(episodes.map(\.scoreGain)))),
      NPYArray(name: "readout", shape: [K, k, 8], storage: .float64(flat(results.flatMap { $0.readout.map(\.values) }))),
      NPYArray(name: "readout_full", shape: [k, 8], storage: .float64(flat(full.readout.prefix(k).map(\.values)))),
      NPYArray(name: "readout_rate_only", shape: [k, 8], storage: .float64(flat(rate.readout.prefix(k).map(\.values)))),
      NPYArray(name: "readout_full_coupled", shape: [k, 8], storage: .float64(flat(fullCoupled.readout.prefix(k).map(\.values)))),
      NPYArray(name: "accuracy_gaussian_measured", shape: [k], storage: .float64(measuredShape)),
      NPYArray(name: "accuracy_gaussian_independent", shape: [k], storage: .float64(independent)),
      NPYArray(name: "m_end_full", shape: [4], storage: .float64(full.episode.mean.last!)),
      NPYArray(name: "m_end_rate_only", shape: [4], storage: .float64(rate.episode.mean.last!)),
      NPYArray(name: "V_end_full", shape: [4], storage: .float64(full.episode.variance.last!)),
      NPYArray(name: "V_end_rate_only", shape: [4], storage: .float64(rate.episode.variance.last!)),
    ]
    // Largest deviation of the simulated curve from each theory, in standard errors.
    func worst(_ theory: [Double]) -> Double { (0..<k).map { abs(mean[$0] - theory[$0]) / se[$0] }.filter(\.isFinite).max() ?? .nan }
    // A standard error of one trial is NaN in the arrays and "—" here.
    let f = { (x: Double) in x.isNaN ? "—" : x.isFinite ? String(format: "%.4g", x) : formatNumber(x) }
    var lines = [
      "# STDP training network: \(K) trials × \(P) episodes",
      "",
      "Static readout of the association of episode \(p.training.reference) after k later episodes (mean ± s.e. over trials), "
        + "against the full and the rate-only theory (spec §2.5), with independent scores (the paper) and with coupled "
        + "scores (`theory.scores: coupled`). dt = \(f(p.simulation.dt)) τ_m.",
      "",
      "| k | simulation | s.e. | full | rate-only | full, coupled | rate-only, coupled |",
      "|---|---|---|---|---|---|---|",
    ]
    for j in Set([0, 1, 2, 5, 10, 20, 50, 100, 150, 200, 250, k - 1]).filter({ $0 < k }).sorted() {
      lines.append(
        "| \(j) | \(f(mean[j])) | \(f(se[j])) | \(f(theoryFull[j])) | \(f(theoryRate[j])) | \(f(coupledFull[j])) | \(f(coupledRate[j])) |")
    }
    // argmin_k |a_k − 0.5| of a curve (spec §2.4), or a note when it stays above 0.5 within the k simulated.
    func capacity(_ a: [Double]) -> String {
      guard a.contains(where: { $0 <= 0.5 }) else { return "not reached within \(k) episodes" }
      return "\(a.indices.min { abs(a[$0] - 0.5) < abs(a[$1] - 0.5) }!)"
    }
    lines += [
      "",
      "The readout behind a_k (means over trials): K, G of a cue weight onto a target (T) and a non-target (N), the variance of "
        + "the scores s_n = Σ_cue w_nm, the correlation ρ of two cue weights of one neuron it implies (Var s = M_c G [1 + (M_c − 1) ρ]), "
        + "and a_k of Gaussian scores with the measured moments and with M_c = \(cue) independent weights of the measured K, G "
        + "(the paper's assumption); below each row the full theory's moments with independent and with coupled scores.",
      "",
      "| k | K_T | K_N | G_T | G_N | Var s_T | Var s_N | ρ_T | ρ_N | a sim | a Gauss (measured) | a Gauss (independent) |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for j in Set([0, 1, 5, 10, 20, 50, 100, k - 1]).filter({ $0 < k }).sorted() {
      let o = moments[j], t = full.readout[j], rho = o.weightCorrelation(cue: cue)
      lines.append(
        "| \(j) | \(f(o.targetWeightMean)) | \(f(o.nonTargetWeightMean)) | \(f(o.targetWeightVariance)) | \(f(o.nonTargetWeightVariance)) | "
          + "\(f(o.targetScoreVariance)) | \(f(o.nonTargetScoreVariance)) | \(f(rho.T)) | \(f(rho.N)) | \(f(mean[j])) | \(f(measuredShape[j])) | "
          + "\(f(independent[j])) |")
      lines.append(
        "| full | \(f(t.targetWeightMean)) | \(f(t.nonTargetWeightMean)) | \(f(t.targetWeightVariance)) | \(f(t.nonTargetWeightVariance)) | "
          + "\(f(t.targetScoreVariance)) | \(f(t.nonTargetScoreVariance)) | 0 | 0 | \(f(theoryFull[j])) | | |")
      let c = fullCoupled.readout[j], rc = c.weightCorrelation(cue: cue)
      lines.append(
        "| coupled | \(f(c.targetWeightMean)) | \(f(c.nonTargetWeightMean)) | \(f(c.targetWeightVariance)) | \(f(c.nonTargetWeightVariance)) | "
          + "\(f(c.targetScoreVariance)) | \(f(c.nonTargetScoreVariance)) | \(f(rc.T)) | \(f(rc.N)) | \(f(coupledFull[j])) | | |")
    }
    lines += [
      "",
      K > 1
        ? "Largest |simulation − theory| / s.e. over k = 0 … \(k - 1): full \(f(worst(theoryFull))), rate-only \(f(worst(theoryRate))); "
          + "coupled scores: full \(f(worst(coupledFull))), rate-only \(f(worst(coupledRate)))."
        : "One trial: no standard errors, and no deviations from the theories in standard errors.",
      "Capacity (argmin |a_k − 0.5|): simulation (mean curve) \(capacity(mean)); full theory \(capacity(theoryFull)), "
        + "rate-only \(capacity(theoryRate)); coupled scores: full \(capacity(coupledFull)), rate-only \(capacity(coupledRate)).",
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
      "Spread of the rates over neurons (variance of spike count / T; its Poisson part ≈ r/T = \(f(r.mean[0] / p.training.T)), "
        + "\(f(r.mean[1] / p.training.T))): targets \(f(spread.mean[0])) ± \(f(spread.se[0])), non-targets \(f(spread.mean[1])) ± \(f(spread.se[1])). "
        + "Gains of an episode (slope of the increment on the value at the start; equal for independent synapses): a cue weight onto "
        + "a target \(f(weightGain.mean[0])) ± \(f(weightGain.se[0])), a target's score \(f(gain.mean[0])) ± \(f(gain.se[0])); onto a non-target "
        + "\(f(weightGain.mean[1])) ± \(f(weightGain.se[1])), a non-target's score \(f(gain.mean[1])) ± \(f(gain.se[1])).",
    ]
    report = lines.joined(separator: "\n") + "\n"
    line = "stdp train: \(K) trials; a_0 = \(f(mean[0])) ± \(f(se[0])) (full \(f(theoryFull[0])), rate-only \(f(theoryRate[0])), "
      + "full with coupled scores \(f(coupledFull[0]))); "
      + "m_Tc = \(f(m.mean[3])) ± \(f(m.se[3])) (full \(f(full.episode.mean.last![3])), rate-only \(f(rate.episode.mean.last![3])))"
  }
}
