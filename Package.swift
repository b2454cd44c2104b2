// swift-tools-version:6.0
// MesoPop — mesoscopic population dynamics of spiking networks, with the GNU Scientific Library underneath.
import PackageDescription

// MARK: - Public API

let products: [Product] = [
  .library(name: "MesoPop", targets: ["MesoPop"]),
  .executable(name: "mesopop", targets: ["mesopop"]),
  // The C interface (`libMesoPopC.so`) that the Python package loads.
  .library(name: "MesoPopC", type: .dynamic, targets: ["MesoPopC"]),
]

// MARK: - Implementation details

let gsl = Target.systemLibrary(
  name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"]), .brew(["gsl"])])

let targets: [Target] = [
  gsl,
  // Value types and protocols shared by every engine: seeds, systems, recordings. No GSL.
  .target(name: "MesoCore"),
  // The only module that sees GSL: ODE driver, random streams, variates.
  .target(name: "GSLBridge", dependencies: ["CGSL", "MesoCore"]),
  // Euler–Maruyama, Milstein, stochastic Heun on GSL random streams.
  .target(name: "SDESolvers", dependencies: ["MesoCore", "GSLBridge"]),
  // Rate network, Wilson–Cowan, CTRNN, winner-take-all; Lyapunov exponents.
  .target(name: "RateModels", dependencies: ["MesoCore", "GSLBridge", "SDESolvers"]),
  // Clark & Abbott (2024): the plastic random rate network, its DMFT, Jacobians, Lyapunov spectra, freezing.
  .target(name: "PlasticRateNetwork", dependencies: ["MesoCore", "GSLBridge", "RateModels"]),
  // Its theory (pure functions of g, k, p): single-site DMFT, fixed points, spectra, freezing.
  .target(name: "PlasticRateTheory", dependencies: ["MesoCore", "GSLBridge"]),
  // The network model discretised on the time grid, and the exact per-step propagators that the
  // microscopic and mesoscopic engines share (synaptic filter, escape rate, STP, inputs, recording).
  .target(name: "NetworkCore", dependencies: ["MesoCore"]),
  // Every neuron and synapse: GIF escape-noise neurons, delays, Tsodyks–Markram STP.
  .target(name: "MicroNetwork", dependencies: ["NetworkCore", "GSLBridge", "MicroKernels"]),
  // The microscopic engine's per-step neuron loops in C, compiled for AVX-512, AVX2 and baseline
  // x86-64 with the best chosen at load time (Swift has no per-function target features); no FMA
  // contraction, so every version gives bit-identical results. Seen by MicroNetwork and, for its
  // learning step, DoubleWellAttractor.
  .target(name: "MicroKernels"),
  // Population equations (Schwalger, Deger & Gerstner 2017) with finite-size noise.
  .target(name: "MesoPopulation", dependencies: ["NetworkCore", "GSLBridge", "MesoKernels"]),
  // Its per-bin sweep in C, built for AVX-512/AVX2/baseline x86-64 (chosen at load time).
  .target(name: "MesoKernels"),
  // Fitting the population equations to observed spike counts: teacher-forced likelihood, maximum
  // likelihood with GSL's minimisers, observed-Fisher intervals (René, Longtin & Macke 2020).
  .target(name: "MesoFit", dependencies: ["MesoCore", "NetworkCore", "MesoPopulation", "MesoConfig", "GSLBridge"]),
  // `.npz` output, written atomically.
  .target(
    name: "MesoIO",
    dependencies: ["MesoCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
  // YAML/JSON configurations with units, overrides and validation.
  .target(
    name: "MesoConfig",
    dependencies: [
      "MesoCore", "RateModels", "DoubleWellAttractor", "PlasticRateNetwork", "STDPMemory", .product(name: "Yams", package: "Yams"),
    ]),
  // Rates of LIF neurons (Siegert with white noise, deterministic, conductance-based, adapted) and the
  // mean drifts of pair and triplet STDP for Poisson trains: pure functions the tests and theories share.
  .target(name: "NeuronTheory", dependencies: ["MesoCore", "GSLBridge"]),
  // Stubenrauch et al. (2025): parameters and theory of stochastic STDP synapses learning associations
  // (drift/diffusion with spike-time correlations, Fokker–Planck, four-population memory theory, capacity).
  .target(name: "STDPMemory", dependencies: ["MesoCore", "GSLBridge", "NeuronTheory"]),
  // Feng & Brunel's attractor network with double-well synapses: simulator and mean-field theory.
  .target(name: "DoubleWellAttractor", dependencies: ["MesoCore", "GSLBridge", "MicroKernels"]),
  // Statistics of any Recording (engines, NEST, user data): rates, PSD, Up/Down, population spikes.
  .target(name: "Analysis", dependencies: ["MesoCore", "GSLBridge"]),
  // Stubenrauch et al.'s STDP experiments on the microscopic engine: single synapse, Kramers–Moyal estimates.
  .target(name: "STDPMemorySimulation", dependencies: ["MesoCore", "GSLBridge", "MicroNetwork", "STDPMemory"]),
  // Umbrella: `import MesoPop` brings the whole library.
  .target(
    name: "MesoPop",
    dependencies: [
      "MesoCore", "GSLBridge", "SDESolvers", "RateModels", "NetworkCore", "MicroNetwork", "MesoPopulation", "MesoIO",
      "MesoConfig", "Analysis", "DoubleWellAttractor", "PlasticRateNetwork", "PlasticRateTheory",
      "NeuronTheory", "STDPMemory", "STDPMemorySimulation", "MesoFit",
    ]),
  // `@_cdecl` functions over configurations, runs, comparisons and analyses (Python's ctypes).
  .target(name: "MesoPopC", dependencies: ["MesoPop"]),
  // The command line: the only user of ArgumentParser.
  .executableTarget(
    name: "mesopop",
    dependencies: ["MesoPop", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
]

// MARK: - Examples

let examples: [Target] = ["WilsonCowanOscillation", "ChaoticRateNetwork"].map {
  .executableTarget(name: $0, dependencies: ["MesoPop"], path: "Examples/\($0)")
}

// MARK: - Fuzzing

// The hostile-input suite `.ci/run` runs against the release binary (Fuzz/README.md).
let fuzz: [Target] = [.executableTarget(name: "mesopop-fuzz", dependencies: ["MesoPop"], path: "Fuzz", exclude: ["README.md"])]

// MARK: - Tests

let tests: [Target] = [
  .testTarget(name: "GSLBridgeTests", dependencies: ["GSLBridge"]),
  .testTarget(name: "SDESolversTests", dependencies: ["SDESolvers", "GSLBridge"]),
  .testTarget(name: "RateModelsTests", dependencies: ["RateModels", "GSLBridge"]),
  .testTarget(
    name: "PlasticRateNetworkTests",
    dependencies: ["PlasticRateNetwork", "PlasticRateTheory", "RateModels", "GSLBridge", "MesoConfig"]),
  .testTarget(name: "NetworkCoreTests", dependencies: ["NetworkCore"]),
  .testTarget(name: "MicroNetworkTests", dependencies: ["MicroNetwork", "NetworkCore", "NeuronTheory"]),
  .testTarget(
    name: "MesoPopulationTests", dependencies: ["MesoPopulation", "MesoKernels", "MicroNetwork", "NetworkCore", "Analysis"]),
  .testTarget(name: "MesoIOTests", dependencies: ["MesoIO"]),
  .testTarget(
    name: "MesoConfigTests", dependencies: ["MesoConfig", .product(name: "PropertyBased", package: "swift-property-based")]),
  .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "GSLBridge"]),
  .testTarget(name: "CLITests", dependencies: ["MesoPop"]),
  .testTarget(name: "MesoFitTests", dependencies: ["MesoFit", "MesoPop"]),
  .testTarget(name: "DoubleWellAttractorTests", dependencies: ["DoubleWellAttractor", "GSLBridge", "MesoCore"]),
  .testTarget(name: "NeuronTheoryTests", dependencies: ["NeuronTheory", "GSLBridge", "MesoCore"]),
  .testTarget(name: "STDPMemoryTests", dependencies: ["STDPMemory", "NeuronTheory", "GSLBridge", "MesoCore", "MesoConfig"]),
  .testTarget(name: "STDPMemorySimulationTests", dependencies: ["STDPMemorySimulation", "STDPMemory", "MicroNetwork", "GSLBridge", "MesoCore"]),
]

let package = Package(
  name: "MesoPop",
  platforms: [.macOS(.v14)],
  products: products,
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    // Tests only: random valid models for the configuration round trip.
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // `swift package generate-documentation` (DocC).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: targets + examples + fuzz + tests
)
