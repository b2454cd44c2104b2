import ArgumentParser
import MesoPop

/// `mesopop stdp …`: stochastic STDP synapses and the associative memory they form (Stubenrauch et al. 2025).
/// Each subcommand lives in its own file (`STDPTheory.swift`, …) and is listed here, one entry each.
struct STDP: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stdp",
    abstract: "STDP memory (Stubenrauch, Auer, Kempter & Lindner 2025): drift-diffusion and four-population theory, capacity.",
    discussion: "Dimensionless units: time in tau_m, reset 0, threshold 1, rates per tau_m. Configurations have `model: stdp_memory`.",
    subcommands: [STDPTheory.self, STDPSynapse.self, STDPTrain.self, STDPMerge.self])
}
