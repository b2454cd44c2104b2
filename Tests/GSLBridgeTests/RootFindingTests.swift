import Foundation
import GSLBridge
import Testing

@Suite struct RootFindingTests {
  /// cos x = x at x = 0.739085133215160641… (Dottie number), to Brent's tolerance.
  @Test func brentFindsDottieNumber() throws {
    let x = try brentRoot(in: 0...1, absTol: 1e-14, relTol: 0) { cos($0) - $0 }
    #expect(abs(x - 0.7390851332151607) < 1e-13)
  }

  @Test func brentReportsFailures() throws {
    // No sign change on the bracket: GSL_EINVAL.
    #expect(throws: GSLError.self) { try brentRoot(in: 2...3) { $0 * $0 - 1 } }
    // An error thrown by the function is rethrown as it is.
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try brentRoot(in: 0...3) { x -> Double in
        if x > 1 { throw Stop() }
        return x - 2
      }
    }
  }

  /// F(x, y) = (1 − x, 10(y − x²)) has its only zero at (1, 1); with and without the Jacobian.
  @Test func hybridSolvesRosenbrockSystem() throws {
    let f: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void = { x, f in
      f[0] = 1 - x[0]
      f[1] = 10 * (x[1] - x[0] * x[0])
    }
    let jacobian: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void = { x, j in
      j[0] = -1
      j[1] = 0
      j[2] = -20 * x[0]
      j[3] = 10
    }
    for root in [
      try hybridRoot(near: [-1.2, 1], residualTolerance: 1e-13, function: f, jacobian: jacobian),
      try hybridRoot(near: [-1.2, 1], residualTolerance: 1e-13, function: f),
    ] {
      #expect(abs(root[0] - 1) < 1e-12 && abs(root[1] - 1) < 1e-12, "\(root)")
    }
  }

  /// F(x) = 10⁷(x² − 2): round-off keeps |F| ~ 10⁷·ε ≈ 1e-9 above the residual tolerance 1e-12, so
  /// only the step criterion (|dx| < 1e-12·(1 + |x|)) can stop at √2, which it finds to ~1e-12.
  @Test func hybridStopsOnSmallStepsWhenTheResidualCannotShrink() throws {
    for jacobian in [
      { (x: UnsafeBufferPointer<Double>, j: UnsafeMutableBufferPointer<Double>) in j[0] = 2e7 * x[0] }, nil,
    ] {
      let root = try hybridRoot(near: [1], function: { x, f in f[0] = 1e7 * (x[0] * x[0] - 2) }, jacobian: jacobian)
      #expect(abs(root[0] - 2.0.squareRoot()) < 1e-11)
    }
  }

  @Test func hybridReportsNonFiniteFunction() {
    #expect(throws: GSLError.self) {
      try hybridRoot(near: [1], function: { x, f in f[0] = x[0] > 0.5 ? .nan : x[0] })
    }
  }
}
