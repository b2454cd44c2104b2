import Foundation
import MesoConfig
import MesoCore
import RateModels
import Testing

/// Parses YAML text into a configuration.
func load(_ yaml: String, overrides: [String] = []) throws -> Configuration {
  var document = try ConfigDocument.parse(yaml, format: .yaml)
  for o in overrides { try ConfigDocument.apply(override: o, to: &document) }
  return try Configuration(document: document)
}

@Suite struct ValidConfigurationTests {
  @Test func interfaceExampleReadsAsWritten() throws {
    guard case .network(let n) = try load(exampleNetworkYAML).model else {
      Issue.record("not a network")
      return
    }
    #expect(n.name == "up-down")
    #expect(n.simulation == SimulationSettings(dt: 0.0005, duration: 20, seed: 1, recordBin: 0.001))
    #expect(n.simulation.stepsPerBin == 2)
    #expect(n.populations[0] == Population(name: "E", N: 500, tauM: 0.02, tRef: 0.004, mu: 18, vReset: 0, vTh: 15, deltaV: 2.5, lambda0: 10, thresholdKernel: [ThresholdKernelComponent(J: 1.5, tau: 1)]))
    #expect(n.connections == [Connection(from: "E", to: "E", J: 0.3, p: 0.2, delay: 0.001, tauS: 0.003, stp: STPParameters(U: 0.2, U0: 0, tauD: 0.3, tauF: 0))])
    #expect(n.inputs.map(\.kind) == [.step(start: 1.5, amplitude: 20), .pulse(start: 2, width: 0.01, amplitude: 30), .sine(amplitude: 2, frequency: 5, phase: 0)])
    #expect(n.meso == MesoSettings(variant: .secondOrder, spikeCount: .binomial, history: nil))
    #expect(n.analysis.upDown == AnalysisSettings.UpDown(smoothing: 0.05, thetaHi: 25, thetaLo: 10))
  }

  @Test func jsonAndYAMLGiveTheSameModel() throws {
    let json = """
      {"model": "wilson_cowan", "parameters": {"tau_E": "10 ms", "tau_I": 0.02, "w_EE": 1.6, "w_EI": 2, "w_IE": 2,
       "w_II": 0, "activation": "tanh", "r0": [0.1, 0]},
       "simulation": {"duration": "1 s", "record_bin": "1ms", "solver": "rk8pd", "abs_tol": 1e-8, "rel_tol": 1e-8, "seed": 3}}
      """
    let fromJSON = try Configuration(document: try ConfigDocument.parse(json, format: .json))
    let fromYAML = try load(wilsonCowanYAML)
    guard case .rate(let a) = fromJSON.model, case .rate(let b) = fromYAML.model else {
      Issue.record("not rate models")
      return
    }
    #expect(a == b)
    #expect(a.simulation.ode.stepper == .rk8pd)
    #expect(a.seed == 3)
  }

  @Test(arguments: [
    ("20 ms", 0.02), ("0.5ms", 0.0005), ("1 s", 1.0), ("250 us", 0.00025), ("1e-3 s", 0.001),
  ])
  func timeUnitsConvertToSeconds(text: String, seconds: Double) throws {
    let c = try load(exampleNetworkYAML, overrides: ["populations[0].tau_m=\(text)"])
    guard case .network(let n) = c.model else { return }
    #expect(abs(n.populations[0].tauM - seconds) < 1e-15)
  }

  @Test func otherDimensionsConvert() throws {
    let c = try load(
      exampleNetworkYAML,
      overrides: ["populations[0].mu=0.024 V", "populations[0].lambda_0=0.01 kHz", "populations[0].threshold_kernel[0].J=1500 mV*ms"])
    guard case .network(let n) = c.model else { return }
    #expect(abs(n.populations[0].mu - 24) < 1e-12)
    #expect(abs(n.populations[0].lambda0 - 10) < 1e-12)
    #expect(abs(n.populations[0].thresholdKernel[0].J - 1.5) < 1e-12)
  }

  @Test func overridesEditNestedKeysAndCreateMissingOnes() throws {
    let c = try load(exampleNetworkYAML, overrides: ["simulation.duration=5", "populations[0].N=1000", "micro.connectivity=bernoulli", "meso.history=300"])
    guard case .network(let n) = c.model else { return }
    #expect(n.simulation.duration == 5)
    #expect(n.populations[0].N == 1000)
    #expect(n.micro.connectivity == .bernoulli)
    #expect(n.meso.history == 300)
    #expect(c.document.member("simulation")?.member("duration") == .number(5))
  }

  @Test func microSettingsReadThreadsSpikesAndMembranes() throws {
    let c = try load(exampleNetworkYAML, overrides: ["micro.threads=2", "micro.record_spikes=true", "micro.record_membrane=[0, 799]"])
    guard case .network(let n) = c.model else { return }
    #expect(n.micro == MicroSettings(connectivity: .fixedIndegree, threads: 2, recordSpikes: true, recordMembrane: [0, 799]))
    let defaults = try load(exampleNetworkYAML)
    guard case .network(let d) = defaults.model else { return }
    #expect(d.micro == MicroSettings())
    #expect(throws: ConfigurationError.self) { try load(exampleNetworkYAML, overrides: ["micro.threads=0"]) }
    #expect(throws: ConfigurationError.self) { try load(exampleNetworkYAML, overrides: ["micro.record_spikes=3"]) }
    #expect(throws: ConfigurationError.self) { try load(exampleNetworkYAML, overrides: ["micro.record_membrane=[1.5]"]) }
    // Codable: absent keys take their defaults.
    let decoded = try JSONDecoder().decode(MicroSettings.self, from: Data(#"{"connectivity": "bernoulli", "threads": 2}"#.utf8))
    #expect(decoded == MicroSettings(connectivity: .bernoulli, threads: 2))
  }

  @Test func resolvedDocumentCarriesTheSeed() throws {
    let c = try load(wilsonCowanYAML)
    #expect(c.resolvedDocument(seed: 42).member("simulation")?.member("seed") == .number(42))
  }

  @Test func rateNetworkTakesScalarOrPerUnitTau() throws {
    let base = """
      model: rate_network
      parameters: {tau: 10 ms, W: [[0, 1], [-1, 0]], activation: {kind: sigmoid, r_max: 2, beta: 4, theta: 0.5}, r0: [0.1, 0.2]}
      simulation: {duration: 0.1, record_bin: 0.001}
      """
    guard case .rate(let r) = try load(base).model, case .rateNetwork(let p) = r.model else {
      Issue.record("not a rate network")
      return
    }
    #expect(p.tau == [0.01, 0.01])
    #expect(p.I == [0, 0])
    #expect(p.activation == .sigmoid(rMax: 2, beta: 4, theta: 0.5))
    guard case .rate(let r2) = try load(base, overrides: ["parameters.tau=[0.01, 0.02]"]).model, case .rateNetwork(let p2) = r2.model else { return }
    #expect(p2.tau == [0.01, 0.02])
  }
}
