import CGSL

/// Level-1 and level-2 BLAS on contiguous double-precision buffers, through GSL's CBLAS
/// (`libgslcblas`). Matrices are row-major with leading dimension equal to their column count.
/// No allocation, no checks beyond preconditions on the counts: these are the inner loops of the
/// dense network models.
public enum BLAS {
  /// Σ_j a_j x_j over n entries (`cblas_ddot`).
  @inline(__always)
  public static func dot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, count n: Int) -> Double {
    cblas_ddot(Int32(n), a, 1, x, 1)
  }

  /// y ← α x + y over n entries (`cblas_daxpy`).
  @inline(__always)
  public static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int) {
    cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
  }

  /// y ← x over n entries (`cblas_dcopy`).
  @inline(__always)
  public static func copy(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int) {
    cblas_dcopy(Int32(n), x, 1, y, 1)
  }

  /// x ← α x over n entries (`cblas_dscal`).
  @inline(__always)
  public static func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count n: Int) {
    cblas_dscal(Int32(n), alpha, x, 1)
  }

  /// y ← α M x + β y for the m×n matrix M stored column-major (`cblas_dgemv`, `CblasColMajor`):
  /// y accumulates α x_j times column j, one contiguous column at a time (no reduction chain).
  @inline(__always)
  public static func gemvColumnMajor(
    rows m: Int, columns n: Int, _ alpha: Double, _ matrix: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
    _ beta: Double, _ y: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(m), Int32(n), alpha, matrix, Int32(m), x, 1, beta, y, 1)
  }

  /// C ← α op(A) op(B) + β C for row-major matrices (`cblas_dgemm`, `CblasRowMajor`): op(A) is m×k
  /// (A itself k×m when `transposeA`), op(B) is k×n (B itself n×k when `transposeB`), C is m×n.
  @inline(__always)
  public static func gemm(
    rows m: Int, columns n: Int, inner k: Int, _ alpha: Double, _ a: UnsafePointer<Double>, transposeA: Bool = false,
    _ b: UnsafePointer<Double>, transposeB: Bool = false, _ beta: Double, _ c: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k),
      alpha, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
  }
}
