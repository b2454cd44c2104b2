import Foundation
import MesoPop
import Testing

/// `mesopop stdp train` and `mesopop stdp merge`: shares merged, and a study grown by more trials, give one
/// run's result byte for byte; bad input.
@Suite struct STDPTrainCommandTests {
  /// A tiny network (250 neurons, 20 channels, episodes of 5 τ_m): seconds for three trials.
  static let tiny = [
    "--set", "network.N_E=200", "--set", "network.N_I=50", "--set", "network.C_E=20", "--set", "network.C_I=5",
    "--set", "inputs.M=20", "--set", "inputs.f_c=0.25", "--set", "training.T=5", "--set", "training.T_warm=1",
    "--set", "training.episodes=3", "--set", "training.reference=1", "--set", "theory.rtol=1e-6", "--set", "theory.atol=1e-10",
  ]

  static func train(_ dir: URL, _ extra: [String] = []) throws -> CLI.Result {
    try CLI.run(["stdp", "train", CLI.config("stdp_memory.yaml"), "--out", dir.path, "--trials", "3"] + tiny + extra)
  }

  @Test func sharesMergeToTheSameFileAsOneRun() throws {
    let scratch = try CLI.scratch()
    let one = scratch.appendingPathComponent("one"), a = scratch.appendingPathComponent("a"), b = scratch.appendingPathComponent("b")
    let whole = try Self.train(one)
    #expect(whole.status == 0, "\(whole.stderr)")
    let first = try Self.train(a, ["--index", "0", "--of", "2"]), second = try Self.train(b, ["--index", "1", "--of", "2"])
    #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
    #expect(!FileManager.default.fileExists(atPath: a.appendingPathComponent("accuracy.npz").path))
    let merged = try CLI.run(["stdp", "merge", a.path, b.path])
    #expect(merged.status == 0, "\(merged.stderr)")
    let reference = try Data(contentsOf: one.appendingPathComponent("accuracy.npz"))
    #expect(try Data(contentsOf: a.appendingPathComponent("accuracy.npz")) == reference)
    let arrays = try NPZ.read(from: one.appendingPathComponent("accuracy.npz"))
    #expect(arrays["accuracy"]?.shape == [3, 2] && arrays["episode_mean"]?.shape == [3, 3, 4])
    #expect(arrays["accuracy"]!.float64!.allSatisfy { $0 >= 0 && $0 <= 1 })
    // A study grown from 2 to 3 trials in its folder keeps trials 0 and 1, runs trial 2 and gives the same file.
    let grown = scratch.appendingPathComponent("grown")
    #expect(try Self.train(grown, ["--trials", "2"]).status == 0)
    let more = try Self.train(grown)
    #expect(more.status == 0 && more.stderr.contains("trial 2 done") && !more.stderr.contains("trial 1 done"), "\(more.stderr)")
    #expect(try Data(contentsOf: grown.appendingPathComponent("accuracy.npz")) == reference)
    // A folder of another study is refused, naming it.
    let other = scratch.appendingPathComponent("other")
    #expect(try Self.train(other, ["--set", "simulation.seed=2", "--index", "0", "--of", "3"]).status == 0)
    let foreign = try CLI.run(["stdp", "merge", a.path, other.path])
    #expect(foreign.status != 0 && foreign.stderr.contains("another training study"), "\(foreign.stderr)")
  }

  /// The dynamic readout (cue alone for T_recall, ranked by spike count): accuracies in [0, 1], and
  /// above chance (f_s = 0.1) right after the episode that trained the association; one trial's report.
  @Test func dynamicRecall() throws {
    let dir = try CLI.scratch().appendingPathComponent("dynamic")
    let r = try Self.train(dir, ["--trials", "1", "--set", "simulation.recall=dynamic", "--set", "simulation.T_recall=2"])
    #expect(r.status == 0, "\(r.stderr)")
    let a = try #require(try NPZ.read(from: dir.appendingPathComponent("accuracy.npz"))["accuracy"]?.float64)
    #expect(a.count == 2 && a.allSatisfy { $0 >= 0 && $0 <= 1 } && a[0] > 0.1, "\(a)")
    // One trial has no standard error: the report says so instead of printing nan.
    let report = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(!report.contains("nan") && report.contains("One trial: no standard errors"), "\(report)")
  }

  /// Exit 64 naming key, value and bound; no folder written.
  @Test func badInputIsRefused() throws {
    let dir = try CLI.scratch().appendingPathComponent("bad")
    let bad = try Self.train(dir, ["--set", "inputs.f_s=0.123"])
    #expect(bad.status == 64 && bad.stderr.contains("inputs.f_s = 0.123"), "\(bad.stderr)")
    let share = try Self.train(dir, ["--index", "2", "--of", "2"])
    #expect(share.status == 64 && share.stderr.contains("--index"), "\(share.stderr)")
    let memory = try Self.train(dir, ["--max-memory", "1MB"])
    #expect(memory.status == 64, "\(memory.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path))
  }
}
