// Wilson–Cowan E–I rate model just past its Hopf bifurcation (RateModels article), built in Swift:
// finds the Hopf point, simulates the limit cycle with GSL's rk8pd and writes an .npz file.
// Usage: WilsonCowanOscillation [OUT.npz]   (default notebooks-data/wilson_cowan.npz)
import Foundation
import MesoPop

let out = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "notebooks-data/wilson_cowan.npz")

// τ_E = 10 ms, τ_I = 20 ms, w_EI = w_IE = 2, w_II = 0, tanh: the origin loses stability at
// w_EE = 1 + (τ_E/τ_I)(1 + w_II) = 1.5 with angular frequency √1.75/τ_E.
let parameters = WilsonCowanParameters(
  tauE: 0.01, tauI: 0.02, wEE: 1.6, wEI: 2, wIE: 2, wII: 0, IE: 0, II: 0, activation: .tanh, rE0: 0.1, rI0: 0)
let model = WilsonCowan(try parameters.validated())

let settings = RateSimulationSettings(duration: 2, recordBin: 0.001, ode: ODEOptions(stepper: .rk8pd, absTol: 1e-9, relTol: 1e-9))
let start = Date()
let recording = try simulate(model, settings, seed: 1)
let rE = recording["r"]!.column(0).suffix(1000)  // the last second, on the limit cycle
print(String(format: "w_EE = %.2f: half peak-to-peak amplitude of r_E on the cycle %.4f", parameters.wEE, (rE.max()! - rE.min()!) / 2))

// meta.config is a configuration file: `mesopop run` on it repeats this run.
let configuration = RateModelConfiguration(name: "wilson-cowan-oscillation", model: .wilsonCowan(parameters), simulation: settings, seed: 1)
let meta = OutputMeta(config: configuration.configValue, seed: 1, level: "rate", recording: recording, wallTime: Date().timeIntervalSince(start))
try recording.write(npz: out, meta: meta.json)
print("wrote \(out.path)")
