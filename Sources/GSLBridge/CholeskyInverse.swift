import CGSL

/// The inverse of a symmetric positive-definite n×n matrix given row-major, by its Cholesky factor
/// (`gsl_linalg_cholesky_decomp1`, `gsl_linalg_cholesky_invert`). Throws a `GSLError` (`GSL_EDOM`)
/// when the matrix is not positive definite.
public func choleskyInverse(ofRowMajor matrix: [Double], dimension n: Int) throws(GSLError) -> [Double] {
  precondition(n > 0 && matrix.count == n * n, "choleskyInverse: \(matrix.count) entries for a \(n)×\(n) matrix")
  _ = gslErrorHandlerOff
  var a = matrix
  let status = a.withUnsafeMutableBufferPointer { a in
    var view = gsl_matrix_view_array(a.baseAddress, n, n)
    let decomposed = gsl_linalg_cholesky_decomp1(&view.matrix)
    return decomposed == Int32(GSL_SUCCESS) ? gsl_linalg_cholesky_invert(&view.matrix) : decomposed
  }
  guard status == Int32(GSL_SUCCESS) else {
    throw GSLError(code: status, time: 0, context: "inverting a \(n)×\(n) matrix by Cholesky (not positive definite)")
  }
  return a
}
