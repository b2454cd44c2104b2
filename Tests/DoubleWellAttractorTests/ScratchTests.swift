import Testing
import Foundation
@testable import DoubleWellAttractor

@Test func scratch2() throws {
  let t = try MeanFieldTheory(DoubleWellParameters(N: 40000, C: 2.7))
  print("SNR", t.signalToNoise(maxTime: 20).map { String(format: "%.2f", $0) }, t.switchingProbability * 2000.0.squareRoot())
  for r1 in [0.002, 0.0075, 0.05, 0.5] { for C in [0.0, 1, 3, 5] {
    let t0 = Date()
    let t = try MeanFieldTheory(DoubleWellParameters(N: 1500, c: 1, r1: r1, C: C))
    let t1 = Date()
    let p = t.capacity()
    print("r1", r1, "C", C, "p", p, "stat", t1.timeIntervalSince(t0), "cap", Date().timeIntervalSince(t1), "n", t.grid.n)
  } }
}
