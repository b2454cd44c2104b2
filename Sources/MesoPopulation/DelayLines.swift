/// The recent per-step values of every source of the network (activities and STP releases, Hz) in
/// one contiguous buffer, each read back D steps after its push. Line ℓ keeps the value pushed at
/// step s in slot s mod C_ℓ, with C_ℓ the power of two ≥ its longest delay plus `lead` steps, so a
/// reader may be up to `lead` − 1 steps behind the line's writer (threads that meet only every
/// D_min steps, `MesoscopicSimulator`) and still find the value it needs. Each line has one writer;
/// lines start on their own cache lines.
/// One allocation at build time; the step touches no allocator and no reference count.
final class DelayLines: @unchecked Sendable {
  private let values: UnsafeMutablePointer<Double>
  /// Per line: first slot in `values` and C_ℓ − 1.
  private let offsets: UnsafeMutablePointer<Int>
  private let masks: UnsafeMutablePointer<Int>
  /// Number of lines.
  let count: Int

  /// Lines for delays up to `maxDelays[ℓ]` steps, read up to `lead` ≥ 1 steps after the writer's
  /// newest push; everywhere 0 but `initial[ℓ]`, the value pushed "at step −1".
  init(maxDelays: [Int], initial: [Double], lead: Int) {
    count = maxDelays.count
    let capacities = maxDelays.map { D in 1 << (Int.bitWidth - (D + lead - 1).leadingZeroBitCount) }
    // Lines padded to whole 64-byte cache lines (8 values), so that two writers never share one.
    let padded = capacities.map { ($0 + 7) / 8 * 8 }
    let total = max(padded.reduce(0, +), 1)
    values = .allocate(capacity: total)
    values.initialize(repeating: 0, count: total)
    offsets = .allocate(capacity: max(count, 1))
    masks = .allocate(capacity: max(count, 1))
    var offset = 0
    for ℓ in 0..<count {
      offsets[ℓ] = offset
      masks[ℓ] = capacities[ℓ] - 1
      values[offset + masks[ℓ]] = initial[ℓ]
      offset += padded[ℓ]
    }
  }

  deinit {
    values.deallocate()
    offsets.deallocate()
    masks.deallocate()
  }

  /// The value of line ℓ pushed at step s (s ≥ −1; 0 before).
  @inline(__always)
  func value(line ℓ: Int, step s: Int) -> Double { values[offsets[ℓ] + (s & masks[ℓ])] }

  /// Pushes line ℓ's value of step s.
  @inline(__always)
  func push(_ value: Double, line ℓ: Int, step s: Int) { values[offsets[ℓ] + (s & masks[ℓ])] = value }
}
