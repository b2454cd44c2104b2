import Foundation
import Testing

/// Exit codes and refusals of issue #10 through the built CLI (the full corpus is `mesopop-fuzz`).
@Suite struct HostileInputTests {
  @Test func validateChecksTheEngineAndMemoryOfALevel() throws {
    let network = CLI.config("nest_ei_network.yaml")
    let fits = try CLI.run(["validate", network, "--level", "micro"])
    #expect(fits.status == 0)
    #expect(fits.stdout.contains("needs micro"))
    let small = try CLI.run(["validate", network, "--level", "micro", "--max-memory", "100kB"])
    #expect(small.status == 64)
    #expect(small.stderr.contains("must fit in memory"))
    #expect(small.stderr.contains("(--max-memory)"))
    // The micro-only checks are found by validate too: one that fails both ways (synapse lists of
    // 2 TB), and fixed in-degree with p·N < 1, which both accept (Bernoulli).
    let huge = ["--set", "populations[0].N=1e6", "--set", "connections[0].p=0.5"]
    let refused = try CLI.run(["validate", network, "--level", "micro"] + huge)
    let run = try CLI.run(["run", network, "--level", "micro", "--quiet", "--out", "/tmp/never-written.npz"] + huge)
    #expect(refused.status == 64 && run.status == 64)
    #expect(refused.stderr.contains("(micro)"))
    let sparse = ["--set", "connections[0].p=0.0001", "--set", "simulation.duration=0.01"]
    #expect(try CLI.run(["validate", network] + sparse).status == 0)
    let dir = try CLI.scratch()
    #expect(try CLI.run(["run", network, "--level", "micro", "--quiet", "--out", dir.appendingPathComponent("s.npz").path] + sparse).status == 0)
  }

  @Test func countsThatDoNotFitAreRefusedNotTrapped() throws {
    let r = try CLI.run(["run", CLI.config("nest_ei_network.yaml"), "--level", "meso", "--set", "simulation.duration=1e300", "--out", "/tmp/x.npz"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("simulation.duration = 1e+300: must give at most 1099511627776 steps of simulation.dt"))
  }

  /// The plastic network's commands check their times before anything runs (these trapped).
  @Test(arguments: [
    ["spectrum", "--N", "50", "--dt", "0", "--out", "/tmp/x.npz"], ["phase", "--g", "2", "--k=1", "--settle", "1e300", "--out", "/tmp/x.npz"],
    ["lyapunov", "--N", "20", "--dt", "1e-300"], ["dmft", "--paths", "0", "--out", "/tmp/x.npz"],
    // the DMFT iteration options shared by `dmft` and `freezing`
    ["dmft", "--tolerance", "nan", "--out", "/tmp/x.npz"], ["freezing", "--max-iterations", "0", "--out", "/tmp/x.npz"],
    ["freezing", "--newton-shift=-0.1", "--out", "/tmp/x.npz"],
    ["freezing-onset", "--k-low", "0.6", "--k-high", "0.5", "--out", "/tmp/x.npz"],
    ["freezing-onset", "--k-low", "0.3", "--k-high", "0.5", "--mode-window=-1", "--out", "/tmp/x.npz"],
  ])
  func plasticCommandsRefuseTimesThatDoNotFit(_ arguments: [String]) throws {
    let r = try CLI.run(["plastic"] + arguments)
    #expect(r.status == 64)
    #expect(r.stderr.contains("must be"))
  }

  /// A DMFT whose fields overflow (g² C = ∞ for g = 10²⁰⁰) exits 65 naming the iteration, and writes nothing.
  @Test func plasticDMFTNonFiniteIsANumericalFailure() throws {
    let dir = try CLI.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "plastic", "dmft", "--g", "1e200", "--k", "0.5", "--dt", "0.2", "--lag-window", "10", "--paths", "10", "--duration", "20",
      "--out", dir.path + "/d.npz",
    ])
    #expect(r.status == 65)
    #expect(r.stderr.contains("numerical failure: DMFT iteration: C_new is"))
    #expect(r.stderr.contains("(iteration 0)"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func outputPathIsCheckedBeforeTheRun() throws {
    let dir = try CLI.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = try CLI.run(["run", CLI.config("nest_ei_network.yaml"), "--level", "meso", "--out", dir.path + "/none/x.npz"])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("does not exist"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  @Test func microNonFiniteInputIsANumericalFailure() throws {
    let dir = try CLI.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "run", CLI.config("nest_ei_network.yaml"), "--level", "micro", "--set", "connections[0].J=1e308", "--set", "simulation.duration=0.1",
      "--out", dir.path + "/x.npz", "--quiet",
    ])
    #expect(r.status == 65)
    #expect(r.stderr.contains("population E: input is not finite in the bin starting at t = 0.0 s"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }
}
