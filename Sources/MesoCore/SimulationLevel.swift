/// Which engine simulates a network model.
public enum SimulationLevel: String, Sendable, CaseIterable, Codable {
  /// Population equations (Schwalger, Deger & Gerstner 2017) with STP mean field.
  case meso
  /// Every neuron and synapse.
  case micro
}
