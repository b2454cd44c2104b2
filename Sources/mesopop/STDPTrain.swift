import ArgumentParser
import Foundation
import MesoPop

/// `mesopop stdp train CONFIG --out DIR`: trials of the training network (STDPMemorySimulation article),
/// all or one share of them, into a study folder (`STDPTrainingDirectory`).
struct STDPTrain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the network of a `model: stdp_memory` configuration on the microscopic engine; static (or dynamic) recall a_k per trial.",
    discussion: """
      Runs the trials t of 0 ..< --trials (default simulation.trials) with t mod --of = --index that DIR does not hold yet, each
      into DIR/trials/ (atomically); trial t has the seed (simulation.seed, trial, t), so shares run as separate processes
      (e.g. a job array) and merged with `mesopop stdp merge` give the same DIR/accuracy.npz, byte for byte, as one run.
      Once every trial is present, writes DIR/accuracy.npz and DIR/report.md.
      """)

  @Argument(help: "Configuration file with `model: stdp_memory`.") var config: String
  @Option(help: "Study folder (created if absent).") var out: String
  @Option(help: "Trials in all (sets simulation.trials).") var trials: Int?
  @Option(help: "This share's index, 0 ..< --of.") var index: Int = 0
  @Option(help: "Number of shares.") var of: Int = 1
  @Option(name: .customLong("set"), help: "Override a value, e.g. --set inputs.f_c=0.1.") var overrides: [String] = []
  @OptionGroup var memory: MemoryOptions

  func validate() throws {
    try validateOutputFolder(out)
    guard of >= 1, (0..<of).contains(index) else { throw ValidationError("--index must be in 0 ..< --of (\(of)), got \(index)") }
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock()
      let loaded = try Configuration.load(path: config, overrides: overrides + (trials.map { ["simulation.trials=\($0)"] } ?? []))
      // Everything checked before the folder is created.
      let network = try TrainingNetwork(STDPTrainingDirectory.parameters(of: loaded))
      try network.checkResources(memoryLimit: memory.limit)
      let folder = try STDPTrainingDirectory(URL(fileURLWithPath: out), configuration: loaded)
      let mine = try folder.missing().filter { $0 % of == index }
      for t in mine {
        try folder.write(try network.trial(t, memoryLimit: memory.limit))
        printError("stdp train: trial \(t) done (\(formatNumber(cpu.elapsed)) CPU s)")
      }
      if let line = try folder.finish() {
        printError(line)
        print("report: \(URL(fileURLWithPath: out).appendingPathComponent("report.md").path)")
      } else {
        printError("stdp train: \(try folder.missing().count) of \(folder.trials) trials still missing in \(out) (run the other shares, then `mesopop stdp merge`)")
      }
    }
  }
}

/// `mesopop stdp merge DIR SHARE...`: the trials of other folders of the same study into the first.
struct STDPMerge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Copy the trials of the share folders into the first folder of the same training study; with every trial present, write accuracy.npz and report.md.")

  @Argument(help: "The study folder, then the folders of its other shares.") var folders: [String]

  func validate() throws {
    guard !folders.isEmpty else { throw ValidationError("give at least one study folder") }
  }

  func run() throws {
    try exitingOnFailure {
      let folder = try STDPTrainingDirectory(existing: URL(fileURLWithPath: folders[0]))
      let copied = try folder.merge(folders.dropFirst().map { URL(fileURLWithPath: $0) })
      printError("stdp merge: \(copied) trials copied into \(folders[0])")
      if let line = try folder.finish() {
        printError(line)
      } else {
        throw ValidationError("\(try folder.missing().count) of \(folder.trials) trials are missing in \(folders[0]): \(try folder.missing().prefix(10).map(String.init).joined(separator: ", "))")
      }
    }
  }
}
