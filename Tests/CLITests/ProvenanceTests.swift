import Foundation
import MesoPop
import Testing

/// The `meta.config` of an output is a configuration: run again, it reproduces the output bit for bit.
@Suite(.serialized) struct ProvenanceTests {
  /// Runs `arguments` (which write `first.npz`), then runs the configuration stored in its meta with
  /// no overrides and no seed, and compares every array bit for bit.
  func rerunFromMeta(_ config: String, _ arguments: [String]) throws {
    let dir = try CLI.scratch()
    let first = dir.appendingPathComponent("first.npz")
    let r1 = try CLI.run(["run", CLI.config(config), "--out", first.path, "--quiet"] + arguments)
    #expect(r1.status == 0, "\(r1.stderr)")
    var level = [String]()
    if let i = arguments.firstIndex(of: "--level") { level = Array(arguments[i...i + 1]) }
    try expectReproducedFromMeta(first, level: level, in: dir)
  }

  /// Runs the configuration stored in the meta of `output` with `level` and no other option, and
  /// compares every array with the output's bit for bit.
  func expectReproducedFromMeta(_ output: URL, level: [String], in dir: URL) throws {
    let first = output, second = dir.appendingPathComponent("second.npz")
    let a = try NPZ.read(from: first)
    guard let metaText = a["meta"]?.unicode, let meta = try JSONDecoder().decode(ConfigValue.self, from: Data(metaText.utf8)).member("config")
    else { throw MesoIOError(path: first.path, reason: "no meta.config") }
    let stored = try CLI.file(meta.jsonString(), named: "stored.json", in: dir)
    let r2 = try CLI.run(["run", stored, "--out", second.path, "--quiet"] + level)
    #expect(r2.status == 0, "\(r2.stderr)")
    let b = try NPZ.read(from: second)
    #expect(Set(a.keys) == Set(b.keys))
    for (name, array) in a where name != "meta" {
      #expect(array.shape == b[name]?.shape, "\(name)")
      #expect(array.float64?.map(\.bitPattern) == b[name]?.float64?.map(\.bitPattern), "\(name) differs")
      #expect(array.int64 == b[name]?.int64, "\(name) differs")
    }
  }

  /// A seed above 2^53 (stored as a decimal string) reproduces too.
  @Test func mesoRunReproducesFromItsMeta() throws {
    try rerunFromMeta("nest_ei_network.yaml", ["--level", "meso", "--seed", "9223372036854775819", "--set", "simulation.duration=0.5", "--set", "populations[0].N=300"])
  }

  @Test func microRunReproducesFromItsMeta() throws {
    try rerunFromMeta(
      "nest_ei_network.yaml",
      ["--level", "micro", "--seed", "12", "--set", "simulation.duration=0.3", "--set", "micro.record_spikes=true", "--set", "connections[0].J=0.1"])
  }

  @Test func noisyRateRunReproducesFromItsMeta() throws {
    try rerunFromMeta("noisy_wilson_cowan.yaml", ["--seed", "13", "--set", "simulation.duration=0.5", "--set", "simulation.noise.sigma=0.2"])
  }

  /// Each trial file of `compare` reruns as that trial.
  @Test func compareTrialsReproduceFromTheirMeta() throws {
    let dir = try CLI.scratch()
    let r = try CLI.run([
      "compare", CLI.config("nest_ei_network.yaml"), "--out", dir.path, "--trials", "2", "--seed", "5", "--quiet",
      "--set", "simulation.duration=0.3",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    for level in ["micro", "meso"] {
      try expectReproducedFromMeta(dir.appendingPathComponent("\(level)-1.npz"), level: ["--level", level], in: dir)
    }
  }
}
