import Foundation
import MesoPop
import Testing

@Suite struct FitTests {
  /// Central differences on f = e^{x₀} sin x₁ + x₀²x₁ at the steps of `FiniteDifferences`: the gradient
  /// within 10⁻⁹ and the Hessian within 10⁻⁶ of the exact derivatives (their errors scale as ε^{2/3}
  /// ≈ 4·10⁻¹¹ and ε^{1/2} ≈ 1.5·10⁻⁸ times the derivatives' size, here ~10).
  @Test func finiteDifferenceSteps() {
    let f = { (x: [Double]) in exp(x[0]) * sin(x[1]) + x[0] * x[0] * x[1] }
    let x = [0.7, 1.3]
    let g = FiniteDifferences.gradient(of: f, at: x)
    let exactG = [exp(x[0]) * sin(x[1]) + 2 * x[0] * x[1], exp(x[0]) * cos(x[1]) + x[0] * x[0]]
    #expect(zip(g, exactG).allSatisfy { abs($0 - $1) < 1e-9 })
    let H = FiniteDifferences.hessian(of: f, at: x)
    let exactH = [
      exp(x[0]) * sin(x[1]) + 2 * x[1], exp(x[0]) * cos(x[1]) + 2 * x[0], exp(x[0]) * cos(x[1]) + 2 * x[0], -exp(x[0]) * sin(x[1]),
    ]
    #expect(zip(H, exactH).allSatisfy { abs($0 - $1) < 1e-6 })
  }

  @Test func transformsRoundTrip() throws {
    for p in [
      FreeParameter(key: "a", lower: 0, upper: 2), FreeParameter(key: "a", lower: 0.5), FreeParameter(key: "a", upper: 3),
      FreeParameter(key: "a"),
    ] {
      for x in [0.6, 1.0, 1.9] { #expect(abs(p.value(p.coordinate(x)) - x) < 1e-14) }
    }
    #expect(try FreeParameter(bounds: "connections[0].J=:1.5") == FreeParameter(key: "connections[0].J", upper: 1.5))
    #expect(throws: ConfigurationError.self) { try FreeParameter(bounds: "x=2:1") }
    #expect(throws: ConfigurationError.self) { try FreeParameter(bounds: "x=a:1") }
  }

  /// A Poisson source of N neurons at rate r: each neuron fires with p = 1 − e^{−rΔt} per step, so the
  /// binomial MLE is p̂ = S/(BN) (S all spikes, B steps), r̂ = −ln(1 − p̂)/Δt, and the Fisher information
  /// in r is BNΔt²(1 − p)/p. Both minimisers find r̂ within 2 % of its standard error (the simplex
  /// stops at size 10⁻⁴ in z = ln r, i.e. 10⁻⁴ r ≈ 0.005 se), and the numerical-Hessian standard
  /// error matches the analytic one within 10⁻⁴.
  @Test(arguments: FitOptions.Method.allCases)
  func poissonRateHasAnalyticEstimate(method: FitOptions.Method) throws {
    let model = try networkModel("""
      simulation: {dt: 0.001, duration: 2, record_bin: 0.001, seed: 4}
      populations: [{name: S, kind: poisson, N: 50, rate: 20 Hz}]
      """)
    let data = try mesoRecording(model, seed: 4)
    let problem = try FitProblem(model: model, data: data, free: [FreeParameter(key: "populations[0].rate", lower: 0)])
    let fit = try MaximumLikelihoodFit(problem, options: FitOptions(method: method, starts: 2))
    let B = Double(problem.data.steps), N = 50.0, dt = 0.001
    let pHat = problem.data.counts.reduce(0, +) / (B * N)
    let rHat = -log(1 - pHat) / dt
    let se = 1 / (B * N * dt * dt * (1 - pHat) / pHat).squareRoot()
    #expect(abs(fit.estimate[0] - rHat) < 0.02 * se, "\(fit.estimate[0]) vs \(rHat), se \(se)")
    let fitted = try #require(fit.standardErrors)[0]
    #expect(abs(fitted - se) < 1e-4 * se, "\(fitted) vs \(se)")
    #expect(try #require(fit.intervals)[0].contains(rHat))
    #expect(fit.starts.count == 2 && fit.starts.allSatisfy(\.converged))
  }

  /// Recovery on the engine's own data (CI size): one adapting population, μ fitted from 1.2× its
  /// value on 5 s of data, for three seeds; each estimate lies within 4 of its standard errors of the
  /// truth (a false failure has probability 6·10⁻⁵ per seed for a normal estimate).
  @Test func recoversDriveOfAdaptingPopulation() throws {
    let yaml = """
      simulation: {dt: 0.001, duration: 5, record_bin: 0.001}
      populations:
        - {name: P, N: 500, tau_m: 20 ms, t_ref: 4 ms, mu: 12 mV, V_reset: 0 mV, V_th: 10 mV, Delta_V: 2 mV, lambda_0: 10 Hz, threshold_kernel: [{J: 1.5 mV*s, tau: 1 s}]}
      inputs: [{to: P, kind: step, start: 2 s, amplitude: 5 mV}]
      """
    let truth = try networkModel(yaml)
    for seed: UInt64 in [1, 2, 3] {
      let data = try mesoRecording(truth, seed: seed)
      let start = try networkModel(yaml, ["populations[0].mu": .number(14.4)])
      let problem = try FitProblem(model: start, data: data, free: [FreeParameter(key: "populations[0].mu")])
      let fit = try MaximumLikelihoodFit(problem)
      let se = try #require(fit.standardErrors)[0]
      #expect(abs(fit.estimate[0] - 12) < 4 * se, "seed \(seed): \(fit.estimate[0]) ± \(se)")
      #expect(se > 0 && se < 0.5)
    }
  }

  /// The history lengths K follow the simulation's rule at the estimate: τ_m of the I population
  /// (automatic K = int(5τ_m/Δt), no threshold kernel) is fitted from 1.2 × 10 ms, where the rule
  /// gives K = 60 steps; the fit holds that K, then re-fits from its estimate with the rule's K
  /// there (≈ 50), and reports that K as consistent. The first start keeps the start's K.
  @Test func historyFollowsTheRuleAtTheEstimate() throws {
    let truth = try networkModel(eiNetwork(duration: 2))
    let data = try mesoRecording(truth, seed: 7)
    let start = try networkModel(eiNetwork(duration: 2), ["populations[1].tau_m": .number(0.012)])
    let problem = try FitProblem(model: start, data: data, free: [FreeParameter(key: "populations[1].tau_m", lower: 0.001, upper: 0.1)])
    #expect(problem.history?[1] == 60)
    let fit = try MaximumLikelihoodFit(problem)
    let rule = try problem.automaticHistory(at: fit.estimate)
    #expect(fit.history == rule && fit.historyConsistent, "\(String(describing: fit.history)) vs \(rule)")
    #expect(fit.starts.first?.history == problem.history && fit.starts.count >= 2)
    #expect(abs(Double(rule[1]) - 50) <= 1, "K_I \(rule[1]) at τ_m = \(fit.estimate[0])")
  }
}
