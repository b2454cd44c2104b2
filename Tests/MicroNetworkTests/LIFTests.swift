import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import NeuronTheory
import Testing

/// Brunel's units (spec §5.6.2): voltages relative to rest, τ_m = 20 ms, θ = 20 mV, V_r = 10 mV, t_ref = 2 ms.
func brunelLIF(_ name: String = "L", N: Int, mu: Double, sigma: Double = 0, tauA: Double = 0.2, b: Double = 0, bridge: Bool = true) -> Population {
  var neuron = LIFNeuron(sigma: sigma, tauA: tauA, b: b)
  neuron.bridgeCorrection = bridge
  return .lif(name: name, N: N, tauM: 0.02, tRef: 0.002, mu: mu, vReset: 10, vTh: 20, neuron: neuron)
}

/// Spike counts of neurons 0 ..< N in [t0, duration) from the spike events.
func spikeCounts(_ r: Recording, neurons: Int, from t0: Double) -> [Double] {
  var counts = Array(repeating: 0.0, count: neurons)
  let times = r["spike_times"]!.values, ids = r["spike_ids"]!.values
  for k in times.indices where times[k] >= t0 - 1e-12 && Int(ids[k]) < neurons { counts[Int(ids[k])] += 1 }
  return counts
}

/// The reference neuron of the theory (τ_m = 20 ms, θ = 20 mV, V_r = 10 mV, t_ref = 2 ms).
let brunelTheory = LIFTheoryParameters()

@Suite("LIF neurons: exact propagators, noise, conductances, adaptation")
struct LIFTests {
  /// Without noise the free membrane is μ + (V_r − μ)e^{−t/τ_m} exactly on the grid, and a neuron
  /// fires in the first step whose end is past the threshold crossing: inter-spike interval
  /// (k_ref + ⌈T_free/Δt⌉)·Δt with T_free = τ_m ln((μ − V_r)/(μ − θ)). Checked to 1e-9 relative (only
  /// rounding differs), and the grid period against the continuous one within one step.
  @Test func deterministicPeriodAndTrajectoryAreExact() throws {
    let dt = 0.0001
    let m = model(
      [brunelLIF(N: 1, mu: 25)], duration: 0.2, dt: dt, micro: MicroSettings(recordSpikes: true, recordMembrane: [0]))
    let r = try simulate(m, seed: 1)
    let freeTime = 0.02 * log(15.0 / 5), period = 0.002 + (freeTime / dt).rounded(.up) * dt
    let times = r["spike_times"]!.values
    try #require(times.count >= 5)
    for k in 1..<times.count { #expect(abs((times[k] - times[k - 1]) / period - 1) < 1e-9, "ISI \(k)") }
    #expect(abs(times[0] - ((freeTime / dt).rounded(.up) - 1) * dt) < 1e-9 * period, "first spike from V_reset at t = 0")
    let rate = deterministicLIFRate(mu: 25, neuron: brunelTheory)
    #expect(abs(rate - 41.7149) < 1e-4)
    #expect(abs(1 / period - rate) <= rate * dt / period)
    // V after step l (record_bin = dt): 25 − 15 e^{−(l + 1)Δt/τ_m} before the first spike.
    let v = r["V_m"]!.values
    let firstSpike = Int((times[0] / dt).rounded())
    for l in 0..<firstSpike {
      let exact = 25 - 15 * exp(-Double(l + 1) * dt / 0.02)
      #expect(abs(v[l] / exact - 1) < 1e-12, "step \(l)")
    }
    // Refractory: V stays at V_reset for k_ref = 20 steps after the spike.
    #expect(v[(firstSpike + 1)...(firstSpike + 20)].allSatisfy { $0 == 10 })
  }

  /// Delta synapses (agreed semantics): a spike of step s through a delay of D steps adds J at the end
  /// of step s + D's propagation, before the threshold test (NEST iaf_psc_delta order), and input
  /// arriving during the refractory period is discarded. Sparse (per-neuron delay line) and full
  /// (shared line) connections alike.
  @Test(arguments: [1.0, 0.5])
  func deltaJumpsAreAddedAfterThePropagationAndDiscardedWhileRefractory(p: Double) throws {
    let dt = 0.0001, delay = 0.0015
    // Source: a deterministic LIF (first spike at step 219, then every 240 steps); target at rest 0.
    let source = brunelLIF("S", N: 2, mu: 25)
    let target = Population.lif(name: "T", N: 1, tauM: 0.02, tRef: 0.002, mu: 0, vReset: 0, vTh: 20)
    let m = model(
      [source, target], [Connection(from: "S", to: "T", J: 0.7, p: p, delay: delay, tauS: 0)], duration: 0.03, dt: dt,
      micro: MicroSettings(recordSpikes: true, recordMembrane: [2]))
    let r = try simulate(m, seed: 2)
    let v = r["V_m"]!.values
    let arrival = 219 + 15, inDegree = p == 1 ? 2.0 : 1.0
    #expect(v[..<arrival].allSatisfy { $0 == 0 })
    #expect(abs(v[arrival] - 0.7 * inDegree) < 1e-15)
    #expect(abs(v[arrival + 10] - 0.7 * inDegree * exp(-10 * dt / 0.02)) < 1e-14)

    // A target that fires in step 0 (V_reset just below V_th) and is then refractory for 300 steps
    // discards the spikes arriving at step 234: V stays at V_reset.
    let busy = Population.lif(name: "T", N: 1, tauM: 0.02, tRef: 0.03, mu: 0, vReset: -5, vTh: -4.99999)
    let r2 = try simulate(
      model(
        [source, busy], [Connection(from: "S", to: "T", J: 0.7, p: p, delay: delay, tauS: 0)], duration: 0.03, dt: dt,
        micro: MicroSettings(recordMembrane: [2])), seed: 2)
    #expect(r2["V_m"]!.values.allSatisfy { $0 == -5 })
  }

  /// A given spike train through a depressing Tsodyks–Markram synapse: the jump at the arrival of
  /// spike k is J·U·x_k⁻ with x₁⁻ = 1 and x_{k+1}⁻ = 1 − (1 − (1 − U)x_k⁻)e^{−(s_{k+1} − s_k)Δt/τ_D}
  /// (spikes at steps 2, 3, 10; U 0.5, τ_D 10 ms, delay 2 steps; a leak-free target, τ_m 10⁶ s).
  @Test func spikeTrainsReleaseThroughShortTermPlasticity() throws {
    let dt = 0.0005, U = 0.5, tauD = 0.01, J = 2.0, steps = [2, 3, 10]
    let source = Population.spikeTrains(name: "S", times: [steps.map { Double($0) * dt }])
    let target = Population.lif(name: "T", N: 1, tauM: 1e6, tRef: 0, mu: 0, vReset: 0, vTh: 1e6)
    let c = Connection(from: "S", to: "T", J: J, p: 1, delay: 2 * dt, tauS: 0, stp: STPParameters(U: U, tauD: tauD))
    let v = try simulate(model([source, target], [c], duration: 20 * dt, dt: dt, micro: MicroSettings(recordMembrane: [1])), seed: 1)["V_m"]!.values
    var x = 1.0, expected = [Double]()
    for (k, s) in steps.enumerated() {
      if k > 0 { x = 1 - (1 - x) * exp(-Double(s - steps[k - 1]) * dt / tauD) }
      expected.append(J * U * x)
      x -= U * x
    }
    let decay = exp(-dt / 1e6)
    for (k, s) in steps.enumerated() {
      #expect(abs(v[s + 2] - decay * v[s + 1] - expected[k]) < 1e-12, "spike \(k)")
    }
  }

  /// The free membrane with white noise is an Ornstein–Uhlenbeck process; the exact update
  /// V ← μ + (V − μ)E_m + σ√((1 − E_m²)/2)·z has stationary variance σ²/2 at any step (spec §5.6.5),
  /// where Euler–Maruyama would give σ²/(2 − Δt/τ_m): 11 % more at the coarse Δt = 4 ms used here.
  /// 1 000 neurons sampled every 200 ms (10 τ_m, independent) over 2.2 s: 11 000 samples, s.e. of
  /// the variance σ²/2·√(2/n) = 1.35 %; tolerance 4 s.e.
  @Test func noiseHasTheStationaryVarianceOfTheOUProcess() throws {
    let dt = 0.004, sigma = 4.0, n = 1000
    let p = Population.lif(name: "L", N: n, tauM: 0.02, tRef: 0, mu: 0, vReset: 0, vTh: 1e6, neuron: LIFNeuron(sigma: sigma))
    let r = try simulate(model([p], duration: 2.2, dt: dt, micro: MicroSettings(recordMembrane: Array(0..<n))), seed: 5)
    let v = r["V_m"]!
    var samples = [Double]()
    for l in stride(from: 49, to: v.rows, by: 50) { samples += v.values[(l * n)..<((l + 1) * n)] }
    let variance = samples.reduce(0) { $0 + $1 * $1 } / Double(samples.count)
    let se = sigma * sigma / 2 * (2 / Double(samples.count)).squareRoot()
    #expect(samples.count == 11000)
    #expect(abs(variance - sigma * sigma / 2) < 4 * se, "variance \(variance), expected \(sigma * sigma / 2) ± \(se)")
  }

  /// The rows of the Siegert reference table with σ ≥ 2 mV: (μ, σ) (mV), with the simulated duration
  /// that gives a standard error small enough to see the uncorrected scheme's bias.
  static let siegertRows: [(mu: Double, sigma: Double, duration: Double)] = [(10, 5, 5), (15, 5, 2), (20, 5, 2), (25, 5, 2), (15, 2, 10)]

  /// z-score of the simulated rate of 1 000 independent noisy LIF neurons (Δt = 0.1 ms) against the
  /// Siegert rate: counts per neuron after a 0.2 s transient (10 τ_m from V_reset); the s.e. is the
  /// standard deviation of the counts across neurons over √N, divided by the counting time.
  static func siegertZ(row: Int, bridge: Bool, seed: UInt64) throws -> (rate: Double, z: Double) {
    let (mu, sigma, duration) = siegertRows[row]
    let rate = siegertRate(mu: mu, sigma: sigma, neuron: brunelTheory).rate
    let n = 1000, t0 = 0.2
    let m = model([brunelLIF(N: n, mu: mu, sigma: sigma, bridge: bridge)], duration: duration, dt: 0.0001, recordBin: 0.01, micro: MicroSettings(recordSpikes: true))
    let counts = spikeCounts(try simulate(m, seed: seed), neurons: n, from: t0)
    let (mean, error) = meanAndError(counts)
    let simulated = mean / (duration - t0), se = error / (duration - t0)
    return (simulated, (simulated - rate) / se)
  }

  /// With the Brownian-bridge correction the rates agree with the Siegert formula within 4 s.e. at
  /// every row with σ ≥ 2 mV.
  @Test(arguments: 0..<5)
  func noisyRateMatchesSiegert(row: Int) throws {
    let (rate, z) = try Self.siegertZ(row: row, bridge: true, seed: 11)
    #expect(abs(z) < 4, "row \(Self.siegertRows[row]): simulated \(rate) Hz, z = \(z)")
  }

  /// Without it, crossings between grid points are missed (an O(√Δt) bias): the same test fails,
  /// with the simulated rate too low (seed 11: z = −10, −9, −13, −19, −7 at the five rows; the three
  /// cheapest are run).
  @Test(arguments: [0, 2, 3])
  func uncorrectedSchemeFailsTheSiegertTest(row: Int) throws {
    let (rate, z) = try Self.siegertZ(row: row, bridge: false, seed: 11)
    #expect(z < -4, "row \(Self.siegertRows[row]): simulated \(rate) Hz, z = \(z)")
  }

  /// Constant conductances (spec §5.6.3): g_E = 5 nS on the defaults gives V_∞ = −46.667 mV,
  /// τ_eff = 13.333 ms and ν = 48.819 Hz. On the grid the period is t_ref + ⌈T_free/Δt⌉Δt exactly
  /// (1e-9 relative); at Δt = 1 µs the rate is 48.819 Hz to the table's 5 digits.
  @Test func conductancePeriodIsExact() throws {
    let g = LIFNeuron.Conductances(gE0: 5)
    let freeTime = conductanceLIFPeriod(gE: 5, gI: 0, neuron: ConductanceLIFTheoryParameters()) - 0.002
    #expect(abs(1 / (0.002 + freeTime) - 48.819) < 5e-4)
    for dt in [0.0001, 0.000001] {
      let m = model([.lifCond(name: "C", N: 1, g: g)], duration: 0.1, dt: dt, recordBin: 0.01, micro: MicroSettings(recordSpikes: true))
      let times = try simulate(m, seed: 1)["spike_times"]!.values
      let period = 0.002 + (freeTime / dt).rounded(.up) * dt
      try #require(times.count >= 4)
      for k in 1..<times.count { #expect(abs((times[k] - times[k - 1]) / period - 1) < 1e-9, "dt \(dt), ISI \(k)") }
      if dt < 1e-5 { #expect(abs(1 / period - 48.819) < 5e-3) }
    }
  }

  /// Spike-triggered adaptation (spec §5.6.4): μ = 30 mV, b = 0.2 mV·s, τ_a = 2 s. The rate solves
  /// ν = f(μ − bν) with f the deterministic LIF rate: 33.486 Hz. Simulated at Δt = 0.02 ms after
  /// 10 s (5 τ_a) over 10 s: within 0.5 % (no sampling error; what is left is the ripple of a over an
  /// ISI, the finite τ_a, and the grid).
  @Test func adaptedRateIsSelfConsistent() throws {
    let theory = try adaptedLIFRate(drive: 30, b: 0.2, neuron: brunelTheory)
    #expect(abs(theory - 33.486) < 1e-3)
    let m = model([brunelLIF(N: 1, mu: 30, tauA: 2, b: 0.2)], duration: 20, dt: 0.00002, recordBin: 0.01, micro: MicroSettings(recordSpikes: true))
    let counts = spikeCounts(try simulate(m, seed: 1), neurons: 1, from: 10)
    let rate = counts[0] / 10
    #expect(abs(rate / theory - 1) < 0.005, "simulated \(rate) Hz, theory \(theory) Hz")
  }

  /// A network of every kind of LIF population and synapse (noise, adaptation, conductances, delta and
  /// exponential synapses, sparse and full connections, STP, several blocks per population).
  static func mixedLIFNetwork(threads: Int) -> NetworkModel {
    model(
      [
        .poisson(name: "X", N: 600, rate: 20),
        brunelLIF("E", N: 700, mu: 12, sigma: 3, tauA: 0.1, b: 0.05),
        .lifCond(name: "C", N: 300, g: .init(tauE: 0.002, tauI: 0.005), b: 0.02),
      ],
      [
        Connection(from: "X", to: "E", J: 0.4, p: 0.1, delay: 0.001, tauS: 0),
        Connection(from: "E", to: "E", J: 0.2, p: 0.1, delay: 0.0015, tauS: 0.003, stp: STPParameters(U: 0.3, tauD: 0.2)),
        Connection(from: "C", to: "E", J: -0.01, p: 1, delay: 0.001, tauS: 0),
        Connection(from: "X", to: "C", J: 2, p: 0.2, delay: 0.001, tauS: 0),
        Connection(from: "E", to: "C", J: 1, p: 1, delay: 0.002, tauS: 0),
        Connection(from: "C", to: "C", J: -3, p: 0.1, delay: 0.001, tauS: 0),
      ], duration: 0.5, dt: 0.0001, recordBin: 0.001,
      micro: MicroSettings(threads: threads, recordSpikes: true, recordMembrane: [600, 1300, 1599]))
  }

  @Test func sameSeedSameRecordingAndThreadsAreBitIdentical() throws {
    let single = try simulate(Self.mixedLIFNetwork(threads: 1), seed: 3)
    #expect(single == (try simulate(Self.mixedLIFNetwork(threads: 1), seed: 3)))
    #expect(single != (try simulate(Self.mixedLIFNetwork(threads: 1), seed: 4)))
    for threads in [2, 3] { #expect(single == (try simulate(Self.mixedLIFNetwork(threads: threads), seed: 3)), "threads \(threads)") }
    let a = single["A"]!
    for column in 1..<3 {
      let rate = a.column(column)[100...].reduce(0, +) / 400

      #expect(rate > 1 && rate < 200, "population \(column): \(rate) Hz")
    }
  }
}
