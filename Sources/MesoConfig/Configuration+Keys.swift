import MesoCore

extension Configuration {
  /// The key paths that reading `document` asks for, whether present or not, list indices written
  /// `[]` (`populations[].tau_m`, `parameters.activation.r_max`): the keys the configuration
  /// reference documents. Which keys are asked for depends on the branches the document takes
  /// (a population's `kind`, an input's `kind`, a rate model's `model`, optional mappings present);
  /// `model` chooses the reader as `Configuration(document:)` does.
  public static func keysRead(from document: ConfigValue) -> Set<String> {
    let diagnostics = Diagnostics()
    guard let root = ObjectReader(document, path: "", diagnostics: diagnostics) else { return [] }
    switch document.member("model") {
    case .string("double_well_attractor")?: _ = DoubleWellConfiguration(reading: root)
    case .string(PlasticNetworkConfiguration.modelName)?: _ = PlasticNetworkConfiguration(reading: root)
    case .string(STDPMemoryConfiguration.modelName)?: _ = STDPMemoryConfiguration(reading: root)
    case nil: _ = NetworkModel(reading: root)
    default: _ = RateModelConfiguration(reading: root)
    }
    return diagnostics.keysRead
  }
}
