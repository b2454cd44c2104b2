import Foundation
import MesoPop
import Testing

/// Runs the built `mesopop` executable (next to the test bundle in the build folder).
struct CLI {
  static let executable: URL = {
    let buildDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return buildDir.appendingPathComponent("mesopop")
  }()

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  static func config(_ name: String) -> String { packageRoot.appendingPathComponent("Examples/configs/\(name)").path }

  /// This test process's folder under the system's temporary directory; removed when the process exits.
  private static let scratchRoot: URL = {
    atexit { try? FileManager.default.removeItem(at: scratchRootPath()) }
    return scratchRootPath()
  }()

  private static func scratchRootPath() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("mesopop-cli-\(getpid())")
  }

  /// A fresh temporary directory inside this process's scratch folder (removed at exit with the folder).
  static func scratch() throws -> URL {
    let dir = scratchRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Writes `text` to a file in `dir`.
  static func file(_ text: String, named name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }
}

@Suite(.serialized) struct CLITests {
  @Test func runWritesTracesAndMeta() throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("wc.npz")
    let r = try CLI.run(["run", CLI.config("wilson_cowan.yaml"), "--out", out.path, "--quiet", "--set", "simulation.duration=0.2"])
    #expect(r.status == 0, "\(r.stderr)")
    let arrays = try NPZ.read(from: out)
    #expect(arrays["t"]?.shape == [200])
    #expect(arrays["r"]?.shape == [200, 2])
    guard case .unicode(let metaText)? = arrays["meta"]?.storage else {
      Issue.record("no meta")
      return
    }
    let meta = try JSONSerialization.jsonObject(with: Data(metaText.utf8)) as? [String: Any]
    #expect(meta?["seed"] as? Int == 1)
    #expect(meta?["level"] as? String == "rate")
    #expect((meta?["units"] as? [String: String])?["t"] == "s")
    #expect(((meta?["config"] as? [String: Any])?["simulation"] as? [String: Any])?["duration"] as? Double == 0.2)
  }

  @Test func sameSeedSameOutputAndOtherSeedOtherOutput() throws {
    let dir = try CLI.scratch()
    func noisyRun(_ name: String, seed: Int) throws -> [Double] {
      let out = dir.appendingPathComponent(name)
      let r = try CLI.run(["run", CLI.config("noisy_wilson_cowan.yaml"), "--out", out.path, "--seed", "\(seed)", "--quiet", "--set", "simulation.duration=0.1"])
      #expect(r.status == 0, "\(r.stderr)")
      guard case .float64(let values)? = try NPZ.read(from: out)["r"]?.storage else { return [] }
      return values
    }
    let a = try noisyRun("a.npz", seed: 5), b = try noisyRun("b.npz", seed: 5), c = try noisyRun("c.npz", seed: 6)
    #expect(!a.isEmpty && a == b)
    #expect(a != c)
  }

  @Test func invalidConfigurationExits64AndWritesNothing() throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("x.npz")
    let r = try CLI.run(["run", CLI.config("wilson_cowan.yaml"), "--out", out.path, "--set", "parameters.tau_E=-1", "--set", "simulation.solver=rk45"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("simulation.solver = \"rk45\": must be one of"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func validateReportsEveryProblem() throws {
    let ok = try CLI.run(["validate", CLI.config("winner_take_all.yaml")])
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("valid rate model winner_take_all"))
    let dir = try CLI.scratch()
    let bad = try CLI.file(
      """
      simulation: {dt: 0.0005, duration: -1, record_bin: 0.001}
      populations:
        - {name: E, N: 0, tau_m: 20 ms, t_ref: 4 ms, mu: 18 mV, V_reset: 0, V_th: 15, Delta_V: 2.5, lambda_0: 10 Hz}
      connections:
        - {from: E, to: I, J: 0.3, p: 0.2, delay: 1 ms, tau_s: 3 ms}
      """, named: "bad.yaml", in: dir)
    let r = try CLI.run(["validate", bad])
    #expect(r.status == 64)
    for expected in ["simulation.duration = -1", "populations[0].N = 0", "connections[0].to = \"I\""] {
      #expect(r.stderr.contains(expected), "\(expected) missing in: \(r.stderr)")
    }
  }

  @Test func numericalFailureExits65WithTheTime() throws {
    let dir = try CLI.scratch()
    let config = try CLI.file(
      """
      model: rate_network
      parameters: {tau: 1 ms, W: [[1000]], activation: linear, r0: [1]}
      simulation: {duration: 1, record_bin: 0.01}
      """, named: "explodes.yaml", in: dir)
    let out = dir.appendingPathComponent("e.npz")
    let r = try CLI.run(["run", config, "--out", out.path, "--quiet"])
    #expect(r.status == 65)
    #expect(r.stderr.contains("failed at t ="))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func benchPrintsOneJSONLine() throws {
    let r = try CLI.run(["bench", CLI.config("winner_take_all.yaml"), "--duration", "0.1"])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(
      Set(object?.keys.map { $0 } ?? [])
        == ["level", "build_wall_s", "build_cpu_s", "wall_s", "cpu_s", "simulated_s", "steps", "realtime_factor"])
    #expect(object?["simulated_s"] as? Double == 0.1)
  }

  @Test func microRunWritesNetworkTracesAndSparseSpikes() throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("micro.npz")
    let r = try CLI.run([
      "run", CLI.config("nest_ei_network.yaml"), "--level", "micro", "--out", out.path, "--quiet", "--set", "simulation.duration=0.2",
      "--set", "micro.record_spikes=true", "--set", "micro.record_membrane=[0, 900]", "--set", "connections[0].stp={U: 0.2, tau_D: 0.3}",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let arrays = try NPZ.read(from: out)
    #expect(arrays["A"]?.shape == [200, 2] && arrays["input"]?.shape == [200, 2] && arrays["V_m"]?.shape == [200, 2])
    #expect(arrays["stp_u"]?.shape == [200, 1] && arrays["stp_x"]?.shape == [200, 1])
    let times = arrays["spike_times"]?.float64 ?? [], ids = arrays["spike_ids"]?.int32 ?? []
    #expect(!times.isEmpty && times.count == ids.count && arrays["spike_ids"]?.shape == [ids.count])
    #expect(ids.allSatisfy { $0 >= 0 && $0 < 1000 } && times.allSatisfy { $0 >= 0 && $0 < 0.2 })
    // Spikes and A count the same.
    let a = arrays["A"]?.float64 ?? []
    var fromA = 0.0
    for k in stride(from: 0, to: a.count, by: 2) {
      let e: Double = a[k] * 800 * 0.001
      let i: Double = a[k + 1] * 200 * 0.001
      fromA += e + i
    }
    #expect(abs(fromA - Double(times.count)) < 1e-6)
    guard case .unicode(let metaText)? = arrays["meta"]?.storage else { return }
    let meta = try JSONSerialization.jsonObject(with: Data(metaText.utf8)) as? [String: Any]
    #expect(meta?["level"] as? String == "micro")
    #expect((meta?["units"] as? [String: String])?["spike_times"] == "s")
  }

  @Test func microRefusesANetworkItCannotBuildWithExit64() throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("x.npz")
    let r = try CLI.run([
      "run", CLI.config("nest_ei_network.yaml"), "--level", "micro", "--out", out.path, "--quiet", "--set", "populations[0].N=1e6",
      "--set", "connections[0].p=0.5",
    ])
    #expect(r.status == 64)
    #expect(r.stderr.contains("connections[0] = "), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func microBenchTakesOverrides() throws {
    let r = try CLI.run(["bench", CLI.config("nest_ei_network.yaml"), "--level", "micro", "--duration", "0.1", "--set", "micro.threads=2"])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(object?["level"] as? String == "micro" && object?["steps"] as? Int == 200)
    // The build (200 000 synapses) and the stepping are timed apart; both take time.
    let build = object?["build_cpu_s"] as? Double ?? -1, stepping = object?["cpu_s"] as? Double ?? -1
    #expect(build > 0 && stepping > 0, "\(r.stdout)")
  }

  @Test func unknownLevelIsBadUsage() throws {
    let dir = try CLI.scratch()
    let r = try CLI.run(["run", CLI.config("wilson_cowan.yaml"), "--out", dir.appendingPathComponent("n.npz").path, "--level", "mesoscopic"])
    #expect(r.status == 64)
  }

  /// A network configuration names no engine by default: `--level` is required, and its absence is bad usage.
  @Test func missingLevelIsBadUsage() throws {
    let out = try CLI.scratch().appendingPathComponent("n.npz")
    let r = try CLI.run(["run", CLI.config("nest_ei_network.yaml"), "--out", out.path, "--quiet"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("needs --level meso or --level micro"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func badUsageExits64() throws {
    let r = try CLI.run(["run", CLI.config("wilson_cowan.yaml"), "--out", "result.txt"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--out must name an .npz file"))
  }
}
