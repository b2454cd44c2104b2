import MesoCore
import MesoIO
import MicroNetwork
import NetworkCore

/// MesoPop's drawn synapses in a companion `.npz` of an exported script (`mesopop export nest
/// --connectivity FILE.npz`): the script connects the listed connections as MesoPop's microscopic
/// engine drew them for `seed`, so that a paired comparison (the same seed in both simulators)
/// cancels the variance of the drawn connectivity (ExportToNEST article).
public struct NESTConnectivity: Sendable {
  /// The `.npz` as the script opens it (the script's `--connectivity` overrides it).
  public var path: String
  /// The master seed whose draw the file holds.
  public var seed: UInt64
  /// The arrays `pre_c`, `post_c` (int64, indices within the source and target population) of every
  /// connection c drawn with a list, sorted by source, then target.
  public var arrays: [NPYArray]
  /// The connections in the file; the others (p = 1 static: every pair) are connected by rule.
  public var connections: [Int]

  /// The synapses of `model` that `mesopop run --level micro --seed seed` draws, refusing (before
  /// drawing) what the microscopic engine refuses or more than `memoryLimit`.
  public init(_ model: NetworkModel, seed: UInt64, path: String, memoryLimit: MemoryLimit) throws {
    let drawn = try MicroscopicSimulator.drawnSynapses(DiscreteNetwork(model), seed: seed, memoryLimit: memoryLimit)
    self.path = path
    self.seed = seed
    connections = drawn.indices.filter { drawn[$0] != nil }
    arrays = connections.flatMap { c in
      [("pre", drawn[c]!.sources), ("post", drawn[c]!.targets)].map { name, indices in
        NPYArray(name: "\(name)_\(c)", shape: [indices.count], storage: .int64(indices.map(Int64.init)))
      }
    }
  }
}

extension NESTExport {
  /// Refusals of a script that connects from a drawn-connectivity file: NEST's array connect takes
  /// numbers, not random parameters, for the weights.
  static func connectivityRefusals(_ model: NetworkModel, level: SimulationLevel) -> [String] {
    var problems = [String]()
    if level != .micro { problems.append("--connectivity: drawn synapses exist at the micro level only, got --level \(level.rawValue)") }
    for (i, c) in model.connections.enumerated() where c.plasticity?.wInit != nil {
      problems.append("connections[\(i)].plasticity.w_init: random initial weights are not written with --connectivity (NEST's array connect takes numbers)")
    }
    return problems
  }

  /// The script lines that open the drawn-connectivity file and give every population's first node id.
  static func connectivityPreamble(_ connectivity: NESTConnectivity) -> [String] {
    [
      "# MesoPop's synapses of seed \(connectivity.seed) (mesopop export nest --connectivity): the connections",
      "# \(connectivity.connections.map(String.init).joined(separator: ", ")) are made as MesoPop drew them, whatever --seed.",
      "CONNECTIVITY = os.path.abspath(option(\"--connectivity\", \(python(connectivity.path))))",
      "drawn = np.load(CONNECTIVITY)",
      "first_id = {name: nodes[name][0].global_id for name, _ in POPULATIONS}",
    ]
  }

  /// `nest.Connect` of connection i from its drawn lists: one synapse per (pre, post) pair, one-to-one arrays.
  static func drawnConnectLine(_ c: Connection, index i: Int, synapse: String, weight: String, delay: String) -> [String] {
    [
      "pre, post = first_id[\(python(c.from))] + drawn[\"pre_\(i)\"], first_id[\(python(c.to))] + drawn[\"post_\(i)\"]",
      arrayConnectLine(synapse: synapse, weight: weight, delay: delay),
    ]
  }

  /// `nest.Connect` of the id arrays `pre`, `post` one-to-one (none if they are empty).
  static func arrayConnectLine(synapse: String, weight: String, delay: String) -> String {
    "if len(pre): nest.Connect(pre, post, \"one_to_one\", {\"synapse_model\": \(synapse), \"weight\": np.full(len(pre), \(weight)), "
      + "\"delay\": np.full(len(pre), \(delay))})"
  }
}
