import Foundation
import MesoCore
import NetworkCore

/// The history window K (steps) of a population (PopulationEquations article): the largest k ≤ 20 s/Δt
/// with θ(kΔt) ≥ 0.1·ΔV, at least int(5τ_m/Δt); then K·Δt > t_ref and K > the longest outgoing
/// delay is not needed here (delays have their own lines). A set `history` overrides the rule but
/// must exceed k_ref.
func historyLength(_ p: DiscretePopulation, dt: Double, requested: Int?) throws(ParameterError) -> Int {
  if let requested {
    guard requested > p.refractorySteps else {
      throw ParameterError(
        path: "meso.history", value: Double(requested),
        requirement: "exceed the refractory period of \(p.parameters.name): k_ref = \(p.refractorySteps) steps")
    }
    return requested
  }
  let deltaV = p.parameters.deltaV
  let minimum = Int(5 * p.parameters.tauM / dt)
  var k = Int(20 / dt)
  while k > minimum && p.kernel(age: k) / deltaV < 0.1 { k -= 1 }
  if Double(k) * dt <= p.parameters.tRef { k = Int(p.parameters.tRef / dt) + 1 }
  return max(k, p.refractorySteps + 1)
}
