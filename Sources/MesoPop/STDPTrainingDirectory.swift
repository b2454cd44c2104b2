import Foundation
import MesoConfig
import MesoCore
import MesoIO
import STDPMemory
import STDPMemorySimulation

/// The folder of a training-network study (`mesopop stdp train`, `mesopop stdp merge`; STDPMemorySimulation
/// article): `config.json` (the resolved configuration, `simulation.trials` the number of trials in all),
/// `trials/trial_NNNNNN.npz` (one per finished trial, written atomically, each carrying the configuration
/// text), and, once every trial is there, `accuracy.npz` and `report.md`. Shares of the trials run by
/// separate processes into separate folders and merged give the same `accuracy.npz`, byte for byte,
/// as one run of all trials: it is assembled from the trial files in trial order only.
///
/// The study is the configuration without `simulation.trials` (trial t's seed does not depend on the
/// number of trials): a later run with another `--trials` keeps the trials already there, runs the
/// missing ones and rewrites `config.json` with the new number.
public struct STDPTrainingDirectory: Sendable {
  /// The folder.
  public let url: URL
  /// The text of `config.json`: the resolved configuration.
  public let text: String
  /// The study: the configuration without `simulation.trials`, as JSON.
  public let identity: String
  /// The model.
  public let parameters: STDPMemoryParameters

  /// Opens (creating if needed) the folder of `configuration` (a `model: stdp_memory` one); refuses a
  /// folder that holds another study, and records a changed number of trials in `config.json`.
  public init(_ url: URL, configuration: Configuration) throws {
    self.url = url
    parameters = try Self.parameters(of: configuration)
    text = configuration.document.jsonString()
    identity = Self.identity(of: configuration.document)
    let file = url.appendingPathComponent("config.json")
    if let stored = try? String(contentsOf: file, encoding: .utf8) {
      guard Self.identity(ofJSON: stored) == identity else {
        throw SweepError(description: "mesopop: \(url.path) holds another training study (its config.json differs in more than simulation.trials); use another --out")
      }
      if stored != text { try atomicWrite(Data(text.utf8), to: file) }
    } else {
      try FileManager.default.createDirectory(at: url.appendingPathComponent("trials"), withIntermediateDirectories: true)
      try atomicWrite(Data(text.utf8), to: file)
    }
  }

  /// The study of a configuration document: the document without `simulation.trials`, as JSON.
  static func identity(of document: ConfigValue) -> String {
    guard case .object(var root) = document, case .object(var simulation)? = root["simulation"] else { return document.jsonString() }
    simulation["trials"] = nil
    root["simulation"] = .object(simulation)
    return ConfigValue.object(root).jsonString()
  }

  /// The study of the configuration text of `config.json` or of a trial file; nil if it does not parse.
  static func identity(ofJSON json: String) -> String? {
    (try? ConfigDocument.parse(json, format: .json)).map { identity(of: $0) }
  }

  /// The validated parameters of a `model: stdp_memory` configuration.
  public static func parameters(of configuration: Configuration) throws -> STDPMemoryParameters {
    guard case .stdpMemory(let c) = configuration.model else {
      throw UnsupportedRun(description: "`mesopop stdp train` needs a `model: stdp_memory` configuration")
    }
    return try c.parameters.validated()
  }

  /// Opens an existing folder from its `config.json`.
  public init(existing url: URL) throws {
    let file = url.appendingPathComponent("config.json")
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw SweepError(description: "mesopop: \(url.path) holds no training study (no config.json)")
    }
    try self.init(url, configuration: Configuration.load(path: file.path))
  }

  /// Number of trials in all.
  public var trials: Int { parameters.simulation.trials }

  func trialFile(_ t: Int) -> URL {
    url.appendingPathComponent("trials").appendingPathComponent(String(format: "trial_%06d.npz", t))
  }

  /// Trial t as stored here, or nil when its file is absent; throws for a file of another study.
  public func stored(_ t: Int) throws -> TrialResult? {
    let file = trialFile(t)
    guard FileManager.default.fileExists(atPath: file.path) else { return nil }
    let a = try NPZ.read(from: file)
    guard let config = a["config"]?.unicode, Self.identity(ofJSON: config) == identity, let accuracy = a["accuracy"]?.float64, let mean = a["episode_mean"]?.float64,
      let variance = a["episode_variance"]?.float64, let error = a["episode_mean_se"]?.float64, let rates = a["episode_rates"]?.float64,
      let rateVariance = a["episode_rate_variance"]?.float64, let weightGain = a["episode_weight_gain"]?.float64, let gain = a["episode_score_gain"]?.float64, let readout = a["readout"]?.float64
    else { throw SweepError(description: "mesopop: \(file.path) is not a trial of this study; remove it to rerun the trial") }
    let episodes = (0..<(mean.count / 4)).map { (e: Int) -> EpisodeStatistics in
      let four: Range<Int> = (4 * e)..<(4 * e + 4), three: Range<Int> = (3 * e)..<(3 * e + 3), two: Range<Int> = (2 * e)..<(2 * e + 2)
      return EpisodeStatistics(
        mean: Array(mean[four]), variance: Array(variance[four]), meanError: Array(error[four]), rates: Array(rates[three]),
        rateVariance: Array(rateVariance[two]), weightGain: Array(weightGain[two]), scoreGain: Array(gain[two]))
    }
    let moments = (0..<(readout.count / 8)).map { ReadoutMoments(values: Array(readout[(8 * $0)..<(8 * $0 + 8)])) }
    return TrialResult(trial: t, accuracy: accuracy, readout: moments, episodes: episodes)
  }

  /// Writes one trial's file atomically.
  public func write(_ r: TrialResult) throws {
    let P = r.episodes.count
    try NPZ.write(
      [
        NPYArray(name: "accuracy", shape: [r.accuracy.count], storage: .float64(r.accuracy)),
        NPYArray(name: "episode_mean", shape: [P, 4], storage: .float64(r.episodes.flatMap(\.mean))),
        NPYArray(name: "episode_variance", shape: [P, 4], storage: .float64(r.episodes.flatMap(\.variance))),
        NPYArray(name: "episode_mean_se", shape: [P, 4], storage: .float64(r.episodes.flatMap(\.meanError))),
        NPYArray(name: "episode_rates", shape: [P, 3], storage: .float64(r.episodes.flatMap(\.rates))),
        NPYArray(name: "episode_rate_variance", shape: [P, 2], storage: .float64(r.episodes.flatMap(\.rateVariance))),
        NPYArray(name: "episode_weight_gain", shape: [P, 2], storage: .float64(r.episodes.flatMap(\.weightGain))),
        NPYArray(name: "episode_score_gain", shape: [P, 2], storage: .float64(r.episodes.flatMap(\.scoreGain))),
        NPYArray(name: "readout", shape: [r.readout.count, 8], storage: .float64(r.readout.flatMap(\.values))),
        NPYArray(name: "config", shape: [], storage: .unicode(text)),
      ], to: trialFile(r.trial))
  }

  /// Copies into this folder the trial files of the same study found in `others`; refuses a folder
  /// of another study before copying anything. Returns the number of trials copied.
  @discardableResult
  public func merge(_ others: [URL]) throws -> Int {
    let shares = try others.map { other -> STDPTrainingDirectory in
      let share = try STDPTrainingDirectory(existing: other)
      guard share.identity == identity else {
        throw SweepError(description: "mesopop: \(other.path) holds another training study than \(url.path) (config.json differs)")
      }
      return share
    }
    var copied = 0
    for t in 0..<trials where try stored(t) == nil {
      guard let share = try shares.first(where: { try $0.stored(t) != nil }) else { continue }
      try atomicWrite(Data(contentsOf: share.trialFile(t)), to: trialFile(t))
      copied += 1
    }
    return copied
  }

  /// Trials not yet in the folder.
  public func missing() throws -> [Int] { try (0..<trials).filter { try stored($0) == nil } }

  /// With every trial present: writes `accuracy.npz` (a_k per trial and k, their mean and standard
  /// error, the episode statistics, and the full and rate-only theory curves a_k of the same k) and
  /// `report.md`; returns the report's summary line. Nil while trials are missing.
  public func finish() throws -> String? {
    guard try missing().isEmpty else { return nil }
    let results = try (0..<trials).map { try stored($0)! }
    let summary = try STDPTrainingSummary(parameters, results: results)
    try NPZ.write(summary.arrays + [NPYArray(name: "config", shape: [], storage: .unicode(text))], to: url.appendingPathComponent("accuracy.npz"))
    try atomicWrite(Data(summary.report.utf8), to: url.appendingPathComponent("report.md"))
    return summary.line
  }
}
