import Foundation
import MesoCore
import NetworkCore

/// The history window K (steps) of a population (PopulationEquations article): the largest k ≤ 20 s/Δt
/// with θ(kΔt) ≥ 0.1·ΔV, at least int(5τ_m/Δt); then K·Δt > t_ref and K > the longest outgoing
/// delay is not needed here (delays have their own lines). A set `history` overrides the rule but
/// must exceed k_ref.
///
/// Every conversion to a step count is checked: a population whose τ_m, t_ref or Δt would give more
/// than `ResourceBudget.maxCount` steps is refused with the key that causes it. The search starts at
/// the age beyond which no component can reach 0.1·ΔV (|J_r/τ_r|·e^{−aΔt/τ_r} < 0.1·ΔV/R for each of
/// the R components), so that it costs O(K), not O(20 s/Δt), and at most about 10⁶ evaluations.
func historyLength(_ p: DiscretePopulation, index: Int, dt: Double, requested: Int?) throws(ParameterError) -> Int {
  if let requested {
    guard requested > p.refractorySteps else {
      throw ParameterError(
        path: "meso.history", value: Double(requested),
        requirement: "exceed the refractory period of \(p.parameters.name): k_ref = \(p.refractorySteps) steps")
    }
    return requested
  }
  let deltaV = p.parameters.deltaV
  let minimum = try ResourceBudget.count(
    5 * p.parameters.tauM / dt, of: "history steps (5·tau_m/simulation.dt)", key: "populations[\(index)].tau_m",
    value: p.parameters.tauM, rule: .towardZero)
  let longest = try ResourceBudget.count(20 / dt, of: "history steps (20 s/simulation.dt)", key: "simulation.dt", value: dt, rule: .towardZero)
  let components = Double(p.kernelJump.count)
  let reach = zip(p.kernelJump, p.parameters.thresholdKernel).map { jump, component in
    (component.tau / dt * log(components * abs(jump) / (0.1 * deltaV))).rounded(.up) + 1
  }.max() ?? 0
  let start = reach < Double(longest) ? max(Int(max(reach, 0)), minimum) : longest
  func negligible(_ k: Int) -> Bool { p.kernel(age: k) / deltaV < 0.1 }
  // Coarse, then unit steps: the same k as a unit-step scan from the top whenever start − minimum
  // < 10⁶ steps; longer ranges (Δt ≲ 1 µs, histories the memory check refuses) cost 10⁶ evaluations.
  let stride = max(1, (start - minimum) / 1_000_000)
  var k = start
  while k - stride >= minimum && negligible(k) { k -= stride }
  if stride > 1 {
    var j = min(start, k + stride - 1)
    while j > k && negligible(j) { j -= 1 }
    k = j
  }
  while k > minimum && negligible(k) { k -= 1 }
  if Double(k) * dt <= p.parameters.tRef { k = p.refractorySteps + 1 }
  return max(k, p.refractorySteps + 1)
}
