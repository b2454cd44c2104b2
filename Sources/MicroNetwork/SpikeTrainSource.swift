import Foundation
import NetworkCore

/// The given spike steps of one `spike_train` population (NEST `spike_generator` + `parrot_neuron`):
/// neuron i fires at `steps[offsets[i] ..< offsets[i + 1]]`, ascending; `cursor[i]` is its next spike.
struct SpikeTrainLayout {
  var steps: UnsafeMutablePointer<Int>
  var offsets: UnsafeMutablePointer<Int>
  var cursor: UnsafeMutablePointer<Int>

  init(_ population: DiscretePopulation, arena: Arena) {
    let all = population.spikeSteps.flatMap { $0 }
    steps = arena.copy(all).baseAddress ?? arena.zeroed(count: 1)
    offsets = arena.zeroed(count: population.N + 1)
    for (i, train) in population.spikeSteps.enumerated() { offsets[i + 1] = offsets[i] + train.count }
    cursor = arena.zeroed(count: population.N)
  }

  /// Back to the first spike of every neuron.
  func reset(neurons n: Int) { for i in 0..<n { cursor[i] = offsets[i] } }
}

extension Engine {
  /// Phase A of a spike-train block: its neurons whose next given spike is at step l fire (and release, with STP).
  func updateSpikeTrain(block b: Int, step l: Int) {
    let block = blocks[b], p = populations[block.population]
    let train = spikeTrains[block.population]
    let parity = l & 1
    let out = p.fired + parity * p.N + block.start
    var count = 0
    for i in block.start..<(block.start + block.count) {
      let c = train.cursor[i]
      if c < train.offsets[i + 1] && train.steps[c] == l {
        train.cursor[i] = c + 1
        out[count] = Int32(i)
        count += 1
      }
    }
    block.firedCount[parity] = count
    facilitateAndRelease(block: block, population: p, parity: parity, count: count, step: l)
  }
}
