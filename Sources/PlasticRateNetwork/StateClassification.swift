import Foundation
import GSLBridge
import MesoCore

/// The dynamical state of a plastic network and what halting its synapses does (Clark & Abbott
/// 2024, Fig. 1b and Sec. VII), decided from a simulation.
public enum PlasticNetworkState: Int, CaseIterable, Sendable {
  /// x → 0: the trivial fixed point.
  case quiescent = 0
  /// A nonzero joint fixed point (x, A = (k/N) u φᵀ).
  case fixedPoint = 1
  /// Activity keeps moving; after halting A the neurons forget the halt-time state.
  case nonfreezable = 2
  /// After halting A the neurons keep a memory of the halt-time state but keep moving.
  case semifreezable = 3
  /// After halting A the neurons settle to a stable fixed point near the halt-time state.
  case freezable = 4
}

/// The measurements behind a `PlasticNetworkState`.
public struct StateMeasurement: Equatable, Sendable {
  /// The class decided from the numbers below.
  public var state: PlasticNetworkState
  /// max_i |ẋ_i| at the end of the settling run (plastic).
  public var speedBeforeHalt: Double
  /// max_i |ẋ_i| at the end of the halted run.
  public var speedAfterHalt: Double
  /// Pearson correlation of φ(x) at the end of the halted run with φ(x) at the halt time.
  public var overlap: Double
  /// Largest real part of eig(−I + W Φ′) at the end of the halted run (when computed).
  public var haltedMaxRealEigenvalue: Double?
  /// mean_i x_i² at the halt time.
  public var meanSquare: Double
}

/// Thresholds of the classification.
public struct StateCriteria: Equatable, Sendable {
  /// Speed below which the neurons are at rest.
  public var restingSpeed: Double = 1e-8
  /// mean x² below which the state is the trivial point.
  public var quiescentMeanSquare: Double = 1e-10
  /// |Overlap| above which a memory of the halt-time state is kept (the sign is free: x → −x maps
  /// solutions to solutions); default 5/√N (the overlap of two independent random patterns has
  /// s.d. 1/√N).
  public var memoryOverlap: Double?
  /// Compute eig(−I + W Φ′) of the halted network (O(N³)); without it "freezable" needs only rest.
  public var checkStability = true

  /// The defaults above.
  public init() {}
}

extension PlasticNetwork {
  /// Runs `settle` (plastic), halts A and runs `halt` more with fixed steps `dt`, and classifies:
  /// quiescent, joint fixed point, or — after halting — nonfreezable (|overlap| ≤ threshold),
  /// semifreezable (overlap above it, neurons still moving or the rest state unstable) or freezable
  /// (neurons at rest and max Re eig(−I + W Φ′) < 0). Leaves A halted.
  public func classify(settle: Double, halt: Double, dt: Double, criteria: StateCriteria = StateCriteria()) throws
    -> StateMeasurement
  {
    try advance(duration: settle, dt: dt)
    let before = speed, haltPhi = phi
    let meanSquare = x.reduce(0) { $0 + $1 * $1 } / Double(size)
    var measurement = StateMeasurement(
      state: .nonfreezable, speedBeforeHalt: before, speedAfterHalt: before, overlap: 1, haltedMaxRealEigenvalue: nil,
      meanSquare: meanSquare)
    if meanSquare < criteria.quiescentMeanSquare {
      measurement.state = .quiescent
      return measurement
    }
    if before < criteria.restingSpeed, isJointFixedPoint(tolerance: 1e-6) {
      measurement.state = .fixedPoint
      return measurement
    }
    plasticityEnabled = false
    try advance(duration: halt, dt: dt)
    measurement.speedAfterHalt = speed
    measurement.overlap = pearson(phi, haltPhi)
    let threshold = criteria.memoryOverlap ?? 5 / Double(size).squareRoot()
    var stable = true
    if criteria.checkStability {
      let top = try haltedJacobianSpectrum()[0].real
      measurement.haltedMaxRealEigenvalue = top
      stable = top < 0
    }
    if measurement.speedAfterHalt < criteria.restingSpeed, stable {
      measurement.state = .freezable
    } else if abs(measurement.overlap) > threshold {  // x → −x symmetry: the negative pattern is the same memory
      measurement.state = .semifreezable
    }
    return measurement
  }
}

/// Pearson correlation coefficient of two equally long vectors.
func pearson(_ a: [Double], _ b: [Double]) -> Double {
  let n = Double(a.count)
  let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
  var sab = 0.0, saa = 0.0, sbb = 0.0
  for (x, y) in zip(a, b) {
    sab += (x - ma) * (y - mb)
    saa += (x - ma) * (x - ma)
    sbb += (y - mb) * (y - mb)
  }
  return sab / (saa * sbb).squareRoot()
}
