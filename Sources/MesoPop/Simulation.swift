import Foundation
import MesoConfig
import MesoCore
import MesoIO
import MicroNetwork
import NetworkCore

/// Errors of running a configuration that are neither configuration nor numerical problems.
public struct UnsupportedRun: Error, CustomStringConvertible {
  public var description: String
}

/// Simulates a validated configuration: a rate model by its integrator, a network model by the
/// engine of `level`. `progress` receives the fraction simulated.
public func simulate(
  _ configuration: Configuration, level: SimulationLevel?, seed: UInt64, progress: ((Double) -> Void)? = nil
) throws -> Recording {
  switch configuration.model {
  case .rate(let rate):
    return try rate.model.simulate(rate.simulation, seed: seed, progress: progress)
  case .network(let model):
    guard let level else {
      throw UnsupportedRun(description: "a network configuration needs --level meso or --level micro")
    }
    switch level {
    case .micro:
      // Every neuron and synapse (meso-theory.md §2); refuses, before allocating, a network it cannot build.
      var engine = try MicroscopicSimulator(network: DiscreteNetwork(model), seed: seed)
      return try engine.run(progress: progress)
    case .meso:
      throw UnsupportedRun(description: "the \(level.rawValue)scopic engine is not part of MesoPop \(mesoPopVersion) yet; this version validates network configurations only")
    }
  }
}

/// The `meta` entry of every output file (a JSON object): resolved configuration, seed, level,
/// version, units of every array, wall time.
public struct OutputMeta {
  public var json: String

  /// Meta of a run of a configuration file (stores the resolved document with its seed).
  public init(configuration: Configuration, seed: UInt64, level: String, recording: Recording, wallTime: Double) {
    self.init(config: configuration.resolvedDocument(seed: seed), seed: seed, level: level, recording: recording, wallTime: wallTime)
  }

  /// Meta of any run; `config` describes the model (e.g. `ConfigValue(encoding: parameters)`).
  public init(config: ConfigValue, seed: UInt64, level: String, recording: Recording, wallTime: Double) {
    var units: [String: ConfigValue] = ["t": .string("s")]
    for trace in recording.traces + recording.events { units[trace.name] = .string(trace.unit) }
    let meta: ConfigValue = .object([
      "config": config,
      "seed": .number(Double(seed)),
      "level": .string(level),
      "mesopop_version": .string(mesoPopVersion),
      "units": .object(units),
      "wall_time_s": .number(wallTime),
      "created": .string(ISO8601DateFormatter().string(from: Date())),
    ])
    json = meta.jsonString()
  }
}
