import Foundation
import MesoCore
import MesoKernels
import NetworkCore

/// The state of one GIF population in the mesoscopic model (Schwalger, Deger & Gerstner 2017;
/// PopulationEquations article, Eq. 5): ring buffers over the K most recent steps, indexed by the age a of their last spike, plus the "free"
/// neurons whose last spike is older than K steps.
///
/// Full history: slot `oldest` holds age K; slot (oldest + j) mod K holds age a = K − j. Compact
/// history (a population without threshold kernel whose firing is not recorded): the ring from
/// `oldest` holds only the `stored` bins with n > 0, oldest first, each with the step it was
/// committed at. A bin with n = 0 has m = v = 0 for ever: it adds +0 to every sum, its potential is
/// never read, and without kernel its age enters no threshold, so leaving it out skips ≈ 15 % of
/// the microcircuit's bin updates and changes only the order of the sweep's lane sums. Buffers are
/// allocated once; one `step` touches no allocator.
final class PopulationHistory {
  let K: Int
  let N: Double
  let refractorySteps: Int
  let membraneDecay: Double
  /// G(x) = exp(−w·c·Δt·e^x) with w = ½ (trapezoid) or 1 (end of step).
  let survivalTable: SurvivalTable
  let inverseSoftness: Double
  let trapezoid: Bool
  let resetPotential: Double
  let baseThreshold: Double
  let dt: Double

  /// Spike counts n of each bin (neurons).
  let spikes: UnsafeMutableBufferPointer<Double>
  /// Expected survivors m (neurons).
  let survivors: UnsafeMutableBufferPointer<Double>
  /// Variance v of the survivors (neurons²).
  let variance: UnsafeMutableBufferPointer<Double>
  /// Membrane potential of each bin in table cells, w = u·cellsPerMillivolt (u in mV): the sweep
  /// reads the survival table at w − ϑ·cellsPerMillivolt − origin with no further scaling.
  let potential: UnsafeMutableBufferPointer<Double>
  /// k = 1/(ΔV h): table cells per mV of u − ϑ (h the table's spacing in x = (u − ϑ)/ΔV).
  let cellsPerMillivolt: Double
  /// Trapezoid rule: the half-step survival factor G of the previous step (1 for a new bin), so that
  /// 1 − P = exp(−½(λ_prev + λ)Δt) = G_prev·G. End-of-step rule: always 1.
  let previousSurvival: UnsafeMutableBufferPointer<Double>
  /// θ(aΔt)·k at position j = K − a from the oldest bin (table cells).
  let kernel: UnsafeMutableBufferPointer<Double>
  /// θ̃(aΔt)·k/N = ΔV(1 − e^{−θ/ΔV})·k/N at position j = K − a (table cells per neuron).
  let quasiRenewalKernel: UnsafeMutableBufferPointer<Double>
  /// Whether θ or θ̃ is anywhere non-zero; without, the sweep skips the threshold scan (same bits).
  let hasKernel: Bool
  /// Whether the history keeps only its bins with n > 0 (no kernel, firing not recorded).
  private(set) var isCompact: Bool
  /// Compact history: the step each stored bin was committed at (its age is `stepIndex` − that).
  private let births: UnsafeMutableBufferPointer<Int>

  // The mutable state below is touched only by the thread that steps the engine, so its runtime
  // exclusivity checks are dropped (`@exclusivity(unchecked)`): they were ≈ 4 % of the
  // instructions of a microcircuit step.

  /// P·m of every bin in the last step (0 for bins that may not fire), kept only when a
  /// history-based release (`ReleaseHistory`) reads it.
  @exclusivity(unchecked) private(set) var firing: UnsafeMutableBufferPointer<Double>?
  /// P·v of every bin in the last step (same conditions): the weights of the Λ term.
  @exclusivity(unchecked) private(set) var firingVariance: UnsafeMutableBufferPointer<Double>?
  /// The last step's expected count n̄, free-pool firing probability, free pool before the step,
  /// and the Λ term's probability and mismatch N − X − x.
  @exclusivity(unchecked) private(set) var lastExpected = 0.0
  @exclusivity(unchecked) private(set) var lastFreeProbability = 0.0
  @exclusivity(unchecked) private(set) var lastFree = 0.0
  @exclusivity(unchecked) private(set) var lastFreeVariance = 0.0
  @exclusivity(unchecked) private(set) var lastLambdaProbability = 0.0
  @exclusivity(unchecked) private(set) var lastMismatch = 0.0

  /// Index of the oldest bin.
  @exclusivity(unchecked) var oldest = 0
  /// Compact history: the bins held from `oldest`, how many of them (the newest) are refractory
  /// (age ≤ k_ref), and the steps stepped so far.
  @exclusivity(unchecked) private var stored = 1
  @exclusivity(unchecked) private var refractoryStored = 1
  @exclusivity(unchecked) private var stepIndex = 0
  /// Free pool: expected number x, variance z, membrane potential h, previous escape rate.
  @exclusivity(unchecked) var free = 0.0
  @exclusivity(unchecked) var freeVariance = 0.0
  @exclusivity(unchecked) var freePotential: Double
  @exclusivity(unchecked) var freePreviousSurvival = 1.0
  /// Per threshold component r: the filtered activity g_r (Hz), its decay e^{−Δt/τ_r}, and J_r e^{−KΔt/τ_r} (mV·s).
  @exclusivity(unchecked) var adaptation: [Double]
  let adaptationDecay: [Double]
  let adaptationWeight: [Double]

  init(_ p: DiscretePopulation, K: Int, dt: Double, hazard: MesoSettings.Hazard) {
    self.K = K
    trapezoid = hazard == .trapezoid
    survivalTable = SurvivalTable(scale: p.parameters.lambda0 * dt * (trapezoid ? 0.5 : 1))
    inverseSoftness = 1 / p.parameters.deltaV
    N = Double(p.N)
    cellsPerMillivolt = survivalTable.inverseSpacing / p.parameters.deltaV
    refractorySteps = p.refractorySteps
    membraneDecay = p.membraneDecay
    resetPotential = p.parameters.vReset
    baseThreshold = p.parameters.vTh
    self.dt = dt
    func buffer(_ value: Double) -> UnsafeMutableBufferPointer<Double> { Self.sweepBuffer(K, value) }
    spikes = buffer(0)
    survivors = buffer(0)
    variance = buffer(0)
    potential = buffer(p.parameters.vReset * cellsPerMillivolt)
    previousSurvival = buffer(1)
    kernel = buffer(0)
    quasiRenewalKernel = buffer(0)
    let deltaV = p.parameters.deltaV
    for a in 1...K {
      let theta = p.kernel(age: a)
      kernel[K - a] = theta * cellsPerMillivolt
      quasiRenewalKernel[K - a] = deltaV * -expm1(-theta / deltaV) * cellsPerMillivolt / N
    }
    hasKernel = kernel.contains { $0 != 0 } || quasiRenewalKernel.contains { $0 != 0 }
    // §3.7: every neuron has just fired; the newest bin (age 1 at the first step) holds all N. In
    // the compact ring it is the only bin, committed at step −1.
    spikes[K - 1] = N
    survivors[K - 1] = N
    isCompact = !hasKernel
    births = .allocate(capacity: K)
    births.initialize(repeating: -1)
    if isCompact { oldest = K - 1 }
    freePotential = p.parameters.mu
    adaptation = Array(repeating: 0, count: p.kernelDecay.count)
    adaptationDecay = p.kernelDecay
    adaptationWeight = p.parameters.thresholdKernel.map { $0.J * exp(-Double(K) * dt / $0.tau) }
  }

  deinit {
    for b in [spikes, survivors, variance, potential, previousSurvival, kernel, quasiRenewalKernel] { b.deallocate() }
    firing?.deallocate()
    firingVariance?.deallocate()
    births.deallocate()
  }

  /// Starts keeping P·m of every bin (for a history-based release, which reads bins by age): the
  /// full history from here on. Only before the first step.
  func recordFiring() {
    guard firing == nil else { return }
    precondition(stepIndex == 0, "recordFiring after the first step")
    if isCompact { (isCompact, oldest) = (false, 0) }
    for keep in [\PopulationHistory.firing, \.firingVariance] { self[keyPath: keep] = Self.sweepBuffer(K, 0) }
  }

  /// K values, allocated with 7 more (zeros): `mk_meso_sweep` reads and writes back a run's last
  /// block of 8 whole (the further lanes unchanged), so a run ending at slot K may reach K + 7.
  private static func sweepBuffer(_ K: Int, _ value: Double) -> UnsafeMutableBufferPointer<Double> {
    let start = UnsafeMutablePointer<Double>.allocate(capacity: K + 7)
    start.initialize(repeating: value, count: K)
    (start + K).initialize(repeating: 0, count: 7)
    return UnsafeMutableBufferPointer(start: start, count: K)
  }

  /// One step of §3.5 given the membrane increment Δh = μ(1 − E_m) + Δh_syn (mV); returns the
  /// expected number of spikes n̄ of this step. Call `commit(spikes:)` with the drawn count next.
  func expectedSpikes(increment dh: Double) -> Double {
    let E = membraneDecay
    // Compact history: the bin committed k_ref + 1 steps ago (if stored) may fire from now on, and
    // the oldest stored bin is the age-K bin only if that one holds neurons.
    if isCompact && refractoryStored > 0 && births[slot(stored - refractoryStored)] == stepIndex - refractorySteps - 1 {
      refractoryStored -= 1
    }
    let hasOldest = !isCompact || (stored > 0 && births[oldest] == stepIndex - K)
    // 2. Free-neuron threshold: spikes of age ≥ K through the filtered activity g_r.
    let oldestCount = hasOldest ? spikes[oldest] : 0
    var freeThreshold = baseThreshold
    for r in adaptation.indices {
      let decay = adaptationDecay[r]
      adaptation[r] = adaptation[r] * decay + (1 - decay) * oldestCount / (N * dt)
      freeThreshold += adaptationWeight[r] * adaptation[r]
    }
    // 3. Free neurons.
    freePotential = freePotential * E + dh
    let freeSurvival = survivalTable.survival((freePotential - freeThreshold) * inverseSoftness)
    let freeProbability = 1 - freePreviousSurvival * freeSurvival
    if trapezoid { freePreviousSurvival = freeSurvival }
    // 4.–5. Bins that may fire, oldest first (ages K … k_ref + 1), with the running quasi-renewal
    // threshold; the age-K bin is already inside g, hence the subtraction. X sums the survivors of
    // all K bins before this step changes them.
    var sums = mk_bin_sums(
      running: freeThreshold * cellsPerMillivolt - oldestCount * quasiRenewalKernel[0], W: 0, X: 0, Y: 0, Z: 0)
    // The eligible bins are positions j = 0 ..< K − k_ref from the oldest (compact: the stored
    // bins but the refractory ones): at most two contiguous runs of slots.
    let held = isCompact ? stored : K
    let eligible = isCompact ? stored - refractoryStored : K - refractorySteps
    let firstRun = min(eligible, K - oldest)
    sweep(slots: oldest, positions: 0, count: firstRun, increment: dh, sums: &sums)
    sweep(slots: 0, positions: firstRun, count: eligible - firstRun, increment: dh, sums: &sums)
    // The refractory bins, positions eligible ..< held: also at most two runs of slots, summed in
    // age order (the compact history leaves out only terms +0, so X has the same bits).
    var X = sums.X
    let start = slot(eligible)
    let tail = min(held - eligible, K - start)
    for slot in start..<(start + tail) { X += survivors[slot] }
    for slot in 0..<(held - eligible - tail) { X += survivors[slot] }
    let (W, Y, Z) = (sums.W, sums.Y, sums.Z)
    // 6.–7. The finite-size correction Λ redistributes the mismatch N − X − x (kept signed).
    let lambdaP = Z + freeVariance > 0 ? (Y + freeProbability * freeVariance) / (Z + freeVariance) : 0
    let expected = W + freeProbability * free + lambdaP * (N - X - free)
    (lastExpected, lastFreeProbability, lastFree, lastFreeVariance, lastLambdaProbability, lastMismatch) =
      (expected, freeProbability, free, freeVariance, lambdaP, N - X - free)
    // 9. The free pool absorbs the oldest bin (its values after this step's survival; compact
    // history without an age-K bin: +0, as the empty bin would add).
    let (oldSurvivors, oldVariance) = hasOldest ? (survivors[oldest], variance[oldest]) : (0, 0)
    freeVariance = (1 - freeProbability) * (1 - freeProbability) * freeVariance + freeProbability * free + oldVariance
    free = (1 - freeProbability) * free + oldSurvivors
    if isCompact && hasOldest {
      oldest = slot(1)
      stored -= 1
    }
    return expected
  }

  /// The slot `offset` bins after `oldest` (offset ≤ K; K wraps to `oldest`).
  private func slot(_ offset: Int) -> Int { oldest + offset < K ? oldest + offset : oldest + offset - K }

  /// 10. The oldest slot becomes the newest bin, holding this step's `n` spikes. Compact history:
  /// a bin with n > 0 goes after the stored ones, and a bin without neurons is not kept.
  func commit(spikes n: Double) {
    stepIndex += 1
    let newest: Int
    if isCompact {
      guard n != 0 else { return }
      newest = slot(stored)
      births[newest] = stepIndex - 1
      stored += 1
      refractoryStored += 1
    } else {
      newest = oldest
      oldest = slot(1)
      firing?[newest] = 0
      firingVariance?[newest] = 0
    }
    spikes[newest] = n
    survivors[newest] = n
    variance[newest] = 0
    potential[newest] = resetPotential * cellsPerMillivolt
    previousSurvival[newest] = 1
  }

  /// Step 5 of §3.5 for `count` bins in consecutive slots from `slots`, at positions from
  /// `positions` (age K − position): membrane update, threshold with the running quasi-renewal
  /// sum, firing probability, and the sums W, X, Y, Z (the C kernel `mk_meso_sweep`, in table
  /// cells: the increment dh is scaled by k there).
  private func sweep(slots first: Int, positions j0: Int, count: Int, increment dh: Double, sums: inout mk_bin_sums) {
    guard count > 0 else { return }
    survivalTable.coefficients.withUnsafeBufferPointer { table in
      mk_meso_sweep(
        Int32(count), membraneDecay, dh * cellsPerMillivolt, hasKernel ? kernel.baseAddress! + j0 : nil,
        hasKernel ? quasiRenewalKernel.baseAddress! + j0 : nil,
        spikes.baseAddress! + first, potential.baseAddress! + first, survivors.baseAddress! + first,
        variance.baseAddress! + first, previousSurvival.baseAddress! + first, trapezoid ? 1 : 0,
        firing.map { $0.baseAddress! + first }, firingVariance.map { $0.baseAddress! + first }, table.baseAddress!,
        survivalTable.origin, survivalTable.lastPosition, &sums)
    }
  }
}
