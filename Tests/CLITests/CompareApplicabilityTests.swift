import Foundation
import MesoPop
import Testing

/// `compare` reports only the statistics that apply, says why the others are absent, and keeps its
/// spectrum and statistics out of the transients that follow an input change.
@Suite(.serialized) struct CompareApplicabilityTests {
  /// Runs `compare` on an example with `arguments` and returns the report and the folder.
  private func compare(_ example: String, _ arguments: [String]) throws -> (report: [String: Any], dir: URL) {
    let dir = try CLI.scratch()
    let r = try CLI.run(["compare", CLI.config(example), "--out", dir.path, "--quiet"] + arguments)
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: dir.appendingPathComponent("report.json"))
    return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), dir)
  }

  private func population(_ report: [String: Any], _ name: String) throws -> [String: Any] {
    try #require((report["populations"] as? [String: Any])?[name] as? [String: Any])
  }

  /// Input-free windows: after t = 0 and after every change of a step or pulse, the settling time
  /// is discarded ([9.7 + 1, 10) is empty and dropped); a sine cuts nothing.
  @Test func inputFreeWindowsAvoidEveryInputChange() throws {
    let text = """
      simulation: {dt: 1 ms, duration: 10 s, record_bin: 1 ms}
      populations: [{name: P, N: 10, tau_m: 20 ms, t_ref: 4 ms, mu: 12 mV, V_reset: 0 mV, V_th: 10 mV, Delta_V: 2 mV, lambda_0: 10 Hz}]
      inputs:
        - {to: P, kind: step, start: 2 s, amplitude: 5 mV}
        - {to: P, kind: pulse, start: 6 s, width: 1.5 s, amplitude: 5 mV}
        - {to: P, kind: pulse, start: 9.5 s, width: 0.2 s, amplitude: 5 mV}
        - {to: P, kind: sine, amplitude: 1 mV, frequency: 3 Hz}
      """
    guard case .network(let model) = try Configuration(document: ConfigDocument.parse(text, format: .yaml)).model else {
      Issue.record("not a network")
      return
    }
    #expect(model.inputChangeTimes == [2, 6, 7.5, 9.5, 9.7])
    let windows = model.inputFreeWindows(settling: 1).map { [$0.start, $0.end] }
    #expect(windows == [[1, 2], [3, 6], [7, 7.5], [8.5, 9.5]])
  }

  /// The NEST E–I example: its +20 mV step at 1.5 s made the whole-run histogram bimodal; inside the
  /// input-free window after the step there are no Up/Down states and no population spikes (the
  /// activity is unimodal), the report says so, and the spectrum comes from that window only.
  @Test func nestExampleHasNoUpDownStatesAndItsSpectrumAvoidsTheStep() throws {
    let (report, dir) = try compare("nest_ei_network.yaml", ["--trials", "2"])
    #expect(report["analysis_window_s"] as? [Double] == [2.1, 3])
    #expect(report["input_changes_s"] as? [Double] == [1.5])
    for name in ["E", "I"] {
      let p = try population(report, name)
      let absent = try #require(p["absent"] as? [String: String])
      #expect(absent["up_down"]?.hasPrefix("no Up/Down states") == true, "\(absent)")
      #expect(absent["population_spikes"]?.hasPrefix("no population spikes") == true, "\(absent)")
      #expect(absent["psd"] == nil)
      #expect(p["dwell_times_s"] is NSNull && p["population_spike_threshold_hz"] is NSNull)
      let micro = try #require(p["micro"] as? [String: Any])
      #expect((micro["up_down"] as? [String: Any])?["fraction_up"] is NSNull)
      // 0.9 s window at 1 ms bins: one segment of 900 bins, f_k = k/0.9 s up to 500 Hz.
      #expect((micro["psd"] as? [String: [Double]])?["f"]?.count == 451)
      #expect(p["psd_segment_s"] as? Double == 0.9)
      #expect((p["window_rates_hz"] as? [Any])?.count == 2)
    }
    let markdown = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(markdown.contains("- no Up/Down states: the activity smoothed over 50 ms is not bimodal in either level"))
    #expect(!markdown.contains("| fraction of time Up |") && !markdown.contains("| population spikes (Hz) |"))
    #expect(markdown.contains("Statistics are computed in the input-free window [2.1, 3) s"))
    let figures = dir.appendingPathComponent("figures")
    if FileManager.default.fileExists(atPath: figures.path) {  // python3 with matplotlib present
      #expect(!FileManager.default.fileExists(atPath: figures.appendingPathComponent("dwell_times.png").path))
      #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("psd.png").path))
    }
  }

  /// The adapting example: the step at 0.7 s and the transient of 0.6 s discarded after it put the
  /// analysis window at [1.3, 3) s, so neither the spectrum nor the rate spans the step.
  @Test func adaptingExampleWindowStartsAfterTheStep() throws {
    let (report, _) = try compare("adapting_population.yaml", ["--trials", "1"])
    let window = try #require(report["analysis_window_s"] as? [Double])
    #expect(abs(window[0] - 1.3) < 1e-9 && window[1] == 3)
    let p = try population(report, "P")
    #expect((p["absent"] as? [String: String])?["psd"] == nil)
    let rates = try #require(p["window_rates_hz"] as? [[String: Any]])
    #expect(rates.map { $0["start_s"] as? Double } == [0.6, window[0]])
    let after = try #require((rates[1]["micro"] as? [String: Any])?["mean"] as? Double)
    let reported = try #require(((p["micro"] as? [String: Any])?["rate_hz"] as? [String: Any])?["mean"] as? Double)
    #expect(after == reported)
  }

  /// Pulses closer together than the transient leave no input-free window: the rate and std A span
  /// the run after the first transient; no spectrum, Up/Down states or population spikes (they
  /// would be the pulses), with the reasons.
  @Test func withoutAnInputFreeWindowThereIsNoSpectrum() throws {
    let dir = try CLI.scratch()
    let config = try CLI.file(
      """
      simulation: {dt: 1 ms, duration: 2 s, record_bin: 1 ms}
      populations: [{name: P, N: 50, tau_m: 20 ms, t_ref: 4 ms, mu: 12 mV, V_reset: 0 mV, V_th: 10 mV, Delta_V: 2 mV, lambda_0: 10 Hz}]
      inputs: [{to: P, kind: pulse, start: 0.5 s, width: 0.1 s, amplitude: 5 mV}, {to: P, kind: pulse, start: 1 s, width: 0.1 s, amplitude: 5 mV},
               {to: P, kind: pulse, start: 1.5 s, width: 0.1 s, amplitude: 5 mV}]
      analysis: {transient: 0.6 s}
      """, named: "pulses.yaml", in: dir)
    let r = try CLI.run(["compare", config, "--out", dir.appendingPathComponent("out").path, "--quiet", "--trials", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: dir.appendingPathComponent("out/report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(report["analysis_window_s"] is NSNull)
    let p = try population(report, "P")
    let absent = try #require(p["absent"] as? [String: String])
    #expect(absent["psd"]?.hasPrefix("no power spectrum: every stretch between input changes") == true)
    #expect(absent["up_down"]?.hasSuffix("so states would be the inputs' doing") == true, "\(absent)")
    #expect(absent["population_spikes"]?.hasSuffix("so events would be the inputs' doing") == true)
    #expect((p["micro"] as? [String: Any])?["psd"] is NSNull && p["psd_segment_s"] is NSNull)
    #expect(((p["micro"] as? [String: Any])?["rate_hz"] as? [String: Any])?["mean"] is Double)
  }

  /// The figure script on the E–I comparison raises no warning (NumPy's included) when python3 and
  /// matplotlib are installed; without them there is nothing to check.
  @Test func plotScriptRunsWithoutWarnings() throws {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import matplotlib, numpy"]
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return }
    probe.waitUntilExit()
    guard probe.terminationStatus == 0 else { return }
    let (_, dir) = try compare("nest_ei_network.yaml", ["--trials", "1", "--set", "simulation.duration=2.5"])
    let plot = Process()
    plot.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    plot.arguments = ["python3", "-W", "error", CLI.packageRoot.appendingPathComponent("notebooks-data/plot_comparison.py").path, dir.path]
    let err = Pipe()
    plot.standardError = err
    plot.standardOutput = FileHandle.nullDevice
    try plot.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    plot.waitUntilExit()
    #expect(plot.terminationStatus == 0 && message.isEmpty, "\(message)")
  }
}
