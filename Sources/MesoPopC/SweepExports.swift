import Foundation
import MesoPop

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Parameter sweeps (`mesopop sweep`) as three calls, so that any executor can run the points: open
// the sweep in a folder, run points (each call independent, in any thread or process that sees the
// folder), assemble the summary.

/// Opens the sweep of `config` in folder `out` (created, or resumed when it holds the same sweep):
/// `spec` is a JSON text `{"grid": ["KEY=VALUES", …], "zip": […], "trials": K, "level": "meso",
/// "seed": S or "S" or null}` (null: the configuration's seed, else the folder's, else a drawn one).
/// Every point is validated first, under `max_memory` (≤ 0: the machine's limit). Returns JSON
/// `{"points": P, "unfinished": [i, …], "seed": "S"}` (free with `mesopop_string_free`), NULL on failure.
@_cdecl("mesopop_sweep_open")
public func mesopop_sweep_open(
  _ config: UnsafeRawPointer?, _ spec: UnsafePointer<CChar>?, _ out: UnsafePointer<CChar>?, _ maxMemory: Int64,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutablePointer<CChar>? {
  catchingErrors(error) {
    guard let handle = object(config, as: ConfigHandle.self) else { throw usage("the configuration is missing (NULL)") }
    guard let spec, let out else { throw usage("the sweep specification and folder are needed") }
    guard case .object(let m)? = try? JSONDecoder().decode(ConfigValue.self, from: Data(String(cString: spec).utf8)) else {
      throw usage("the sweep specification must be a JSON object")
    }
    func strings(_ key: String) throws -> [String] {
      guard let value = m[key], value != .null else { return [] }
      guard case .array(let items) = value else { throw usage("\(key) must be a list of KEY=VALUES strings") }
      return try items.map { item in
        guard case .string(let s) = item else { throw usage("\(key) must be a list of KEY=VALUES strings") }
        return s
      }
    }
    let folder = URL(fileURLWithPath: String(cString: out))
    let document = handle.configuration.document
    var trials = 1
    if let value = m["trials"], value != .null {
      guard case .number(let k) = value, k == k.rounded(), abs(k) < 1e9 else { throw usage("trials must be a whole number") }
      trials = Int(k)
    }
    var level = SimulationLevel.meso
    if case .string(let name)? = m["level"] {
      guard let named = SimulationLevel(rawValue: name) else { throw usage("level must be meso or micro, got '\(name)'") }
      level = named
    }
    let given = m["seed"].flatMap { $0 == .null ? nil : $0 }
    if let given, SweepDirectory.seed(given) == nil { throw usage("seed must be a whole number in 0 ..< 2^64") }
    let seed =
      given.flatMap(SweepDirectory.seed) ?? handle.configuration.seed ?? (try? SweepDirectory.storedSpecification(at: folder))?.seed
      ?? UInt64.random(in: 0..<(1 << 53))
    let sweep = try SweepSpecification(
      document: document, grid: try strings("grid").map { try SweepAxis(parsing: $0, option: "grid") },
      zipped: try strings("zip").map { try SweepAxis(parsing: $0, option: "zip") }, trials: trials, level: level, seed: seed)
    let configurations = try sweep.configurations(memoryLimit: memoryLimit(maxMemory))
    let directory = try SweepDirectory(folder, specification: sweep)
    let unfinished = try SweepRunner(directory, configurations: configurations).unfinished(0..<sweep.pointCount)
    let reply = ConfigValue.object([
      "points": .number(Double(sweep.pointCount)), "unfinished": .array(unfinished.map { .number(Double($0)) }),
      "seed": .string(String(seed)),
    ])
    return strdup(reply.jsonString())!
  }
}

/// Runs point `index` of the sweep in folder `out` (opened by `mesopop_sweep_open`): its trials one
/// after another, then its statistics file, with the traces when `traces` is non-zero. A point
/// already finished is left as it is. Stops when `control` (may be NULL) is cancelled. 0 on
/// success, -1 on failure.
@_cdecl("mesopop_sweep_run_point")
public func mesopop_sweep_run_point(
  _ out: UnsafePointer<CChar>?, _ index: Int64, _ traces: Int32, _ maxMemory: Int64, _ control: UnsafeRawPointer?,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  catchingErrors(error) { () throws -> Int32 in
    guard let out else { throw usage("the sweep folder is missing") }
    let folder = URL(fileURLWithPath: String(cString: out))
    let sweep = try SweepDirectory.storedSpecification(at: folder)
    guard (0..<Int64(sweep.pointCount)).contains(index) else { throw usage("point \(index) is outside 0 ..< \(sweep.pointCount)") }
    let i = Int(index), limit = memoryLimit(maxMemory)
    let runner = SweepRunner(
      try SweepDirectory(folder, specification: sweep), configurations: [i: try sweep.configuration(of: i, memoryLimit: limit)])
    let control = object(control, as: RunControl.self)
    try runner.run(i..<(i + 1), workers: 1, traces: traces != 0, memoryLimit: limit, progress: control.map { c in c.report })
    return 0
  } ?? -1
}

/// Writes `summary.csv` and `summary.npz` of the finished sweep in folder `out` and returns the
/// arrays of `summary.npz` (its `meta` as the result's JSON text). NULL on failure, e.g. when
/// points are missing.
@_cdecl("mesopop_sweep_summary")
public func mesopop_sweep_summary(
  _ out: UnsafePointer<CChar>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    guard let out else { throw usage("the sweep folder is missing") }
    let folder = URL(fileURLWithPath: String(cString: out))
    let sweep = try SweepDirectory.storedSpecification(at: folder)
    let directory = try SweepDirectory(folder, specification: sweep)
    let summary = try SweepSummary(directory, configurations: sweep.configurations())
    try summary.write(to: directory)
    let meta = summary.arrays.last { $0.name == "meta" }?.unicode ?? "{}"
    return retained(ResultHandle(arrays: summary.arrays.filter { $0.name != "meta" }, meta: meta))
  }
}
