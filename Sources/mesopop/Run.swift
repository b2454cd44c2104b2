import ArgumentParser
import Foundation
import MesoPop

/// `mesopop run CONFIG --out FILE.npz`: simulate one model and write its traces.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Simulate one model and write its traces to an .npz file.")

  @OptionGroup var model: ModelOptions
  @Option(help: "Output file (.npz), written atomically.") var out: String
  @Option(help: "Engine for network configurations: meso or micro (rate models need none).") var level: Level?
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    try requireNPZ(out)
    do { try checkOutputPath(URL(fileURLWithPath: out)) } catch { throw ValidationError("--out \(error)") }
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try model.load()
      let seed = model.resolveSeed(loaded, quiet: reporting.quiet)
      let progress = reporting.progressReporter()
      let output = try RunOutput(loaded, level: level, seed: seed, memoryLimit: memory.limit, progress: progress.map { p in { p.report($0) } })
      progress?.finish()
      try output.write(npz: URL(fileURLWithPath: out))
      if !reporting.quiet { printError("wrote \(out) (\(output.summary))") }
    }
  }
}
