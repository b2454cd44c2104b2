import MesoCore
import NetworkCore

extension MicroscopicSimulator {
  /// What a plastic connection allocates besides its lists (empty for other connections): 8 bytes
  /// per synapse (the weight), trace states per pre- and postsynaptic neuron, the postsynaptic
  /// spike rings, the decay tables, and the weights it records (`plasticity.record`).
  static func plasticityResources(_ network: DiscreteNetwork, connection c: Int, synapses: Int) -> ResourceBudget {
    var budget = ResourceBudget()
    guard let rule = network.model.connections[c].plasticity else { return budget }
    let conn = network.connections[c]
    let key = "connections[\(c)].plasticity"
    let nFrom = network.populations[conn.source].N, nTo = network.populations[conn.target].N
    let ring = PlasticLayout.ringSize(delay: conn.delaySteps, refractorySteps: network.populations[conn.target].refractorySteps)
    budget.add("weights of \(synapses) plastic synapses", key: key, count: synapses, bytesEach: PlasticLayout.bytesPerSynapse)
    budget.add("plasticity traces of \(nFrom) presynaptic neurons", key: key, count: nFrom, bytesEach: PlasticLayout.bytesPerSource)
    budget.add(
      "plasticity traces and \(ring)-spike rings of \(nTo) postsynaptic neurons", key: key, count: nTo,
      times: ring &* PlasticLayout.bytesPerRingEntry &+ PlasticLayout.bytesPerTarget, bytesEach: 1)
    budget.add("plasticity decay tables", key: key + ".tau_plus", count: PlasticLayout.tableLength(rule, dt: network.dt) &+ 1, times: 4, bytesEach: 8)
    let record = rule.record
    var columns = min(record.samples, synapses)
    if record.statistics { columns = columns &+ 2 &+ record.histogramBins }
    let records = network.bins / record.binsPerRecord(recordBin: network.model.simulation.recordBin, bins: network.bins)
    if columns > 0 { budget.addRecording(bins: records, columns: columns, key: key + ".record") }
    // The final weights: pre, post, connection (int32) and w (float64) in the output file, 20 bytes
    // per synapse; they are streamed from the synapses' own storage in chunks, never copied whole.
    if record.final { budget.add("final weights of \(synapses) synapses in the output file", key: key + ".record.final", count: synapses, times: 3 * 4 + 8, bytesEach: 1) }
    return budget
  }
}
