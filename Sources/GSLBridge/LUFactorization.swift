import CGSL

/// The LU factorisation with partial pivoting of a general n×n matrix (`gsl_linalg_LU_decomp`),
/// kept to solve A y = b for several right-hand sides (`gsl_linalg_LU_solve`).
public struct LUFactorization {
  private let factors: [Double]
  private let permutation: [Int]
  /// n.
  public let dimension: Int

  /// Factorises the row-major n×n `matrix`; throws a `GSLError` (`GSL_EDOM`) when it is singular.
  public init(rowMajor matrix: [Double], dimension n: Int) throws(GSLError) {
    precondition(n > 0 && matrix.count == n * n, "LUFactorization: \(matrix.count) entries for a \(n)×\(n) matrix")
    _ = gslErrorHandlerOff
    var a = matrix, perm = [Int](repeating: 0, count: n)
    var signum: Int32 = 0
    let status = a.withUnsafeMutableBufferPointer { a in
      perm.withUnsafeMutableBufferPointer { perm in
        var view = gsl_matrix_view_array(a.baseAddress, n, n)
        var p = gsl_permutation(size: n, data: perm.baseAddress)
        return gsl_linalg_LU_decomp(&view.matrix, &p, &signum)
      }
    }
    (factors, permutation, dimension) = (a, perm, n)
    let singular = (0..<n).contains { a[$0 * n + $0] == 0 }
    guard status == Int32(GSL_SUCCESS), !singular else {
      throw GSLError(code: Int32(GSL_EDOM), time: 0, context: "LU factorisation of a singular \(n)×\(n) matrix")
    }
  }

  /// y with A y = b.
  public func solve(_ b: [Double]) throws(GSLError) -> [Double] {
    precondition(b.count == dimension, "LUFactorization.solve: \(b.count) entries for dimension \(dimension)")
    var f = factors, perm = permutation, rhs = b, y = [Double](repeating: 0, count: dimension)
    let n = dimension
    let status = f.withUnsafeMutableBufferPointer { a in
      perm.withUnsafeMutableBufferPointer { pp in
        rhs.withUnsafeMutableBufferPointer { bb in
          y.withUnsafeMutableBufferPointer { yy in
            var view = gsl_matrix_view_array(a.baseAddress, n, n)
            var p = gsl_permutation(size: n, data: pp.baseAddress)
            var bv = gsl_vector_view_array(bb.baseAddress, n)
            var yv = gsl_vector_view_array(yy.baseAddress, n)
            return gsl_linalg_LU_solve(&view.matrix, &p, &bv.vector, &yv.vector)
          }
        }
      }
    }
    guard status == Int32(GSL_SUCCESS) else { throw GSLError(code: status, time: 0, context: "LU solve (\(n)×\(n))") }
    return y
  }
}
