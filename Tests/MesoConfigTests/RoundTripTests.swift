import Foundation
import GSLBridge
import MesoConfig
import MesoCore
import PropertyBased
import RateModels
import SDESolvers
import Testing

/// Random valid models: every kind of population, connection, input and option the configuration
/// can express, with full-precision numbers (so that a lossy number format would show).
enum RandomModel {
  typealias RNG = any SeededRandomNumberGenerator

  static func x(_ range: ClosedRange<Double>, _ rng: inout RNG) -> Double { Double.random(in: range, using: &rng) }
  static func k(_ range: ClosedRange<Int>, _ rng: inout RNG) -> Int { Int.random(in: range, using: &rng) }
  static func coin(_ rng: inout RNG) -> Bool { Bool.random(using: &rng) }

  static let network = Generator<NetworkModel, Shrink.None<NetworkModel>>(run: { rng in
    let dt = [0.0001, 0.0005, 0.001][k(0...2, &rng)]
    let binSteps = k(1...10, &rng)  // duration ≥ record_bin: a shorter run records nothing and is refused
    let simulation = SimulationSettings(
      dt: dt, duration: Double(k(binSteps...4000, &rng)) * dt, seed: coin(&rng) ? UInt64.random(in: 0...UInt64.max, using: &rng) : nil,
      recordBin: Double(binSteps) * dt)
    var populations = (0..<k(1...3, &rng)).map { i in
      Population(
        name: "P\(i)", N: k(1...100_000, &rng), tauM: x(0.001...0.1, &rng), tRef: Double(k(0...20, &rng)) * dt,
        mu: x(-30...30, &rng), vReset: x(-10...10, &rng), vTh: x(0...30, &rng), deltaV: x(0.1...5, &rng),
        lambda0: x(0.1...100, &rng),
        thresholdKernel: (0..<k(0...2, &rng)).map { _ in ThresholdKernelComponent(J: x(-5...5, &rng), tau: x(0.001...2, &rng)) })
    }
    if coin(&rng) {
      let neuron = LIFNeuron(sigma: coin(&rng) ? 0 : x(0...10, &rng), tauA: x(0.01...2, &rng), b: coin(&rng) ? 0 : x(-1...1, &rng))
      populations.append(
        .lif(name: "L", N: k(1...1000, &rng), tauM: x(0.001...0.1, &rng), tRef: Double(k(0...20, &rng)) * dt, mu: x(-80...30, &rng),
          vReset: x(-70...0, &rng), vTh: x(1...30, &rng), neuron: neuron))
    }
    if coin(&rng) {
      let g = LIFNeuron.Conductances(
        cM: x(10...500, &rng), gL: x(1...50, &rng), eE: x(-10...10, &rng), eI: x(-90...(-60), &rng), tauE: x(0.0001...0.02, &rng),
        tauI: x(0.0001...0.02, &rng), gE0: coin(&rng) ? 0 : x(0...10, &rng), gI0: coin(&rng) ? 0 : x(0...10, &rng))
      populations.append(
        .lifCond(name: "C", N: k(1...1000, &rng), eL: x(-80...(-60), &rng), tRef: Double(k(0...20, &rng)) * dt, vReset: x(-70...(-55), &rng),
          vTh: x(-54...(-40), &rng), g: g, tauA: x(0.01...2, &rng), b: coin(&rng) ? 0 : x(-1...1, &rng)))
    }
    let gifCount = populations.count
    if coin(&rng) { populations.append(.poisson(name: "X", N: k(1...1000, &rng), rate: x(0...100, &rng))) }
    let connections = (0..<k(0...4, &rng)).map { _ in
      let to = populations[k(0...gifCount - 1, &rng)]
      return Connection(
        from: populations[k(0...populations.count - 1, &rng)].name, to: to.name, J: x(-2...2, &rng), p: x(0...1, &rng),
        delay: Double(k(1...10, &rng)) * dt, tauS: coin(&rng) || to.lif?.conductance != nil ? 0 : x(0.0001...0.01, &rng),
        stp: coin(&rng) ? STPParameters(U: x(0.01...1, &rng), U0: x(0...0.99, &rng), tauD: x(0.01...1, &rng), tauF: coin(&rng) ? 0 : x(0.01...1, &rng)) : nil)
    }
    let inputs = (0..<k(0...3, &rng)).map { _ -> ExternalInput in
      let to = populations[k(0...populations.count - 1, &rng)].name
      switch k(0...2, &rng) {
      case 0: return ExternalInput(to: to, kind: .step(start: x(0...5, &rng), amplitude: x(-20...20, &rng)))
      case 1: return ExternalInput(to: to, kind: .pulse(start: x(0...5, &rng), width: x(0.001...1, &rng), amplitude: x(-20...20, &rng)))
      default: return ExternalInput(to: to, kind: .sine(amplitude: x(0...5, &rng), frequency: x(0...50, &rng), phase: x(-3...3, &rng)))
      }
    }
    let meso = MesoSettings(
      variant: MesoSettings.Variant.allCases.randomElement(using: &rng)!, spikeCount: MesoSettings.SpikeCount.allCases.randomElement(using: &rng)!,
      history: coin(&rng) ? nil : k(1...5000, &rng), hazard: MesoSettings.Hazard.allCases.randomElement(using: &rng)!)
    let micro = MicroSettings(
      connectivity: MicroSettings.Connectivity.allCases.filter { $0 != .oneToOne }.randomElement(using: &rng)!, threads: k(1...8, &rng), recordSpikes: coin(&rng),
      recordMembrane: (0..<k(0...3, &rng)).map { _ in k(0...50, &rng) })
    let analysis = AnalysisSettings(
      upDown: coin(&rng) ? AnalysisSettings.UpDown(smoothing: x(0.001...0.1, &rng), thetaHi: coin(&rng) ? x(10...40, &rng) : nil, thetaLo: coin(&rng) ? x(1...10, &rng) : nil) : nil,
      populationSpikes: coin(&rng) ? AnalysisSettings.PopulationSpikes(smoothing: x(0.001...0.1, &rng), threshold: coin(&rng) ? x(1...50, &rng) : nil) : nil,
      transient: coin(&rng) ? x(0...0.9 * simulation.duration, &rng) : nil)
    return NetworkModel(
      name: coin(&rng) ? "" : "model \(k(0...99, &rng)): \"quoted\"", simulation: simulation, populations: populations, connections: connections,
      inputs: inputs, meso: meso, micro: micro, analysis: analysis)
  })

  static func activation(_ rng: inout RNG) -> Activation {
    [.tanh, .relu, .linear, .sigmoid(rMax: x(0.1...5, &rng), beta: x(0.1...10, &rng), theta: x(-2...2, &rng))][k(0...3, &rng)]
  }

  static let rate = Generator<RateModelConfiguration, Shrink.None<RateModelConfiguration>>(run: { rng in
    let n = k(1...4, &rng)
    func vector(_ range: ClosedRange<Double>, _ rng: inout RNG) -> [Double] { (0..<n).map { _ in x(range, &rng) } }
    func matrix(_ rng: inout RNG) -> [[Double]] { (0..<n).map { _ in vector(-2...2, &rng) } }
    let spec: RateModelSpec
    switch k(0...4, &rng) {
    case 0:
      spec = .rateNetwork(RateNetworkParameters(tau: vector(0.001...0.1, &rng), W: matrix(&rng), I: vector(-1...1, &rng), activation: activation(&rng), r0: vector(-1...1, &rng)))
    case 1:
      spec = .wilsonCowan(
        WilsonCowanParameters(
          tauE: x(0.001...0.1, &rng), tauI: x(0.001...0.1, &rng), wEE: x(0...3, &rng), wEI: x(0...3, &rng), wIE: x(0...3, &rng), wII: x(0...3, &rng),
          IE: x(-1...1, &rng), II: x(-1...1, &rng), activation: activation(&rng), rE0: x(0...1, &rng), rI0: x(0...1, &rng)))
    case 2:
      spec = .wilsonCowan1972(
        WilsonCowan1972Parameters(
          c1: x(0...20, &rng), c2: x(0...20, &rng), c3: x(0...20, &rng), c4: x(0...20, &rng), aE: x(0.1...2, &rng), thetaE: x(0...5, &rng),
          aI: x(0.1...2, &rng), thetaI: x(0...5, &rng), rE: x(0...1, &rng), rI: x(0...1, &rng), P: x(0...2, &rng), Q: x(0...2, &rng),
          tau: x(0.001...0.1, &rng), E0: x(0...0.5, &rng), I0: x(0...0.5, &rng)))
    case 3:
      spec = .ctrnn(CTRNNParameters(tau: vector(0.001...0.1, &rng), W: matrix(&rng), theta: vector(-2...2, &rng), I: vector(-1...1, &rng), y0: vector(-1...1, &rng)))
    default:
      spec = .winnerTakeAll(WinnerTakeAllParameters(tau: x(0.001...0.1, &rng), w: x(0...3, &rng), I: vector(0...2, &rng), r0: vector(0...1, &rng)))
    }
    let bin = x(0.0001...0.01, &rng)
    let simulation = RateSimulationSettings(
      duration: x(0.1...10, &rng), recordBin: bin,
      ode: ODEOptions(stepper: ODEStepper.allCases.randomElement(using: &rng)!, absTol: x(1e-12...1e-3, &rng), relTol: x(1e-12...1e-3, &rng)),
      noise: coin(&rng) ? .init(sigma: x(0.001...1, &rng), scheme: SDEScheme.allCases.randomElement(using: &rng)!, dt: bin / Double(k(1...10, &rng))) : nil)
    return RateModelConfiguration(name: coin(&rng) ? "" : "rate \(k(0...9, &rng))", model: spec, simulation: simulation, seed: coin(&rng) ? UInt64.random(in: 0...UInt64.max, using: &rng) : nil)
  })
}

/// A model written as a configuration (tree, YAML text, JSON text) reads back to an equal value.
@Suite struct RoundTripTests {
  /// Reads the tree back directly, and through YAML and JSON text.
  func reloaded(_ document: ConfigValue) throws -> [Configuration] {
    try [
      Configuration(document: document),
      Configuration(document: ConfigDocument.parse(document.yamlString(), format: .yaml)),
      Configuration(document: ConfigDocument.parse(document.jsonString(), format: .json)),
    ]
  }

  /// Expects `document`, read back directly and through YAML and JSON text, to give `model` again.
  func expectRoundTrip<Model: Equatable>(_ model: Model, _ document: ConfigValue, _ extract: (Configuration.Model) -> Model?) {
    do {
      for configuration in try reloaded(document) { #expect(extract(configuration.model) == model) }
    } catch { Issue.record("\(error)\n\(document.yamlString())") }
  }

  @Test func networkModelsRoundTrip() async {
    await propertyCheck(count: 200, input: RandomModel.network) { model in
      #expect(model.problems().isEmpty, "the generator makes valid models: \(model.problems())")
      expectRoundTrip(model, model.configValue) { if case .network(let back) = $0 { back } else { nil } }
    }
  }

  @Test func rateModelsRoundTrip() async {
    await propertyCheck(count: 200, input: RandomModel.rate) { model in
      expectRoundTrip(model, model.configValue) { if case .rate(let back) = $0 { back } else { nil } }
    }
  }

  /// Every example configuration survives read → encode → read unchanged.
  @Test func exampleConfigurationsRoundTrip() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples/configs").standardized
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
    #expect(files.count >= 9)
    for file in files {
      let configuration = try Configuration.load(path: folder.appendingPathComponent(file).path)
      switch configuration.model {
      case .network(let model):
        guard case .network(let back) = try Configuration(network: model).model else { throw ConfigurationError(problems: []) }
        #expect(back == model, "\(file)")
      case .rate(let model):
        guard case .rate(let back) = try Configuration(rate: model).model else { throw ConfigurationError(problems: []) }
        #expect(back == model, "\(file)")
      case .doubleWell, .plasticRateNetwork, .stdpMemory:
        // Outputs of these kinds store their resolved document; no value encoder exists for them.
        continue
      }
    }
  }
}
