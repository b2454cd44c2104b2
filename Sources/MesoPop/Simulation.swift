import Foundation
import MesoConfig
import MesoCore
import MesoIO
import MesoPopulation
import MicroNetwork
import NetworkCore
import PlasticRateNetwork

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
  case .plasticRateNetwork(let plastic):
    // Parameters were validated when the configuration was read (memory for J and A included).
    return try PlasticNetwork(plastic.parameters, seed: seed).run(plastic.simulation, progress: progress)
  case .network(let model):
    guard let level else {
      throw UnsupportedRun(description: "a network configuration needs --level meso or --level micro")
    }
    let network = try DiscreteNetwork(model)
    switch level {
    case .meso:
      var engine = try MesoscopicSimulator(network: network, seed: seed)
      return try engine.run(progress: progress)
    case .micro:
      // Every neuron and synapse (meso-theory.md §2); refuses, before allocating, a network it cannot build.
      var engine = try MicroscopicSimulator(network: network, seed: seed)
      return try engine.run(progress: progress)
    }
  }
}

/// The `meta` entry of every output file (a JSON object): resolved configuration, seed, level,
/// version, units of every array, wall time.
public struct OutputMeta {
  public var json: String

  /// Meta of a run of a configuration file (stores the resolved document with its seed).
  public init(
    configuration: Configuration, seed: UInt64, level: String, recording: Recording, wallTime: Double, cpuTime: Double? = nil
  ) {
    self.init(
      config: configuration.resolvedDocument(seed: seed), seed: seed, level: level, recording: recording, wallTime: wallTime,
      cpuTime: cpuTime, duration: configuration.simulatedTime, timeUnit: configuration.timeUnit)
  }

  /// Meta of any run; `config` describes the model (e.g. `ConfigValue(encoding: parameters)`);
  /// `cpuTime` (s) and `duration` (simulated, in `timeUnit`) are stored when given.
  public init(
    config: ConfigValue, seed: UInt64, level: String, recording: Recording, wallTime: Double, cpuTime: Double? = nil,
    duration: Double? = nil, timeUnit: String = "s"
  ) {
    var units: [String: ConfigValue] = ["t": .string(timeUnit)]
    for trace in recording.traces + recording.events { units[trace.name] = .string(trace.unit) }
    var members: [String: ConfigValue] = [
      "config": config,
      "seed": .number(Double(seed)),
      "level": .string(level),
      "mesopop_version": .string(mesoPopVersion),
      "units": .object(units),
      "wall_time_s": .number(wallTime),
      "created": .string(ISO8601DateFormatter().string(from: Date())),
    ]
    if let cpuTime { members["cpu_s"] = .number(cpuTime) }
    if let duration { members["duration_s"] = .number(duration) }
    json = ConfigValue.object(members).jsonString()
  }
}
