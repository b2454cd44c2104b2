import ArgumentParser
import Foundation
import MesoPop

/// `mesopop compare CONFIG --out DIR`: micro and meso side by side.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run K trials of the microscopic and the mesoscopic model and compare them.",
    discussion: "Writes DIR/report.json, DIR/report.md, figures under DIR/figures/ (with python3 and matplotlib) and the traces DIR/micro-K.npz, DIR/meso-K.npz. Statistics are taken in the longest input-free window after the transients; Up/Down states, population spikes and the spectrum only where the data hold them (bimodality test, events found), and the report says why any is absent.")

  @OptionGroup var model: ModelOptions
  @Option(help: "Output folder.") var out: String
  @Option(help: "Trials of each level.") var trials = 4
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    try validateTrials(trials)
    try validateOutputFolder(out)
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try model.load()
      try runComparison(
        loaded, seed: model.resolveSeed(loaded, quiet: reporting.quiet), trials: trials, out: out, memoryLimit: memory.limit,
        reporting: reporting)
    }
  }
}

/// `mesopop demo`: the README's main job.
struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The Up/Down comparison of Examples/configs/up_down.yaml: micro vs meso with short-term depression.")

  @Option(help: "Output folder.") var out = "results/demo"
  @Option(help: "Trials of each level.") var trials = 8
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    try validateTrials(trials)
    try validateOutputFolder(out)
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try Configuration(document: ConfigDocument.parse(demoConfiguration, format: .yaml))
      try runComparison(loaded, seed: loaded.seed ?? 1, trials: trials, out: out, memoryLimit: memory.limit, reporting: reporting)
    }
  }
}

/// Runs, writes and announces a comparison; refuses first one whose trials (all kept in memory) of
/// both levels need more than `memoryLimit`.
func runComparison(
  _ configuration: Configuration, seed: UInt64, trials: Int, out: String, memoryLimit: MemoryLimit, reporting: ReportingOptions
) throws {
  try Comparison.resources(configuration, trials: trials).check(against: memoryLimit)
  let progress = reporting.progressReporter()
  let clock = WallClock()
  let callback: (@Sendable (Double) throws -> Void)? = progress.map { p in { @Sendable fraction in p.report(fraction) } }
  let comparison = try Comparison(configuration, trials: trials, seed: seed, progress: callback)
  progress?.finish()
  let directory = URL(fileURLWithPath: out)
  try comparison.write(to: directory, plotScript: plotScript())
  if !reporting.quiet {
    printError(String(format: "%d trials of each level in %.1f s", trials, clock.elapsed))
    print("report: \(directory.appendingPathComponent("report.md").path)")
  }
}

/// Refuses a trial count outside 1 ... 10000.
func validateTrials(_ trials: Int) throws {
  guard (1...10000).contains(trials) else { throw ValidationError("--trials must be in 1 ... 10000, got \(trials)") }
}

/// Refuses, before any run, an output folder that cannot be created or written.
func validateOutputFolder(_ path: String) throws {
  let url = URL(fileURLWithPath: path)
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
    guard isDirectory.boolValue, FileManager.default.isWritableFile(atPath: url.path) else {
      throw ValidationError("--out \(path) must be a writable folder")
    }
    return
  }
  var parent = url.deletingLastPathComponent()
  while !FileManager.default.fileExists(atPath: parent.path) && parent.path != "/" { parent.deleteLastPathComponent() }
  guard FileManager.default.isWritableFile(atPath: parent.path) else {
    throw ValidationError("--out \(path) cannot be created: \(parent.path) is not writable")
  }
}

/// notebooks-data/plot_comparison.py: $MESOPOP_PLOT_SCRIPT, else under the current folder, else
/// in a parent of the executable's folder (a build inside the package).
func plotScript() -> URL? {
  let relative = "notebooks-data/plot_comparison.py"
  var candidates = [URL]()
  if let path = ProcessInfo.processInfo.environment["MESOPOP_PLOT_SCRIPT"] { candidates.append(URL(fileURLWithPath: path)) }
  candidates.append(URL(fileURLWithPath: relative))
  var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  for _ in 0..<6 {
    candidates.append(folder.appendingPathComponent(relative))
    folder.deleteLastPathComponent()
  }
  return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
}
