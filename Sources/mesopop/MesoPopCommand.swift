import ArgumentParser

@main
struct MesoPopCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mesopop",
    abstract: "Mesoscopic and microscopic simulation of spiking populations, and rate models.",
    discussion: """
      Units: time in s, potentials in mV, rates in Hz; strings with units ("20 ms") are converted.
      Exit codes: 0 success, 64 bad usage or invalid configuration, 65 numerical failure, 1 other.
      """,
    version: mesoPopVersionText,
    subcommands: [Run.self, Compare.self, Validate.self, Bench.self, Demo.self, Plastic.self, STDP.self, Sweep.self, Export.self, Fit.self])
}
