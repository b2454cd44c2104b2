import ArgumentParser
import Foundation
import MesoPop

/// `mesopop sweep CONFIG --grid KEY=VALUES … --out DIR` and `mesopop sweep merge DIR…`.
struct Sweep: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a network configuration over a parameter grid on every core or as shares of a cluster job, and merge shares.",
    subcommands: [SweepRun.self, SweepMerge.self], defaultSubcommand: SweepRun.self)
}

/// The sweep itself (the default subcommand).
struct SweepRun: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run every point of a parameter grid (K trials each) and write DIR/summary.csv and DIR/summary.npz.",
    discussion: """
      VALUES: a comma-separated list of YAML values (100,200,400 or "10 ms, 20 ms"), or range(A, B, STEP), \
      lin(A, B, N), log(A, B, N) with an optional unit (lin(1 mV, 5 mV, 5)). --grid axes form a Cartesian \
      product (the first varies slowest); --zip axes step together, as one more axis. Every point is \
      validated before anything runs. Point i, trial k has the seed derived from the master seed, \
      whatever --threads, --index or the order of completion. A rerun with the same arguments skips the \
      points already written; a folder of another sweep is refused.
      """)

  @OptionGroup var model: ModelOptions
  @Option(help: "An axis of the Cartesian product, KEY=VALUES (repeatable).") var grid: [String] = []
  @Option(name: .customLong("zip"), help: "An axis stepped together with the other --zip axes, KEY=VALUES (repeatable).")
  var zipped: [String] = []
  @Option(help: "Runs of every point, with seeds of their own.") var trials = 1
  @Option(help: "Engine: meso or micro.") var level: Level = .meso
  @Option(help: "Output folder (created; a rerun resumes it).") var out: String
  @Option(help: "Worker threads (default: every core).") var threads = ProcessInfo.processInfo.activeProcessorCount
  @Flag(help: "Also write the traces of every run, DIR/points/NNNNNNN-trial-K.npz.") var traces = false
  @Option(help: "Run only share I (0-based) of --of N: points [I·P/N, (I+1)·P/N).") var index = 0
  @Option(help: "Number of shares the points are split into.") var of = 1
  @Option(help: "Write DIR/sweep.sbatch, a SLURM job array of --of shares, instead of running (value: slurm).") var emit: String?
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    guard emit == nil || emit == "slurm" else { throw ValidationError("--emit must be slurm, got '\(emit!)'") }
  }

  func run() throws {
    try exitingOnFailure {
      let directoryURL = URL(fileURLWithPath: out)
      var document = try ConfigDocument.load(path: model.config)
      for assignment in model.overrides { try ConfigDocument.apply(override: assignment, to: &document) }
      let seed = try masterSeed(document, directory: directoryURL)
      let spec = try SweepSpecification(
        document: document, grid: grid.map { try SweepAxis(parsing: $0, option: "--grid") },
        zipped: zipped.map { try SweepAxis(parsing: $0, option: "--zip") }, trials: trials, level: level, seed: seed)
      let share = try spec.share(index, of: of)
      let configurations = try spec.configurations(memoryLimit: memory.limit)
      let directory = try SweepDirectory(directoryURL, specification: spec)
      if emit != nil { return try writeSlurmScript(directory, seed: seed) }
      let runner = SweepRunner(directory, configurations: configurations)
      let todo = try runner.unfinished(share)
      if !reporting.quiet {
        let part = of > 1 ? "share \(index) of \(of): points \(share.lowerBound)..<\(share.upperBound)" : "\(spec.pointCount) points"
        printError("sweep of \(part) × \(trials) trial\(trials == 1 ? "" : "s"), seed \(seed); \(share.count - todo.count) already done")
      }
      let progress = reporting.progressReporter()
      try runner.run(share, workers: threads, traces: traces, memoryLimit: memory.limit, progress: progress.map { p in { @Sendable in p.report($0) } })
      progress?.finish()
      // Every point there (the last share in a shared folder, or a local run): the summary.
      guard try runner.unfinished(0..<spec.pointCount).isEmpty else {
        if !reporting.quiet { printError("share \(index) of \(of) done; `mesopop sweep merge \(out) …` assembles the summary once every share is") }
        return
      }
      try SweepSummary(directory, configurations: configurations).write(to: directory)
      if !reporting.quiet { printError("wrote \(out)/summary.csv and \(out)/summary.npz") }
    }
  }

  /// --seed, else the file's `simulation.seed`, else the seed of the sweep already in the folder,
  /// else a fresh one (announced; refused for shares, which must agree on it).
  private func masterSeed(_ document: ConfigValue, directory: URL) throws -> UInt64 {
    if let seed = model.seed { return seed }
    if let value = document.member("simulation")?.member("seed"), let seed = SweepDirectory.seed(value) { return seed }
    if let stored = try? SweepDirectory.storedSpecification(at: directory) { return stored.seed }
    guard of == 1 || emit != nil else {
      throw SweepError("--of", "\(of)", "come with --seed (or simulation.seed) so that every share derives the same seeds")
    }
    let seed = UInt64.random(in: 0..<(1 << 53))
    if !reporting.quiet { printError("seed \(seed) (drawn; stored in \(directory.path)/sweep.json)") }
    return seed
  }

  /// DIR/sweep.sbatch: one array task per share, SLURM_ARRAY_TASK_ID → --index, then the merge.
  private func writeSlurmScript(_ directory: SweepDirectory, seed: UInt64) throws {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    let folder = directory.url.standardizedFileURL.path
    var arguments = [binary, "sweep", URL(fileURLWithPath: model.config).standardizedFileURL.path]
    arguments += model.overrides.flatMap { ["--set", $0] } + grid.flatMap { ["--grid", $0] } + zipped.flatMap { ["--zip", $0] }
    arguments += ["--trials", "\(trials)", "--level", level.rawValue, "--seed", "\(seed)", "--out", folder]
    arguments += ["--of", "\(of)", "--quiet"] + (traces ? ["--traces"] : [])
    if let bytes = memory.maxMemory?.bytes { arguments += ["--max-memory", "\(bytes)"] }
    let command = arguments.map(shellQuoted).joined(separator: " ")
    let merge = [binary, "sweep", "merge", folder].map(shellQuoted).joined(separator: " ")
    let script = """
      #!/bin/bash
      # MesoPop sweep: \(directory.specification.pointCount) points in \(of) shares (one array task each).
      # Submit with `sbatch \(folder)/sweep.sbatch`; when every task has finished, assemble the summary:
      #   \(merge)
      #SBATCH --job-name=mesopop-sweep
      #SBATCH --array=0-\(of - 1)
      #SBATCH --cpus-per-task=\(threads)
      #SBATCH --output=\(folder)/slurm-%A_%a.log
      set -euo pipefail
      exec \(command) --index "$SLURM_ARRAY_TASK_ID" --threads "${SLURM_CPUS_PER_TASK:-\(threads)}"

      """
    let file = directory.url.appendingPathComponent("sweep.sbatch")
    try atomicWrite(Data(script.utf8), to: file)
    print("wrote \(file.path); after the array job: \(merge)")
  }
}

/// `mesopop sweep merge DIR…`: the shares' point files gathered into the first folder, and its summary.
struct SweepMerge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Gather the points of a sweep's shares (folders of the same sweep) into the first folder and write its summary.")

  @Argument(help: "Folders of the same sweep; the summary goes into the first.") var folders: [String]
  @OptionGroup var reporting: ReportingOptions

  func validate() throws { guard !folders.isEmpty else { throw ValidationError("give at least one sweep folder") } }

  func run() throws {
    try exitingOnFailure {
      let urls = folders.map { URL(fileURLWithPath: $0) }
      let spec = try SweepDirectory.storedSpecification(at: urls[0])
      let configurations = try spec.configurations()
      let directory = try SweepDirectory(urls[0], specification: spec)
      let copied = try directory.merge(Array(urls.dropFirst()))
      try SweepSummary(directory, configurations: configurations).write(to: directory)
      if !reporting.quiet { printError("merged \(copied) points; wrote \(folders[0])/summary.csv and summary.npz") }
    }
  }
}

/// `text` quoted for bash when it holds anything but safe characters.
private func shellQuoted(_ text: String) -> String {
  let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./=:,+@%"))
  guard text.unicodeScalars.allSatisfy(safe.contains), !text.isEmpty else {
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
  return text
}
