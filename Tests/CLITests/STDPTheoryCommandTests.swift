import Foundation
import MesoPop
import Testing

/// `mesopop stdp theory` and `mesopop run` on `model: stdp_memory`: files, arrays, exit codes.
@Suite struct STDPTheoryCommandTests {
  /// A cheap configuration: the rate-only theory over 20 episodes.
  static let cheap = ["--set", "theory.contributions=rate_only", "--set", "training.episodes=20"]

  @Test func theoryWritesArraysAndReport() throws {
    let dir = try CLI.scratch().appendingPathComponent("theory")
    let r = try CLI.run(["stdp", "theory", CLI.config("stdp_memory.yaml"), "--out", dir.path, "--quiet", "--sweep", "inputs.f_c=0.1,0.15"] + Self.cheap)
    #expect(r.status == 0, "\(r.stderr)")
    let arrays = try NPZ.read(from: dir.appendingPathComponent("theory.npz"))
    #expect(arrays["D1"]?.shape == [5, 71] && arrays["a_rate_only"]?.shape == [20] && arrays["a_full"] == nil)
    #expect(arrays["sweep_capacity_rate_only"]?.int64 == [19, 10])
    let report = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("## Sweep of `inputs.f_c`") && report.contains("| rate-only |"))
  }

  @Test func runWritesTheTheory() throws {
    let out = try CLI.scratch().appendingPathComponent("run.npz")
    let r = try CLI.run(["run", CLI.config("stdp_memory.yaml"), "--out", out.path, "--quiet"] + Self.cheap)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try NPZ.read(from: out)["capacity_rate_only"] != nil)
  }

  /// Bad values and bad sweeps: exit 64 naming the key; nothing written.
  @Test func badInputIsRefused() throws {
    let dir = try CLI.scratch().appendingPathComponent("bad")
    let bad = try CLI.run(["stdp", "theory", CLI.config("stdp_memory.yaml"), "--out", dir.path, "--set", "network.D_E=-1"])
    #expect(bad.status == 64 && bad.stderr.contains("network.D_E = -1: must be in (0, 1000]"), "\(bad.stderr)")
    let sweep = try CLI.run(["stdp", "theory", CLI.config("stdp_memory.yaml"), "--out", dir.path, "--sweep", "inputs.f_c=0.05,0.052"])
    #expect(sweep.status == 64 && sweep.stderr.contains("inputs.f_c = 0.052"), "\(sweep.stderr)")
    let syntax = try CLI.run(["stdp", "theory", CLI.config("stdp_memory.yaml"), "--out", dir.path, "--sweep", "inputs.f_c"])
    #expect(syntax.status == 64 && syntax.stderr.contains("--sweep must be KEY=V1,V2"), "\(syntax.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path))
  }
}
