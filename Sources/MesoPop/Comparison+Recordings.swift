import MesoConfig
import MesoCore

extension Comparison {
  /// A comparison of recordings made elsewhere: `reference` in the place of the microscopic trials
  /// (data, say) and `simulated` in that of the mesoscopic ones (a fitted model's runs), every
  /// recording on the grid of `model`. Its report holds the same statistics as `compare`'s.
  public init(model: NetworkModel, document: ConfigValue, seed: UInt64, reference: [Recording], simulated: [Recording]) {
    precondition(!reference.isEmpty && !simulated.isEmpty, "a comparison needs recordings at both levels")
    self.init(
      model: model, document: document, seed: seed, trials: min(reference.count, simulated.count), micro: reference, meso: simulated)
  }

  /// Recordings already made, of either level or both (a sweep point analyses the trials of one level).
  init(model: NetworkModel, document: ConfigValue, seed: UInt64, trials: Int, micro: [Recording], meso: [Recording]) {
    self.model = model
    self.document = document
    self.seed = seed
    self.trials = trials
    self.micro = micro
    self.meso = meso
  }
}
