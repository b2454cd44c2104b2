import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import Testing

/// An uncoupled population without threshold kernel is a renewal process with an exact discrete
/// ISI law (`RenewalTheory`, MicroscopicModel article). `refractoryShift` moves t_ref by whole steps:
/// the known-wrong variants the tests must reject.
func renewal(_ p: Population, dt: Double, refractoryShift: Int = 0) -> (rate: Double, pmf: [Double]) {
  var shifted = p
  shifted.tRef += Double(refractoryShift) * dt
  let model = NetworkModel(simulation: SimulationSettings(dt: dt, duration: 1, recordBin: dt), populations: [shifted])
  let theory = RenewalTheory(population: try! DiscreteNetwork(model).populations[0], drive: p.mu, dt: dt)
  return (theory.rate, [0] + theory.intervalDistribution)  // pmf[m]: interval of m steps
}

@Suite("Uncoupled population against renewal theory")
struct RenewalTests {
  static let dt = 0.0005
  static let population = gif("P", N: 1000)
  static let duration = 50.0

  static let recording: Recording = {
    let m = model([population], duration: duration, micro: MicroSettings(recordSpikes: true))
    return try! simulate(m, seed: 20_240_611)
  }()

  /// Stationary rate within 3 standard errors. The s.e. comes from the spread of the neurons' own
  /// rates over [1 s, 50 s) (independent neurons): ≈ 0.008 Hz here, while an off-by-one error in the
  /// refractory period (one step of 0.5 ms in a mean ISI of ≈ 82 ms) moves the theory by 0.074 Hz
  /// (k_ref + 1) or 0.075 Hz (k_ref − 1), ≈ 9 s.e. — checked below: the test cannot pass with that mistake.
  @Test func stationaryRate() {
    let theory = renewal(Self.population, dt: Self.dt)
    let t0 = 1.0
    let trains = spikeSteps(Self.recording, neurons: Self.population.N, dt: Self.dt)
    let rates = trains.map { train in Double(train.filter { Double($0) * Self.dt >= t0 }.count) / (Self.duration - t0) }
    let (mean, error) = meanAndError(rates)
    let expected = theory.rate
    #expect(abs(mean - expected) < 3 * error, "rate \(mean) ± \(error) Hz, theory \(expected) Hz")
    print("renewal rate: simulated \(mean) ± \(error) Hz, theory \(expected) Hz")
    #expect(expected > 12 && expected < 13)  // Validation article: 12.2 Hz

    // Known-wrong variants are many standard errors away.
    for shift in [-1, 1] {
      let wrong = renewal(Self.population, dt: Self.dt, refractoryShift: shift).rate
      #expect(abs(mean - wrong) > 4 * error, "refractory shift \(shift): \(wrong) Hz is only \(abs(mean - wrong) / error) s.e. away")
      print("renewal rate: refractory shift \(shift) gives \(wrong) Hz, \(abs(mean - wrong) / error) s.e. away")
    }
    // The recorded activity A is the same count.
    let bins = Self.recording["A"]!.column(0)
    let fromA = bins[Int(t0 / Self.dt)...].reduce(0, +) / Double(bins.count - Int(t0 / Self.dt))
    #expect(abs(fromA - mean) < 1e-9 * mean)
  }

  /// ISI distribution by a χ² test at the 0.1 % level (the whole-distribution counterpart of
  /// "3 standard errors": z = 3.09). Every ISI counts, the first one from the initial spike at step −1
  /// too (the initial condition is "just fired", so all ISIs are independent draws from f). Bins of
  /// 10 steps (5 ms) are merged in the tail until each expects ≥ 5 intervals.
  @Test func interspikeIntervalDistribution() {
    let theory = renewal(Self.population, dt: Self.dt)
    let trains = spikeSteps(Self.recording, neurons: Self.population.N, dt: Self.dt)
    var histogram = [Int: Int]()
    var total = 0
    for train in trains {
      var previous = -1
      for step in train {
        histogram[step - previous, default: 0] += 1
        previous = step
        total += 1
      }
    }
    #expect(total > 200_000)

    func chiSquare(_ pmf: [Double]) -> (statistic: Double, df: Int) {
      // The last interval that could be observed is bounded by the run; its truncation is < 1e-9 here.
      var observed: [Double] = [], expected: [Double] = []
      var o = 0.0, e = 0.0
      let maxInterval = max(pmf.count, (histogram.keys.max() ?? 0) + 1)
      for m in 1..<maxInterval {
        o += Double(histogram[m] ?? 0)
        e += Double(total) * (m < pmf.count ? pmf[m] : 0)
        if m % 10 == 0 && e >= 5 {
          observed.append(o)
          expected.append(e)
          o = 0
          e = 0
        }
      }
      // Tail into the last bin.
      observed[observed.count - 1] += o
      expected[expected.count - 1] += e
      let statistic = zip(observed, expected).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) / $1.1 }
      return (statistic, observed.count - 1)
    }
    let (statistic, df) = chiSquare(theory.pmf)
    let bound = chiSquareQuantile(df: df, z: 3.09)
    #expect(statistic < bound, "χ² = \(statistic) with \(df) degrees of freedom (0.1 % bound \(bound))")
    // The same test rejects the off-by-one refractory periods.
    for shift in [-1, 1] {
      let wrong = chiSquare(renewal(Self.population, dt: Self.dt, refractoryShift: shift).pmf)
      #expect(wrong.statistic > chiSquareQuantile(df: wrong.df, z: 3.09), "shift \(shift): χ² = \(wrong.statistic), \(wrong.df) df")
      print("renewal ISI: χ² \(statistic) (df \(df), bound \(bound)); refractory shift \(shift): χ² \(wrong.statistic) (df \(wrong.df))")
    }
  }

  /// Every neuron starts refractory (it fired in step −1): no spike in steps 0 … k_ref − 1 (the
  /// first possible one is at step k_ref, age k_ref + 1), and no interval shorter than k_ref + 1 steps.
  @Test func refractoriness() {
    let trains = spikeSteps(Self.recording, neurons: Self.population.N, dt: Self.dt)
    #expect(trains.compactMap(\.first).min()! >= 8)
    let intervals = trains.flatMap { zip($0.dropFirst(), $0).map { $0 - $1 } }
    #expect(intervals.min()! >= 9)
  }
}
