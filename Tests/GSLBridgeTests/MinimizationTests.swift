import Foundation
import GSLBridge
import Testing

@Suite struct MinimizationTests {
  /// A narrow valley with a quartic floor: f = 100(x − y)² + 10⁻⁴(x + y − 20)⁴, minimum 0 at (10, 10),
  /// start (1, 1) (f ≈ 10.5). The simplex crawls along the floor, so with a value rule of 10⁻² over
  /// 5 iterations it stops on the change of f before its size test (10⁻¹²) can pass, the last 5
  /// iterations having gained less than 10⁻²; without the rule the same search runs on and ends
  /// lower. (BFGS stops on this function with `noProgress` before any window fills; the fit test
  /// `valueRuleStopsTheFit` covers BFGS.)
  @Test func valueRuleStopsOnAFlatValley() throws {
    let f = { (v: [Double]) in 100 * (v[0] - v[1]) * (v[0] - v[1]) + 1e-4 * pow(v[0] + v[1] - 20, 4) }
    func run(_ rule: ValueChangeTest) throws -> MinimizationResult {
      try nelderMeadMinimum(start: [1, 1], stepSizes: [0.5, 0.5], sizeTolerance: 1e-12, maxIterations: 5000, valueChange: rule, of: f)
    }
    let ruled = try run(ValueChangeTest(tolerance: 1e-2, window: 5))
    #expect(ruled.stop == .valueChange && ruled.converged, "\(ruled)")
    #expect(ruled.iterations >= 5)
    let free = try run(.off)
    #expect(free.stop != .valueChange)
    #expect(free.iterations > ruled.iterations && free.value < ruled.value, "\(free) vs \(ruled)")
  }

  /// The symmetric eigen-decomposition of [[2, 1], [1, 2]]: λ = 3 with (1, 1)/√2, λ = 1 with (1, −1)/√2.
  @Test func symmetricEigenpairsOfATwoByTwo() throws {
    let pairs = try symmetricEigenpairs(ofRowMajor: [2, 1, 1, 2], dimension: 2)
    #expect(abs(pairs[0].value - 3) < 1e-14 && abs(pairs[1].value - 1) < 1e-14)
    #expect(abs(abs(pairs[0].vector[0]) - 0.5.squareRoot()) < 1e-14 && abs(pairs[0].vector[0] - pairs[0].vector[1]) < 1e-14)
    #expect(abs(pairs[1].vector[0] + pairs[1].vector[1]) < 1e-14)
  }
}
