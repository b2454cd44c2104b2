import ArgumentParser
import Foundation
import MesoPop

/// `mesopop stdp theory CONFIG --out DIR`: the theory's arrays and report.
struct STDPTheory: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "theory",
    abstract: "Write DIR/theory.npz (D1 parts and D2 against w, drift zeros, four-population episode, accuracy curves a_k and capacities, full and rate-only, sweep table) and DIR/report.md.")

  @Argument(help: "Configuration file with `model: stdp_memory`.") var config: String
  @Option(help: "Output folder (created if absent); its two files are written atomically.") var out: String
  @Option(name: .customLong("set"), help: "Override a value, e.g. --set inputs.f_c=0.1.") var overrides: [String] = []
  @Option(help: "Sweep one key over comma-separated values, e.g. --sweep inputs.f_c=0.04,0.05,0.1.") var sweep: String?
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    try validateOutputFolder(out)
    if let sweep { _ = try parsedSweep(sweep) }
  }

  /// KEY=V1,V2,… as a key and finite numbers.
  private func parsedSweep(_ text: String) throws -> (key: String, values: [Double]) {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    let values = parts.count == 2 ? parts[1].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) } : []
    guard parts.count == 2, !parts[0].isEmpty, !values.isEmpty, values.count <= 1000, values.allSatisfy({ $0?.isFinite == true }) else {
      throw ValidationError("--sweep must be KEY=V1,V2,... with 1 to 1000 finite numbers, got '\(text)'")
    }
    return (parts[0], values.map { $0! })
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try Configuration.load(path: config, overrides: overrides)
      let progress = reporting.progressReporter()
      let result = try STDPTheoryRun(loaded, sweep: try sweep.map(parsedSweep), progress: progress.map { p in { p.report($0) } })
      progress?.finish()
      let directory = URL(fileURLWithPath: out)
      try result.write(to: directory)
      if !reporting.quiet {
        printError(result.summary)
        print("report: \(directory.appendingPathComponent("report.md").path)")
      }
    }
  }
}
