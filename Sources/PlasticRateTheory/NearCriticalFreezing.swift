import Foundation
import GSLBridge

/// h(u; k) of Clark & Abbott (2024), Eq. (39):
///
///     h(u; k) = (2/√3) / [ψ((√3(1 − k)(u − 1) + 3)/4) − ψ((√3(1 − k)(u − 1) + 1)/4)]
///
/// ψ the digamma function. Near the transition (g = 1 + ε) a fixed point of the halted network with
/// D = uε exists where h(u; k) = k; h increases with u ≥ 1 and h(1; k) = 2/(√3π) for every k.
public func nearCriticalFreezingFunction(u: Double, k: Double) -> Double {
  let b = 3.0.squareRoot() * (1 - k) * (u - 1)
  return 2 / 3.0.squareRoot() / (digamma((b + 3) / 4) - digamma((b + 1) / 4))
}

/// The leading-order two-replica fixed point at g = 1 + ε (Eqs. 36–39), for 2/(√3π) < k < 1:
/// D = uε with h(u; k) = k, Q(0) = √(D(D − ε)/k) (Eq. 37) and the bulk radius r = 1 − D + ε < 1, so
/// the fixed point is stable as soon as it exists: as g → 1⁺ the freezable onset is k = 2/(√3π)
/// ≈ 0.3676. nil when k ≤ 2/(√3π) or k ≥ 1 (no aligned fixed point at this order).
public func nearCriticalFreezing(epsilon: Double, k: Double) throws -> (D: Double, overlapAtHalt: Double, radius: Double)? {
  guard k > nearCriticalFreezingFunction(u: 1, k: k), k < 1 else { return nil }
  var upper = 2.0
  while nearCriticalFreezingFunction(u: upper, k: k) < k { upper *= 2 }
  let u = try brentRoot(in: 1...upper) { nearCriticalFreezingFunction(u: $0, k: k) - k }
  let d = u * epsilon
  return (d, (d * (d - epsilon) / k).squareRoot(), 1 - d + epsilon)
}
