import Foundation
import MesoCore

/// Simulates a `rate_network` whose weights follow its `HebbianDecayRule` (`parameters.plasticity`),
/// with fixed steps dt of the rule, the rates r and the weights W held over each step:
///
///     r_i ← e^{−dt/τ_i} r_i + (1 − e^{−dt/τ_i}) F(Σ_j W_ij r_j + I_i)
///     W   ← e^{−ηα dt} W + (1 − e^{−ηα dt}) r rᵀ/α                    (`OuterProductRelaxation`)
///
/// the exponential scheme of the plastic random network (first order; exact for constant rates).
/// Records `r` (B, n) and `W` (B, n², row-major) every `record_bin`; dt must divide it. Throws
/// `NumericalFailure` with the time when r becomes non-finite.
func simulateHebbian(
  _ p: RateNetworkParameters, rule: HebbianDecayRule, _ settings: RateSimulationSettings, progress: ((Double) throws -> Void)?
) throws -> Recording {
  let samples = try settings.samples()
  let n = p.tau.count, dt = rule.dt
  let stepsPerSample = try ResourceBudget.count(
    settings.recordBin / dt, of: "steps of parameters.plasticity.dt", key: "parameters.plasticity.dt", value: dt)
  let relax = rule.step, F = p.activation
  let decay = p.tau.map { exp(-dt / $0) }, gain = p.tau.map { -expm1(-dt / $0) }
  var r = p.r0, held = r, w = p.W.flatMap { $0 }
  var rates = [Double](), weights = [Double]()
  rates.reserveCapacity(samples * n)
  weights.reserveCapacity(samples * n * n)
  for k in 0..<samples {
    if k > 0 {
      for step in 0..<stepsPerSample {
        held = r
        w.withUnsafeMutableBufferPointer { w in
          held.withUnsafeBufferPointer { held in
            for i in 0..<n {
              let row = w.baseAddress! + i * n
              let h = dot(row, held.baseAddress!, n) + p.I[i]
              r[i] = decay[i] * r[i] + gain[i] * F.value(h)
              relax.apply(line: row, coefficient: held[i], vector: held.baseAddress!, count: n)
            }
          }
        }
        guard r.allSatisfy(\.isFinite) else {
          let t = (Double(k - 1) * Double(stepsPerSample) + Double(step + 1)) * dt
          throw NumericalFailure(time: t, what: "rate network with Hebbian plasticity: r is not finite")
        }
      }
    }
    rates.append(contentsOf: r)
    weights.append(contentsOf: w)
    try progress?(Double(k + 1) / Double(samples))
  }
  let times = (0..<samples).map { Double($0) * settings.recordBin }
  return Recording(
    time: times,
    traces: [
      Trace(name: "r", unit: "1", columns: n, values: rates), Trace(name: "W", unit: "1", columns: n * n, values: weights),
    ])
}
