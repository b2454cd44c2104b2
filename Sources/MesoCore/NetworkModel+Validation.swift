import Foundation

extension NetworkModel {
  /// Every problem of the model, each naming its key path (the configuration's names), value and
  /// requirement; empty when both engines can build it.
  public func problems() -> [ParameterError] {
    var found = ParameterProblems()
    let dt = simulation.dt
    /// Whether x is a whole multiple of dt (to 10⁻⁹ relative).
    func isMultipleOfDt(_ x: Double) -> Bool { abs(x / dt - (x / dt).rounded()) < 1e-9 * max(1, x / dt) }

    found.require(dt > 0 && dt.isFinite, "simulation.dt", dt, "be > 0 s")
    found.require(simulation.duration > 0 && simulation.duration.isFinite, "simulation.duration", simulation.duration, "be > 0 s")
    found.require(simulation.recordBin > 0 && simulation.recordBin.isFinite, "simulation.record_bin", simulation.recordBin, "be > 0 s")
    if dt > 0, simulation.recordBin > 0 {
      found.require(simulation.recordBin >= dt * (1 - 1e-9), "simulation.record_bin", simulation.recordBin, "be >= simulation.dt = \(formatNumber(dt)) s")
      found.require(isMultipleOfDt(simulation.recordBin), "simulation.record_bin", simulation.recordBin, "be a whole multiple of simulation.dt = \(formatNumber(dt)) s")
      // round(duration/dt) steps hold round(duration/dt) / round(record_bin/dt) whole bins: at least one.
      let steps = (simulation.duration / dt).rounded(), perBin = (simulation.recordBin / dt).rounded()
      found.require(
        !(steps < perBin), "simulation.duration", simulation.duration,
        "be >= simulation.record_bin = \(formatNumber(simulation.recordBin)) s (a shorter run records nothing)")
    }

    if populations.isEmpty {
      found.errors.append(ParameterError(path: "populations", value: "[]", requirement: "list at least one population"))
    }
    var names = Set<String>()
    for (i, p) in populations.enumerated() {
      let path = "populations[\(i)]"
      if p.name.isEmpty || !names.insert(p.name).inserted {
        found.errors.append(ParameterError(path: path + ".name", value: "\"\(p.name)\"", requirement: "be a non-empty name used by no other population"))
      }
      found.require(p.N >= 1, path + ".N", Double(p.N), "be >= 1")
      if case .poisson(let rate) = p.kind {
        found.require(rate >= 0 && rate.isFinite, path + ".rate", rate, "be >= 0 Hz")
        continue
      }
      if case .spikeTrain(let times) = p.kind {
        found.errors += spikeTrainProblems(times, path: path)
        continue
      }
      // A conductance-based neuron's τ_m is C_m/g_L, checked with those keys.
      if p.lif?.conductance == nil { found.require(p.tauM > 0, path + ".tau_m", p.tauM, "be > 0 s") }
      found.require(p.tRef >= 0, path + ".t_ref", p.tRef, "be >= 0 s")
      if p.tRef > 0, dt > 0 {
        found.require(isMultipleOfDt(p.tRef), path + ".t_ref", p.tRef, "be a whole multiple of simulation.dt = \(formatNumber(dt)) s")
      }
      if let lif = p.lif {
        found.errors += lif.problems(path: path)
        found.require(p.vReset < p.vTh, path + ".V_reset", p.vReset, "be < V_th = \(formatNumber(p.vTh)) mV")
        continue
      }
      found.require(p.deltaV > 0, path + ".Delta_V", p.deltaV, "be > 0 mV")
      found.require(p.lambda0 > 0, path + ".lambda_0", p.lambda0, "be > 0 Hz")
      // The escape probability per step is computed from λ₀Δt; below 10⁻³⁰⁰ it is lost in subnormals.
      if p.lambda0 > 0, dt > 0 {
        found.require(p.lambda0 * dt >= 1e-300, path + ".lambda_0", p.lambda0, "give lambda_0·simulation.dt >= 1e-300")
      }
      for (r, k) in p.thresholdKernel.enumerated() {
        found.require(k.tau > 0, path + ".threshold_kernel[\(r)].tau", k.tau, "be > 0 s")
      }
    }

    for (i, c) in connections.enumerated() {
      let path = "connections[\(i)]"
      for (key, name) in [("from", c.from), ("to", c.to)] where populationIndex(name) == nil {
        found.errors.append(ParameterError(path: path + "." + key, value: "\"\(name)\"", requirement: "name a population (\(populations.map(\.name).joined(separator: ", ")))"))
      }
      if let target = populationIndex(c.to), case .poisson = populations[target].kind {
        found.errors.append(ParameterError(path: path + ".to", value: "\"\(c.to)\"", requirement: "name a population of neurons (Poisson sources take no input)"))
      }
      found.errors += plasticityProblems(c, path: path)
      found.require(c.p >= 0 && c.p <= 1, path + ".p", c.p, "be in [0, 1]")
      if (c.connectivity ?? micro.connectivity) == .oneToOne {
        found.require(c.p == 1, path + ".p", c.p, "be 1 with one_to_one connectivity (neuron i to neuron i)")
        if let source = populationIndex(c.from), let target = populationIndex(c.to), populations[source].N != populations[target].N {
          found.errors.append(
            ParameterError(
              path: path + ".connectivity", value: "\"one_to_one\"",
              requirement: "join populations of equal size (N_from = \(populations[source].N), N_to = \(populations[target].N))"))
        }
      }
      found.require(c.tauS >= 0, path + ".tau_s", c.tauS, "be >= 0 s (0 = delta PSC)")
      if let target = populationIndex(c.to), populations[target].lif?.conductance != nil {
        found.require(c.tauS == 0, path + ".tau_s", c.tauS, "be 0 onto the lif_cond population \(c.to) (its conductances decay with tau_E, tau_I)")
      }
      if dt > 0 {
        found.require(c.delay >= dt * (1 - 1e-9), path + ".delay", c.delay, "be >= simulation.dt = \(formatNumber(dt)) s")
        if c.delay >= dt { found.require(isMultipleOfDt(c.delay), path + ".delay", c.delay, "be a whole multiple of simulation.dt = \(formatNumber(dt)) s") }
      }
      if let s = c.stp {
        found.require(s.U > 0 && s.U <= 1, path + ".stp.U", s.U, "be in (0, 1]")
        found.require(s.U0 >= 0 && s.U0 < 1, path + ".stp.U_0", s.U0, "be in [0, 1)")
        found.require(s.tauD > 0, path + ".stp.tau_D", s.tauD, "be > 0 s")
        found.require(s.tauF >= 0, path + ".stp.tau_F", s.tauF, "be >= 0 s (0 = no facilitation)")
      }
    }

    for (i, input) in inputs.enumerated() {
      let path = "inputs[\(i)]"
      if populationIndex(input.to) == nil {
        found.errors.append(ParameterError(path: path + ".to", value: "\"\(input.to)\"", requirement: "name a population (\(populations.map(\.name).joined(separator: ", ")))"))
      }
      switch input.kind {
      case .step: break
      case .pulse(_, let width, _): found.require(width > 0, path + ".width", width, "be > 0 s")
      case .sine(_, let frequency, _): found.require(frequency >= 0, path + ".frequency", frequency, "be >= 0 Hz")
      }
    }

    if let k = meso.history { found.require(k >= 1, "meso.history", Double(k), "be >= 1 step or auto") }
    found.require(micro.threads >= 1 && micro.threads <= MicroSettings.maxThreads, "micro.threads", Double(micro.threads), "be in 1 ... \(MicroSettings.maxThreads)")
    if let u = analysis.upDown {
      found.require(u.smoothing > 0, "analysis.up_down.smoothing", u.smoothing, "be > 0 s")
      if let hi = u.thetaHi, let lo = u.thetaLo { found.require(lo < hi, "analysis.up_down.theta_lo", lo, "be < theta_hi = \(formatNumber(hi)) Hz") }
    }
    if let t0 = analysis.transient {
      found.require(t0 >= 0 && t0 < simulation.duration, "analysis.transient", t0, "be in [0, simulation.duration) s")
    }
    if let s = analysis.populationSpikes { found.require(s.smoothing > 0, "analysis.population_spikes.smoothing", s.smoothing, "be > 0 s") }
    return found.errors
  }

  /// The model itself when it has no problem; otherwise the first problem.
  public func validated() throws(ParameterError) -> NetworkModel {
    if let first = problems().first { throw first }
    return self
  }
}
