import MesoConfig
import MesoCore
import Testing

/// A plastic connection in a configuration: its keys read, and every bad value refused with the key,
/// the value and the bound.
@Suite struct PlasticityConfigurationTests {
  static let yaml = """
    simulation: {dt: 0.1 ms, duration: 0.1 s, record_bin: 1 ms, seed: 1}
    populations:
      - {name: X, kind: poisson, N: 100, rate: 10 Hz}
      - {name: T, kind: spike_train, spike_times: [[1 ms, 2 ms], []]}
      - {name: E, neuron: lif, N: 50, tau_m: 20 ms, t_ref: 2 ms, mu: 0 mV, V_reset: 0 mV, V_th: 20 mV}
    connections:
      - {from: X, to: E, J: 0.1 mV, p: 0.1, delay: 1.5 ms, tau_s: 0, connectivity: fixed_indegree}
      - from: E
        to: E
        J: 0.1 mV
        p: 0.1
        delay: 1.5 ms
        tau_s: 0
        connectivity: bernoulli
        plasticity: {rule: pair, mu: 1, lambda: 0.01, alpha: 2.02, w_max: 0.3 mV, record: {statistics: true, samples: 3}}
    """

  @Test func keysAreRead() throws {
    guard case .network(let model) = try load(Self.yaml).model else {
      Issue.record("not a network")
      return
    }
    let rule = try #require(model.connections[1].plasticity)
    #expect(rule.kind == .pair && rule.muPlus == 1 && rule.muMinus == 1 && rule.wMax == 0.3 && rule.tauPlus == 0.02)
    #expect(rule.record.statistics && rule.record.samples == 3 && rule.record.histogramBins == 20 && rule.record.every == nil)
    // The default grid: 100 ms in 1 ms bins, capped at the run (100 bins here); an explicit interval in bins.
    #expect(rule.record.binsPerRecord(recordBin: 0.001, bins: 100) == 100)
    #expect(rule.record.binsPerRecord(recordBin: 0.001, bins: 1000) == 100)
    #expect(rule.record.binsPerRecord(recordBin: 0.03, bins: 1000) == 3)
    #expect(rule.record.binsPerRecord(recordBin: 0.3, bins: 1000) == 1)
    #expect(WeightRecording(every: 0.005).binsPerRecord(recordBin: 0.001, bins: 100) == 5)
    #expect(model.connections[0].connectivity == .fixedIndegree && model.connections[1].connectivity == .bernoulli)
    #expect(model.populations[1].N == 2)
  }

  /// Each override is refused with a problem on `path` whose text names the bound.
  @Test(arguments: [
    ("connections[1].plasticity.rule=hebb", "connections[1].plasticity.rule", "be one of pair, triplet"),
    ("connections[1].plasticity.pairing=random", "connections[1].plasticity.pairing", "be one of"),
    ("connections[1].plasticity.tau_plus=-1", "connections[1].plasticity.tau_plus", "be > 0 s"),
    ("connections[1].plasticity.tau_minus=-0.02", "connections[1].plasticity.tau_minus", "be > 0 s"),
    ("connections[1].plasticity.w_max=-1", "connections[1].plasticity.w_max", "be >= 0 mV"),
    ("connections[1].plasticity.w_min=0.5", "connections[1].plasticity.w_min", "be <= w_max"),
    ("connections[1].plasticity.mu_plus=2", "connections[1].plasticity.mu_plus", "be in [0, 1]"),
    ("connections[1].plasticity.lambda=-0.1", "connections[1].plasticity.lambda", "be >= 0"),
    ("connections[1].plasticity.record.histogram_bins=0", "connections[1].plasticity.record.histogram_bins", "be >= 1"),
    ("connections[1].connectivity=random", "connections[1].connectivity", "be one of fixed_indegree, bernoulli"),
    ("connections[1].to=X", "connections[1].plasticity", "target can spike"),
    ("populations[1].spike_times[0][1]=0.0005", "populations[1].spike_times[0][1]", "ascending"),
    ("connections[1].plasticity.record.every=0.0025", "connections[1].plasticity.record.every", "whole multiple of simulation.record_bin"),
    ("connections[1].plasticity.record.every=0", "connections[1].plasticity.record.every", "whole multiple of simulation.record_bin"),
    ("connections[1].plasticity.record.every=0.2", "connections[1].plasticity.record.every", "be <= simulation.duration"),
  ])
  func badValuesAreRefused(_ override: String, _ path: String, _ bound: String) throws {
    do {
      _ = try load(Self.yaml, overrides: [override])
      Issue.record("accepted \(override)")
    } catch let error as ConfigurationError {
      #expect(error.problems.contains { $0.path == path && $0.requirement.contains(bound) }, "\(error.problems)")
    }
  }
}
