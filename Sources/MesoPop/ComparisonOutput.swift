import Foundation
import MesoConfig
import MesoCore
import MesoIO

extension Comparison {
  /// Writes `DIR/micro-K.npz`, `DIR/meso-K.npz` (K = trial index), `DIR/report.json` and
  /// `DIR/report.md`; figures go to `DIR/figures/` when `plotScript` runs (the report lists them,
  /// or says why there are none). Returns the report.
  @discardableResult
  public func write(to directory: URL, plotScript: URL?) throws -> ConfigValue {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for trial in try traces() { try NPZ.write(trial.arrays, to: directory.appendingPathComponent(trial.name + ".npz")) }
    let report = try report()
    try atomicWrite(Data(report.prettyJSON().utf8), to: directory.appendingPathComponent("report.json"))
    let figures = plotScript.flatMap { renderFigures(script: $0, directory: directory) }
    let markdown = ComparisonMarkdown(report: report, populations: model.populations.map(\.name), figures: figures)
    try atomicWrite(Data(markdown.text.utf8), to: directory.appendingPathComponent("report.md"))
    return report
  }

  /// The traces of every trial as `DIR/micro-K.npz` and `DIR/meso-K.npz` hold them: the file name
  /// without extension (`micro-0`, …, then `meso-0`, …) and its arrays, `meta` last.
  public func traces() throws(MesoIOError) -> [(name: String, arrays: [NPYArray])] {
    var files = [(name: String, arrays: [NPYArray])]()
    for (level, recordings) in [("micro", micro), ("meso", meso)] {
      for (k, recording) in recordings.enumerated() {
        // meta.config carries the trial's own seed, so that `mesopop run` on it repeats the trial.
        let trialSeed = derivedSeed(seed, .trial, UInt64(k))
        let meta = OutputMeta(
          config: document.settingSeed(trialSeed), seed: trialSeed, level: level, recording: recording, wallTime: 0,
          duration: model.simulation.duration)
        files.append(("\(level)-\(k)", try recording.checkedArrays(meta: meta.json, for: "\(level)-\(k).npz")))
      }
    }
    return files
  }

  /// Runs the matplotlib script on the output folder; the figure names it wrote, or nil when
  /// Python, matplotlib or the script is missing or it fails.
  private func renderFigures(script: URL, directory: URL) -> [String]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, directory.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return text.split(separator: "\n").filter { $0.hasSuffix(".png") }.map { String($0) }
  }
}

/// Text forms of configuration trees for reports.
extension ConfigValue {
  /// Indented JSON text, keys sorted.
  public func prettyJSON() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
  }
}
