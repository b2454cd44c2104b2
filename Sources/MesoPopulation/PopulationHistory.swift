import Foundation
import MesoCore
import NetworkCore

/// The state of one GIF population in the mesoscopic model (meso-theory.md §3.2): ring buffers
/// over the K most recent steps, indexed by the age a of their last spike, plus the "free"
/// neurons whose last spike is older than K steps.
///
/// Slot `oldest` holds age K; slot (oldest + j) mod K holds age a = K − j. Buffers are allocated
/// once; one `step` touches no allocator.
final class PopulationHistory {
  let K: Int
  let N: Double
  let refractorySteps: Int
  let membraneDecay: Double
  let escape: EscapeNoise
  let resetPotential: Double
  let baseThreshold: Double
  let dt: Double
  /// Weight of the previous step's rate in the integrated hazard: ½ (trapezoid) or 0 (end of step).
  let previousWeight: Double
  /// Weight of this step's rate: ½Δt or Δt.
  let currentWeight: Double

  /// Spike counts n of each bin (neurons).
  let spikes: UnsafeMutableBufferPointer<Double>
  /// Expected survivors m (neurons).
  let survivors: UnsafeMutableBufferPointer<Double>
  /// Variance v of the survivors (neurons²).
  let variance: UnsafeMutableBufferPointer<Double>
  /// Membrane potential u of each bin (mV).
  let potential: UnsafeMutableBufferPointer<Double>
  /// Escape rate at the end of the previous step (Hz), for the trapezoid rule.
  let previousRate: UnsafeMutableBufferPointer<Double>
  /// θ(aΔt) at index a − 1 (mV).
  let kernel: UnsafeMutableBufferPointer<Double>
  /// θ̃(aΔt)/N = ΔV(1 − e^{−θ/ΔV})/N at index a − 1 (mV per neuron).
  let quasiRenewalKernel: UnsafeMutableBufferPointer<Double>

  /// Index of the oldest bin.
  var oldest = 0
  /// Free pool: expected number x, variance z, membrane potential h, previous escape rate.
  var free = 0.0
  var freeVariance = 0.0
  var freePotential: Double
  var freePreviousRate = 0.0
  /// Per threshold component r: the filtered activity g_r (Hz), its decay e^{−Δt/τ_r}, and J_r e^{−KΔt/τ_r} (mV·s).
  var adaptation: [Double]
  let adaptationDecay: [Double]
  let adaptationWeight: [Double]

  init(_ p: DiscretePopulation, K: Int, dt: Double, hazard: MesoSettings.Hazard) {
    self.K = K
    previousWeight = hazard == .trapezoid ? 0.5 * dt : 0
    currentWeight = hazard == .trapezoid ? 0.5 * dt : dt
    N = Double(p.N)
    refractorySteps = p.refractorySteps
    membraneDecay = p.membraneDecay
    escape = p.escape
    resetPotential = p.parameters.vReset
    baseThreshold = p.parameters.vTh
    self.dt = dt
    func buffer(_ value: Double) -> UnsafeMutableBufferPointer<Double> {
      let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: K)
      b.initialize(repeating: value)
      return b
    }
    spikes = buffer(0)
    survivors = buffer(0)
    variance = buffer(0)
    potential = buffer(p.parameters.vReset)
    previousRate = buffer(0)
    kernel = buffer(0)
    quasiRenewalKernel = buffer(0)
    let deltaV = p.parameters.deltaV
    for a in 1...K {
      let theta = p.kernel(age: a)
      kernel[a - 1] = theta
      quasiRenewalKernel[a - 1] = deltaV * -expm1(-theta / deltaV) / N
    }
    // §3.7: every neuron has just fired; the newest bin (age 1 at the first step) holds all N.
    spikes[K - 1] = N
    survivors[K - 1] = N
    freePotential = p.parameters.mu
    adaptation = Array(repeating: 0, count: p.kernelDecay.count)
    adaptationDecay = p.kernelDecay
    adaptationWeight = p.parameters.thresholdKernel.map { $0.J * exp(-Double(K) * dt / $0.tau) }
  }

  deinit {
    for b in [spikes, survivors, variance, potential, previousRate, kernel, quasiRenewalKernel] { b.deallocate() }
  }

  /// One step of §3.5 given the membrane increment Δh = μ(1 − E_m) + Δh_syn (mV); returns the
  /// expected number of spikes n̄ of this step. Call `commit(spikes:)` with the drawn count next.
  func expectedSpikes(increment dh: Double) -> Double {
    let E = membraneDecay
    // 2. Free-neuron threshold: spikes of age ≥ K through the filtered activity g_r.
    let oldestCount = spikes[oldest]
    var freeThreshold = baseThreshold
    for r in adaptation.indices {
      let decay = adaptationDecay[r]
      adaptation[r] = adaptation[r] * decay + (1 - decay) * oldestCount / (N * dt)
      freeThreshold += adaptationWeight[r] * adaptation[r]
    }
    // 3. Free neurons.
    freePotential = freePotential * E + dh
    let freeRate = escape.rate(freePotential - freeThreshold)
    let freeProbability = firingProbability(integratedRate: previousWeight * freePreviousRate + currentWeight * freeRate)
    freePreviousRate = freeRate
    // 4. X: all K bins, before this step changes them.
    var X = 0.0
    for s in 0..<K { X += survivors[s] }
    // 5. Bins that may fire, oldest first (ages K … k_ref + 1), with the running quasi-renewal threshold;
    // the age-K bin is already inside g, hence the subtraction.
    var running = freeThreshold - oldestCount * quasiRenewalKernel[K - 1]
    var W = 0.0, Y = 0.0, Z = 0.0
    let eligible = K - refractorySteps
    var s = oldest
    for j in 0..<eligible {
      let a = K - j
      let threshold = kernel[a - 1] + running
      running += spikes[s] * quasiRenewalKernel[a - 1]
      let u = potential[s] * E + dh
      potential[s] = u
      let rate = escape.rate(u - threshold)
      let P = firingProbability(integratedRate: previousWeight * previousRate[s] + currentWeight * rate)
      previousRate[s] = rate
      let m = survivors[s], v = variance[s]
      W += P * m
      Y += P * v
      Z += v
      variance[s] = (1 - P) * (1 - P) * v + P * m
      survivors[s] = (1 - P) * m
      s += 1
      if s == K { s = 0 }
    }
    // 6.–7. The finite-size correction Λ redistributes the mismatch N − X − x (kept signed).
    let lambdaP = Z + freeVariance > 0 ? (Y + freeProbability * freeVariance) / (Z + freeVariance) : 0
    let expected = W + freeProbability * free + lambdaP * (N - X - free)
    // 9. The free pool absorbs the oldest bin (its values after this step's survival).
    freeVariance = (1 - freeProbability) * (1 - freeProbability) * freeVariance + freeProbability * free + variance[oldest]
    free = (1 - freeProbability) * free + survivors[oldest]
    return expected
  }

  /// 10. The oldest slot becomes the newest bin, holding this step's `n` spikes.
  func commit(spikes n: Double) {
    spikes[oldest] = n
    survivors[oldest] = n
    variance[oldest] = 0
    potential[oldest] = resetPotential
    previousRate[oldest] = 0
    oldest += 1
    if oldest == K { oldest = 0 }
  }
}
