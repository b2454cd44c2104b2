import DoubleWellAttractor
import Foundation
import MesoConfig
import MesoCore
import MesoIO

/// `mesopop run` of a `model: double_well_attractor` configuration: for every sweep point, the
/// simulated capacity protocol (unless `simulation.simulate: false`) and the mean-field theory
/// (balanced rule, f = ½, r₁ > 0), written to one `.npz`.
public enum DoubleWellRun {
  /// The arrays of the run (see the DoubleWellAttractor article for their shapes), without `meta`.
  /// Checks every simulated network against `memoryLimit` before simulating any. A sweep of θ
  /// learns once and tests every θ on the same weights (learning does not depend on θ; the
  /// arrays are those of separate runs, bit for bit).
  public static func arrays(
    _ c: DoubleWellConfiguration, seed: UInt64, memoryLimit: MemoryLimit = .machine(), progress: ((Double) throws -> Void)? = nil
  ) throws -> [NPYArray] {
    let networks = c.networks
    if c.simulate { for p in networks { try AttractorNetwork.resources(p, protocol: c.capacityProtocol(for: p)).check(against: memoryLimit) } }
    var shared = [CapacityMeasurement]()
    if c.simulate, c.sweep?.key == "theta", let first = networks.first {
      shared = try AttractorNetwork.measureCapacity(
        first, thetas: networks.map(\.theta), protocol: c.capacityProtocol(for: first), seed: seed, threads: c.threads,
        memoryLimit: memoryLimit, progress: progress)
    }
    let S = networks.count, ages = c.capacityProtocol.ages, A = ages.count, R = c.capacityProtocol.realizations, T = c.capacityProtocol.testTimes
    var mV = [Double](), mU = [Double](), sweeps = [Int64](), cycles = [Int64](), pSim = [Int64](), pPooled = [Int64]()
    var pTheory = [Int64](), omega = [Double](), mVTheory = [Double](), mUTheory = [Double](), snr = [Double](), snrMarkov = [Double]()
    for (s, p) in networks.enumerated() {
      if c.simulate {
        let m =
          shared.isEmpty
          ? try AttractorNetwork.measureCapacity(p, protocol: c.capacityProtocol(for: p), seed: seed, threads: c.threads, memoryLimit: memoryLimit) {
            fraction in try progress?((Double(s) + fraction) / Double(S))
          } : shared[s]
        mV += m.mV.joined().joined()
        mU += m.mU.joined().joined()
        sweeps += m.sweeps.joined().joined().map(Int64.init)
        cycles += m.cycles.joined().joined().map { $0 ? 1 : 0 }
        pSim += m.capacities.map(Int64.init)
        pPooled.append(Int64(m.capacity))
      }
      if p.rule == .balanced, p.f == 0.5, p.r1 > 0 {
        let theory = try MeanFieldTheory(p)
        let states = theory.overlaps(maxAge: c.capacityProtocol.maxAge)
        pTheory.append(Int64(theory.capacity()))
        omega.append(theory.stationaryRMS)
        mVTheory += ages.map { states[$0 - 1].mV }
        mUTheory += ages.map { states[$0 - 1].mU }
        let curve = theory.signalToNoise(maxTime: c.snrTime), markov = MarkovSynapse(q: theory.switchingProbability)
        snr += curve
        snrMarkov += curve.indices.map { markov.signalToNoise(connections: p.connections, time: $0) }
      } else {
        pTheory.append(-1)
        omega.append(.nan)
        mVTheory += [Double](repeating: .nan, count: A)
        mUTheory += [Double](repeating: .nan, count: A)
        snr += [Double](repeating: .nan, count: c.snrTime + 1)
        snrMarkov += [Double](repeating: .nan, count: c.snrTime + 1)
      }
      if !c.simulate { try progress?(Double(s + 1) / Double(S)) }
    }
    let values = c.sweep?.values ?? [.nan]
    func best(_ p: [Int64]) -> [Double] { p.max().flatMap { m in p.firstIndex(of: m).map { [values[$0]] } } ?? [.nan] }
    var arrays = [
      NPYArray(name: "sweep_values", shape: [S], storage: .float64(values)),
      NPYArray(name: "ages", shape: [A], storage: .int64(ages.map(Int64.init))),
      NPYArray(name: "p_theory", shape: [S], storage: .int64(pTheory)),
      NPYArray(name: "best_value_theory", shape: [1], storage: .float64(best(pTheory))),
      NPYArray(name: "omega", shape: [S], storage: .float64(omega)),
      NPYArray(name: "m_v_theory", shape: [S, A], storage: .float64(mVTheory)),
      NPYArray(name: "m_u_theory", shape: [S, A], storage: .float64(mUTheory)),
      NPYArray(name: "snr_t", shape: [c.snrTime + 1], storage: .int64((0...c.snrTime).map(Int64.init))),
      NPYArray(name: "snr", shape: [S, c.snrTime + 1], storage: .float64(snr)),
      NPYArray(name: "snr_markov", shape: [S, c.snrTime + 1], storage: .float64(snrMarkov)),
    ]
    if c.simulate {
      arrays += [
        NPYArray(name: "m_v", shape: [S, R, T, A], storage: .float64(mV)),
        NPYArray(name: "m_u", shape: [S, R, T, A], storage: .float64(mU)),
        NPYArray(name: "sweeps", shape: [S, R, T, A], storage: .int64(sweeps)),
        NPYArray(name: "cycles", shape: [S, R, T, A], storage: .int64(cycles)),
        NPYArray(name: "p_sim", shape: [S, R], storage: .int64(pSim)),
        NPYArray(name: "p_sim_pooled", shape: [S], storage: .int64(pPooled)),
        NPYArray(name: "best_value_sim", shape: [1], storage: .float64(best(pPooled))),
      ]
    }
    return arrays
  }

  /// The arrays of a run of `configuration` (a double-well one) followed by `meta` (resolved
  /// configuration, seed, version, sweep key, CPU and wall time): what `mesopop run` writes.
  public static func output(
    _ configuration: Configuration, _ c: DoubleWellConfiguration, seed: UInt64, memoryLimit: MemoryLimit = .machine(),
    progress: ((Double) throws -> Void)? = nil
  ) throws -> [NPYArray] {
    let clock = WallClock(), cpu = CPUClock()
    let arrays = try Self.arrays(c, seed: seed, memoryLimit: memoryLimit, progress: progress)
    let meta: [String: ConfigValue] = [
      "config": configuration.resolvedDocument(seed: seed),
      "seed": .number(Double(seed)),
      "level": .string("double_well_attractor"),
      "sweep_key": .string(c.sweep?.key ?? ""),
      "mesopop_version": .string(mesoPopVersion),
      "units": .object(Dictionary(uniqueKeysWithValues: arrays.map { ($0.name, .string("1")) })),
      "wall_time_s": .number(clock.elapsed),
      "cpu_s": .number(cpu.elapsed),
      "created": .string(ISO8601DateFormatter().string(from: Date())),
    ]
    return arrays + [NPYArray(name: "meta", shape: [], storage: .unicode(ConfigValue.object(meta).jsonString()))]
  }
}
