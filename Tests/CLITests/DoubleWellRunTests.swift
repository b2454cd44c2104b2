import Foundation
import MesoPop
import Testing

/// `model: double_well_attractor` configurations: reading, bad input, the arrays of a run.
@Suite struct DoubleWellRunTests {
  private func configuration(_ yaml: String) throws -> Configuration {
    try Configuration(document: ConfigDocument.parse(yaml, format: .yaml))
  }

  private let small = """
    model: double_well_attractor
    network: {N: 600, c: 0.5}
    synapses: {r1: 0.1, C: 2}
    protocol: {burn_in: 40, max_age: 5, test_times: 2, realizations: 2}
    sweep: {key: C, values: [0, 2]}
    simulation: {seed: 3, snr_time: 4}
    """

  @Test func runWritesSimulationAndTheory() throws {
    guard case .doubleWell(let c) = try configuration(small).model else { Issue.record("not a double-well model"); return }
    #expect(c.networks.map(\.C) == [0, 2] && c.capacityProtocol.burnIn == 40)
    let arrays = Dictionary(uniqueKeysWithValues: try DoubleWellRun.arrays(c, seed: 3).map { ($0.name, $0) })
    #expect(arrays["m_v"]?.shape == [2, 2, 2, 5] && arrays["p_sim"]?.shape == [2, 2] && arrays["snr"]?.shape == [2, 5])
    #expect(arrays["p_theory"]?.int64?.allSatisfy { $0 >= 0 } == true)
  }

  @Test func badValuesAreNamed() throws {
    let bad = small.replacingOccurrences(of: "{N: 600, c: 0.5}", with: "{N: 600, c: 0, f: 1.5}")
      .replacingOccurrences(of: "{r1: 0.1, C: 2}", with: "{r1: -0.1, C: 2, depth: 1}")
    #expect {
      _ = try configuration(bad)
    } throws: { error in
      let text = "\(error)"
      return text.contains("network.c = 0: must be in (0, 1]") && text.contains("network.f = 1.5: must be in (0, 1)")
        && text.contains("synapses.r1 = -0.1: must be >= 0") && text.contains("synapses.depth")
    }
  }

  @Test func oversizedNetworkIsRefusedBeforeAllocating() throws {
    guard case .doubleWell(let c) = try configuration(small.replacingOccurrences(of: "{N: 600, c: 0.5}", with: "{N: 5000000, c: 1}")).model
    else { return }
    #expect(throws: ParameterError.self) { _ = try DoubleWellRun.arrays(c, seed: 1) }
  }
}
