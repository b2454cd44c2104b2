import Foundation

/// The subcommands whose inputs are options rather than a configuration: `mesopop plastic …` and
/// `mesopop stdp …`. Each starts from a run shortened to a fraction of a second; then every numeric
/// option in turn gets each hostile number, the rest kept short.
extension Corpus {
  /// Hostile option values: signs, zero, the extremes of Double and Int, not-a-number, text.
  static let optionValues = ["0", "-1", "-0", "nan", "inf", "-inf", "1e300", "1e15", "5e-324", "2147483648", "0.5", "text"]
  /// The values that may be a valid request for hours of work (a count or duration within every
  /// budget): such a run may be killed by the timeout.
  static let longValues: Set = ["1e15", "2147483648"]

  /// A shortened invocation: its words, the output it writes (nil: prints only), the options fuzzed
  /// (the short settings among them are replaced, not repeated), whether its output may hold NaN
  /// (estimates of empty bins), and the files it reads.
  private struct ShortCommand {
    var words: [String]
    var settings: KeyValuePairs<String, String>
    var output: String?
    var options: [String]
    var mayHoldNaN = false
    var files: [String: Data] = [:]
  }

  mutating func subcommands() {
    let stdpMemory = examples.first { $0.name == "stdp_memory.yaml" }!.tree
    let commands = [
      ShortCommand(
        words: ["plastic", "dmft"], settings: ["paths": "20", "duration": "20", "lag-window": "5", "max-iterations": "3"],
        output: "dmft.npz",
        options: ["g", "k", "p", "dt", "paths", "duration", "lag-window", "tolerance", "seed", "newton-shift", "max-iterations"]),
      ShortCommand(
        words: ["plastic", "freezing"],
        settings: ["paths": "20", "duration": "20", "lag-window": "5", "replica-paths": "10", "replica-duration": "20"],
        output: "freezing.npz",
        options: [
          "g", "k", "p", "dt", "paths", "duration", "lag-window", "replica-paths", "replica-duration", "spectral-cut", "seed",
          "tolerance", "newton-shift", "max-iterations",
        ]),
      ShortCommand(
        words: ["plastic", "phase"], settings: ["g": "2", "k": "0", "N": "30", "settle": "5", "halt": "5"], output: "phase.npz",
        options: ["g", "k", "p", "N", "settle", "halt", "dt", "seed"]),
      ShortCommand(
        words: ["plastic", "lyapunov"], settings: ["N": "30", "transient": "5", "duration": "20"], output: nil,
        options: ["g", "k", "p", "N", "count", "transient", "duration", "interval", "dt", "seed"]),
      ShortCommand(
        words: ["plastic", "spectrum"], settings: ["N": "30", "settle": "5"], output: "spectrum.npz",
        options: ["g", "k", "p", "N", "settle", "dt", "seed"]),
      ShortCommand(
        words: ["stdp", "synapse"], settings: ["trials": "20", "batch": "20", "T": "2", "t-warm": "0.5"], output: "synapse.npz",
        options: [
          "mu", "D", "nu", "trials", "batch", "T", "t-warm", "dt", "window", "lag", "bin", "high", "compare-low", "compare-high",
          "seed", "threads",
        ], mayHoldNaN: true),
    ]
    for command in commands {
      for option in command.options {
        for value in Self.optionValues { add(command, setting: option, to: value) }
      }
    }
    // `stdp theory` reads a configuration: its keys go through the configuration classes above
    // (`stdp_memory.yaml` is an example); here its command line.
    let theory = ShortCommand(
      words: ["stdp", "theory", "{dir}/config.yaml"], settings: [:], output: "theory", options: [],
      files: ["config.yaml": Data(stdpMemory.jsonString().utf8)])
    add(theory, setting: "sweep", to: "text")
    add(theory, setting: "sweep", to: "")
    add(theory, setting: "set", to: "no.such.key=1")
  }

  /// `command` with `option` set to `value`.
  private mutating func add(_ command: ShortCommand, setting option: String, to value: String) {
    let settings = command.settings.filter { $0.key != option }.flatMap { ["--\($0.key)", $0.value] }
    let out = command.output.map { ["--out", "{dir}/" + $0] } ?? []
    cases.append(
      FuzzCase(
        label: "options: \(command.words.prefix(2).joined(separator: " ")) --\(option) \(value)", files: command.files,
        arguments: command.words + settings + ["--\(option)", value] + out, mayRunLong: Self.longValues.contains(value),
        finiteOutputs: !command.mayHoldNaN,
        outputs: command.output.map { [$0] } ?? []))
  }
}
