import ArgumentParser
import Foundation
import MesoPop

/// `mesopop export nest CONFIG --level micro|meso --out script.py`.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a network configuration as a script for another simulator.", subcommands: [ExportNEST.self])
}

/// The PyNEST 3 script of a network (ExportToNEST article).
struct ExportNEST: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nest",
    abstract: "Write a self-contained PyNEST 3 script of the network that saves a MesoPop .npz (t, A, meta).",
    discussion: """
      micro: gif_psc_exp neurons, static or tsodyks2_synapse connections; meso: gif_pop_psc_exp nodes. Inputs \
      become current generators. The script runs unchanged under mpirun -np N (N dividing --virtual-processes) \
      and takes --seed S and --out FILE.npz. What NEST or the exporter cannot express is refused, named.
      """)

  @OptionGroup var model: ModelOptions
  @Option(help: "Level: micro (every neuron) or meso (population nodes).") var level: Level
  @Option(help: "Output script (.py), written atomically.") var out: String
  @Option(help: "NEST's total_num_virtual_procs, fixed so that results do not depend on the MPI ranks × threads split.")
  var virtualProcesses = 1
  @Option(
    help: ArgumentHelp(
      "Also write MesoPop's drawn synapses for the seed to this .npz; the script connects as MesoPop drew them (micro).",
      valueName: "file.npz"))
  var connectivity: String?
  @OptionGroup var memory: MemoryOptions
  @OptionGroup var reporting: ReportingOptions

  func validate() throws {
    guard out.hasSuffix(".py") else { throw ValidationError("--out must name a .py file, got '\(out)'") }
    do { try checkOutputPath(URL(fileURLWithPath: out)) } catch { throw ValidationError("--out \(error)") }
    if let connectivity {
      guard connectivity.hasSuffix(".npz") else { throw ValidationError("--connectivity must name a .npz file, got '\(connectivity)'") }
      do { try checkOutputPath(URL(fileURLWithPath: connectivity)) } catch { throw ValidationError("--connectivity \(error)") }
      guard level == .micro else { throw ValidationError("--connectivity needs --level micro (drawn synapses exist at the micro level only)") }
    }
  }

  func run() throws {
    try exitingOnFailure {
      let loaded = try model.load()
      let seed = model.resolveSeed(loaded, quiet: reporting.quiet)
      var drawn: NESTConnectivity?
      if let connectivity, case .network(let network) = loaded.model {
        drawn = try NESTConnectivity(
          network, seed: seed, path: URL(fileURLWithPath: connectivity).standardizedFileURL.path, memoryLimit: memory.limit)
      }
      // The script (and its refusals) first, then the files.
      let script = try NESTExport.script(loaded, level: level, seed: seed, virtualProcesses: virtualProcesses, connectivity: drawn)
      if let drawn, let connectivity { try NPZ.write(drawn.arrays, to: URL(fileURLWithPath: connectivity)) }
      try atomicWrite(Data(script.utf8), to: URL(fileURLWithPath: out))
      if !reporting.quiet { printError("wrote \(out) (python3 \(out) --out FILE.npz)") }
    }
  }
}
