import Foundation
import GSLBridge
import MesoCore

/// How ``MaximumLikelihoodFit`` searches.
public struct FitOptions: Sendable, Equatable {
  /// The GSL minimiser of −ln L in the unbounded coordinates z.
  public enum Method: String, Sendable, CaseIterable {
    /// Nelder–Mead simplex without derivatives (`nmsimplex2`); initial steps 0.1 in z (about 10 %
    /// of a bounded value), 5 % of |x| for an unbounded one.
    case simplex
    /// BFGS (`vector_bfgs2`) with central-difference gradients (``FiniteDifferences``).
    case bfgs
  }

  /// How the confidence intervals are computed.
  public enum Intervals: String, Sendable, CaseIterable {
    /// Wald intervals θ̂_i ± z·se_i from the observed Fisher information (9 evaluations for two
    /// parameters): exact for a quadratic ln L, the usual large-sample approximation otherwise.
    case fisher
    /// Profile-likelihood intervals (``ProfileInterval``): a root search per end with the other
    /// parameters maximised at every point (tens to hundreds of evaluations per parameter); they
    /// follow a non-quadratic ln L. The Wald intervals are computed as well.
    case profile
  }

  /// The minimiser.
  public var method: Method
  /// Wald or profile-likelihood intervals.
  public var intervals: Intervals
  /// Starts: the configuration's values, then `starts − 1` random ones (uniform between two
  /// bounds, else z + 𝒩(0, 0.5²)), from `seed`.
  public var starts: Int
  /// Seed of the random starts.
  public var seed: UInt64
  /// Coverage of the intervals (0.95: ±1.96 standard errors for the Wald intervals, a deficit in
  /// ln L of 1.96²/2 for the profile ones).
  public var confidence: Double
  /// Iterations per start.
  public var maxIterations: Int
  /// Simplex: size in z at convergence; BFGS: |∇_z ln L| at convergence.
  public var tolerance: Double
  /// The second stopping rule: a start also ends, as converged, once ln L gained less than
  /// `valueChange.tolerance` over the last `valueChange.window` iterations (`ValueChangeTest`).
  /// Default for BFGS: 10⁻³ over 10 iterations (a gain far below the 1.92 of a 95 % profile
  /// interval, so a start stopped on a ridge ends within the likelihood's resolution of its top);
  /// off for the simplex, whose best vertex may stay put for many iterations while it contracts.
  public var valueChange: ValueChangeTest
  /// The coordinates the minimiser and the observed information use (``Reparametrization``);
  /// estimates, covariance and intervals are always reported in the user's parameters.
  public var reparametrization: Reparametrization

  /// Options (simplex, one start, 95 % Wald intervals; tolerance 1e-4 for the simplex, 1e-3 for BFGS;
  /// the value-change rule as documented at `valueChange`; no reparametrisation).
  public init(
    method: Method = .simplex, intervals: Intervals = .fisher, starts: Int = 1, seed: UInt64 = 1, confidence: Double = 0.95,
    maxIterations: Int = 400, tolerance: Double? = nil, valueChange: ValueChangeTest? = nil, reparametrization: Reparametrization = .none
  ) {
    self.method = method
    self.intervals = intervals
    self.starts = starts
    self.seed = seed
    self.confidence = confidence
    self.maxIterations = maxIterations
    self.tolerance = tolerance ?? (method == .simplex ? 1e-4 : 1e-3)
    self.valueChange = valueChange ?? (method == .simplex ? .off : ValueChangeTest(tolerance: 1e-3, window: 10))
    self.reparametrization = reparametrization
  }
}

/// One start of a fit and where its minimiser ended.
public struct FitStart: Sendable, Equatable {
  /// Start values (base units).
  public var start: [Double]
  /// End values.
  public var estimate: [Double]
  /// ln L at the end.
  public var logLikelihood: Double
  /// Minimiser iterations.
  public var iterations: Int
  /// Whether a stopping test passed (the minimiser's own, or the change of ln L).
  public var converged: Bool
  /// Whether it stopped on the change of ln L (`FitOptions.valueChange`) rather than its own test.
  public var stoppedOnValueChange: Bool
  /// The history length K of each population held during this start (nil: the configuration's).
  public var history: [Int]?
}

/// A maximum-likelihood fit (René, Longtin & Macke 2020) of the free parameters of a
/// ``FitProblem``: −ln L minimised from every start, the best end kept, and its uncertainty from the
/// observed Fisher information I = −∇²ln L at the optimum (central differences in the parameters
/// themselves, ``FiniteDifferences/hessian(of:at:)``): covariance I⁻¹, standard errors √(I⁻¹)_ii,
/// Wald intervals θ̂_i ± z_{(1+c)/2}·se_i; with `FitOptions.intervals` = `.profile`, profile-likelihood
/// intervals as well (``ProfileInterval``), which then are the fit's `intervals`.
///
/// Where the problem holds the history lengths K at the automatic rule's values at the start
/// (``FitProblem/history``), the fit is repeated from its estimate with K at the rule's values
/// there, until they agree (or a K recurs, or after ``maxHistoryRounds`` repeats): the estimate,
/// its information and intervals are then those of the model a simulation at θ̂ would run.
public struct MaximumLikelihoodFit: Sendable {
  /// The parameters, as the problem names them.
  public let free: [FreeParameter]
  /// θ̂, the best end over all starts (base units).
  public let estimate: [Double]
  /// ln L(θ̂).
  public let logLikelihood: Double
  /// Every start, in order.
  public let starts: [FitStart]
  /// −∇²ln L at θ̂, row-major; nil where it could not be evaluated (θ̂ at a bound of validity).
  public let information: [Double]?
  /// I⁻¹, row-major; nil when I is not positive definite (a flat or saddle direction). With a
  /// reparametrisation, J·I_y⁻¹·Jᵀ from the information I_y in the fit's coordinates (delta method,
  /// exact for the linear map; J = ∂x/∂y).
  public let covariance: [Double]?
  /// The eigen-directions of the information in relative units (``IdentifiableCombination``),
  /// best determined first; nil without `information`. Where `covariance` is nil these are what
  /// the data determine: the combinations with λ > 0 carry intervals, the others do not.
  public let combinations: [IdentifiableCombination]?
  /// Intervals at `options.confidence` by `options.intervals`: the profile intervals (nil when the
  /// best ln L is the penalty), or the Wald intervals (nil without `covariance`).
  public let intervals: [ClosedRange<Double>]?
  /// Wald intervals θ̂_i ± z·se_i, nil without `covariance`.
  public let waldIntervals: [ClosedRange<Double>]?
  /// The profile-likelihood intervals, one per parameter, when `options.intervals` is `.profile` and
  /// the best ln L is finite.
  public let profiles: [ProfileInterval]?
  /// Why there are no Wald intervals, when there are none.
  public let intervalProblem: String?
  /// The options used.
  public let options: FitOptions
  /// Likelihood evaluations made (each one teacher-forced run).
  public let evaluations: Int
  /// The history length K of each population at the estimate (nil: the configuration's `meso.history`).
  public let history: [Int]?
  /// Whether `history` is the automatic rule's K at the estimate (true without a held K).
  public let historyConsistent: Bool

  /// The most repeats of the fit with K re-set to the rule's value at the estimate.
  public static let maxHistoryRounds = 3

  /// −ln L of a point where the model is invalid or fails numerically: large and finite, as GSL's
  /// minimisers need finite values.
  public static let penalty = 1e100

  /// Fits `problem`; `progress` receives the fraction of starts (and profiles) done (an error it
  /// throws stops the fit).
  public init(_ problem: FitProblem, options: FitOptions = FitOptions(), progress: ((Double) throws -> Void)? = nil) throws {
    precondition(options.starts >= 1 && options.confidence > 0 && options.confidence < 1, "FitOptions out of range")
    precondition(!problem.free.isEmpty, "a fit needs at least one free parameter")
    let free = problem.free
    var problem = problem
    var count = 0
    func logL(_ x: [Double]) throws -> Double? {
      count += 1
      return try problem.logLikelihood(at: x)
    }
    // The minimiser works in z, the unbounded coordinate of the fit's parameter y = map.fitted(x).
    let map = LinearReparametrization(options.reparametrization, free: free)
    let fitted = map.fittedParameters(free)
    // ln L at y; a point outside the user's bounds (possible for a relative coordinate) is invalid.
    func fittedLogL(_ y: [Double]) throws -> Double? {
      let x = map.natural(y)
      guard zip(free, x).allSatisfy({ $0.contains($1) }) else { return nil }
      return try logL(x)
    }
    func objective(_ z: [Double]) throws -> Double {
      guard let value = try fittedLogL(zip(fitted, z).map { $0.value($1) }), value.isFinite else { return Self.penalty }
      return -value
    }
    func search(from x0: [Double]) throws -> FitStart {
      let y0 = map.fitted(x0)
      let z0 = zip(fitted, y0).map { $0.coordinate($1) }
      let result: MinimizationResult
      switch options.method {
      case .simplex:
        let steps = zip(fitted, y0).map { p, y in p.lower.isFinite || p.upper.isFinite ? 0.1 : 0.05 * (y == 0 ? 1 : abs(y)) }
        result = try nelderMeadMinimum(
          start: z0, stepSizes: steps, sizeTolerance: options.tolerance, maxIterations: options.maxIterations,
          valueChange: options.valueChange, of: objective)
      case .bfgs:
        result = try bfgsMinimum(
          start: z0, initialStep: 0.1, gradientTolerance: options.tolerance, maxIterations: options.maxIterations,
          valueChange: options.valueChange, of: objective, gradient: { z in try FiniteDifferences.gradient(of: objective, at: z) })
      }
      return FitStart(
        start: x0, estimate: map.natural(zip(fitted, result.x).map { $0.value($1) }), logLikelihood: -result.value,
        iterations: result.iterations, converged: result.converged, stoppedOnValueChange: result.stop == .valueChange,
        history: problem.history)
    }
    let stages = options.starts + (options.intervals == .profile ? free.count : 0)
    var random = RandomStream(master: options.seed, purpose: .initialConditions)
    var starts = [FitStart]()
    for k in 0..<options.starts {
      let x0 = k == 0 ? problem.start : free.indices.map { i in
        let p = free[i]
        return p.lower.isFinite && p.upper.isFinite
          ? p.lower + (p.upper - p.lower) * random.uniformPositive() : p.value(p.coordinate(problem.start[i]) + random.gaussian(sigma: 0.5))
      }
      starts.append(try search(from: x0))
      try progress?(Double(k + 1) / Double(stages))
    }
    var best = starts.max { $0.logLikelihood < $1.logLikelihood }!
    // K at the rule's value at the estimate (nil where the estimate is invalid, or K is the configuration's).
    func rule(at x: [Double]) -> [Int]? { problem.history == nil ? nil : try? problem.automaticHistory(at: x) }
    var tried = problem.history.map { [$0] } ?? []
    for _ in 0..<Self.maxHistoryRounds {
      guard let next = rule(at: best.estimate), !tried.contains(next) else { break }
      tried.append(next)
      problem = problem.holding(history: next)
      best = try search(from: best.estimate)
      starts.append(best)
    }
    history = problem.history
    historyConsistent = problem.history == nil || rule(at: best.estimate) == problem.history
    self.free = free
    estimate = best.estimate
    logLikelihood = best.logLikelihood
    self.starts = starts
    self.options = options
    // Observed information in the fit's coordinates y, carried to x by I_x = J⁻ᵀ I_y J⁻¹ and
    // C_x = J I_y⁻¹ Jᵀ; a step off the valid region leaves it undefined.
    struct Invalid: Error {}
    let n = free.count
    let fittedInformation = try? FiniteDifferences.hessian(of: { y in
      guard let value = try fittedLogL(y), value.isFinite else { throw Invalid() }
      return -value
    }, at: map.fitted(best.estimate))
    let information = fittedInformation.map { map.isIdentity ? $0 : congruence(map.inverseJacobian, $0, transposed: true, dimension: n) }
    self.information = information
    var covariance: [Double]?
    if let fittedInformation {
      covariance = (try? choleskyInverse(ofRowMajor: fittedInformation, dimension: n)).map { c in
        map.isIdentity ? c : congruence(map.jacobian, c, dimension: n)
      }
      intervalProblem =
        covariance == nil
        ? "the observed information −∇²ln L at the estimate is not positive definite (a flat or saddle direction; see the identifiable combinations)"
        : nil
    } else {
      intervalProblem = "−∇²ln L could not be evaluated: a difference step from the estimate leaves the valid parameter range"
    }
    self.covariance = covariance
    let z = normalQuantile((1 + options.confidence) / 2)
    combinations = try information.map { try IdentifiableCombination.of(information: $0, estimate: best.estimate, z: z) }
    waldIntervals = covariance.map { c in
      (0..<n).map { i in
        let se = c[i * n + i].squareRoot()
        return (best.estimate[i] - z * se)...(best.estimate[i] + z * se)
      }
    }
    // A best end at the penalty (ln L = −∞ or invalid everywhere searched) has no profile.
    if options.intervals == .profile, best.logLikelihood > -Self.penalty {
      let profiles = try (0..<n).map { i in
        let profile = try ProfileInterval(
          parameter: i, free: free, estimate: best.estimate, maximum: best.logLikelihood, covariance: covariance,
          confidence: options.confidence, logLikelihood: logL)
        try progress?(Double(options.starts + i + 1) / Double(stages))
        return profile
      }
      self.profiles = profiles
      intervals = profiles.map(\.interval)
    } else {
      profiles = nil
      intervals = options.intervals == .profile ? nil : waldIntervals
    }
    evaluations = count
  }

  /// √(I⁻¹)_ii of each parameter, nil without a covariance.
  public var standardErrors: [Double]? {
    covariance.map { c in free.indices.map { c[$0 * free.count + $0].squareRoot() } }
  }
}
