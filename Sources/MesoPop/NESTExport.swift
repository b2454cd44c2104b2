import Foundation
import MesoConfig
import MesoCore

/// A self-contained PyNEST 3 script for a network configuration (`mesopop export nest`): GIF
/// populations as `gif_psc_exp` neurons (micro) or `gif_pop_psc_exp` nodes (meso), LIF populations
/// as `iaf_psc_delta`, `iaf_psc_exp` or `iaf_cond_exp`, sources as parrot neurons behind a
/// `poisson_generator` or `spike_generator`s, static synapses, `tsodyks2_synapse` for Tsodyks–Markram
/// STP or `stdp_synapse` / `stdp_triplet_synapse` for STDP, inputs as current generators, population
/// activity (and final plastic weights) written as a MesoPop `.npz` that `Recording(npz:)` reads. The
/// script imports only the standard library, `nest` and `numpy`, fixes `total_num_virtual_procs`
/// (results independent of how the virtual processes are split into MPI ranks and threads), and
/// under `mpirun -np N` writes one file per rank that rank 0 merges.
///
/// Units: NEST works in ms, mV, pF, nS, pA. With C_m = 250 pF (any value: it cancels), the mapping is
/// g_L = C_m/τ_m, E_L = μ, q_sfa = J_θ/τ_θ (× e^{−Δt/τ_θ} for neurons), weight = J·C_m/τ_s (pA; × p for
/// population nodes, which receive spike counts all-to-all; onto GIF neurons split between the
/// delay and one step more), input current = Δμ·C_m/τ_m.
public enum NESTExport {
  /// Membrane capacitance of every exported neuron (pF); it cancels from every mapped quantity.
  public static let capacitance = 250.0

  /// The script for `configuration` at `level`, run with `virtualProcesses` virtual processes and
  /// `seed` as NEST's `rng_seed` unless the script is given `--seed`; with `connectivity` the script
  /// makes the connections it lists from its file (MesoPop's draw) instead of drawing them. Throws a
  /// `NESTExportError` naming everything NEST (or this exporter) cannot express.
  public static func script(
    _ configuration: Configuration, level: SimulationLevel, seed: UInt64, virtualProcesses: Int = 1,
    connectivity: NESTConnectivity? = nil
  ) throws(NESTExportError) -> String {
    guard case .network(let model) = configuration.model else {
      throw NESTExportError(["the configuration is not a network (populations:): only networks are exported to NEST"])
    }
    var problems = [String]()
    if virtualProcesses < 1 { problems.append("the number of virtual processes must be at least 1, got \(virtualProcesses)") }
    problems += refusals(model, level: level)
    if connectivity != nil { problems += connectivityRefusals(model, level: level) }
    guard problems.isEmpty else { throw NESTExportError(problems) }
    let body = level == .micro ? microBody(model, connectivity: connectivity) : mesoBody(model)
    return header(configuration, model, level: level, seed: seed, virtualProcesses: virtualProcesses, drawnSeed: connectivity?.seed)
      + body + footer(level: level)
  }

  // MARK: - Script text

  private static func header(
    _ configuration: Configuration, _ model: NetworkModel, level: SimulationLevel, seed: UInt64, virtualProcesses: Int,
    drawnSeed: UInt64?
  ) -> String {
    let s = model.simulation
    let steps = Int((s.duration / s.dt).rounded())
    let populations = model.populations.map { "(\(python($0.name)), \($0.N))" }.joined(separator: ", ")
    let config = configuration.resolvedDocument(seed: seed).jsonString()
    let models = level == .micro ? Set(model.populations.map { microModel(model, $0) }).sorted() : ["gif_pop_psc_exp"]
    let simulator = "NEST " + models.joined(separator: ", ")
    return """
      #!/usr/bin/env python3
      \"\"\"\(model.name.isEmpty ? "MesoPop network" : model.name): \(simulator), exported by mesopop \(mesoPopVersion).

      Runs the network of the configuration stored in CONFIG with NEST 3 and writes its population
      activity as a MesoPop .npz (t (B,) s, A (B, M) Hz, meta JSON), which Recording(npz:) reads.
      Usage: python3 SCRIPT [--seed S] [--out FILE.npz] [--timing-only]; under MPI: mpirun -np N python3 SCRIPT, with N
      dividing VIRTUAL_PROCESSES = \(virtualProcesses) (fixed, so that the results do not depend on N).
      Imports only the standard library, nest and numpy.
      \"\"\"
      import json
      import os
      import sys
      import time

      import numpy as np

      os.environ.setdefault("PYNEST_QUIET", "1")
      import nest  # noqa: E402

      CONFIG = json.loads(\(python(config)))
      SEED = \(seed)
      LEVEL = \(python("nest_" + level.rawValue))
      SIMULATOR = \(python(simulator))
      VIRTUAL_PROCESSES = \(virtualProcesses)
      DT_MS = \(number(1e3 * s.dt))
      STEPS = \(steps)
      STEPS_PER_BIN = \(s.stepsPerBin)
      BINS = STEPS // STEPS_PER_BIN
      RECORD_BIN_S = \(number(s.recordBin))
      DURATION_S = \(number(s.duration))
      POPULATIONS = [\(populations)]
      # The seed of MesoPop's synapses that the script connects from its --connectivity file (None: NEST draws them).
      DRAWN_SEED = \(drawnSeed.map { "\($0)" } ?? "None")
      # Plastic connections whose final weights are saved: (index, synapse model, source, target, NEST units per mV).
      \(level == .micro ? plasticTable(model) : "PLASTIC = []")


      def option(name, default):
          \"\"\"The value after --name on the command line, else default.\"\"\"
          return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


      seed = int(option("--seed", SEED))
      timing_only = "--timing-only" in sys.argv  # no recorders and no output: nest.Simulate timed alone
      out = option("--out", os.path.splitext(os.path.abspath(sys.argv[0]))[0] + ".npz")
      nest.ResetKernel()
      nest.verbosity = nest.VerbosityLevel.ERROR
      nest.SetKernelStatus({"resolution": DT_MS, "total_num_virtual_procs": VIRTUAL_PROCESSES, "rng_seed": seed,
                            "print_time": False})
      nodes = {}

      """ + "\n"
  }

  /// Neuron (or population node) parameters of population p, as a Python dict literal.
  static func neuronParameters(_ model: NetworkModel, _ p: Population, node: Bool, extra: [(String, String)] = []) -> String {
    func tau(_ sign: Double) -> Double { synapticTau(model, p, sign: sign) }
    // NEST needs at least one threshold-kernel component: without adaptation, one of q_sfa = 0.
    let kernel = p.thresholdKernel.isEmpty ? [ThresholdKernelComponent(J: 0, tau: 1)] : p.thresholdKernel
    var items: [(String, String)] = [
      ("C_m", number(capacitance)), ("E_L", number(p.mu)), ("I_e", "0.0"), ("V_reset", number(p.vReset)),
      ("V_T_star", number(p.vTh)), ("Delta_V", number(p.deltaV)), ("lambda_0", number(p.lambda0)), ("t_ref", number(1e3 * p.tRef)),
      ("tau_sfa", "[" + kernel.map { number(1e3 * $0.tau) }.joined(separator: ", ") + "]"),
      ("q_sfa", "[" + kernel.map { number(thresholdJump($0, node: node, dt: model.simulation.dt)) }.joined(separator: ", ") + "]"),
      ("tau_syn_ex", number(tau(1))), ("tau_syn_in", number(tau(-1))),
    ]
    if node {
      items += [
        ("tau_m", number(1e3 * p.tauM)), ("N", "\(p.N)"), ("len_kernel", model.meso.history.map { "\($0)" } ?? "-1"),
        ("BinoRand", model.meso.spikeCount == .binomial ? "True" : "False"),
      ]
    } else {
      items.append(("g_L", number(capacitance / (1e3 * p.tauM))))
    }
    return dictionary(items + extra)
  }

  private static func weight(_ c: Connection, node: Bool) -> Double {
    c.J * capacitance / (1e3 * c.tauS) * (node ? c.p : 1)
  }

  private static func microBody(_ model: NetworkModel, connectivity: NESTConnectivity?) -> String {
    var lines = [
      "# Populations: GIF neurons V_m = 0 mV, not refractory, no adaptation at t = 0; LIF neurons V_m = V_reset;",
      "# sources as parrot neurons fed by a generator.",
    ]
    for p in model.populations { lines += populationLines(model, p) }
    if let connectivity { lines += connectivityPreamble(connectivity) }
    if splitsArrivals(model) { lines += madeSynapsesFunction }
    lines.append("# Connections: weight J*C_m/tau_s (pA) onto exponential currents, J (mV) onto delta synapses, J (nS) onto conductances.")
    for (i, c) in model.connections.enumerated() {
      let drawRule = c.connectivity ?? model.micro.connectivity
      let source = model.populations.first { $0.name == c.from }!
      let indegree = c.p * Double(source.N)
      let bernoulli = "{\"rule\": \"pairwise_bernoulli\", \"p\": \(number(c.p)), \"allow_autapses\": True}"
      let rule: String
      switch drawRule {
      case .oneToOne: rule = "{\"rule\": \"one_to_one\"}"
      case .fixedIndegree where indegree >= 1:
        rule = "{\"rule\": \"fixed_indegree\", \"indegree\": \(Int(indegree.rounded())), \"allow_autapses\": True, \"allow_multapses\": False}"
      // Below one partner per target MesoPop draws a fixed in-degree connection Bernoulli too.
      case .bernoulli, .fixedIndegree: rule = bernoulli
      }
      let scale = { (x: Double) in inNESTUnits(x, model, c) }
      var synapse = "\"static_synapse\""
      if let stp = c.stp {
        // NEST 3.10 transmits x·u of its stored state, then updates it: u = U, x = 1 at t = 0 make the
        // first spike release U and every later one MesoPop's u⁺x⁻ (stp_train_check.py; u = 0 loses the first spike).
        lines.append(
          "nest.CopyModel(\"tsodyks2_synapse\", \"tm_\(i)\", {\"U\": \(number(stp.U)), \"u\": \(number(stp.U)), \"x\": 1.0, "
            + "\"tau_rec\": \(number(1e3 * stp.tauD)), \"tau_fac\": \(number(1e3 * stp.tauF))})")
        synapse = "\"tm_\(i)\""
      }
      if let rule = c.plasticity {
        lines.append(stdpModelLine(rule, index: i, units: scale))
        synapse = "\"stdp_\(i)\""
      }
      let split = arrivalSplit(model, c)
      if split != nil, c.stp == nil {
        // Its own model, so that the copy one step later finds exactly this connection's synapses.
        lines.append("nest.CopyModel(\"static_synapse\", \"psc_\(i)\")")
        synapse = "\"psc_\(i)\""
      }
      let delay = number(1e3 * c.delay)
      let weight = split.map { number(scale(c.J) * $0.now) } ?? initialWeight(c, units: scale)
      if split != nil { lines.append(arrivalSplitComment) }
      if connectivity?.connections.contains(i) == true {
        lines += drawnConnectLine(c, index: i, synapse: synapse, weight: weight, delay: delay)
        if let split { lines.append(nextStepCopyLine(synapse: synapse, weight: number(scale(c.J) * split.next), delay: delay)) }
        continue
      }
      lines.append(
        "nest.Connect(nodes[\(python(c.from))], nodes[\(python(c.to))], \(rule), "
          + "{\"synapse_model\": \(synapse), \"weight\": \(weight), \"delay\": \(delay)})")
      if let split {
        lines.append("pre, post = made_synapses(nodes[\(python(c.from))], nodes[\(python(c.to))], \(synapse))")
        lines.append(nextStepCopyLine(synapse: synapse, weight: number(scale(c.J) * split.next), delay: delay))
      }
    }
    lines += inputLines(model)
    lines.append("recorders = [] if timing_only else [nest.Create(\"spike_recorder\") for _ in POPULATIONS]")
    lines.append("for (name, _), recorder in zip(POPULATIONS, recorders):")
    lines.append("    nest.Connect(nodes[name], recorder)")
    lines.append("")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func mesoBody(_ model: NetworkModel) -> String {
    var lines = ["# Populations: one gif_pop_psc_exp node each (NEST's initial state: every neuron has just fired)."]
    for p in model.populations {
      lines.append("nodes[\(python(p.name))] = nest.Create(\"gif_pop_psc_exp\", 1, params=\(neuronParameters(model, p, node: true)))")
    }
    lines.append("# Connections: all-to-all between nodes, weight J*C_m/tau_s*p (pA), the connection's delay.")
    for c in model.connections {
      lines.append(
        "nest.Connect(nodes[\(python(c.from))], nodes[\(python(c.to))], \"all_to_all\", "
          + "{\"weight\": \(number(weight(c, node: true))), \"delay\": \(number(1e3 * c.delay))})")
    }
    lines += inputLines(model)
    lines.append("if not timing_only:")
    lines.append("    multimeter = nest.Create(\"multimeter\", params={\"record_from\": [\"n_events\"], \"interval\": DT_MS})")
    lines.append("    for name, _ in POPULATIONS:")
    lines.append("        nest.Connect(multimeter, nodes[name])")
    lines.append("")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Current generators: an input Δμ (mV) is a current Δμ·C_m/τ_m (pA). A generator's change at t_a
  /// is felt from the step starting at t_a + dt (generator-to-neuron delay one step), so change
  /// times are moved one step earlier; NEST needs them > 0, so an input starting before 2·dt starts
  /// at 2·dt (written as a comment).
  private static func inputLines(_ model: NetworkModel) -> [String] {
    guard !model.inputs.isEmpty else { return [] }
    var lines = ["# Inputs as current generators (change times one step early: felt from the step that starts at `start`)."]
    let dt = 1e3 * model.simulation.dt
    for input in model.inputs {
      let p = model.populations.first { $0.name == input.to }!
      let current = { (mV: Double) in mV * currentPerMillivolt(p) }
      let generator: String
      switch input.kind {
      case .sine(let amplitude, let frequency, let phase):
        generator =
          "nest.Create(\"ac_generator\", params={\"amplitude\": \(number(current(amplitude))), \"frequency\": \(number(frequency)), "
          + "\"phase\": \(number(phase * 180 / .pi)), \"offset\": 0.0})"
      case .step(let start, let amplitude), .pulse(let start, _, let amplitude):
        let on = max(1e3 * start - dt, dt)
        var times = [on], values = [current(amplitude)]
        if case .pulse(_, let width, _) = input.kind {
          times.append(max(1e3 * (start + width) - dt, on + dt))
          values.append(0)
        }
        if 1e3 * start - dt < dt { lines.append("# the input to \(p.name) starts at \(number((on + dt) / 1e3)) s instead of \(number(start)) s") }
        generator =
          "nest.Create(\"step_current_generator\", params={\"amplitude_times\": [\(times.map(number).joined(separator: ", "))], "
          + "\"amplitude_values\": [\(values.map(number).joined(separator: ", "))]})"
      }
      lines.append("nest.Connect(\(generator), nodes[\(python(p.name))], syn_spec={\"weight\": 1.0, \"delay\": DT_MS})")
    }
    return lines
  }

  /// Simulation, binning (a spike or sample stamped (l+1)·dt belongs to step l), per-rank files and the merge.
  private static func footer(level: SimulationLevel) -> String {
    let binning =
      level == .micro
      ? """
      for m, recorder in enumerate(recorders):
          times = np.asarray(recorder.get("events", "times"), dtype=float)
          steps = np.rint(times / DT_MS).astype(np.int64) - 1
          steps = steps[(steps >= 0) & (steps < BINS * STEPS_PER_BIN)]
          np.add.at(counts[:, m], steps // STEPS_PER_BIN, 1.0)
      """
      : """
      events = multimeter.get("events")
      senders = np.asarray(events["senders"]).reshape(-1)
      steps = np.rint(np.asarray(events["times"], dtype=float).reshape(-1) / DT_MS).astype(np.int64) - 1
      n = np.asarray(events["n_events"], dtype=float).reshape(-1)
      for m, (name, _) in enumerate(POPULATIONS):
          mine = (senders == nodes[name].global_id) & (steps >= 0) & (steps < BINS * STEPS_PER_BIN)
          np.add.at(counts[:, m], steps[mine] // STEPS_PER_BIN, n[mine])
      """
    return (level == .micro ? finalWeightsFunction + "\n" : "") + """
      # One step more than the duration, so that the last step's spikes are recorded (then dropped).
      cpu0, wall0 = time.process_time(), time.perf_counter()
      nest.Simulate(DT_MS * (STEPS + 1))
      cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
      if timing_only:
          if nest.Rank() == 0:
              print(json.dumps({"level": LEVEL, "seed": seed, "cpu_s": cpu, "wall_s": wall, "out": None}))
          sys.exit(0)
      counts = np.zeros((BINS, len(POPULATIONS)))
      \(binning)
      weights = final_weights() if PLASTIC else {}
      rank, ranks = nest.Rank(), nest.NumProcesses()
      if ranks > 1:
          # Each rank saw its own neurons' events and holds its targets' synapses: one file per rank, merged by rank 0.
          np.savez(f"{out}.rank{rank}.npz", counts=counts, **weights)
          nest.SyncProcesses()
          if rank == 0:
              parts = [dict(np.load(f"{out}.rank{r}.npz")) for r in range(ranks)]
              counts = sum(part["counts"] for part in parts)
              weights = {k: np.concatenate([part[k] for part in parts]) for k in weights}
              for r in range(ranks):
                  os.remove(f"{out}.rank{r}.npz")
      if rank == 0:
          sizes = np.array([size for _, size in POPULATIONS], dtype=float)
          A = counts / (sizes * RECORD_BIN_S)
          config = dict(CONFIG, simulation=dict(CONFIG["simulation"], seed=seed))
          meta = {"level": LEVEL, "simulator": SIMULATOR, "nest_version": nest.__version__, "seed": seed, "config": config,
                  "units": {"t": "s", "A": "Hz"}, "virtual_processes": VIRTUAL_PROCESSES, "mpi_processes": ranks,
                  "cpu_s": cpu, "wall_s": wall, "duration_s": DURATION_S, "populations": [name for name, _ in POPULATIONS]}
          if DRAWN_SEED is not None:
              meta["connectivity"] = {"file": CONNECTIVITY, "mesopop_seed": DRAWN_SEED}
          if PLASTIC:
              meta["weights_note"] = ("w is NEST's stored weight: without the potentiation by the postsynaptic spikes "
                                      "since the synapse's last presynaptic spike (NEST applies it at the next one)")
          temporary = out + ".tmp.npz"
          np.savez(temporary, t=np.arange(BINS) * RECORD_BIN_S, A=A, meta=np.array(json.dumps(meta)),
                   **(sorted_weights(weights) if PLASTIC else {}))
          os.replace(temporary, out)
          print(json.dumps({"level": LEVEL, "seed": seed, "cpu_s": cpu, "wall_s": wall, "out": out,
                            "rates_hz": {name: float(A[:, m].mean()) for m, (name, _) in enumerate(POPULATIONS)}}))

      """
  }

  /// A Python string literal.
  static func python(_ text: String) -> String { ConfigValue.string(text).jsonString() }

  /// A Python float literal that reads back exactly.
  static func number(_ x: Double) -> String { "\(x)" }
}

/// A configuration that the NEST exporter cannot write: every reason, one a line. Exit code 64.
public struct NESTExportError: Error, CustomStringConvertible, Sendable {
  /// What cannot be exported.
  public var problems: [String]

  /// The reasons `problems`.
  public init(_ problems: [String]) { self.problems = problems }

  /// `cannot export to NEST:` and one reason a line.
  public var description: String { "cannot export to NEST:\n" + problems.map { "  " + $0 }.joined(separator: "\n") }
}
