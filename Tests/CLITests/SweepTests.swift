import Foundation
import MesoPop
import Testing

/// `mesopop sweep` end to end on a short, stationary E–I network (meso engine, tenths of a second per run).
@Suite(.serialized) struct SweepTests {
  /// The NEST example without its input step, 0.6 s: analysis window [0.12 s, 0.6 s).
  static let base = [CLI.config("nest_ei_network.yaml"), "--set", "inputs=[]", "--set", "simulation.duration=0.6", "--quiet"]
  static let grid = ["--grid", "populations[0].mu=lin(22 mV, 26 mV, 3)", "--grid", "connections[0].J=0.2,0.3", "--trials", "2", "--seed", "7"]

  static func sweep(_ extra: [String], out: URL) throws -> CLI.Result {
    try CLI.run(["sweep"] + base + grid + ["--out", out.path] + extra)
  }

  static func summary(_ dir: URL) throws -> (csv: Data, npz: Data) {
    (try Data(contentsOf: dir.appendingPathComponent("summary.csv")), try Data(contentsOf: dir.appendingPathComponent("summary.npz")))
  }

  // MARK: - Axes

  @Test func axesParseListsRangesAndUnits() throws {
    let list = try SweepAxis(parsing: "populations[0].N=100, 200,400", option: "--grid")
    #expect(list.key == "populations[0].N" && list.numbers == [100, 200, 400] && list.unit == "")
    let units = try SweepAxis(parsing: "simulation.dt=0.5 ms, 1 ms", option: "--grid")
    #expect(units.numbers == [0.5, 1] && units.unit == "ms" && units.values == [.string("0.5 ms"), .string("1 ms")])
    let range = try SweepAxis(parsing: "x=range(0.1 ms, 0.5 ms, 0.1 ms)", option: "--grid")
    #expect(range.numbers?.count == 5 && range.unit == "ms" && range.values.last == .string("0.5 ms"))
    let lin = try SweepAxis(parsing: "x=lin(1, 2, 5)", option: "--grid")
    #expect(lin.numbers == [1, 1.25, 1.5, 1.75, 2] && lin.values[0] == .number(1))
    let log = try SweepAxis(parsing: "x=log(10 Hz, 1000 Hz, 3)", option: "--grid")
    #expect(log.numbers.map { $0.map { ($0 * 1e9).rounded() / 1e9 } } == [10, 100, 1000])
    let text = try SweepAxis(parsing: "meso.variant=first_order,second_order", option: "--grid")
    #expect(text.numbers == nil && text.values == [.string("first_order"), .string("second_order")])
    let structured = try SweepAxis(parsing: "x=[1, 2], {a: 1, b: 2}", option: "--grid")
    #expect(structured.values.count == 2)
    for bad in ["x", "=1", "x=range(1, 0, 1)", "x=log(0, 1, 3)", "x=lin(1, 2, 2.5)", "x=1 ms,,2 ms", "x=range(1 ms, 2 s, 1 ms)", "x=lin(1, 2)"] {
      #expect(throws: SweepError.self, "\(bad)") { try SweepAxis(parsing: bad, option: "--grid") }
    }
  }

  @Test func pointsAreTheProductTimesTheZip() throws {
    let a = try SweepAxis(parsing: "a=1,2", option: "--grid"), b = try SweepAxis(parsing: "b=1,2,3", option: "--grid")
    let z1 = try SweepAxis(parsing: "z=5,6", option: "--zip"), z2 = try SweepAxis(parsing: "w=7,8", option: "--zip")
    let spec = try SweepSpecification(document: .object([:]), grid: [a, b], zipped: [z1, z2], trials: 3, level: .meso, seed: 1)
    #expect(spec.pointCount == 12)
    #expect(spec.valueIndices(of: 0) == [0, 0, 0, 0] && spec.valueIndices(of: 1) == [0, 0, 1, 1])
    #expect(spec.valueIndices(of: 2) == [0, 1, 0, 0] && spec.valueIndices(of: 11) == [1, 2, 1, 1])
    // Seeds: distinct for every point and trial, and a function of (master, i, k) alone.
    let seeds = (0..<12).flatMap { i in (0..<3).map { spec.seed(point: i, trial: $0) } }
    #expect(Set(seeds).count == 36)
    #expect(spec.seed(point: 5, trial: 2) == derivedSeed(derivedSeed(1, .sweepPoint, 5), .trial, 2))
    #expect(try spec.share(0, of: 5) == 0..<2 && spec.share(4, of: 5) == 9..<12)
    #expect(throws: SweepError.self) { try spec.share(5, of: 5) }
    let short = try SweepAxis(parsing: "w=7,8,9", option: "--zip")
    #expect(throws: SweepError.self) { try SweepSpecification(document: .object([:]), grid: [a], zipped: [z1, short], level: .meso, seed: 1) }
    #expect(throws: SweepError.self) { try SweepSpecification(document: .object([:]), grid: [a, a], level: .meso, seed: 1) }
  }

  // MARK: - Runs

  /// The summary is the same whatever the number of workers, and its rows are the statistics of the
  /// traces: the rate is the mean of A over the analysis window of the trace the seed reproduces.
  @Test func summaryIsDeterministicAndMatchesTheTraces() throws {
    let one = try CLI.scratch().appendingPathComponent("s"), two = try CLI.scratch().appendingPathComponent("s")
    let r1 = try Self.sweep(["--threads", "1", "--traces"], out: one)
    #expect(r1.status == 0, "\(r1.stderr)")
    let r2 = try Self.sweep(["--threads", "2"], out: two)
    #expect(r2.status == 0, "\(r2.stderr)")
    #expect(try Self.summary(one) == Self.summary(two))

    let arrays = try NPZ.read(from: one.appendingPathComponent("summary.npz"))
    let rows = 6 * 2 * 2
    #expect(arrays["point"]?.shape == [rows] && arrays["rate_hz"]?.shape == [rows])
    #expect(arrays["populations[0].mu"]?.float64?.prefix(8) == [22, 22, 22, 22, 22, 22, 22, 22])
    #expect(arrays["connections[0].J"]?.float64?.prefix(8) == [0.2, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3, 0.3])
    let csv = String(decoding: try Data(contentsOf: one.appendingPathComponent("summary.csv")), as: UTF8.self)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == rows + 1)
    #expect(lines[0].hasPrefix("point,trial,population,populations[0].mu (mV),connections[0].J,seed,rate_hz,std_A_1ms_hz"))

    // Row of point 3 (mu = 24 mV, J = 0.3), trial 1, population I.
    let row = 3 * 4 + 1 * 2 + 1
    let seed = UInt64(bitPattern: try #require(arrays["seed"]?.int64)[row])
    let trace = try NPZ.read(from: one.appendingPathComponent("points/0000003-trial-1.npz"))
    let t = try #require(trace["t"]?.float64), A = try #require(trace["A"]?.float64)
    let window = t.indices.filter { t[$0] >= 0.12 - 1e-12 }
    let mean = window.map { A[2 * $0 + 1] }.reduce(0, +) / Double(window.count)
    let rate = try #require(arrays["rate_hz"]?.float64)[row]
    #expect(abs(rate - mean) <= 1e-12 * mean, "summary rate \(rate), mean of the trace \(mean)")
    // `mesopop run` with that seed and the point's values repeats the trace.
    let replay = try CLI.scratch().appendingPathComponent("r.npz")
    let r = try CLI.run(["run"] + Self.base + ["--set", "populations[0].mu=24 mV", "--set", "connections[0].J=0.3", "--seed", "\(seed)",
      "--level", "meso", "--out", replay.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try NPZ.read(from: replay)["A"]?.float64 == A)
  }

  /// Shares run as separate processes, in folders of their own, merge into the local summary bit for bit.
  @Test func sharesMergeIntoTheLocalSummary() throws {
    let local = try CLI.scratch().appendingPathComponent("local")
    #expect(try Self.sweep([], out: local).status == 0)
    let shares = try (0..<4).map { _ in try CLI.scratch().appendingPathComponent("share") }
    for (i, dir) in shares.enumerated() {
      let r = try Self.sweep(["--index", "\(i)", "--of", "4", "--threads", "1"], out: dir)
      #expect(r.status == 0, "\(r.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: shares[0].appendingPathComponent("summary.csv").path))
    let merged = try CLI.run(["sweep", "merge", "--quiet"] + shares.map(\.path))
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(try Self.summary(shares[0]) == Self.summary(local))
    // A share index outside its range is refused.
    let bad = try Self.sweep(["--index", "4", "--of", "4"], out: try CLI.scratch().appendingPathComponent("x"))
    #expect(bad.status == 64 && bad.stderr.contains("--index 4: must be between 0 and 3"), "\(bad.stderr)")
  }

  /// A rerun skips the points already written and gives the same summary; a foreign point file is refused.
  @Test func rerunResumesAndRefusesForeignSweeps() throws {
    let dir = try CLI.scratch().appendingPathComponent("s")
    #expect(try Self.sweep([], out: dir).status == 0)
    let before = try Self.summary(dir)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("points/0000004.npz"))
    try FileManager.default.removeItem(at: dir.appendingPathComponent("summary.csv"))
    let again = try CLI.run(["sweep"] + Self.base.dropLast() + Self.grid + ["--out", dir.path])
    #expect(again.status == 0 && again.stderr.contains("5 already done"), "\(again.stderr)")
    #expect(try Self.summary(dir) == before)

    // Another sweep (another seed) in the same folder: refused, nothing touched.
    let foreign = try Self.sweep(["--seed", "8"], out: dir)
    #expect(foreign.status == 64 && foreign.stderr.contains("holds a different sweep") && foreign.stderr.contains("seed 7 there, 8 here"), "\(foreign.stderr)")
    #expect(try Self.summary(dir) == before)
    // A point file of another sweep copied in: refused by its stored configuration and seeds.
    let other = try CLI.scratch().appendingPathComponent("o")
    #expect(try Self.sweep(["--set", "populations[1].mu=23 mV"], out: other).status == 0)
    try FileManager.default.removeItem(at: dir.appendingPathComponent("points/0000002.npz"))
    try FileManager.default.copyItem(at: other.appendingPathComponent("points/0000002.npz"), to: dir.appendingPathComponent("points/0000002.npz"))
    let mixed = try Self.sweep([], out: dir)
    #expect(mixed.status == 64 && mixed.stderr.contains("0000002.npz is not point 2 of this sweep"), "\(mixed.stderr)")
    // A non-empty folder without sweep.json is not taken over.
    let busy = try CLI.scratch()
    _ = try CLI.file("x", named: "notes.txt", in: busy)
    let refused = try Self.sweep([], out: busy)
    #expect(refused.status == 64 && refused.stderr.contains("be a new or empty folder"), "\(refused.stderr)")
  }

  /// Every invalid point is listed with key, value and bound before anything runs; unknown keys too.
  @Test func invalidPointsAreListedAndNothingRuns() throws {
    let dir = try CLI.scratch().appendingPathComponent("s")
    let r = try CLI.run(["sweep"] + Self.base + ["--grid", "populations[0].N=100,0,-5", "--grid", "populations[0].tau_m=20 ms,-1 ms", "--out", dir.path])
    #expect(r.status == 64)
    #expect(r.stderr.contains("5 of 6 points are invalid, nothing was run"), "\(r.stderr)")
    #expect(r.stderr.contains("point 1 (populations[0].N=100, populations[0].tau_m=\"-1 ms\")"))
    #expect(r.stderr.contains("populations[0].N = 0"))
    #expect(!r.stderr.contains("point 0 "))
    #expect(!FileManager.default.fileExists(atPath: dir.path))
    let unknown = try CLI.run(["sweep"] + Self.base + ["--grid", "simulation.foo=1,2", "--out", dir.path])
    #expect(unknown.status == 64 && unknown.stderr.contains("simulation.foo = 1: must be a known key"), "\(unknown.stderr)")
    let missing = try CLI.run(["sweep"] + Self.base + ["--grid", "populations[7].N=1,2", "--out", dir.path])
    #expect(missing.status == 64 && missing.stderr.contains("element [7]"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.path))
  }

  @Test func emitSlurmWritesAJobArray() throws {
    let dir = try CLI.scratch().appendingPathComponent("s")
    let r = try Self.sweep(["--of", "3", "--emit", "slurm"], out: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let script = try String(contentsOf: dir.appendingPathComponent("sweep.sbatch"), encoding: .utf8)
    #expect(script.contains("#SBATCH --array=0-2"))
    #expect(script.contains("--index \"$SLURM_ARRAY_TASK_ID\""))
    #expect(script.contains("--of 3") && script.contains("--seed 7") && script.contains("'populations[0].mu=lin(22 mV, 26 mV, 3)'"))
    #expect(script.contains("sweep merge"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("points/0000000.npz").path))
  }
}
