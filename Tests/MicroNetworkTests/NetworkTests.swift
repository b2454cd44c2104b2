import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import Testing

/// A small network that exercises every path: GIF populations with and without threshold kernel, a
/// Poisson source with a time-dependent rate, sparse (fixed in-degree) and full connections, delta and
/// exponential PSCs sharing and not sharing a τ_s, STP with and without facilitation, several delays,
/// step/pulse/sine inputs, populations of more than one block (256 neurons).
func mixedNetwork(duration: Double = 1, threads: Int = 1, connectivity: MicroSettings.Connectivity = .fixedIndegree) -> NetworkModel {
  model(
    [
      gif("E", N: 600, mu: 18, vTh: 15, deltaV: 2.5, kernel: [ThresholdKernelComponent(J: 0.5, tau: 0.1)]),
      gif("I", N: 150, mu: 16, vTh: 15, deltaV: 2.5),
      .poisson(name: "X", N: 300, rate: 5),
    ],
    [
      Connection(from: "E", to: "E", J: 0.3, p: 0.1, delay: 0.001, tauS: 0.003, stp: STPParameters(U: 0.2, tauD: 0.3)),
      Connection(from: "E", to: "I", J: 0.3, p: 0.2, delay: 0.0015, tauS: 0.003),
      Connection(from: "I", to: "E", J: -1.2, p: 0.2, delay: 0.001, tauS: 0.006),
      Connection(from: "I", to: "I", J: -1.2, p: 1, delay: 0.0005, tauS: 0),
      Connection(from: "X", to: "E", J: 0.2, p: 0.05, delay: 0.002, tauS: 0.003, stp: STPParameters(U: 0.1, U0: 0.1, tauD: 0.2, tauF: 0.5)),
      Connection(from: "X", to: "I", J: 0.1, p: 1, delay: 0.0005, tauS: 0.006),
    ],
    inputs: [
      ExternalInput(to: "E", kind: .step(start: 0.3, amplitude: 4)),
      ExternalInput(to: "I", kind: .pulse(start: 0.5, width: 0.05, amplitude: 10)),
      ExternalInput(to: "X", kind: .sine(amplitude: 5, frequency: 4, phase: 0)),
    ],
    duration: duration, recordBin: 0.001,
    micro: MicroSettings(connectivity: connectivity, threads: threads, recordSpikes: true, recordMembrane: [0, 599, 700]))
}

@Suite("Network: reproducibility, threads, connectivity, refusals")
struct NetworkTests {
  @Test func sameSeedSameRecording() throws {
    var engine = try MicroscopicSimulator(model: mixedNetwork(), seed: 42)
    let first = try engine.run(progress: nil)
    let again = try engine.run(progress: nil)  // every run starts afresh
    let other = try simulate(mixedNetwork(), seed: 42)
    #expect(first == again)
    #expect(first == other)
    #expect(first != (try simulate(mixedNetwork(), seed: 43)))
  }

  /// Threads split the blocks; every sum is formed in the same order, so the results are identical bit for bit.
  @Test(arguments: [2, 3])
  func threadsGiveBitIdenticalResults(threads: Int) throws {
    let single = try simulate(mixedNetwork(), seed: 7)
    let threaded = try simulate(mixedNetwork(threads: threads), seed: 7)
    #expect(single == threaded)
    let bernoulli = try simulate(mixedNetwork(connectivity: .bernoulli), seed: 7)
    #expect(bernoulli == (try simulate(mixedNetwork(threads: threads, connectivity: .bernoulli), seed: 7)))
  }

  /// Plausible, finite activity; the recording's pieces agree with one another.
  @Test func coupledNetworkSanity() throws {
    let r = try simulate(mixedNetwork(duration: 2), seed: 1)
    let a = r["A"]!
    #expect(a.rows == 2000 && a.columns == 3)
    #expect(a.values.allSatisfy(\.isFinite) && r["input"]!.values.allSatisfy(\.isFinite))
    for column in 0..<3 {
      let rate = a.column(column)[500...].reduce(0, +) / 1500
      #expect(rate > 0.5 && rate < 100, "population \(column): \(rate) Hz")
    }
    // Poisson source: its mean rate is 5 Hz (the sine averages out over 2 s): ±3 s.e. with
    // s.e. = sqrt(rate/(N·T)) = 0.09 Hz.
    let x = a.column(2).reduce(0, +) / 2000
    #expect(abs(x - 5) < 3 * (5.0 / (300 * 2)).squareRoot())
    #expect(r["input"]!.column(2).allSatisfy { $0 == 0 })
    // Every neuron fired in step −1: nothing fires while refractory (the first 4 ms).
    #expect(a.column(0)[0..<4].allSatisfy { $0 == 0 } && a.column(1)[0..<4].allSatisfy { $0 == 0 })
    // Spike events add up to A.
    let times = r["spike_times"]!.values, ids = r["spike_ids"]!.values
    var counts = Array(repeating: 0.0, count: 2000 * 3)
    for k in times.indices {
      let id = Int(ids[k])
      counts[Int((times[k] / 0.001 + 1e-9).rounded(.down)) * 3 + (id < 600 ? 0 : id < 750 ? 1 : 2)] += 1
    }
    let sizes = [600.0, 150, 300]
    #expect(counts.indices.allSatisfy { abs(counts[$0] / (sizes[$0 % 3] * 0.001) - a.values[$0]) < 1e-9 })
    // STP means stay in [0, 1]; V_m has one column per requested neuron.
    #expect(r["stp_u"]!.values.allSatisfy { $0 >= 0 && $0 <= 1 } && r["stp_x"]!.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(r["V_m"]!.columns == 3 && r["V_m"]!.values.allSatisfy(\.isFinite))
  }

  /// Poisson sources with a time-dependent rate (5 Hz, +45 Hz from 1 s on, and a 100 Hz pulse):
  /// each neuron fires with P = 1 − exp(−rate·Δt) per step, so the count of a step is
  /// Binomial(N, P); the mean activity of each period is within 3 standard errors,
  /// s.e. = sqrt(P(1 − P)/(N·steps))/Δt.
  @Test func poissonSourcesFollowTheirRate() throws {
    let dt = 0.0005, n = 2000
    let m = model(
      [.poisson(name: "X", N: n, rate: 5)], [],
      inputs: [
        ExternalInput(to: "X", kind: .step(start: 1, amplitude: 45)),
        ExternalInput(to: "X", kind: .pulse(start: 0.5, width: 0.2, amplitude: 100)),
      ], duration: 2)
    let a = try simulate(m, seed: 8)["A"]!.column(0)
    for (range, rate) in [(0..<1000, 5.0), (1000..<1400, 105), (1400..<2000, 5), (2000..<4000, 50)] {
      let p = -expm1(-rate * dt)
      let mean = a[range].reduce(0, +) / Double(range.count)
      let error = (p * (1 - p) / Double(n * range.count)).squareRoot() / dt
      #expect(abs(mean - p / dt) < 3 * error, "\(range): \(mean) Hz, expected \(p / dt) ± \(error)")
    }
  }

  /// Fixed in-degree: every neuron has exactly round(p·N_from) distinct partners; full connections
  /// every source. Bernoulli: the synapse count is Binomial(N_from·N_to, p): within 3 standard deviations.
  @Test func connectivity() throws {
    let fixed = try MicroscopicSimulator(model: mixedNetwork(), seed: 3)
    for (c, expected) in [(0, 60), (1, 120), (2, 30), (3, 150), (4, 15), (5, 300)] {
      #expect(fixed.inDegrees(connection: c).allSatisfy { $0 == expected }, "connection \(c)")
    }
    for source in 0..<600 {
      let targets = fixed.targets(connection: 0, source: source)
      #expect(zip(targets.dropFirst(), targets).allSatisfy { $0 > $1 })  // ascending, no multapse
    }
    let bernoulli = try MicroscopicSimulator(model: mixedNetwork(connectivity: .bernoulli), seed: 3)
    for (c, nFrom, nTo, p) in [(0, 600, 600, 0.1), (1, 600, 150, 0.2), (2, 150, 600, 0.2), (4, 300, 600, 0.05)] {
      let total = Double(bernoulli.inDegrees(connection: c).reduce(0, +))
      let pairs = Double(nFrom * nTo)
      #expect(abs(total - p * pairs) < 3 * (pairs * p * (1 - p)).squareRoot(), "connection \(c): \(total) synapses")
    }
    // Mean in-degree within 3 s.e. of p·N_from, s.e. from the in-degrees' spread.
    let degrees = bernoulli.inDegrees(connection: 0).map(Double.init)
    let (mean, error) = meanAndError(degrees)
    #expect(abs(mean - 60) < 3 * error && error > 0)
    // A different seed, a different graph; the same seed, the same graph.
    let again = try MicroscopicSimulator(model: mixedNetwork(), seed: 3)
    let other = try MicroscopicSimulator(model: mixedNetwork(), seed: 4)
    #expect(again.targets(connection: 0, source: 5) == fixed.targets(connection: 0, source: 5))
    #expect((0..<600).contains { other.targets(connection: 0, source: $0) != fixed.targets(connection: 0, source: $0) })
  }

  /// Fixed in-degree below one partner per target (p·N_from = 0.75) falls back to Bernoulli: the
  /// in-degrees vary, their total is Binomial(N_from·N_to, p) (within 3 standard deviations, 450 ± 21
  /// synapses), the other connections keep their fixed in-degrees.
  @Test func fixedInDegreeBelowOnePartnerFallsBackToBernoulli() throws {
    var m = mixedNetwork()
    m.connections[2].p = 0.005
    let engine = try MicroscopicSimulator(model: m, seed: 1)
    let degrees = engine.inDegrees(connection: 2)
    let pairs = 150.0 * 600, total = Double(degrees.reduce(0, +))
    #expect(abs(total - 0.005 * pairs) < 3 * (pairs * 0.005 * 0.995).squareRoot(), "\(total) synapses")
    #expect(Set(degrees).count > 1)
    #expect(engine.inDegrees(connection: 0).allSatisfy { $0 == 60 })
  }

  @Test func refusesNetworksLargerThanMemory() throws {
    var m = mixedNetwork()
    m.populations[0].N = 2_000_000
    m.connections[0].p = 0.5  // 2·10¹² synapses
    #expect {
      try MicroscopicSimulator(model: m, seed: 1)
    } throws: { error in
      let text = (error as? ParameterError)?.description ?? ""
      return text.hasPrefix("connections[0] = 8.0 TB for 2000000000000 synapses (E -> E): must fit in memory")
        && text.contains("the limit is")
    }
  }

  @Test func refusesBadDelaysAndMembraneIds() throws {
    var m = mixedNetwork()
    m.connections[1].delay = 0.0007
    #expect {
      try MicroscopicSimulator(model: m, seed: 1)
    } throws: { error in
      (error as? ParameterError)?.description == "connections[1].delay = 0.0007: must be a whole multiple of simulation.dt = 0.0005 s"
    }
    m = mixedNetwork()
    m.connections[1].delay = 0.0002
    #expect(throws: ParameterError.self) { try MicroscopicSimulator(model: m, seed: 1) }
    m = mixedNetwork()
    m.micro.recordMembrane = [800]  // a Poisson neuron
    #expect {
      try MicroscopicSimulator(model: m, seed: 1)
    } throws: { error in
      (error as? ParameterError)?.path == "micro.record_membrane[0]"
    }
  }
}
