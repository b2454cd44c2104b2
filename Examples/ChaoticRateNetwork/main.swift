// A random rate network in the chaotic regime (Sompolinsky, Crisanti & Sommers 1988;
// RateModels article): N = 500 tanh units, W_ij = g J_ij with J_ij ~ N(0, 1/N), g = 1.5, τ = 10 ms.
// Simulates 2 s, writes the trajectories to an .npz file and prints the largest Lyapunov exponent.
// Usage: ChaoticRateNetwork [OUT.npz]   (default notebooks-data/chaotic_rate_network.npz)
import Foundation
import MesoPop

let out = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "notebooks-data/chaotic_rate_network.npz")
let (units, gain, tau, seed): (Int, Double, Double, UInt64) = (500, 1.5, 0.01, 1)

let parameters = RateNetworkParameters.random(units: units, gain: gain, tau: tau, seed: seed)
let network = RateNetwork(try parameters.validated())

let start = Date()
let recording = try simulate(network, RateSimulationSettings(duration: 2, recordBin: 0.001), seed: seed)
let wall = Date().timeIntervalSince(start)

// Benettin estimate over 100 τ after a 20 τ transient; positive for g > 1 (chaos).
let lyapunov = try largestLyapunovExponent(
  of: network, from: parameters.r0, options: LyapunovOptions(transient: 20 * tau, duration: 100 * tau, interval: tau))
print(String(format: "N = %d, g = %.2f: largest Lyapunov exponent %.2f ± %.2f 1/s (%.3f ± %.3f per τ)",
             units, gain, lyapunov.exponent, lyapunov.standardError, lyapunov.exponent * tau, lyapunov.standardError * tau))

// The meta stores the generating recipe, not the 250 000 weights.
let recipe: ConfigValue = .object([
  "model": .string("rate_network"), "units": .number(Double(units)), "gain": .number(gain), "tau": .number(tau),
  "weights": .string("W_ij = gain * N(0, 1/units), W_ii = 0, from the connectivity stream of the seed"),
  "largest_lyapunov_exponent_per_s": .number(lyapunov.exponent),
])
try recording.write(npz: out, meta: OutputMeta(config: recipe, seed: seed, level: "rate", recording: recording, wallTime: wall).json)
print("wrote \(out.path)")
