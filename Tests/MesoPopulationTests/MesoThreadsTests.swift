import MesoCore
import MesoPopulation
import NetworkCore
import Testing

/// The mesoscopic engine on 1, 2 and 3 threads (`micro.threads`) gives the same bits: every
/// population and STP state draws from its own stream, and the groups of populations meet every
/// D_min steps, when no spike of another group can have arrived yet. The network has binomial
/// draws, STP with finite-synapse noise (MF2) or history-based release, a Poisson source with
/// STP, delays of 1–4 steps (D_min = 2 steps: threads meet every second step) and a step input.
/// Fails if the threads meet less often than every D_min steps (checked locally) or if the
/// groups shared one random stream.
@Suite struct MesoThreadsTests {
  static func network(threads: Int, variant: MesoSettings.Variant) throws -> DiscreteNetwork {
    let depressing = STPParameters(U: 0.4, tauD: 0.2)
    let populations = [
      gifPopulation("E", N: 400, mu: 11), gifPopulation("I", N: 200, mu: 9),
      gifPopulation("A", N: 300, mu: 10, kernel: [ThresholdKernelComponent(J: 1, tau: 0.05)]), .poisson(name: "S", N: 100, rate: 8),
    ]
    let connections = [
      Connection(from: "E", to: "E", J: 0.6, p: 0.2, delay: 0.001, tauS: 0.003, stp: depressing),
      Connection(from: "E", to: "I", J: 0.8, p: 0.2, delay: 0.002, tauS: 0.003),
      Connection(from: "I", to: "E", J: -1, p: 0.3, delay: 0.001, tauS: 0.006),
      Connection(from: "I", to: "A", J: -0.5, p: 0.3, delay: 0.0015, tauS: 0),
      Connection(from: "A", to: "E", J: 0.4, p: 0.2, delay: 0.001, tauS: 0.003, stp: depressing),
      Connection(from: "S", to: "A", J: 0.5, p: 0.5, delay: 0.001, tauS: 0.003, stp: STPParameters(U: 0.2, tauD: 0.1, tauF: 0.3)),
    ]
    var model = NetworkModel(
      simulation: SimulationSettings(dt: 0.0005, duration: 0.4, recordBin: 0.001), populations: populations,
      connections: connections, inputs: [ExternalInput(to: "I", kind: .pulse(start: 0.1, width: 0.2, amplitude: 2))],
      meso: MesoSettings(variant: variant))
    model.micro.threads = threads
    return try DiscreteNetwork(model)
  }

  @Test(arguments: [MesoSettings.Variant.secondOrder, .history])
  func anyNumberOfThreadsGivesTheSameBits(variant: MesoSettings.Variant) throws {
    let one = try simulate(Self.network(threads: 1, variant: variant), level: .meso, seed: 7)
    for threads in [2, 3] {
      let many = try simulate(Self.network(threads: threads, variant: variant), level: .meso, seed: 7)
      for trace in one.traces {
        let same = many[trace.name]?.values == trace.values
        #expect(same, "\(threads) threads: \(trace.name)")
      }
    }
    // The recording is not trivial: every population fires, the STP columns move.
    #expect(one["A"]!.values.contains { $0 > 0 } && Set(one["stp_x"]!.values).count > 10)
  }
}
