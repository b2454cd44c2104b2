/// The recent per-step values of every source of the network (activities and STP releases, Hz) in
/// one contiguous buffer, each read back D steps after its push. Line ℓ holds its last
/// `capacity(ℓ)` values in a ring; `push(_:line:)` at step l, `value(line:delay:)` at step l + D.
/// One allocation at build time; the step touches no allocator and no reference count.
final class DelayLines {
  private let values: UnsafeMutablePointer<Double>
  /// Per line: first slot in `values`, number of slots (its longest delay), slot of the newest value.
  private let offsets: UnsafeMutablePointer<Int>
  private let capacities: UnsafeMutablePointer<Int>
  private let newest: UnsafeMutablePointer<Int>
  /// Number of lines.
  let count: Int

  /// Lines long enough for delays up to `maxDelays[ℓ]` steps, initially `initial[ℓ]` (everywhere 0
  /// but the value pushed "at step −1", which arrives at step D − 1).
  init(maxDelays: [Int], initial: [Double]) {
    count = maxDelays.count
    let total = maxDelays.reduce(0, +)
    values = .allocate(capacity: max(total, 1))
    values.initialize(repeating: 0, count: max(total, 1))
    offsets = .allocate(capacity: max(count, 1))
    capacities = .allocate(capacity: max(count, 1))
    newest = .allocate(capacity: max(count, 1))
    var offset = 0
    for (ℓ, D) in maxDelays.enumerated() {
      offsets[ℓ] = offset
      capacities[ℓ] = D
      newest[ℓ] = D - 1
      values[offset + D - 1] = initial[ℓ]
      offset += D
    }
  }

  deinit {
    values.deallocate()
    offsets.deallocate()
    capacities.deallocate()
    newest.deallocate()
  }

  /// The value of line ℓ pushed D ≥ 1 pushes ago (before the push of the current step).
  @inline(__always)
  func value(line ℓ: Int, delay D: Int) -> Double {
    var i = newest[ℓ] - (D - 1)
    if i < 0 { i += capacities[ℓ] }
    return values[offsets[ℓ] + i]
  }

  @inline(__always)
  func push(_ value: Double, line ℓ: Int) {
    var i = newest[ℓ] + 1
    if i == capacities[ℓ] { i = 0 }
    newest[ℓ] = i
    values[offsets[ℓ] + i] = value
  }
}
