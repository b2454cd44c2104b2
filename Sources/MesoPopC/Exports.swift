import Foundation
import MesoPop

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The C interface of MesoPop (the `MesoPopC` product, `libMesoPopC`), used by the Python package
// through ctypes. Every call is independent of every other (no global state): a configuration
// handle may be run from several threads at once, each run with its own control. Functions that
// can fail return NULL (or -1) and, when `error` is not NULL, store a JSON error (see `errorJSON`)
// that the caller frees with `mesopop_string_free`. Pointers returned by `*_new`, `mesopop_config_*`,
// `mesopop_run`, `mesopop_compare` and the analyses are freed by the matching `*_free`.

// Written once, never changed.
nonisolated(unsafe) private let versionText = strdup(mesoPopVersion)!

/// The library version (`0.1.0`); a static string.
@_cdecl("mesopop_version")
public func mesopop_version() -> UnsafePointer<CChar> { UnsafePointer(versionText) }

/// Frees a string returned by this library (errors, JSON texts). NULL is ignored.
@_cdecl("mesopop_string_free")
public func mesopop_string_free(_ text: UnsafeMutablePointer<CChar>?) { free(text) }

// MARK: - Configurations

/// Parses and validates a configuration from `length` bytes of UTF-8 `text` in `format` (`yaml` or
/// `json`), then applies `count` overrides `KEY=VALUE` (as `--set`). NULL on failure.
@_cdecl("mesopop_config_from_text")
public func mesopop_config_from_text(
  _ text: UnsafePointer<CChar>?, _ length: Int64, _ format: UnsafePointer<CChar>?,
  _ overrides: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int64,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    guard let text, length >= 0 else { throw usage("the configuration text is missing") }
    let formatName = format.map { String(cString: $0) } ?? "yaml"
    guard let format = ConfigDocument.Format(rawValue: formatName) else { throw usage("format must be yaml or json, got '\(formatName)'") }
    let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
    let document = try ConfigDocument.parse(String(decoding: bytes, as: UTF8.self), format: format)
    return retained(ConfigHandle(try configuration(document, overrides: overrides, count)))
  }
}

/// Reads, parses and validates the configuration file `path` (bytes as the file system names it;
/// the format follows the extension), then applies `count` overrides. NULL on failure.
@_cdecl("mesopop_config_from_file")
public func mesopop_config_from_file(
  _ path: UnsafePointer<CChar>?, _ overrides: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int64,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    guard let path else { throw usage("the configuration path is missing") }
    // Opened by its bytes, so that a name that is not UTF-8 works too; messages show it repaired.
    let name = String(decoding: UnsafeRawBufferPointer(start: path, count: strlen(path)), as: UTF8.self)
    let descriptor = open(path, O_RDONLY)
    let data = descriptor < 0 ? nil : ConfigDocument.readLimited(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    let document = try ConfigDocument.parse(contents: data, ofFile: name)
    return retained(ConfigHandle(try configuration(document, overrides: overrides, count)))
  }
}

/// The document with the overrides applied, validated.
private func configuration(
  _ document: ConfigValue, overrides: UnsafePointer<UnsafePointer<CChar>?>?, _ count: Int64
) throws -> Configuration {
  var document = document
  for i in 0..<Int(max(count, 0)) {
    guard let assignment = overrides?[i] else { throw usage("override \(i) is missing") }
    try ConfigDocument.apply(override: String(cString: assignment), to: &document)
  }
  return try Configuration(document: document)
}

/// Frees a configuration. NULL is ignored.
@_cdecl("mesopop_config_free")
public func mesopop_config_free(_ config: UnsafeMutableRawPointer?) { release(config, as: ConfigHandle.self) }

/// The checks of `mesopop validate` after reading (`RunCheck`) for `level` (`meso`, `micro`, or NULL:
/// both for a network) under `max_memory` bytes (≤ 0: the machine's limit): a JSON list of problems
/// (`[]` when none). NULL on failure (a bad level).
@_cdecl("mesopop_check")
public func mesopop_check(
  _ config: UnsafeRawPointer?, _ level: UnsafePointer<CChar>?, _ maxMemory: Int64,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutablePointer<CChar>? {
  catchingErrors(error) {
    let configuration = try handle(config).configuration
    let check = RunCheck(configuration, level: try simulationLevel(level), memoryLimit: memoryLimit(maxMemory))
    return strdup(problemsValue(check.problems).jsonString())!
  }
}

// MARK: - Runs

/// A new run control: cancellation flag and progress of one call. Free with `mesopop_control_free`.
@_cdecl("mesopop_control_new")
public func mesopop_control_new() -> UnsafeMutableRawPointer { retained(RunControl()) }

/// Asks the call using `control` to stop at its next progress report; it then fails with kind `cancelled`.
@_cdecl("mesopop_control_cancel")
public func mesopop_control_cancel(_ control: UnsafeRawPointer?) { object(control, as: RunControl.self)?.cancel() }

/// The fraction of the call using `control` done so far, in [0, 1].
@_cdecl("mesopop_control_fraction")
public func mesopop_control_fraction(_ control: UnsafeRawPointer?) -> Double { object(control, as: RunControl.self)?.fraction ?? 0 }

/// Frees a run control (after the call using it returned). NULL is ignored.
@_cdecl("mesopop_control_free")
public func mesopop_control_free(_ control: UnsafeMutableRawPointer?) { release(control, as: RunControl.self) }

/// Runs `config` as `mesopop run` does: at `level` (`meso`, `micro`; NULL for models without levels),
/// from `seed` when `has_seed` is non-zero (else the configuration's seed, else a drawn one, stored in
/// the meta), under `max_memory` bytes (≤ 0: the machine's limit), stopping when `control` (may be NULL)
/// is cancelled. The result holds the arrays of the CLI's `.npz`, bit for bit, and the meta JSON.
@_cdecl("mesopop_run")
public func mesopop_run(
  _ config: UnsafeRawPointer?, _ level: UnsafePointer<CChar>?, _ seed: UInt64, _ hasSeed: Int32, _ maxMemory: Int64,
  _ control: UnsafeRawPointer?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    let configuration = try handle(config).configuration
    let level = try simulationLevel(level)
    let seed = configuration.masterSeed(given: hasSeed != 0 ? seed : nil).seed
    let control = object(control, as: RunControl.self)
    let output = try RunOutput(
      configuration, level: level, seed: seed, memoryLimit: memoryLimit(maxMemory), progress: control.map { c in c.report })
    let meta = output.arrays.last { $0.name == "meta" }?.unicode ?? "{}"
    return retained(ResultHandle(arrays: output.arrays.filter { $0.name != "meta" }, meta: meta))
  }
}

/// Runs `mesopop compare` without writing files: `trials` runs of each level of `config` from `seed`
/// (as `mesopop_run`), under `max_memory` for all of them. The result's meta is `report.json`; its
/// arrays are those of `micro-K.npz` and `meso-K.npz`, named `micro-0/t`, `micro-0/A`, …, `micro-0/meta`.
@_cdecl("mesopop_compare")
public func mesopop_compare(
  _ config: UnsafeRawPointer?, _ trials: Int64, _ seed: UInt64, _ hasSeed: Int32, _ maxMemory: Int64,
  _ control: UnsafeRawPointer?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    let configuration = try handle(config).configuration
    guard (1...10000).contains(trials) else { throw usage("trials must be in 1 ... 10000, got \(trials)") }
    try Comparison.resources(configuration, trials: Int(trials)).check(against: memoryLimit(maxMemory))
    let seed = configuration.masterSeed(given: hasSeed != 0 ? seed : nil).seed
    let control = object(control, as: RunControl.self)
    let comparison = try Comparison(configuration, trials: Int(trials), seed: seed, progress: control.map { c in c.report })
    var arrays = [NPYArray]()
    for trial in try comparison.traces() {
      arrays += trial.arrays.map { NPYArray(name: trial.name + "/" + $0.name, shape: $0.shape, storage: $0.storage) }
    }
    return retained(ResultHandle(arrays: arrays, meta: try comparison.report().jsonString()))
  }
}

/// The configuration behind a handle; a usage error for NULL.
private func handle(_ config: UnsafeRawPointer?) throws -> ConfigHandle {
  guard let handle = object(config, as: ConfigHandle.self) else { throw usage("the configuration is missing (NULL)") }
  return handle
}

/// `meso`, `micro` or NULL (none).
private func simulationLevel(_ text: UnsafePointer<CChar>?) throws -> SimulationLevel? {
  guard let text else { return nil }
  let name = String(cString: text)
  guard let level = SimulationLevel(rawValue: name) else { throw usage("level must be meso or micro, got '\(name)'") }
  return level
}

/// The machine's limit, lowered to `bytes` when > 0.
func memoryLimit(_ bytes: Int64) -> MemoryLimit {
  bytes > 0 ? .machine(maximum: Int(bytes), source: "max_memory") : .machine()
}

// MARK: - Results

/// Number of arrays of a result (-1 for NULL).
@_cdecl("mesopop_result_count")
public func mesopop_result_count(_ result: UnsafeRawPointer?) -> Int64 {
  object(result, as: ResultHandle.self).map { Int64($0.arrays.count) } ?? -1
}

/// Name of array `index`, valid while the result lives; NULL out of range.
@_cdecl("mesopop_result_name")
public func mesopop_result_name(_ result: UnsafeRawPointer?, _ index: Int64) -> UnsafePointer<CChar>? {
  guard let r = object(result, as: ResultHandle.self), r[index] != nil else { return nil }
  return UnsafePointer(r.names[Int(index)])
}

/// NumPy dtype of array `index`: `<f8`, `<i8`, or `<U` (a string, copied as UTF-8); NULL out of range.
@_cdecl("mesopop_result_dtype")
public func mesopop_result_dtype(_ result: UnsafeRawPointer?, _ index: Int64) -> UnsafePointer<CChar>? {
  guard let r = object(result, as: ResultHandle.self), r[index] != nil else { return nil }
  return UnsafePointer(r.dtypes[Int(index)])
}

/// Number of dimensions of array `index` (0 for a string); -1 out of range.
@_cdecl("mesopop_result_ndim")
public func mesopop_result_ndim(_ result: UnsafeRawPointer?, _ index: Int64) -> Int64 {
  object(result, as: ResultHandle.self)?[index].map { Int64($0.shape.count) } ?? -1
}

/// Writes the `ndim` dimensions of array `index` to `shape`; -1 out of range, else 0.
@_cdecl("mesopop_result_shape")
public func mesopop_result_shape(_ result: UnsafeRawPointer?, _ index: Int64, _ shape: UnsafeMutablePointer<Int64>?) -> Int32 {
  guard let array = object(result, as: ResultHandle.self)?[index], let shape else { return -1 }
  for (k, n) in array.shape.enumerated() { shape[k] = Int64(n) }
  return 0
}

/// Bytes of the data of array `index` (8 per element; UTF-8 bytes of a string); -1 out of range.
@_cdecl("mesopop_result_nbytes")
public func mesopop_result_nbytes(_ result: UnsafeRawPointer?, _ index: Int64) -> Int64 {
  object(result, as: ResultHandle.self)?[index].map { Int64($0.byteCount) } ?? -1
}

/// Copies the data of array `index` (C order, little-endian) into `destination` of `capacity` bytes;
/// -1 out of range or too small, else 0.
@_cdecl("mesopop_result_copy")
public func mesopop_result_copy(
  _ result: UnsafeRawPointer?, _ index: Int64, _ destination: UnsafeMutableRawPointer?, _ capacity: Int64
) -> Int32 {
  guard let array = object(result, as: ResultHandle.self)?[index], let destination else { return -1 }
  return array.copyBytes(to: destination, capacity: Int(capacity)) ? 0 : -1
}

/// The JSON text of a result (the run's meta, the comparison's report, an analysis' figures),
/// valid while the result lives; NULL for NULL.
@_cdecl("mesopop_result_meta")
public func mesopop_result_meta(_ result: UnsafeRawPointer?) -> UnsafePointer<CChar>? {
  object(result, as: ResultHandle.self).map { UnsafePointer($0.meta) }
}

/// Frees a result. NULL is ignored.
@_cdecl("mesopop_result_free")
public func mesopop_result_free(_ result: UnsafeMutableRawPointer?) { release(result, as: ResultHandle.self) }
