/// A square matrix stored flattened row-major (`values[i * n + j]`) for the hot loops of the
/// network models: contiguous rows, no allocation per product.
struct DenseMatrix: Sendable {
  let size: Int
  let values: [Double]

  /// From validated rows (n rows of n entries).
  init(rows: [[Double]]) {
    let n = rows.count
    precondition(rows.allSatisfy { $0.count == n }, "matrix rows must all have \(n) entries")
    size = n
    values = rows.flatMap { $0 }
  }

  /// Calls `body` with the matrix entries (row-major).
  @inline(__always)
  func withEntries<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R { values.withUnsafeBufferPointer(body) }
}

/// Σ_j a[j]·x[j] over n entries, accumulated in SIMD lanes (8 entries per iteration).
@inline(__always)
func dot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var s0 = SIMD4<Double>()
  var s1 = SIMD4<Double>()
  var j = 0
  while j + 8 <= n {
    s0 += lanes(a, j) * lanes(x, j)
    s1 += lanes(a, j + 4) * lanes(x, j + 4)
    j += 8
  }
  var s = (s0 + s1).sum()
  while j < n {
    s += a[j] * x[j]
    j += 1
  }
  return s
}

/// (Σ_j a[j]·x[j], Σ_j a[j]·v[j]) in one pass over a: the state and tangent products of one row.
@inline(__always)
func dot2(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ n: Int) -> (
  Double, Double
) {
  var s0 = SIMD4<Double>()
  var s1 = SIMD4<Double>()
  var t0 = SIMD4<Double>()
  var t1 = SIMD4<Double>()
  var j = 0
  while j + 8 <= n {
    let a0 = lanes(a, j)
    let a1 = lanes(a, j + 4)
    s0 += a0 * lanes(x, j)
    s1 += a1 * lanes(x, j + 4)
    t0 += a0 * lanes(v, j)
    t1 += a1 * lanes(v, j + 4)
    j += 8
  }
  var s = (s0 + s1).sum()
  var t = (t0 + t1).sum()
  while j < n {
    s += a[j] * x[j]
    t += a[j] * v[j]
    j += 1
  }
  return (s, t)
}

/// p[j..<j+4] as one SIMD value.
@inline(__always)
private func lanes(_ p: UnsafePointer<Double>, _ j: Int) -> SIMD4<Double> {
  UnsafeRawPointer(p + j).loadUnaligned(as: SIMD4<Double>.self)
}
