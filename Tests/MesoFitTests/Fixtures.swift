import Foundation
import MesoPop

/// A network model from YAML text.
func networkModel(_ yaml: String, _ overrides: [String: ConfigValue] = [:]) throws -> NetworkModel {
  var tree = try ConfigDocument.parse(yaml, format: .yaml)
  for (key, value) in overrides { tree = try tree.setting(value, at: key) }
  guard case .network(let model) = try Configuration(document: tree).model else { fatalError("not a network") }
  return model
}

/// Two GIF populations E–I (small, fast), with one STP connection when `stp` is given as a variant.
func eiNetwork(duration: Double = 0.3, dt: Double = 0.001, stp: String? = nil) -> String {
  let stpText = stp.map { "\n  - {from: E, to: I, J: 0.4 mV, p: 0.2, delay: 1 ms, tau_s: 3 ms, stp: {U: 0.2, tau_D: 0.3 s}}\nmeso: {variant: \($0)}" } ?? ""
  return """
    simulation: {dt: \(dt), duration: \(duration), record_bin: \(dt), seed: 7}
    populations:
      - {name: E, N: 400, tau_m: 20 ms, t_ref: 4 ms, mu: 20 mV, V_reset: 0 mV, V_th: 15 mV, Delta_V: 2.5 mV, lambda_0: 10 Hz, threshold_kernel: [{J: 1 mV*s, tau: 0.1 s}]}
      - {name: I, N: 100, tau_m: 10 ms, t_ref: 4 ms, mu: 20 mV, V_reset: 0 mV, V_th: 15 mV, Delta_V: 2.5 mV, lambda_0: 10 Hz}
    connections:
      - {from: E, to: E, J: 0.3 mV, p: 0.2, delay: 1 ms, tau_s: 3 ms}
      - {from: I, to: E, J: -1.5 mV, p: 0.2, delay: 1 ms, tau_s: 6 ms}
      - {from: I, to: I, J: -1.5 mV, p: 0.2, delay: 1 ms, tau_s: 6 ms}
    """ + (stpText.isEmpty ? "\n  - {from: E, to: I, J: 0.3 mV, p: 0.2, delay: 1 ms, tau_s: 3 ms}" : stpText)
}

/// A free mesoscopic run of `model` recorded at every step.
func mesoRecording(_ model: NetworkModel, seed: UInt64) throws -> Recording {
  try simulate(model: model, level: .meso, seed: seed)
}
