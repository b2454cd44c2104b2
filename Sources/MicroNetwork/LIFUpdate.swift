import Foundation
import GSLBridge
import MesoCore
import MicroKernels
import NetworkCore

extension Engine {
  /// One step of a block of LIF neurons (LIFNeurons article): synaptic input (delta channels as
  /// jumps added after the step's propagation, exponential channels as for GIF neurons; conductance
  /// jumps after the step), the exact membrane update with noise and the Brownian-bridge test, reset,
  /// refractoriness and adaptation in the kernel, then STP of the spikes (step 6).
  func updateLIF(block b: Int, thread k: Int, step l: Int) {
    let block = blocks[b]
    let p = populations[block.population]
    let lif = p.lif!
    let n = Int32(block.count), start = block.start
    let parity = l & 1
    let dv = scratchDV + k * neuronsPerBlock, jumps = scratchTheta + k * neuronsPerBlock
    let fired = scratchFired + k * neuronsPerBlock
    let v = p.u + start, refractory = p.refractory + start
    let adaptation = lif.adapts ? lif.adaptation + start : nil
    let mu = p.drive(at: Double(l) * dt)

    let input = synapticInput(block: block, population: p, slot: l % ringLength, dv: dv, jumps: (jumps, dv))
    let count: Int
    if lif.conductance {
      if start == 0 {
        // The synaptic drive of neuron 0 over the step, (ḡ_E(E_E − V) + ḡ_I(E_I − V))/g_L (mV).
        let ge = lif.gE[0] * lif.meanE, gi = lif.gI[0] * lif.meanI
        p.firstInput[parity] = (ge * (lif.eE - p.u[0]) + gi * (lif.eI - p.u[0])) / lif.gL
      }
      count = Int(
        mk_lif_cond(
          n, v, refractory, lif.gE + start, lif.gI + start, input.jumpAssigned.0 ? jumps : nil, input.jumpAssigned.1 ? dv : nil,
          input.jumpShared.0, input.jumpShared.1, lif.decayE, lif.decayI, lif.meanE, lif.meanI, lif.eE, lif.eI, lif.leak, lif.gL,
          lif.gL * mu + lif.tonicSource, lif.dtOverC, adaptation, lif.adaptDecay, lif.adaptWeight, lif.adaptJump, p.threshold,
          p.reset, p.refractoryReset, fired))
    } else {
      if start == 0 { p.firstInput[parity] = input.firstInput * p.tauM }
      if !input.jumpAssigned.0 { jumps.update(repeating: 0, count: block.count) }
      var noise: UnsafeMutablePointer<Double>? = nil, bridge: UnsafeMutablePointer<Double>? = nil
      let z = scratchNoise + k * 3 * neuronsPerBlock
      if lif.noiseStep > 0 {
        streams[b].fillGaussian(UnsafeMutableBufferPointer(start: z, count: block.count), sigma: lif.noiseStep)
        noise = z
        if lif.bridgeScale > 0 { bridge = z + neuronsPerBlock }
      }
      var spikes = mk_lif(
        n, v, refractory, jumps, input.jumpShared.0, input.assigned ? dv : nil, input.dvShared, adaptation, lif.adaptDecay,
        lif.adaptWeight, lif.adaptJump, noise, bridge, lif.bridgeScale, p.membraneDecay, mu * p.driveWeight, p.threshold,
        p.reset, p.refractoryReset, fired)
      if let bridge {
        // The bridge test: one uniform number per candidate, in index order (LIFNeurons article).
        let candidates = scratchCandidates + k * neuronsPerBlock, uniform = z + 2 * neuronsPerBlock
        let m = mk_lif_bridge_candidates(n, bridge, candidates)
        streams[b].fillUniform(UnsafeMutableBufferPointer(start: uniform, count: Int(m)))
        spikes = mk_lif_bridge(
          m, candidates, bridge, uniform, v, refractory, adaptation, lif.adaptJump, p.reset, p.refractoryReset, fired, spikes)
      }
      count = Int(spikes)
    }

    // Once per recording bin: is any potential of the block non-finite?
    if (l + 1) % stepsPerBin == 0 {
      block.nonFinite[parity] = nonFinite(v, count: block.count) ? .nan : 0
    }
    let out = p.fired + parity * p.N + start
    for m in 0..<count { out[m] = Int32(start) + fired[m] }
    block.firedCount[parity] = count
    for (neuron, column) in block.membraneNeurons { membraneValues[parity * membraneColumns + column] = p.u[neuron] }
    facilitateAndRelease(block: block, population: p, parity: parity, count: count, step: l)
  }

  /// The initial condition of a LIF population: V = V_reset, not refractory, no spike in the axon,
  /// no adaptation, no conductance.
  func resetLIF(_ p: PopulationLayout, _ lif: LIFLayout) {
    p.u.update(repeating: p.reset, count: p.N)
    p.refractory.update(repeating: 0, count: p.N)
    if lif.adapts { lif.adaptation.update(repeating: 0, count: p.N) }
    if lif.conductance {
      lif.gE.update(repeating: 0, count: p.N)
      lif.gI.update(repeating: 0, count: p.N)
    }
  }
}
