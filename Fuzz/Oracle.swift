import Foundation
import MesoPop

/// Runs one case in its own scratch folder and returns what is wrong with the outcome: a crash, a
/// hang, an exit code outside those allowed, a refusal without a message, a `run` that disagrees
/// with `validate`, a non-finite or empty output, or any file left behind.
func check(_ fuzzCase: FuzzCase, runner: Runner, scratch: URL) -> [String] {
  let fm = FileManager.default
  try? fm.removeItem(at: scratch)
  try? fm.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? fm.removeItem(at: scratch) }
  for (name, data) in fuzzCase.files { _ = fm.createFile(atPath: scratch.appendingPathComponent(name).path, contents: data) }
  let substitute = { (arguments: [String]) in arguments.map { $0.replacingOccurrences(of: "{dir}", with: scratch.path) } }
  var problems = [String]()
  let outcome = runner.run(substitute(fuzzCase.arguments), signal: fuzzCase.signal, watching: scratch)
  let message = outcome.stderr.split(separator: "\n").prefix(2).joined(separator: " | ")
  let longRun = outcome.timedOut && fuzzCase.mayRunLong
  if outcome.timedOut, !longRun { problems.append("hang: killed after \(runner.timeout) s") }
  if !fuzzCase.allowed.contains(outcome.code), !longRun {
    problems.append("exit \(outcome.code) (allowed \(fuzzCase.allowed.sorted())): \(message)")
  }
  if outcome.code == 64 || outcome.code == 65, outcome.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
    problems.append("exit \(outcome.code) without a message naming the problem: \(message)")
  }
  if let expected = fuzzCase.expectedMessage, !outcome.stderr.contains(expected) {
    problems.append("message lacks \"\(expected)\": \(message)")
  }
  if let validate = fuzzCase.validateArguments, outcome.code != 65, !outcome.timedOut {
    let verdict = runner.run(substitute(validate))
    if (verdict.code == 64) != (outcome.code == 64) || ![0, 64].contains(verdict.code) {
      problems.append("validate exits \(verdict.code) but run \(outcome.code): \(verdict.stderr.prefix(200))")
    }
  }
  // Files: the inputs, and the outputs of a successful run, nothing else.
  let expected = Set(fuzzCase.files.keys.filter { !$0.hasSuffix(".tmp") })
  let present = Set((try? fm.contentsOfDirectory(atPath: scratch.path)) ?? [])
  let outputs = outcome.code == 0 ? Set(fuzzCase.outputs) : []
  for extra in present.subtracting(expected).subtracting(outputs).sorted() { problems.append("left behind: \(extra)") }
  if outcome.code == 0 {
    for name in fuzzCase.outputs where fuzzCase.arguments.contains(where: { $0.hasSuffix(name) }) {
      problems += checkOutput(scratch.appendingPathComponent(name), finite: fuzzCase.finiteOutputs)
    }
  } else if outcome.code != 0, present.contains(where: { fuzzCase.outputs.contains($0) }) {
    problems.append("a failed run wrote its output")
  }
  return problems
}

/// A successful output must be a readable `.npz` with at least one value and, unless the case
/// allows NaN, only finite floats; a recording must hold at least one sample. A folder output
/// (`stdp theory`) is checked file by file.
private func checkOutput(_ url: URL, finite: Bool) -> [String] {
  var isFolder: ObjCBool = false
  if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".npz") }
    if files.isEmpty { return ["output folder \(url.lastPathComponent) holds no .npz file"] }
    return files.sorted().flatMap { checkOutput(url.appendingPathComponent($0), finite: finite) }
  }
  guard let arrays = try? NPZ.read(from: url) else { return ["output \(url.lastPathComponent) unreadable"] }
  if let t = arrays["t"]?.float64, t.isEmpty { return ["output has no sample"] }
  let values = arrays.filter { $0.key != "meta" }
  if !values.values.contains(where: { ($0.float64?.count ?? $0.integers?.count ?? 0) > 0 }) { return ["output holds no value"] }
  if finite, let name = values.keys.sorted().first(where: { values[$0]!.float64?.contains { !$0.isFinite } ?? false }) {
    return ["output \(name) holds a non-finite value"]
  }
  return []
}
