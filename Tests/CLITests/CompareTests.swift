import Foundation
import MesoPop
import Testing

/// `mesopop compare` end to end on a short Up/Down run, and the demo's embedded configuration.
@Suite(.serialized) struct CompareTests {
  @Test func compareWritesTracesAndAReportInTheSchema() throws {
    let dir = try CLI.scratch()
    let r = try CLI.run([
      "compare", CLI.config("up_down.yaml"), "--out", dir.path, "--trials", "2", "--quiet", "--set", "simulation.duration=12",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    for file in ["report.json", "report.md", "micro-0.npz", "micro-1.npz", "meso-0.npz", "meso-1.npz"] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file) missing")
    }
    let data = try Data(contentsOf: dir.appendingPathComponent("report.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(report["trials"] as? Int == 2)
    #expect(report["duration_s"] as? Double == 12)
    let E = try #require((report["populations"] as? [String: Any])?["E"] as? [String: Any])
    for level in ["micro", "meso"] {
      let stats = try #require(E[level] as? [String: Any])
      #expect(Set(stats.keys) == ["rate_hz", "std_A_hz", "up_down", "population_spikes", "psd"])
      let rate = try #require(stats["rate_hz"] as? [String: Any])
      #expect(Set(rate.keys) == ["mean", "sem"])
      #expect((rate["mean"] as? Double ?? 0) > 1)
      let upDown = try #require(stats["up_down"] as? [String: Any])
      #expect(Set(upDown.keys) == ["fraction_up", "mean_up_s", "mean_down_s", "transitions", "theta_hi", "theta_lo"])
      #expect(upDown["theta_hi"] as? Double == 25)
      #expect(Set((stats["std_A_hz"] as? [String: Any] ?? [:]).keys) == ["1ms", "10ms"])
      #expect(Set((stats["population_spikes"] as? [String: Any] ?? [:]).keys) == ["rate_hz", "mean_peak_hz", "mean_width_s", "mean_interval_s"])
      let psd = try #require(stats["psd"] as? [String: [Double]])
      #expect(psd["f"]?.count == psd["S"]?.count && (psd["f"]?.count ?? 0) > 100)
    }
    #expect((E["relative_difference"] as? [String: Any])?["rate_hz"] is Double)
    // The Up/Down example has Up/Down states and population spikes: nothing is absent.
    #expect((E["absent"] as? [String: String]) == [:])
  }

  /// The same seed gives the same traces, whatever the scheduling of the runs on the cores.
  @Test func compareIsDeterministicPerSeed() throws {
    func traces() throws -> [NPYArray?] {
      let dir = try CLI.scratch()
      let r = try CLI.run(["compare", CLI.config("up_down.yaml"), "--out", dir.path, "--trials", "3", "--quiet", "--seed", "4",
                           "--set", "simulation.duration=6"])
      #expect(r.status == 0, "\(r.stderr)")
      return try ["micro-2.npz", "meso-2.npz"].map { try NPZ.read(from: dir.appendingPathComponent($0))["A"] }
    }
    let first = try traces()
    #expect(first.allSatisfy { $0 != nil })
    #expect(try traces() == first)
  }

  @Test func compareRefusesRateModels() throws {
    let r = try CLI.run(["compare", CLI.config("wilson_cowan.yaml"), "--out", try CLI.scratch().path, "--quiet"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("compare needs a network configuration"))
  }

  /// `mesopop demo` runs the configuration embedded in the executable; it must stay the example file.
  @Test func demoRunsTheExampleConfiguration() throws {
    let dir = try CLI.scratch()
    let r = try CLI.run(["demo", "--out", dir.path, "--trials", "1", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try Data(contentsOf: dir.appendingPathComponent("report.json"))
    let config = try #require((try JSONSerialization.jsonObject(with: report) as? [String: Any])?["config"])
    let example = try ConfigDocument.load(path: CLI.config("up_down.yaml"))
    var resolved = example
    try ConfigDocument.apply(override: "simulation.seed=1", to: &resolved)
    let fromDemo = try JSONDecoder().decode(ConfigValue.self, from: JSONSerialization.data(withJSONObject: config))
    #expect(fromDemo == resolved)
  }
}
