import CGSL

/// A complex number λ = real + i·imaginary, as returned by the eigenvalue solver.
public struct Eigenvalue: Hashable, Sendable, CustomStringConvertible {
  /// Re λ.
  public var real: Double
  /// Im λ.
  public var imaginary: Double

  /// λ = real + i·imaginary (a real number by default).
  public init(real: Double, imaginary: Double = 0) {
    self.real = real
    self.imaginary = imaginary
  }

  /// |λ|.
  public var magnitude: Double { gsl_hypot(real, imaginary) }

  public var description: String {
    imaginary < 0 ? "\(real) - \(-imaginary)i" : "\(real) + \(imaginary)i"
  }
}

/// Eigenvalues of a real n×n matrix given row-major (`matrix[i * n + j]` = A_ij), by GSL's
/// `gsl_eigen_nonsymm` (balancing, Hessenberg reduction, Francis double-shift QR).
/// Sorted by decreasing real part; of a complex-conjugate pair the one with positive imaginary part comes first.
public func eigenvalues(ofRowMajor matrix: [Double], dimension n: Int) throws(GSLError) -> [Eigenvalue] {
  precondition(n > 0 && matrix.count == n * n, "eigenvalues: \(matrix.count) entries for a \(n)×\(n) matrix")
  _ = gslErrorHandlerOff
  guard let workspace = gsl_eigen_nonsymm_alloc(n) else {
    throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the eigenvalue workspace (n = \(n))")
  }
  defer { gsl_eigen_nonsymm_free(workspace) }
  gsl_eigen_nonsymm_params(0, 1, workspace)  // eigenvalues only (no Schur form), with balancing
  var a = matrix  // overwritten by GSL
  var values = [Double](repeating: 0, count: 2 * n)  // interleaved (re, im)
  let status = a.withUnsafeMutableBufferPointer { a in
    values.withUnsafeMutableBufferPointer { v in
      var aView = gsl_matrix_view_array(a.baseAddress, n, n)
      var vView = gsl_vector_complex_view_array(v.baseAddress, n)
      return gsl_eigen_nonsymm(&aView.matrix, &vView.vector, workspace)
    }
  }
  guard status == Int32(GSL_SUCCESS) else {
    throw GSLError(code: status, time: 0, context: "eigenvalues of a \(n)×\(n) matrix")
  }
  return (0..<n).map { Eigenvalue(real: values[2 * $0], imaginary: values[2 * $0 + 1]) }
    .sorted { ($0.real, $0.imaginary) > ($1.real, $1.imaginary) }
}

/// Eigenvalues and orthonormal eigenvectors of a real symmetric n×n matrix given row-major, by GSL's
/// `gsl_eigen_symmv` (tridiagonal reduction, implicit QL): pairs (λ_k, v_k), A v_k = λ_k v_k, sorted
/// by decreasing λ; only the lower triangle is read.
public func symmetricEigenpairs(ofRowMajor matrix: [Double], dimension n: Int) throws(GSLError) -> [(value: Double, vector: [Double])] {
  precondition(n > 0 && matrix.count == n * n, "symmetricEigenpairs: \(matrix.count) entries for a \(n)×\(n) matrix")
  _ = gslErrorHandlerOff
  guard let workspace = gsl_eigen_symmv_alloc(n) else {
    throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the symmetric eigen workspace (n = \(n))")
  }
  defer { gsl_eigen_symmv_free(workspace) }
  var a = matrix  // overwritten by GSL
  var values = [Double](repeating: 0, count: n), vectors = [Double](repeating: 0, count: n * n)
  let status = a.withUnsafeMutableBufferPointer { a in
    values.withUnsafeMutableBufferPointer { v in
      vectors.withUnsafeMutableBufferPointer { w in
        var aView = gsl_matrix_view_array(a.baseAddress, n, n)
        var vView = gsl_vector_view_array(v.baseAddress, n)
        var wView = gsl_matrix_view_array(w.baseAddress, n, n)
        return gsl_eigen_symmv(&aView.matrix, &vView.vector, &wView.matrix, workspace)
      }
    }
  }
  guard status == Int32(GSL_SUCCESS) else {
    throw GSLError(code: status, time: 0, context: "eigenvectors of a symmetric \(n)×\(n) matrix")
  }
  // Column k of the row-major eigenvector matrix is v_k.
  return (0..<n).map { k in (values[k], (0..<n).map { vectors[$0 * n + k] }) }.sorted { $0.value > $1.value }
}
