import Foundation
import MesoCore
import MicroNetwork
import NetworkCore
import Testing

/// The closed-form Tsodyks–Markram recursion between spikes n and n + 1 separated by Δ (u⁺x⁻ order,
/// MicroscopicModel article): x_{n+1} = 1 + (x_n − x_n u⁺_n − 1)e^{−Δ/τ_D},
/// u⁺_{n+1} = U + (1 − U)(U_0 + (u⁺_n − U_0)e^{−Δ/τ_F}) (u⁺ ≡ U without facilitation); r_n = u⁺_n x_n.
/// The first spike from rest: x_0 = 1, u⁺_0 = U + (1 − U)U_0.
func tsodyksMarkramReleases(_ s: STPParameters, intervals: [Double]) -> (release: [Double], uPlus: [Double], x: [Double]) {
  var x = 1.0, uPlus = s.facilitates ? s.U + (1 - s.U) * s.U0 : s.U
  var release = [uPlus * x], us = [uPlus], xs = [x]
  for delta in intervals {
    x = 1 + (x - x * uPlus - 1) * exp(-delta / s.tauD)
    uPlus = s.facilitates ? s.U + (1 - s.U) * (s.U0 + (uPlus - s.U0) * exp(-delta / s.tauF)) : s.U
    release.append(uPlus * x)
    us.append(uPlus)
    xs.append(x)
  }
  return (release, us, xs)
}

@Suite("Synapses: Tsodyks–Markram STP and the exact synaptic filter")
struct SynapseTests {
  static let dt = 0.0005

  /// One presynaptic neuron that fires every `period` steps: a GIF neuron so far above threshold that
  /// it fires with probability 1 as soon as it leaves refractoriness (t_ref = (period − 1)Δt).
  static func regularSource(period: Int) -> Population {
    gif("pre", N: 1, mu: 1000, tRef: Double(period - 1) * dt, vTh: 0, deltaV: 1)
  }

  /// A target that never fires and integrates from the first step (t_ref = 0).
  static let silentTarget = gif("post", N: 1, mu: 0, tRef: 0, vTh: 1e6)

  /// The release of each spike, read from the target's input: with a delta synapse of J = 1 and
  /// p = 1, the input of the step in which the spike arrives is τ_m·J·a, a = r/Δt.
  static func releases(_ r: Recording, arrivals: [Int]) -> [Double] {
    let input = r["input"]!.column(1)
    return arrivals.map { input[$0] * dt / silentTarget.tauM }
  }

  /// Regular 20 Hz trains against the closed-form steady states of the recursion (with u relaxing to
  /// U, i.e. U_0 = U): depressing U = 0.5, τ_D = 0.8 s, no facilitation: R⁻ = 0.114252,
  /// u⁺R⁻ = 0.057126; facilitating U = 0.1, τ_D = 0.1 s, τ_F = 1 s: u⁺ = 0.725463, R⁻ = 0.472078,
  /// u⁺R⁻ = 0.342475 (6 digits: tolerance 1e-6). Every release also matches the recursion to 1e-12
  /// (relaxation is applied as exact exponentials step by step, so only rounding differs).
  @Test(arguments: [
    (STPParameters(U: 0.5, U0: 0.5, tauD: 0.8, tauF: 0), 0.114252, 0.057126, 0.5),
    (STPParameters(U: 0.1, U0: 0.1, tauD: 0.1, tauF: 1), 0.472078, 0.342475, 0.725463),
  ])
  func regularTrain(stp: STPParameters, steadyR: Double, steadyRelease: Double, steadyU: Double) throws {
    let period = 100  // 50 ms: 20 Hz
    let m = model(
      [Self.regularSource(period: period), Self.silentTarget],
      [Connection(from: "pre", to: "post", J: 1, p: 1, delay: Self.dt, tauS: 0, stp: stp)], duration: 10)
    let r = try simulate(m, seed: 5)
    // Spikes at steps −1, 99, 199, …; delay one step: arrivals at 0, 100, 200, …
    let arrivals = Array(stride(from: 0, to: 20_000, by: period))
    let simulated = Self.releases(r, arrivals: arrivals)
    let theory = tsodyksMarkramReleases(stp, intervals: Array(repeating: Double(period) * Self.dt, count: arrivals.count - 1))
    for n in arrivals.indices {
      #expect(abs(simulated[n] - theory.release[n]) < 1e-12, "spike \(n): \(simulated[n]) vs \(theory.release[n])")
    }
    // The input is zero between arrivals.
    let input = r["input"]!.column(1)
    #expect(input.indices.allSatisfy { $0 % period == 0 || input[$0] == 0 })
    // Steady state after 10 s (τ ≤ 1 s: converged far beyond 1e-6).
    let last = arrivals.count - 1
    #expect(abs(simulated[last] - steadyRelease) < 1e-6)
    #expect(abs(theory.x[last] - steadyR) < 1e-6)
    // stp_u after the spike's step is u⁺ (with facilitation), stp_x is x⁺ = R⁻(1 − u⁺).
    let spikeStep = arrivals[last] - 1
    if stp.facilitates { #expect(abs(r["stp_u"]!.values[spikeStep] - steadyU) < 1e-6) }
    #expect(abs(r["stp_x"]!.values[spikeStep] - steadyR * (1 - steadyU)) < 1e-6)
  }

  /// The first spike from rest releases U + (1 − U)U_0 (here U_0 ≠ U and ≠ 0), and a Poisson train
  /// (N = 1 Poisson source at 20 Hz, 20 s, ≈ 400 spikes) releases exactly what the recursion gives
  /// for its intervals. Poisson sources start without a spike in the axon, so their first spike is
  /// from rest.
  @Test(arguments: [
    STPParameters(U: 0.2, U0: 0.3, tauD: 0.3, tauF: 0.6), STPParameters(U: 0.4, U0: 0, tauD: 0.2, tauF: 0),
    STPParameters(U: 0.05, U0: 0.05, tauD: 0.05, tauF: 1.5),
  ])
  func poissonTrain(stp: STPParameters) throws {
    let m = model(
      [.poisson(name: "pre", N: 1, rate: 20), Self.silentTarget],
      [Connection(from: "pre", to: "post", J: 1, p: 1, delay: 2 * Self.dt, tauS: 0, stp: stp)], duration: 20,
      micro: MicroSettings(recordSpikes: true))
    let r = try simulate(m, seed: 11)
    let steps = spikeSteps(r, neurons: 2, dt: Self.dt)[0].filter { $0 + 2 < 40_000 }
    #expect(steps.count > 300)
    let simulated = Self.releases(r, arrivals: steps.map { $0 + 2 })
    let theory = tsodyksMarkramReleases(stp, intervals: zip(steps.dropFirst(), steps).map { Double($0 - $1) * Self.dt })
    #expect(abs(simulated[0] - (stp.facilitates ? stp.U + (1 - stp.U) * stp.U0 : stp.U)) < 1e-13)
    let worst = zip(simulated, theory.release).map { abs($0 - $1) }.max()!
    #expect(worst < 1e-12, "largest difference from the recursion: \(worst)")
  }

  /// The initial spike of a GIF source (step −1) is a spike from rest: it releases U + (1 − U)U_0.
  @Test func initialVolleyReleasesFromRest() throws {
    let stp = STPParameters(U: 0.2, U0: 0.3, tauD: 0.3, tauF: 0.6)
    let m = model(
      [gif("pre", N: 1, mu: -100), Self.silentTarget],
      [Connection(from: "pre", to: "post", J: 1, p: 1, delay: 3 * Self.dt, tauS: 0, stp: stp)], duration: 0.01)
    let r = try simulate(m, seed: 3)
    #expect(abs(Self.releases(r, arrivals: [2])[0] - (0.2 + 0.8 * 0.3)) < 1e-14)
    #expect(Self.releases(r, arrivals: [0, 1, 3, 4]).allSatisfy { $0 == 0 })
  }

  /// Exponential PSC and membrane against the exact per-step recursion of PopulationEquations article:
  /// a target that never fires, driven by a regular source through a delay of 3 steps, τ_s = 3 ms:
  /// u ← u E_m + μ(1 − E_m) + J τ_m F(a, y), y ← a + (y − a)E_s, input = τ_m J y. Also a delta PSC
  /// onto a second neuron. Tolerance 1e-10 mV (rounding of ≈ 10⁴ steps).
  @Test func exactSynapticIntegration() throws {
    let period = 37
    let target = gif("post", N: 1, mu: 5, tRef: 0, vTh: 1e6)
    let m = model(
      [Self.regularSource(period: period), target],
      [
        Connection(from: "pre", to: "post", J: 0.7, p: 1, delay: 3 * Self.dt, tauS: 0.003),
        Connection(from: "pre", to: "post", J: -0.2, p: 1, delay: 5 * Self.dt, tauS: 0),
      ],
      duration: 5, micro: MicroSettings(recordMembrane: [1]))
    let r = try simulate(m, seed: 9)
    let exponential = SynapticPropagator(tauS: 0.003, tauM: 0.02, dt: Self.dt)
    let delta = SynapticPropagator(tauS: 0, tauM: 0.02, dt: Self.dt)
    let em = exp(-Self.dt / 0.02)
    var u = 0.0, y = 0.0
    let input = r["input"]!.column(1), membrane = r["V_m"]!.column(0)
    var worstU = 0.0, worstInput = 0.0
    for l in 0..<10_000 {
      // Spikes at −1, period − 1, 2·period − 1, …
      let a1 = (l - 3 + 1) % period == 0 && l >= 2 ? 1 / Self.dt : 0
      let a2 = (l - 5 + 1) % period == 0 && l >= 4 ? 1 / Self.dt : 0
      let dv = 0.7 * 0.02 * exponential.increment(rate: a1, filter: y) - 0.2 * 0.02 * delta.increment(rate: a2, filter: 0)
      y = exponential.advanced(rate: a1, filter: y)
      u = u * em + 5 * (1 - em) + dv
      worstU = max(worstU, abs(u - membrane[l]))
      worstInput = max(worstInput, abs(0.02 * (0.7 * y - 0.2 * a2) - input[l]))
    }
    #expect(worstU < 1e-10, "membrane differs by \(worstU) mV")
    #expect(worstInput < 1e-9, "input differs by \(worstInput) mV")
  }
}
