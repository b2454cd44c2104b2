/// What a random stream is used for. Every simulation derives one independent stream per purpose
/// (and per index, e.g. per trial or population) from a single master seed, so that changing how
/// many numbers one part draws never changes what another part sees.
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
  /// Initial states (e.g. random initial conditions).
  case initialConditions = 1
  /// Drawing the synapses or random couplings.
  case connectivity = 2
  /// Spikes and spike counts during the simulation.
  case dynamics = 3
  /// Additive noise of SDE integration.
  case noise = 4
  /// The master seed of trial k of a repeated experiment (`compare`).
  case trial = 5
  /// The seed of point i of a parameter sweep, from which its trials derive theirs (`mesopop sweep`).
  case sweepPoint = 6
}

/// Seed of the stream (purpose, index) derived from a run's master seed with the SplitMix64
/// finaliser (Steele, Lea & Flood 2014): distinct inputs give statistically independent seeds.
public func derivedSeed(_ master: UInt64, _ purpose: StreamPurpose, _ index: UInt64 = 0) -> UInt64 {
  var z = master &+ purpose.rawValue &* 0x9E37_79B9_7F4A_7C15 &+ index &* 0xD1B5_4A32_D192_ED03
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
