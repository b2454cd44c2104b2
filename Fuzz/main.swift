import Foundation

// mesopop-fuzz: the deterministic hostile-input suite of `.ci/run` (see Fuzz/README.md).
// Usage: mesopop-fuzz BINARY [EXAMPLES_DIR [TEXT]] — only the cases whose label contains TEXT when
// given; exits 1 when any case fails.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: mesopop-fuzz PATH/TO/mesopop [Examples/configs [TEXT]]\n".utf8))
  exit(2)
}
let examples = URL(fileURLWithPath: arguments.count > 2 ? arguments[2] : "Examples/configs")
var corpus = try Corpus(examples: examples)
let cases = corpus.build().filter { arguments.count < 4 || $0.label.contains(arguments[3]) }
// 1 GiB of address space and 20 s per invocation; two cases at a time.
let runner = Runner(binary: arguments[1], memoryKB: 1 << 20, timeout: 20)
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mesopop-fuzz-\(getpid())")
let lock = NSLock()
nonisolated(unsafe) var failures = [(String, [String])]()
nonisolated(unsafe) var next = 0
let start = Date()
DispatchQueue.concurrentPerform(iterations: 2) { worker in
  while true {
    lock.lock()
    let k = next
    next += 1
    lock.unlock()
    guard k < cases.count else { return }
    let problems = check(cases[k], runner: runner, scratch: scratch.appendingPathComponent("\(worker)"))
    if !problems.isEmpty {
      lock.lock()
      failures.append((cases[k].label, problems))
      lock.unlock()
    }
  }
}
try? FileManager.default.removeItem(at: scratch)
for (label, problems) in failures.sorted(by: { $0.0 < $1.0 }) {
  print("FAIL \(label)")
  for p in problems { print("     \(p)") }
}
print(String(format: "fuzz: %d cases, %d failed, %.0f s", cases.count, failures.count, Date().timeIntervalSince(start)))
exit(failures.isEmpty ? 0 : 1)
