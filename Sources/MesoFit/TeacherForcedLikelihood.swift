import Foundation
import MesoCore
import MesoPopulation
import NetworkCore

/// The log-likelihood of observed spike counts under the mesoscopic population equations
/// (René, Longtin & Macke 2020): the engine runs teacher-forced by the data (`TeacherForcing`),
/// so that each step's expected count n̄_{α,l} is conditioned on the observed past, and
///
///     ln L = Σ_l Σ_α ln P(n_{α,l} | N_α, n̄_{α,l})
///
/// with P Binomial(N, n̄/N) or Poisson(n̄) (``CountLikelihood``), p clipped to [ε, 1 − ε] so that a
/// count the model deems impossible costs ln ε per spike (``CountLikelihood/probabilityFloor``;
/// `clippedSteps` counts them). Given spike trains (`spike_train`
/// populations) are forced but left out of the sum (their counts are inputs, not outcomes). With
/// STP the release mean field runs without its finite-synapse noise: conditioned on the counts, its
/// release is replaced by its conditional mean (exact for MF1 and the history variant).
public struct TeacherForcedLikelihood: Sendable {
  /// ln L (natural log).
  public var logLikelihood: Double
  /// Each population's term Σ_l ln P, in model order (0 for given spike trains).
  public var perPopulation: [Double]
  /// Each population's number of steps whose count is impossible at the unclipped n̄ (n > 0 where
  /// n̄ ≤ 0, or n < N where p = 1; ``CountLikelihood/isClipped(count:expected:N:)``): 0 where ln L
  /// is the model's exact log-probability.
  public var clippedSteps: [Int]
  /// The first such step's time (s), nil without any.
  public var firstClippedTime: Double?
  /// The expected counts n̄ of the forced run, row-major (steps × P).
  public var expected: [Double]

  /// Runs `model` forced by `data` and sums the log-probabilities. The model's duration must cover
  /// exactly the data's steps and its Δt match (``FitProblem`` sets both); throws the engine's
  /// errors (a `ParameterError` for a model it cannot build, a `NumericalFailure` with its time).
  /// `history` (one K per population) overrides the model's history lengths.
  public init(
    model: NetworkModel, data: SpikeCounts, likelihood: CountLikelihood, history: [Int]? = nil, memoryLimit: MemoryLimit = .machine()
  ) throws {
    let network = try DiscreteNetwork(model)
    precondition(network.steps == data.steps && network.dt == data.dt, "teacher forcing: the model's grid differs from the data's")
    let forcing = TeacherForcing(observed: data.counts, populations: data.sizes.count, history: history)
    var engine = try MesoscopicSimulator(network: network, seed: 0, memoryLimit: memoryLimit, forcing: forcing)
    _ = try engine.run()
    expected = engine.forcing!.expected
    let P = data.sizes.count
    var terms = [Double](repeating: 0, count: P), clipped = [Int](repeating: 0, count: P)
    var first: Int?
    for α in 0..<P {
      if case .spikeTrain = model.populations[α].kind { continue }
      let N = data.sizes[α]
      var sum = 0.0
      for l in 0..<data.steps {
        let n = Int(data.counts[l * P + α]), nBar = expected[l * P + α]
        sum += likelihood.logProbability(count: n, expected: nBar, N: N)
        if likelihood.isClipped(count: n, expected: nBar, N: N) {
          clipped[α] += 1
          first = min(first ?? l, l)
        }
      }
      terms[α] = sum
    }
    perPopulation = terms
    clippedSteps = clipped
    firstClippedTime = first.map { Double($0) * data.dt }
    logLikelihood = terms.reduce(0, +)
  }
}
