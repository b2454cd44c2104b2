import Foundation
import MesoPop
import Testing

/// `mesopop export nest` of LIF neurons, sources and STDP: the script against the configuration (no NEST needed).
@Suite(.serialized) struct NESTExportLIFTests {
  static func export(_ config: String, _ extra: [String] = []) throws -> (CLI.Result, String) {
    try NESTExportTests.export(config, "micro", extra)
  }

  /// brunel_small_plastic.yaml: iaf_psc_delta with E_L = μ = 0, V_th 20, V_reset 0, τ_m 20 ms, t_ref 2 ms,
  /// input while refractory dropped, V_m(0) = V_reset; J in mV as the weight; 1 000 Poisson sources at
  /// 20 Hz as parrots of one poisson_generator; E→E stdp_synapse with τ₊ 20 ms, W_max 3 mV, λ 0.01,
  /// α 2.02, μ₊ = μ₋ = 1; τ₋ = 20 ms on E only; its final weights saved (record.final).
  @Test func brunelBecomesIafPscDeltaParrotsAndStdpSynapse() throws {
    let (r, script) = try Self.export("brunel_small_plastic.yaml")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nodes["E"] = nest.Create("iaf_psc_delta", 800, params={"E_L": 0.0, "I_e": 0.0, "V_reset": 0.0, "V_th": 20.0, "t_ref": 2.0, "C_m": 250.0, "tau_m": 20.0, "refractory_input": False, "tau_minus": 20.0})"#))
    #expect(script.contains(#"nodes["I"] = nest.Create("iaf_psc_delta", 200, params={"E_L": 0.0, "I_e": 0.0, "V_reset": 0.0, "V_th": 20.0, "t_ref": 2.0, "C_m": 250.0, "tau_m": 20.0, "refractory_input": False})"#))
    #expect(script.contains(#"nodes["E"].set(V_m=0.0)"#))
    #expect(script.contains(#"nodes["X"] = nest.Create("parrot_neuron", 1000)"#))
    #expect(script.contains(#"nest.Connect(nest.Create("poisson_generator", params={"rate": 20.0}), nodes["X"], syn_spec={"delay": DT_MS})"#))
    #expect(script.contains(#"nest.Connect(nodes["X"], nodes["E"], {"rule": "fixed_indegree", "indegree": 100, "allow_autapses": True, "allow_multapses": False}, {"synapse_model": "static_synapse", "weight": 1.0, "delay": 1.5})"#))
    #expect(script.contains(#"nest.CopyModel("stdp_synapse", "stdp_2", {"tau_plus": 20.0, "Wmax": 3.0, "lambda": 0.01, "alpha": 2.02, "mu_plus": 1.0, "mu_minus": 1.0})"#))
    #expect(script.contains(#"nest.Connect(nodes["E"], nodes["E"], {"rule": "pairwise_bernoulli", "p": 0.1, "allow_autapses": True}, {"synapse_model": "stdp_2", "weight": 1.0, "delay": 1.5})"#))
    #expect(script.contains(#"nest.Connect(nodes["I"], nodes["E"], {"rule": "pairwise_bernoulli", "p": 0.1, "allow_autapses": True}, {"synapse_model": "static_synapse", "weight": -5.0, "delay": 1.5})"#))
    #expect(script.contains(#"PLASTIC = [(2, "stdp_2", "E", "E", 1.0)]"#))
    #expect(script.contains("weights_note") && script.contains("w_pre") && script.contains("SIMULATOR = \"NEST iaf_psc_delta, parrot_neuron\""))
  }

  /// lif_noise.yaml without adaptation and with exponential currents into L (τ_s 5 ms): iaf_psc_exp with
  /// weight J·C_m/τ_s = 0.2·250/5 = 10 pA; noise_generator with σ_I such that the grid AR(1) innovation
  /// (1 − E_m)²σ_I² equals MesoPop's σ²(1 − E_m²)/2 (σ 4 mV, E_m = e^{−0.1/20}, C_m/τ_m = 12.5 nS);
  /// C as iaf_cond_exp with C_m 200 pF, g_L 10 nS, E_L = −70 + 100 pA/10 nS = −60 mV, weight 0.5 nS.
  @Test func lifNoiseBecomesIafPscExpNoiseAndIafCondExp() throws {
    let (r, script) = try Self.export(
      "lif_noise.yaml", ["--set", "populations[1].b=0", "--set", "connections[0].tau_s=5 ms", "--set", "connections[3].tau_s=5 ms"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nodes["L"] = nest.Create("iaf_psc_exp", 1000, params={"E_L": 15.0, "I_e": 0.0, "V_reset": 10.0, "V_th": 20.0, "t_ref": 2.0, "C_m": 250.0, "tau_m": 20.0, "tau_syn_ex": 5.0, "tau_syn_in": 5.0})"#))
    #expect(script.contains(#"nest.Connect(nodes["X"], nodes["L"], {"rule": "fixed_indegree", "indegree": 100, "allow_autapses": True, "allow_multapses": False}, {"synapse_model": "static_synapse", "weight": 10.0, "delay": 1.0})"#))
    #expect(script.contains(#"nodes["C"] = nest.Create("iaf_cond_exp", 200, params={"E_L": -60.0, "I_e": 0.0, "V_reset": -60.0, "V_th": -50.0, "t_ref": 2.0, "C_m": 200.0, "g_L": 10.0, "E_ex": 0.0, "E_in": -70.0, "tau_syn_ex": 5.0, "tau_syn_in": 10.0})"#))
    #expect(script.contains(#"nest.Connect(nodes["L"], nodes["C"], {"rule": "fixed_indegree", "indegree": 100, "allow_autapses": True, "allow_multapses": False}, {"synapse_model": "static_synapse", "weight": 0.5, "delay": 1.0})"#))
    let std = try #require(Self.value(after: #""std": "#, in: script))
    let decay = exp(-0.1 / 20.0), sigma = 4.0, r_ = 20.0 / 250.0  // R = τ_m/C_m (GΩ): mV per pA
    let innovation = pow((1 - decay) * r_ * std, 2)
    #expect(abs(innovation / (sigma * sigma * (1 - decay * decay) / 2) - 1) < 1e-12, "std \(std)")
  }

  /// A spike-train population: parrots fed one-to-one by spike generators; a spike of step s fires
  /// the generator at s·dt (the parrot repeats it one step later, stamped (s + 1)·dt: step s in MesoPop's
  /// count). A plastic connection onto it puts τ₋ on the parrots.
  @Test func spikeTrainsBecomeGeneratorsAndParrots() throws {
    let (r, script) = try Self.export(
      "brunel_small_static.yaml",
      ["--set", "populations[0]={name: X, kind: spike_train, spike_times: [[1 ms, 2.5 ms], [0.3 ms]]}",
       "--set", "connections[2]={from: E, to: X, J: 1 mV, p: 0.1, delay: 1.5 ms, tau_s: 0, plasticity: {rule: pair, w_max: 3 mV, tau_minus: 30 ms}}"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nodes["X"] = nest.Create("parrot_neuron", 2)"#))
    #expect(script.contains(#"generators.set([{"spike_times": [round(s * DT_MS, 9) for s in steps]} for steps in [[10, 25], [3]]])"#))
    #expect(script.contains(#"nest.Connect(generators, nodes["X"], "one_to_one", syn_spec={"delay": DT_MS})"#))
    #expect(script.contains(#"nodes["X"].set(tau_minus=30.0)"#))
  }

  /// The triplet rule: stdp_triplet_synapse with τ₊, τ_x, the four amplitudes; τ₋ and τ_y on the target neurons.
  @Test func tripletBecomesStdpTripletSynapse() throws {
    let (r, script) = try Self.export(
      "brunel_small_plastic.yaml",
      ["--set", "connections[2].plasticity={rule: triplet, w_max: 3 mV, A2_plus: 0.005 mV, A3_plus: 0.006 mV, tau_y: 120 ms}"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(script.contains(#"nest.CopyModel("stdp_triplet_synapse", "stdp_2", {"tau_plus": 16.8, "Wmax": 3.0, "tau_plus_triplet": 101.0, "Aplus": 0.005, "Aplus_triplet": 0.006, "Aminus": 0.007, "Aminus_triplet": 0.00023})"#))
    #expect(script.contains(#""refractory_input": False, "tau_minus": 33.7, "tau_minus_triplet": 120.0})"#))
    #expect(script.contains("PLASTIC = []"))
  }

  /// What NEST cannot express is refused with the key: adaptation, mixed delta and exponential input,
  /// w_min ≠ 0, nearest pairing, STP with STDP, a given spike in step 0, two τ₋ onto one population,
  /// a rate modulation of a Poisson source, LIF at the meso level.
  @Test func refusalsNameTheKey() throws {
    let (lif, noScript) = try Self.export("lif_noise.yaml")
    #expect(lif.status == 64 && noScript.isEmpty)
    #expect(lif.stderr.contains("populations[1] (L).b = 0.02: NEST has no hard-threshold LIF neuron"), "\(lif.stderr)")
    #expect(lif.stderr.contains("population L: it receives both delta (tau_s = 0) and exponential (tau_s > 0) connections"))
    let cases: [([String], String)] = [
      (["--set", "connections[2].plasticity.w_min=0.5 mV"], "connections[2].plasticity.w_min = 0.5"),
      (["--set", "connections[2].plasticity.pairing=nearest"], "connections[2].plasticity.pairing = nearest"),
      (["--set", "connections[2].stp={U: 0.2, tau_D: 0.5 s}"], "connections[2].plasticity with stp"),
      (["--set", "populations[0]={name: X, kind: spike_train, spike_times: [[0 s]]}"], "populations[0] (X).spike_times[0][0]"),
      (["--set", "connections[4].plasticity={rule: pair, w_max: 10 mV, tau_minus: 30 ms}", "--set", "connections[4].J=1 mV"],
       "population E: plastic connections with different tau_minus"),
      (["--set", "inputs=[{to: X, kind: step, start: 0.5 s, amplitude: 5}]"], "inputs[0] (to X)"),
    ]
    for (overrides, message) in cases {
      let (r, _) = try Self.export("brunel_small_plastic.yaml", overrides)
      #expect(r.status == 64 && r.stderr.contains(message), "\(overrides): \(r.stderr)")
    }
    let (meso, _) = try NESTExportTests.export("brunel_small_static.yaml", "meso")
    #expect(meso.status == 64 && meso.stderr.contains("populations[1] (E): lif populations have no gif_pop_psc_exp equivalent"), "\(meso.stderr)")
  }

  /// `--connectivity`: the companion .npz holds MesoPop's synapses of the seed (what
  /// `MicroscopicSimulator.drawnSynapses` lists: 100 sources per target for X → E, Bernoulli E → E
  /// with p = 0.1 of 800², sorted by source), and the script connects each connection from its arrays
  /// one-to-one, with its weight, delay and synapse model, and records the seed in its meta. A meso
  /// level or random initial weights are refused, and no file is written.
  @Test func connectivityFileHoldsMesoPopsSynapses() throws {
    let dir = try CLI.scratch()
    let file = dir.appendingPathComponent("synapses.npz")
    let (r, script) = try Self.export("brunel_small_plastic.yaml", ["--seed", "5", "--connectivity", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    let arrays = try NPZ.read(from: file)
    #expect(Set(arrays.keys) == Set((0..<6).flatMap { ["pre_\($0)", "post_\($0)"] }))
    let text = try String(contentsOfFile: CLI.config("brunel_small_plastic.yaml"), encoding: .utf8)
    let loaded = try Configuration(document: ConfigDocument.parse(text, format: .yaml))
    guard case .network(let model) = loaded.model else { Issue.record("not a network"); return }
    let drawn = try MicroscopicSimulator.drawnSynapses(DiscreteNetwork(model), seed: 5, memoryLimit: .machine())
    for c in 0..<6 {
      #expect(arrays["pre_\(c)"]?.int64 == drawn[c]?.sources.map(Int64.init), "pre_\(c)")
      #expect(arrays["post_\(c)"]?.int64 == drawn[c]?.targets.map(Int64.init), "post_\(c)")
    }
    #expect(arrays["pre_0"]?.shape == [80_000])
    let ee = try #require(arrays["pre_2"]?.int64?.count)
    #expect(abs(Double(ee) - 64_000) < 5 * (64_000 * 0.9).squareRoot(), "E → E: 5 s.d. of the Bernoulli count")
    #expect(script.contains("DRAWN_SEED = 5") && script.contains("SEED = 5"))
    #expect(script.contains(#"CONNECTIVITY = os.path.abspath(option("--connectivity", "\#(file.standardizedFileURL.path)"))"#))
    #expect(script.contains(#"pre, post = first_id["E"] + drawn["pre_2"], first_id["E"] + drawn["post_2"]"#))
    #expect(script.contains(#"nest.Connect(pre, post, "one_to_one", {"synapse_model": "stdp_2", "weight": np.full(len(pre), 1.0), "delay": np.full(len(pre), 1.5)})"#))
    #expect(script.contains(#"meta["connectivity"] = {"file": CONNECTIVITY, "mesopop_seed": DRAWN_SEED}"#))
    #expect(!script.contains(#""rule": "pairwise_bernoulli""#) && !script.contains(#""rule": "fixed_indegree""#))

    let refused = dir.appendingPathComponent("refused.npz")
    let (meso, _) = try NESTExportTests.export("nest_ei_network.yaml", "meso", ["--connectivity", refused.path])
    #expect(meso.status != 0 && meso.stderr.contains("--connectivity needs --level micro"), "\(meso.stderr)")
    let (random, noScript) = try Self.export(
      "brunel_small_plastic.yaml", ["--set", "connections[2].plasticity.w_init={distribution: uniform, low: 0.5 mV, high: 1.5 mV}", "--connectivity", refused.path])
    #expect(random.status == 64 && random.stderr.contains("connections[2].plasticity.w_init: random initial weights"), "\(random.stderr)")
    #expect(noScript.isEmpty && !FileManager.default.fileExists(atPath: refused.path))
  }

  /// The number after `key` in `text`.
  static func value(after key: String, in text: String) -> Double? {
    guard let range = text.range(of: key) else { return nil }
    return Double(text[range.upperBound...].prefix { "0123456789.e-+".contains($0) })
  }
}
