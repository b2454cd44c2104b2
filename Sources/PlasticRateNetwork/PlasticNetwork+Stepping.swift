import Foundation
import GSLBridge
import RateModels
import MesoCore

extension PlasticNetwork {
  /// Advances by `steps` fixed steps of length `dt` with the exponential (exact for held input) scheme:
  /// φ = φ(x(t)) and u are held over the step, so
  ///
  ///     x(t+dt) = e^{−dt} x + (1 − e^{−dt}) (J + A) φ
  ///     A(t+dt) = e^{−dt/p} A + (1 − e^{−dt/p}) (k/N) u φᵀ       (only while plasticity is enabled)
  ///
  /// which is first order in dt and exact for a constant rate vector. With `clamped`, x is held at its
  /// current value (the neurons are clamped) while A keeps evolving. Throws when x becomes
  /// non-finite, naming the time.
  public func advance(steps: Int, dt: Double, clamped: Bool = false) throws(NumericalFailure) {
    precondition(dt > 0 && steps >= 0, "advance: dt must be > 0 and steps >= 0")
    let n = size
    let neuronDecay = exp(-dt), neuronGain = -expm1(-dt)
    let synapses = OuterProductRelaxation(timeConstant: parameters.p, scale: parameters.k / Double(n), dt: dt)
    let start = time
    let x = state.baseAddress!, a = state.baseAddress! + n, z = couplings.baseAddress!
    let phi = rates.baseAddress!, u = post.baseAddress!
    for step in 0..<steps {
      computeRates(from: x)
      let plastic = plasticityEnabled
      BLAS.gemvColumnMajor(rows: n, columns: n, gain, z, phi, 0, input.baseAddress!)  // g Z φ
      for j in 0..<n {
        let column = a + j * n
        BLAS.axpy(phi[j], column, input.baseAddress!, count: n)  // + A_{·j} φ_j, A at time t
        if plastic {  // A_ij ← e^{−dt/p} A_ij + (1 − e^{−dt/p}) (k/N) u_i φ_j
          synapses.apply(line: column, coefficient: phi[j], vector: u, count: n)
        }
      }
      if !clamped {
        var finite = true
        for i in 0..<n {
          x[i] = neuronDecay * x[i] + neuronGain * input[i]
          finite = finite && x[i].isFinite
        }
        guard finite else {
          time = start + Double(step + 1) * dt
          throw NumericalFailure(time: time, what: "plastic network: x is not finite (blow-up)")
        }
      }
      time = start + Double(step + 1) * dt
    }
  }

  /// Advances by `duration` with fixed steps `dt` (rounded to whole steps), calling `observe` after
  /// every `every`-th step (`every` ≥ 1) with the step index.
  public func advance(
    duration: Double, dt: Double, clamped: Bool = false, every: Int = 1, observe: (Int) -> Void = { _ in }
  ) throws(NumericalFailure) {
    let steps = Int((duration / dt).rounded())
    var done = 0
    while done < steps {
      let chunk = min(every, steps - done)
      try advance(steps: chunk, dt: dt, clamped: clamped)
      done += chunk
      observe(done)
    }
  }
}
