import ArgumentParser
import Foundation
import MesoPop

#if canImport(Glibc)
  import Glibc
#endif

let mesoPopVersionText = "mesopop \(mesoPopVersion)"

extension SimulationLevel: ExpressibleByArgument {}
typealias Level = SimulationLevel

/// The configuration, its overrides and the seed.
struct ModelOptions: ParsableArguments {
  @Argument(help: "Configuration file (.yaml, .yml or .json).") var config: String
  @Option(help: "Master seed; overrides simulation.seed. Omitted everywhere: drawn, printed and stored in the output.")
  var seed: UInt64?
  @Option(name: .customLong("set"), help: "Override a value, e.g. --set simulation.duration=5 or --set populations[0].N=1000.")
  var overrides: [String] = []

  func load() throws -> Configuration { try Configuration.load(path: config, overrides: overrides) }

  /// --seed, else the file's seed, else a fresh one, announced on stderr. Any 64-bit seed replays
  /// from `meta` (seeds of 2^53 and above are stored as decimal strings); drawn ones stay below 2^53.
  func resolveSeed(_ configuration: Configuration, quiet: Bool) -> UInt64 {
    let (seed, drawn) = configuration.masterSeed(given: seed)
    if drawn, !quiet { printError("seed \(seed) (drawn; pass --seed \(seed) to repeat this run)") }
    return seed
  }
}

/// --quiet and --progress.
struct ReportingOptions: ParsableArguments {
  @Flag(help: "Print nothing on stderr but errors.") var quiet = false
  @Flag(help: "Report progress on stderr even when it is not a terminal.") var progress = false

  /// A progress reporter when progress is wanted: stderr is a terminal or --progress, and not --quiet.
  func progressReporter() -> ProgressReporter? {
    guard !quiet, progress || isatty(STDERR_FILENO) == 1 else { return nil }
    return ProgressReporter(inPlace: isatty(STDERR_FILENO) == 1)
  }
}

/// Brian2-style progress on stderr: `1.2 s (60%) simulated in 8 s, estimated 5 s remaining`.
final class ProgressReporter: @unchecked Sendable {
  private let clock = WallClock()
  private let inPlace: Bool
  private var lastReport = -1.0

  init(inPlace: Bool) { self.inPlace = inPlace }

  private let lock = NSLock()

  /// Reports at most twice a second (and on completion); callable from several threads.
  func report(_ fraction: Double) {
    lock.lock()
    defer { lock.unlock() }
    let elapsed = clock.elapsed
    guard elapsed - lastReport >= 0.5 || fraction >= 1 else { return }
    lastReport = elapsed
    let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
    let text = String(format: "%.0f%% simulated in %.1f s, estimated %.1f s remaining", 100 * fraction, elapsed, remaining)
    FileHandle.standardError.write(Data(((inPlace ? "\r" : "") + text + (inPlace ? "" : "\n")).utf8))
  }

  func finish() { if inPlace { FileHandle.standardError.write(Data("\n".utf8)) } }
}

func printError(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// Runs `body`, turning library errors into messages on stderr and the documented exit codes:
/// 64 invalid configuration or bad usage, 65 numerical failure, 1 a file that cannot be written
/// (`FailureReport`); other errors are rethrown.
func exitingOnFailure(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch {
    let report = FailureReport(error)
    guard report.kind != .other else { throw error }
    printError(report.message)
    throw ExitCode(report.exitCode)
  }
}

extension Configuration {
  /// Integration steps (networks, SDEs) or output samples (adaptive ODE), for `bench`.
  func steps(recordedSamples: Int) -> Int {
    switch model {
    case .network(let n): return Int((n.simulation.duration / n.simulation.dt).rounded())
    case .doubleWell, .stdpMemory: return 0
    case .plasticRateNetwork(let r): return Int((r.simulation.duration / r.simulation.dt).rounded())
    case .rate(let r):
      return recordedSamples * max(1, (try? r.simulation.noiseStepsPerSample()) ?? 1)
    }
  }
}

/// Refuses an output path that is not an `.npz` file.
func requireNPZ(_ out: String) throws {
  guard out.hasSuffix(".npz") else { throw ValidationError("--out must name an .npz file, got '\(out)'") }
}
