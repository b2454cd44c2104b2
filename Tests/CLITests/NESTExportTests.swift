import Foundation
import MesoPop
import Testing

/// `mesopop export nest`: the script's content against the configuration (no NEST needed).
@Suite(.serialized) struct NESTExportTests {
  static func export(_ config: String, _ level: String, _ extra: [String] = []) throws -> (CLI.Result, String) {
    let out = try CLI.scratch().appendingPathComponent("net.py")
    let r = try CLI.run(["export", "nest", CLI.config(config), "--level", level, "--out", out.path, "--quiet"] + extra)
    return (r, (try? String(contentsOf: out, encoding: .utf8)) ?? "")
  }

  /// nest_ei_network.yaml: C_m = 250 pF, tau_m = 20 ms → g_L = 12.5 nS; J_θ/τ_θ = 1 mV·s/0.1 s = 10 mV and
  /// 1 mV, times e^{−Δt/τ_θ} (NEST reads the threshold before the step's decay): 10·e^{−0.005} and
  /// e^{−0.0005}; E→E weight 0.3 mV·250 pF/3 ms = 25 pA, I→E −1.5·250/6 = −62.5 pA, each split between
  /// the delay and one step more (`splitWeightsReproduceMesoPopsGridPSP`); in-degrees 0.2·800 = 160
  /// and 0.2·200 = 40; the +20 mV step at 1.5 s is 20·250/20 = 250 pA from 1499.5 ms (one step early).
  @Test func microScriptMapsEveryParameter() throws {
    let (r, script) = try Self.export("nest_ei_network.yaml", "micro", ["--virtual-processes", "4"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nodes["E"] = nest.Create("gif_psc_exp", 800, params={"C_m": 250.0, "E_L": 24.0, "I_e": 0.0, "V_reset": 0.0, "V_T_star": 15.0, "Delta_V": 2.5, "lambda_0": 10.0, "t_ref": 4.0, "tau_sfa": [100.0, 1000.0], "q_sfa": [9.950124791926823, 0.9995001249791693], "tau_syn_ex": 3.0, "tau_syn_in": 6.0, "g_L": 12.5})"#))
    #expect(script.contains(#"nest.Connect(nodes["E"], nodes["E"], {"rule": "fixed_indegree", "indegree": 160, "allow_autapses": True, "allow_multapses": False}, {"synapse_model": "psc_0", "weight": "#))
    #expect(script.contains(#"nest.Connect(nodes["I"], nodes["E"], {"rule": "fixed_indegree", "indegree": 40, "allow_autapses": True, "allow_multapses": False}, {"synapse_model": "psc_2", "weight": "#))
    #expect(script.contains(#"{"amplitude_times": [1499.5], "amplitude_values": [250.0]}"#))
    #expect(script.contains("VIRTUAL_PROCESSES = 4") && script.contains("\"total_num_virtual_procs\": VIRTUAL_PROCESSES"))
    #expect(script.contains("SEED = 1") && script.contains("DT_MS = 0.5") && script.contains("STEPS = 6000") && script.contains("STEPS_PER_BIN = 2"))
    #expect(script.contains("nest.SyncProcesses()"))
    let imports = script.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.hasPrefix("from ") }
    #expect(Set(imports.map { String($0.split(separator: " ")[1]) }) == ["json", "os", "sys", "time", "numpy", "nest"])
  }

  /// The weights of each connection's two copies (at the delay, one step later) against the closed
  /// form: MesoPop's PSP on the grid is NEST's averaged over arrivals in [0, Δt], so for n ≥ 1
  /// a·R(nΔt) + b·R((n − 1)Δt) matches it when a + b·e^{x} = (e^{x} − 1)/x for x = Δt/τ_m and
  /// Δt/τ_s (R(t) ∝ e^{−t/τ_m} − e^{−t/τ_s}). Solved here independently of the exporter's
  /// propagator arithmetic; agreement to 1e-12 (both are exact formulas in double precision; the
  /// split itself was checked in NEST to 2e-15 mV, Benchmarks/nest_export/psp_check.py).
  @Test func splitWeightsReproduceMesoPopsGridPSP() throws {
    let (r, script) = try Self.export("nest_ei_network.yaml", "micro")
    #expect(r.status == 0, "\(r.stderr)")
    func split(tauS: Double) -> (Double, Double) {
      let g = { (x: Double) in expm1(x) / x }
      let xm = 0.5 / 20, xs = 0.5 / tauS
      let b = (g(xs) - g(xm)) / (exp(xs) - exp(xm))
      return (g(xm) - b * exp(xm), b)
    }
    for (model, w, tauS) in [("psc_0", 25.0, 3.0), ("psc_1", 25.0, 3.0), ("psc_2", -62.5, 6.0), ("psc_3", -62.5, 6.0)] {
      let (a, b) = split(tauS: tauS)
      let now = try #require(NESTExportLIFTests.value(after: #"{"synapse_model": "\#(model)", "weight": "#, in: script))
      let next = try #require(NESTExportLIFTests.value(after: #"{"synapse_model": "\#(model)", "weight": np.full(len(pre), "#, in: script))
      #expect(abs(now / w - a) < 1e-12 && abs(next / w - b) < 1e-12, "\(model): \(now / w) \(next / w) against \(a) \(b)")
      #expect(script.contains(#"{"synapse_model": "\#(model)", "weight": np.full(len(pre), \#(next)), "delay": np.full(len(pre), 1.0 + DT_MS)})"#))
    }
    #expect(script.contains(#"pre, post = made_synapses(nodes["E"], nodes["E"], "psc_0")"#))
    // The meso level keeps J/τ_θ (gif_pop_psc_exp builds MesoPop's kernel) and one connection each.
    let (_, meso) = try Self.export("nest_ei_network.yaml", "meso")
    #expect(meso.contains(#""q_sfa": [10.0, 1.0]"#) && !meso.contains("made_synapses"))
  }

  /// Population nodes: weight × p (25 pA · 0.2 = 5 pA), N, automatic history, binomial counts.
  @Test func mesoScriptUsesPopulationNodes() throws {
    let (r, script) = try Self.export("nest_ei_network.yaml", "meso", ["--set", "meso.spike_count=poisson", "--set", "meso.history=500"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nest.Create("gif_pop_psc_exp", 1, params={"C_m": 250.0, "E_L": 24.0"#))
    #expect(script.contains(#""tau_m": 20.0, "N": 800, "len_kernel": 500, "BinoRand": False})"#))
    #expect(script.contains(#"nest.Connect(nodes["E"], nodes["I"], "all_to_all", {"weight": 5.0, "delay": 1.0})"#))
    #expect(script.contains(#""record_from": ["n_events"]"#))
  }

  /// Without a threshold kernel (s17_ei_network.yaml) the neurons get one component of q_sfa = 0, which NEST needs.
  @Test func noKernelBecomesOneZeroComponent() throws {
    let (r, script) = try Self.export("s17_ei_network.yaml", "meso")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#""tau_sfa": [1000.0], "q_sfa": [0.0]"#))
  }

  /// `one_to_one` becomes NEST's one_to_one; a fixed in-degree below one partner (0.001·800 = 0.8) is
  /// drawn Bernoulli by MesoPop and exported as pairwise_bernoulli.
  @Test func connectivityRulesMapToNEST() throws {
    let (r, script) = try Self.export(
      "nest_ei_network.yaml", "micro",
      ["--set", "connections[0].connectivity=one_to_one", "--set", "connections[0].p=1", "--set", "connections[1].p=0.001"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nest.Connect(nodes["E"], nodes["E"], {"rule": "one_to_one"}, "#))
    #expect(script.contains(#"nest.Connect(nodes["E"], nodes["I"], {"rule": "pairwise_bernoulli", "p": 0.001, "allow_autapses": True}, "#))
  }

  /// STP becomes a tsodyks2_synapse copy (U, τ_rec, τ_fac in ms; u = U, x = 1 at the start: NEST
  /// transmits its stored x·u before updating it, so the first spike releases U).
  @Test func stpBecomesTsodyks2() throws {
    let (r, script) = try Self.export("up_down.yaml", "micro")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nest.CopyModel("tsodyks2_synapse", "tm_0", {"U": 0.2, "u": 0.2, "x": 1.0, "tau_rec": 300.0, "tau_fac": 0.0})"#))
    #expect(script.contains(#""synapse_model": "tm_0", "weight": "#) && script.contains(#"made_synapses(nodes["E"], nodes["E"], "tm_0")"#))
  }

  /// The script is valid Python (when python3 is there).
  @Test func scriptParses() throws {
    let (_, script) = try Self.export("nest_ei_network.yaml", "micro")
    let file = try CLI.file(script, named: "s.py", in: try CLI.scratch())
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", file]
    guard (try? process.run()) != nil else { return }
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  /// What NEST or the exporter cannot express is refused, named, with exit 64 and no file.
  @Test func refusalsNameWhatCannotBeExported() throws {
    let (stp, noScript) = try Self.export("up_down.yaml", "meso")
    #expect(stp.status == 64 && stp.stderr.contains("gif_pop_psc_exp has no short-term plasticity (stp)"), "\(stp.stderr)")
    #expect(noScript.isEmpty)
    let (closure, _) = try Self.export("nest_ei_network.yaml", "meso", ["--set", "meso.variant=history"])
    #expect(closure.status == 64 && closure.stderr.contains("the history closure"), "\(closure.stderr)")
    let (rate, _) = try Self.export("wilson_cowan.yaml", "micro")
    #expect(rate.status == 64 && rate.stderr.contains("only networks are exported"), "\(rate.stderr)")
  }
}
