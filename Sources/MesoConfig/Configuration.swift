import MesoCore

/// A validated configuration file: the model it describes and the resolved document (after
/// overrides), which output files store as provenance.
public struct Configuration: Sendable {
  /// What the file describes.
  public enum Model: Sendable {
    /// Populations of GIF neurons, for the microscopic and mesoscopic engines.
    case network(NetworkModel)
    /// A rate or neural-mass model integrated as an ODE (or SDE with noise).
    case rate(RateModelConfiguration)
    /// Feng & Brunel's attractor network with double-well synapses (`model: double_well_attractor`).
    case doubleWell(DoubleWellConfiguration)
    /// The plastic random rate network of Clark & Abbott (2024) (`model: plastic_rate_network`).
    case plasticRateNetwork(PlasticNetworkConfiguration)
    /// Stochastic STDP synapses learning associations, Stubenrauch et al. (2025) (`model: stdp_memory`).
    case stdpMemory(STDPMemoryConfiguration)
  }

  /// The validated model the document describes.
  public var model: Model
  /// The document as read, with every override applied.
  public var document: ConfigValue

  /// Reads, overrides and validates a configuration file. Throws every problem at once.
  public static func load(path: String, overrides: [String] = []) throws(ConfigurationError) -> Configuration {
    var document = try ConfigDocument.load(path: path)
    for assignment in overrides { try ConfigDocument.apply(override: assignment, to: &document) }
    return try Configuration(document: document)
  }

  /// Validates a configuration tree: a rate model when it has `model:`, a network otherwise.
  public init(document: ConfigValue) throws(ConfigurationError) {
    let diagnostics = Diagnostics()
    guard let root = ObjectReader(document, path: "", diagnostics: diagnostics) else {
      throw ConfigurationError(path: "", value: document.rendered, requirement: "be a mapping with `populations:` or `model:` at the top level")
    }
    if case .object(let members) = document, members["model"] == .string("double_well_attractor") {
      let doubleWell = DoubleWellConfiguration(reading: root)
      try diagnostics.check()
      model = .doubleWell(doubleWell)
    } else if case .object(let members) = document, members["model"] == .string(PlasticNetworkConfiguration.modelName) {
      let plastic = PlasticNetworkConfiguration(reading: root)
      try diagnostics.check()
      model = .plasticRateNetwork(plastic)
    } else if case .object(let members) = document, members["model"] == .string(STDPMemoryConfiguration.modelName) {
      let stdp = STDPMemoryConfiguration(reading: root)
      try diagnostics.check()
      model = .stdpMemory(stdp)
    } else if case .object(let members) = document, members["model"] != nil {
      let rate = RateModelConfiguration(reading: root)
      try diagnostics.check()
      model = .rate(rate)
    } else {
      let network = NetworkModel(reading: root)
      // Range and cross-reference problems too, except where reading already failed (NaN stand-ins).
      let unreadable = Set(diagnostics.problems.map(\.path))
      for problem in network.problems() where !unreadable.contains(problem.path) && problem.value != "nan" {
        diagnostics.report(problem)
      }
      try diagnostics.check()
      model = .network(network)
    }
    self.document = document
  }
}
