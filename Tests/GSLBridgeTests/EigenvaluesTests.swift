import GSLBridge
import Testing

@Suite struct EigenvaluesTests {
  /// [[a, −b], [b, a]] has λ = a ± ib; listed with the positive imaginary part first.
  @Test func rotationScaling() throws {
    let lambda = try eigenvalues(ofRowMajor: [0.3, -2, 2, 0.3], dimension: 2)
    #expect(lambda.count == 2)
    #expect(abs(lambda[0].real - 0.3) < 1e-14 && abs(lambda[0].imaginary - 2) < 1e-14)
    #expect(abs(lambda[1].real - 0.3) < 1e-14 && abs(lambda[1].imaginary + 2) < 1e-14)
    #expect(abs(lambda[0].magnitude - (0.09 + 4).squareRoot()) < 1e-14)
  }

  /// Row-major, not transposed: a non-symmetric triangular matrix has its diagonal as spectrum,
  /// sorted by decreasing real part; the companion matrix of (λ − 1)(λ − 2)(λ + 3) = λ³ − 7λ + 6.
  @Test func orderingAndLayout() throws {
    let triangular = try eigenvalues(ofRowMajor: [-1, 5, 7, 0, 2, 11, 0, 0, 0.5], dimension: 3)
    #expect(triangular.map(\.real).enumerated().allSatisfy { abs($0.element - [2, 0.5, -1][$0.offset]) < 1e-13 })
    #expect(triangular.allSatisfy { $0.imaginary == 0 })
    let companion = try eigenvalues(ofRowMajor: [0, 7, -6, 1, 0, 0, 0, 1, 0], dimension: 3)
    #expect(companion.map(\.real).enumerated().allSatisfy { abs($0.element - [2, 1, -3][$0.offset]) < 1e-12 })
  }
}
