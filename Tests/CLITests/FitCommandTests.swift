import Foundation
import MesoPop
import Testing

/// `mesopop fit`: a small fit end to end, and bad input refused with exit 64, naming the problem,
/// with nothing written.
@Suite(.serialized) struct FitCommandTests {
  /// The adapting population at Δt = 1 ms (one count per step), 1.5 s.
  static let grid = ["--set", "simulation.dt=0.001", "--set", "simulation.record_bin=0.001", "--set", "simulation.duration=1.5"]

  func data(in dir: URL, _ extra: [String] = []) throws -> String {
    let path = dir.appendingPathComponent("data.npz").path
    let r = try CLI.run(["run", CLI.config("adapting_population.yaml"), "--level", "meso", "--seed", "2", "--quiet", "--out", path] + Self.grid + extra)
    #expect(r.status == 0, "\(r.stderr)")
    return path
  }

  @Test func fitsAndWritesOutputs() throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("fit")
    let r = try CLI.run(
      ["fit", CLI.config("adapting_population.yaml"), "--data", try data(in: dir), "--free", "populations[0].mu", "--trials", "1",
       "--intervals", "profile", "--quiet", "--out", out.path] + Self.grid)
    #expect(r.status == 0, "\(r.stderr)")
    for name in ["fit.json", "fit.npz", "report.md"] { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path)) }
    let arrays = try NPZ.read(from: out.appendingPathComponent("fit.npz"))
    #expect(arrays["A_data"]?.shape == [1500, 1] && arrays["A_fit_expected"]?.shape == [1500, 1])
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("`populations[0].mu`"))
    // The profile ends lie about the estimate, each crossing the threshold (1.5 s, ≈ 10³ spikes).
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("fit.json"))) as! [String: Any]
    let parameter = (json["parameters"] as! [[String: Any]])[0], profile = parameter["profile"] as! [String: Any]
    let estimate = parameter["estimate"] as! Double
    #expect((profile["lower"] as! Double) < estimate && estimate < (profile["upper"] as! Double))
    #expect(profile["lower_crossed"] as? Bool == true && profile["upper_crossed"] as? Bool == true)
    #expect((parameter["interval"] as! [Double]) == [profile["lower"] as! Double, profile["upper"] as! Double])
    // One parameter: one identifiable combination, c = μ̂/|μ̂| = 1 with the relative standard error se/μ̂.
    #expect(json["reparametrization"] as? String == "none")
    let combination = try #require((json["identifiable_combinations"] as? [[String: Any]])?.first)
    let se = parameter["standard_error"] as! Double
    #expect(abs((combination["standard_error"] as! Double) - se / estimate) < 1e-9 * se / estimate)
  }

  @Test(arguments: [
    (["--free", "populations[0].tau_x"], "populations[0].tau_x"),
    (["--free", "populations[0].mu", "--bounds", "populations[0].mu=20:30"], "--bounds populations[0].mu"),
    (["--free", "populations[0].mu", "--bounds", "populations[0].V_th=0:30"], "bound a key given with --free"),
    (["--free", "populations[0].mu", "--set", "simulation.dt=0.0005"], "simulation.dt"),
    (["--free", "populations[0].mu", "--value-tolerance", "-1"], "--value-tolerance"),
    (["--free", "populations[0].mu", "--value-window", "0"], "--value-window"),
    (["--free", "populations[0].mu", "--reparametrize", "relative"], "reparametrize"),
  ])
  func refusesBadInput(arguments: [String], named: String) throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("fit")
    let r = try CLI.run(["fit", CLI.config("adapting_population.yaml"), "--data", try data(in: dir), "--quiet", "--out", out.path] + Self.grid + arguments)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains(named), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// Counts above N, negative or fractional, and a wrong number of columns, in a user's file.
  @Test func refusesBadCounts() throws {
    let dir = try CLI.scratch()
    let path = dir.appendingPathComponent("counts.npz")
    let t = (0..<1500).map { Double($0) * 0.001 }
    var counts = [Double](repeating: 1, count: 1500)
    counts[3] = 501
    counts[7] = -2
    counts[9] = 0.5
    try NPZ.write(
      [NPYArray(name: "t", shape: [1500], storage: .float64(t)), NPYArray(name: "counts", shape: [1500, 1], storage: .float64(counts))], to: path)
    let out = dir.appendingPathComponent("fit")
    let r = try CLI.run(
      ["fit", CLI.config("adapting_population.yaml"), "--data", path.path, "--free", "populations[0].mu", "--quiet", "--out", out.path] + Self.grid)
    #expect(r.status == 64)
    #expect(r.stderr.contains("counts[3, 0]") && r.stderr.contains("N = 500") && r.stderr.contains("counts[7, 0]") && r.stderr.contains("counts[9, 0]"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    try NPZ.write(
      [NPYArray(name: "t", shape: [1500], storage: .float64(t)), NPYArray(name: "counts", shape: [750, 2], storage: .float64(counts))], to: path)
    let columns = try CLI.run(
      ["fit", CLI.config("adapting_population.yaml"), "--data", path.path, "--free", "populations[0].mu", "--quiet", "--out", out.path] + Self.grid)
    #expect(columns.status == 64 && columns.stderr.contains("--data"), "\(columns.stderr)")
  }
}
