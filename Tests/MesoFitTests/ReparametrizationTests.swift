import Foundation
import MesoPop
import Testing

@Suite struct ReparametrizationTests {
  /// The E–I fixture's own 3 s of mesoscopic data (seed 7), with μ_E, V_th,E and J_EE free from
  /// 21 mV, 15.5 mV and 0.33 mV (truth 20, 15, 0.3).
  static func problem() throws -> (FitProblem, [FreeParameter]) {
    let data = try mesoRecording(try networkModel(eiNetwork(duration: 3)), seed: 7)
    let start = try networkModel(
      eiNetwork(duration: 3), ["populations[0].mu": .number(21), "populations[0].V_th": .number(15.5), "connections[0].J": .number(0.33)])
    let free = [FreeParameter(key: "populations[0].mu"), FreeParameter(key: "populations[0].V_th"), FreeParameter(key: "connections[0].J")]
    return (try FitProblem(model: start, data: data, free: free), free)
  }

  /// The E–I fixture on 3 s of its own mesoscopic data (seed 7), μ_E, V_th,E and J_EE free from the
  /// truth shifted by +1 mV, +0.5 mV, +10 %. Fitted plainly and with `threshold-relative` (V_th,E as
  /// V_th,E − μ_E), BFGS with the default stopping rules, both must converge to the same optimum:
  /// ln L within 10⁻³ (a stop on the value rule leaves less than that per window), the
  /// estimates within 0.02 standard errors, and the covariance carried back by the delta method equal
  /// to the plain one within 2 % (central-difference Hessians with different steps; their error is
  /// ~ε^{1/2} of ln L's size relative to the curvature, well under 1 % here).
  @Test func sameOptimumWithAndWithoutReparametrization() throws {
    let (problem, free) = try Self.problem()
    func fit(_ kind: Reparametrization) throws -> MaximumLikelihoodFit {
      try MaximumLikelihoodFit(
        problem, options: FitOptions(method: .bfgs, maxIterations: 200, reparametrization: kind))
    }
    let plain = try fit(.none), relative = try fit(.thresholdRelative)
    #expect(plain.starts[0].converged && relative.starts[0].converged, "\(plain.starts) \(relative.starts)")
    #expect(abs(plain.logLikelihood - relative.logLikelihood) < 1e-3, "\(plain.logLikelihood) vs \(relative.logLikelihood)")
    let se = try #require(plain.standardErrors), seRelative = try #require(relative.standardErrors)
    for i in 0..<3 {
      #expect(abs(plain.estimate[i] - relative.estimate[i]) < 0.02 * se[i], "\(free[i].key): \(plain.estimate[i]) vs \(relative.estimate[i]) ± \(se[i])")
      #expect(abs(seRelative[i] / se[i] - 1) < 0.02, "\(free[i].key): se \(seRelative[i]) vs \(se[i])")
    }
    let c = try #require(plain.covariance), cRelative = try #require(relative.covariance)
    #expect(abs(cRelative[1] / c[1] - 1) < 0.02, "cov(μ, V_th) \(cRelative[1]) vs \(c[1])")
    // The identifiable combinations are those of a positive-definite information: all determined.
    #expect(try #require(plain.combinations).allSatisfy { $0.eigenvalue > 0 && $0.interval != nil })
  }

  /// The value rule stops a BFGS fit whose gradient test cannot pass (|∇_z ln L| < 10⁻¹²): the
  /// problem above in threshold-relative coordinates, where BFGS crawls (87 iterations without
  /// converging at 10⁻⁴ when this test was written). With 10⁻³ over 5 iterations the start ends
  /// converged on the value rule, before the limit, with ln L within 10⁻² of the optimum and the
  /// estimates within 0.2 standard errors (the rule bounds the gain per window, not the distance to
  /// the top; a quadratic top 10⁻² higher is 0.14 se away). With the rule off the same search does
  /// not stop on it and runs longer.
  @Test func valueRuleStopsTheFit() throws {
    let (problem, free) = try Self.problem()
    let reference = try MaximumLikelihoodFit(problem, options: FitOptions(method: .bfgs, maxIterations: 200))
    let se = try #require(reference.standardErrors)
    func fit(_ rule: ValueChangeTest) throws -> MaximumLikelihoodFit {
      try MaximumLikelihoodFit(
        problem, options: FitOptions(method: .bfgs, maxIterations: 200, tolerance: 1e-12, valueChange: rule, reparametrization: .thresholdRelative))
    }
    let ruled = try fit(ValueChangeTest(tolerance: 1e-3, window: 5))
    #expect(ruled.starts[0].stoppedOnValueChange && ruled.starts[0].converged && ruled.starts[0].iterations < 200, "\(ruled.starts[0])")
    #expect(reference.logLikelihood - ruled.logLikelihood < 1e-2, "\(ruled.logLikelihood) vs \(reference.logLikelihood)")
    for i in 0..<3 { #expect(abs(ruled.estimate[i] - reference.estimate[i]) < 0.2 * se[i], "\(free[i].key)") }
    let unruled = try fit(.off)
    #expect(!unruled.starts[0].stoppedOnValueChange && unruled.starts[0].iterations > ruled.starts[0].iterations, "\(unruled.starts[0])")
  }
}
