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

  /// The resource budget: a theory-only run (`simulation.simulate: false`) allocates no synaptic
  /// matrix, however large N; a simulated one counts the largest matrix of the sweep (8 bytes per
  /// synapse) and is refused under a smaller `MemoryLimit`, naming `network.N`.
  @Test func resourceBudgetOfTheoryAndSimulation() throws {
    let huge = small.replacingOccurrences(of: "{N: 600, c: 0.5}", with: "{N: 3000000, c: 0.5}")
    let theory = try configuration(huge.replacingOccurrences(of: "snr_time: 4}", with: "snr_time: 4, simulate: false}"))
    #expect(try resources(theory, level: nil).totalBytes == 0)
    let simulated = try configuration(small.replacingOccurrences(of: "{key: C, values: [0, 2]}", with: "{key: N, values: [300, 600]}"))
    let bytes = try resources(simulated, level: nil).totalBytes
    // 600·599·0.5 synapses + 6 s.d., 8 bytes each, 601 row offsets, and max_age + 1 = 6 patterns of 600 Float32.
    let synapses = 600.0 * 599 * 0.5
    #expect(abs(Double(bytes) - 8 * (synapses + 6 * (synapses * 0.5).squareRoot()) - 8 * 601 - 6 * 600 * 4) < 16)
    do {
      try resources(simulated, level: nil).check(against: MemoryLimit(bytes: bytes - 1, source: "test"))
      Issue.record("a budget above the limit passed")
    } catch { #expect((error as? ParameterError)?.path == "network.N") }
  }

  /// `network.f_log_factor` sets f = k ln(N)/N at every N of a sweep, and the Amit–Fusi defaults
  /// I₁ = 2C, I₂ = −f(1 − f) follow each sweep point; both keys together, or a k giving f ≥ 1, are refused.
  @Test func sparseCodingLevelAndAmitFusiDefaults() throws {
    let sparse = """
      model: double_well_attractor
      network: {N: 1500, c: 1, f_log_factor: 4}
      synapses: {r1: 0.5, C: 1, rule: amit_fusi}
      sweep: {key: N, values: [1000, 1500]}
      """
    guard case .doubleWell(let c) = try configuration(sparse).model else { Issue.record("not a double-well model"); return }
    for p in c.networks {
      let f = 4 * log(Double(p.N)) / Double(p.N)
      #expect(p.f == f && p.rule == .amitFusi(i1: 2, i2: -f * (1 - f)), "N = \(p.N)")
    }
    let swept = sparse.replacingOccurrences(of: "{key: N, values: [1000, 1500]}", with: "{key: C, values: [1, 3]}")
    guard case .doubleWell(let d) = try configuration(swept).model else { return }
    #expect(d.networks.map(\.rule) == [1.0, 3].map { LearningRule.amitFusi(i1: 2 * $0, i2: -d.parameters.f * (1 - d.parameters.f)) })
    for (bad, text) in [
      (sparse.replacingOccurrences(of: "f_log_factor: 4", with: "f_log_factor: 4, f: 0.1"), "network.f_log_factor = 4: must not be given together with network.f"),
      (sparse.replacingOccurrences(of: "f_log_factor: 4", with: "f_log_factor: 400"), "network.f_log_factor = 400: must give f = k ln(N)/N in (0, 1)"),
    ] {
      #expect { _ = try configuration(bad) } throws: { "\($0)".contains(text) }
    }
  }

  /// `mesopop bench` of a double-well configuration prints one JSON line; its counts follow from
  /// the protocol: burn-in 300 + (2 − 1) test intervals of 5 = 305 presentations, and the synaptic
  /// updates are N(N − 1)c × presentations (a sweep visits only the columns of the flipped neurons).
  @Test func benchCountsPresentationsAndSweeps() throws {
    let r = try CLI.run([
      "bench", CLI.config("double_well_capacity.yaml"), "--set", "network.N=2000", "--set", "protocol.max_age=5", "--set", "simulation.threads=2",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(object["level"] as? String == "double_well_attractor" && object["presentations"] as? Double == 305)
    let synapses = 2000.0 * 1999 * 0.05, sweeps = try #require(object["retrieval_sweeps"] as? Double)
    #expect(object["synapses"] as? Double == synapses && sweeps >= 10)
    #expect(abs((object["synaptic_updates"] as? Double ?? 0) - synapses * 305) < 1)
  }
}
