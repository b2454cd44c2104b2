import Foundation
import GSLBridge
import MesoConfig
import MesoCore
import RateModels
import SDESolvers
import Testing

/// The configuration reference cannot drift from the decoder: every key the readers ask for is a row
/// of a `| key | unit | default | bound | meaning |` table in some article of a DocC catalogue, and
/// every row of the reference article is a key the readers ask for.
@Suite struct ConfigurationReferenceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

  /// Documents that take every branch of the readers: both population kinds, STP, the three input
  /// kinds, every optional mapping, each rate model with a sigmoid mapping and noise, and the examples.
  static func probeDocuments() throws -> [ConfigValue] {
    let gif = Population(name: "E", N: 10, tauM: 0.02, tRef: 0.002, mu: 10, vReset: 0, vTh: 15, deltaV: 2, lambda0: 10, thresholdKernel: [.init(J: 1, tau: 0.1)])
    let network = NetworkModel(
      simulation: SimulationSettings(dt: 0.001, duration: 1, seed: 1, recordBin: 0.001),
      populations: [gif, .poisson(name: "X", N: 10, rate: 5), .spikeTrains(name: "S", times: [[0.1]])],
      connections: [
        Connection(from: "X", to: "E", J: 1, delay: 0.001, tauS: 0.003, stp: STPParameters(U: 0.2, tauD: 0.3, tauF: 0.1)),
        Connection(
          from: "E", to: "E", J: 1, delay: 0.001, tauS: 0, plasticity: STDPRule(kind: .pair, wMax: 2, record: WeightRecording(statistics: true)),
          connectivity: .bernoulli),
        Connection(from: "S", to: "E", J: 1, delay: 0.001, tauS: 0, plasticity: STDPRule(kind: .triplet, wMax: 2)),
      ],
      inputs: [
        ExternalInput(to: "E", kind: .step(start: 0, amplitude: 1)), ExternalInput(to: "E", kind: .pulse(start: 0, width: 1, amplitude: 1)),
        ExternalInput(to: "E", kind: .sine(amplitude: 1, frequency: 1, phase: 0)),
      ],
      analysis: AnalysisSettings(upDown: .init(thetaHi: 2, thetaLo: 1), populationSpikes: .init(threshold: 3), transient: 0.1))
    let sigmoid = Activation.sigmoid(rMax: 1, beta: 1, theta: 0)
    let simulation = RateSimulationSettings(duration: 1, recordBin: 0.01, noise: .init(sigma: 0.1))
    let rates: [RateModelSpec] = [
      .rateNetwork(RateNetworkParameters(tau: [0.01], W: [[0]], I: [0], activation: sigmoid, r0: [0])),
      .wilsonCowan(WilsonCowanParameters(activation: sigmoid)), .wilsonCowan1972(WilsonCowan1972Parameters()),
      .ctrnn(CTRNNParameters(tau: [0.01], W: [[0]], theta: [0], I: [0], y0: [0])), .winnerTakeAll(WinnerTakeAllParameters()),
    ]
    let examples = root.appendingPathComponent("Examples/configs")
    let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
    let hebbian = RateModelSpec.rateNetwork(
      RateNetworkParameters(tau: [0.01], W: [[0]], I: [0], r0: [0], plasticity: HebbianDecayRule(eta: 1, alpha: 1, dt: 0.001)))
    let plastic = RateModelConfiguration(model: hebbian, simulation: RateSimulationSettings(duration: 1, recordBin: 0.01), seed: 1)
    return try [network.configValue, plastic.configValue]
      + rates.map { RateModelConfiguration(model: $0, simulation: simulation, seed: 1).configValue }
      + files.map { try ConfigDocument.load(path: examples.appendingPathComponent($0).path) }
  }

  /// The key cells of every `| key | unit | default | bound | meaning |` table in `text`, backticks removed.
  static func documentedKeys(in text: String) -> Set<String> {
    var keys = Set<String>(), inTable = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard line.trimmingCharacters(in: .whitespaces).hasPrefix("|"), cells.count > 2 else {
        inTable = false
        continue
      }
      if cells.dropFirst().prefix(5).map({ $0.lowercased() }) == ["key", "unit", "default", "bound", "meaning"] {
        inTable = true
      } else if inTable, !cells[1].hasPrefix("-") {
        keys.insert(cells[1].replacingOccurrences(of: "`", with: ""))
      }
    }
    return keys
  }

  /// Every article of every DocC catalogue under Sources/, by file name.
  static func articles() throws -> [String: String] {
    var found = [String: String]()
    let sources = root.appendingPathComponent("Sources")
    for case let path as String in FileManager.default.enumerator(atPath: sources.path)! where path.contains(".docc/") && path.hasSuffix(".md") {
      found[path] = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
    }
    return found
  }

  @Test func everyKeyTheReadersKnowIsDocumented() throws {
    let read = try Self.probeDocuments().reduce(into: Set<String>()) { $0.formUnion(Configuration.keysRead(from: $1)) }
    #expect(read.count > 80, "the probes reach every reader")
    let documented = try Self.articles().values.reduce(into: Set<String>()) { $0.formUnion(Self.documentedKeys(in: $1)) }
    let missing = read.subtracting(documented).sorted()
    #expect(missing.isEmpty, "undocumented keys; add a row | `key` | unit | default | bound | meaning | to an article: \(missing)")
  }

  @Test func everyKeyOfTheReferenceIsRead() throws {
    let read = try Self.probeDocuments().reduce(into: Set<String>()) { $0.formUnion(Configuration.keysRead(from: $1)) }
    let reference = try #require(try Self.articles().first { $0.key.hasSuffix("ConfigurationReference.md") }?.value)
    let stale = Self.documentedKeys(in: reference).subtracting(read).sorted()
    #expect(stale.isEmpty, "documented keys that no reader asks for: \(stale)")
  }
}
