import Foundation
import MesoConfig
import MesoCore
import MesoIO

/// Runs the points of a sweep on a fixed pool of worker threads: every (point, trial) run is one
/// task, taken in order by the next free worker; the last trial of a point to finish computes the
/// point's statistics and writes its file. Finished points (their file there, with the right
/// configuration and seeds) are skipped, so a rerun resumes a killed sweep.
public struct SweepRunner: Sendable {
  /// The folder and its sweep.
  public let directory: SweepDirectory
  /// The validated configuration of every point it may run, by point.
  public let configurations: [Int: Configuration]

  /// A runner for the points of `directory`'s sweep whose validated configurations
  /// (`SweepSpecification.configuration(of:memoryLimit:)`) are given.
  public init(_ directory: SweepDirectory, configurations: [Int: Configuration]) {
    self.directory = directory
    self.configurations = configurations
  }

  /// A runner for every point, `configurations` from `SweepSpecification.configurations(memoryLimit:)`.
  public init(_ directory: SweepDirectory, configurations: [Configuration]) {
    self.init(directory, configurations: Dictionary(uniqueKeysWithValues: configurations.enumerated().map { ($0, $1) }))
  }

  /// Points of `points` whose file is not there yet.
  public func unfinished(_ points: Range<Int>) throws -> [Int] {
    try points.filter { try directory.finishedRows($0) == nil }
  }

  /// Runs the unfinished points of `points` with `workers` threads, writing the traces of every trial
  /// too when `traces`. `progress` receives the fraction of runs finished; an error it throws
  /// (cancellation), a numerical failure or a write error stops the pool after the runs under way
  /// and is rethrown, the points written so far staying on disk.
  public func run(
    _ points: Range<Int>, workers: Int, traces: Bool = false, memoryLimit: MemoryLimit = .machine(),
    progress: (@Sendable (Double) throws -> Void)? = nil
  ) throws {
    let spec = directory.specification
    let todo = try unfinished(points)
    precondition(todo.allSatisfy { configurations[$0] != nil }, "a point to run without its configuration")
    let tasks = todo.flatMap { i in (0..<spec.trials).map { (point: i, trial: $0) } }
    guard !tasks.isEmpty else { return }
    let pool = SweepPool(tasks: tasks, trials: spec.trials)
    let report: @Sendable (Double) throws -> Void = { _ in try progress?(pool.finishedFraction) }
    let worker: @Sendable (Int) -> Void = { _ in
      while let task = pool.next() {
        do {
          let configuration = configurations[task.point]!
          let recording = try simulate(
            configuration, level: spec.level, seed: spec.seed(point: task.point, trial: task.trial),
            memoryLimit: memoryLimit, progress: report)
          if traces { try writeTraces(recording, point: task.point, trial: task.trial) }
          if let recordings = pool.store(recording, task) {
            let rows = try SweepStatistics.rows(configuration, level: spec.level, recordings: recordings)
            try directory.write(task.point, rows: rows)
          }
          try report(0)
        } catch {
          pool.fail(error, point: task.point, describe: spec.describe(task.point))
        }
      }
    }
    DispatchQueue.concurrentPerform(iterations: max(1, min(workers, tasks.count)), execute: worker)
    try pool.check()
  }

  private func writeTraces(_ recording: Recording, point i: Int, trial k: Int) throws {
    let spec = directory.specification
    let seed = spec.seed(point: i, trial: k)
    let meta = OutputMeta(configuration: configurations[i]!, seed: seed, level: spec.level.rawValue, recording: recording, wallTime: 0)
    try recording.write(npz: directory.traceFile(i, trial: k), meta: meta.json)
  }
}

/// The shared state of the worker pool: the next task, the recordings of points in progress, the
/// first error.
private final class SweepPool: @unchecked Sendable {
  private let lock = NSLock()
  private let tasks: [(point: Int, trial: Int)]
  private let trials: Int
  private var nextTask = 0
  private var finished = 0
  private var pending = [Int: [Recording?]]()
  private var error: (any Error)?

  init(tasks: [(point: Int, trial: Int)], trials: Int) {
    self.tasks = tasks
    self.trials = trials
  }

  /// The next task, or nil when all are taken or a run failed.
  func next() -> (point: Int, trial: Int)? {
    lock.withLock {
      guard error == nil, nextTask < tasks.count else { return nil }
      defer { nextTask += 1 }
      return tasks[nextTask]
    }
  }

  /// Stores a trial's recording; returns every trial's (trial k at index k) when it was the last.
  func store(_ recording: Recording, _ task: (point: Int, trial: Int)) -> [Recording]? {
    lock.withLock {
      finished += 1
      var recordings = pending[task.point] ?? Array(repeating: nil, count: trials)
      recordings[task.trial] = recording
      guard recordings.allSatisfy({ $0 != nil }) else {
        pending[task.point] = recordings
        return nil
      }
      pending[task.point] = nil
      return recordings.map { $0! }
    }
  }

  var finishedFraction: Double { lock.withLock { Double(finished) / Double(tasks.count) } }

  /// Records the first failure (with the point it happened at); the pool then hands out no task.
  func fail(_ failure: any Error, point: Int, describe: String) {
    lock.withLock {
      guard error == nil else { return }
      error = failure
      failedPoint = (point, describe)
    }
  }

  private var failedPoint: (Int, String)?

  /// Throws the first failure as a `SweepFailure` naming its point.
  func check() throws {
    try lock.withLock {
      guard let error, let (point, describe) = failedPoint else { return }
      throw SweepFailure(point: point, assignments: describe, underlying: error)
    }
  }
}

/// A run of a sweep that failed at one point (numerical failure, write error, cancellation).
public struct SweepFailure: Error, CustomStringConvertible {
  /// The point.
  public var point: Int
  /// Its `KEY=VALUE, …`.
  public var assignments: String
  /// What failed.
  public var underlying: any Error

  /// `point 3 (KEY=VALUE): message`.
  public var description: String {
    "sweep point \(point) (\(assignments)): \(FailureReport(underlying).message)"
  }
}
