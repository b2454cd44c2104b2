import Testing
import Foundation
@testable import DoubleWellAttractor

@Test func scratch() throws {
  for (cN, Cs) in [(500.0, [0, 2.0, 2.5, 2.7, 4]), (2000, [0, 2.7, 2.9, 3.0, 3.1]), (200, [0, 2])] {
    for C in Cs {
      let t0 = Date()
      let t = try MeanFieldTheory(DoubleWellParameters(N: Int(cN / 0.05), C: C))
      let p = t.capacity()
      print("cN", cN, "C", C, "p", p, "time", Date().timeIntervalSince(t0), "q", t.switchingProbability)
    }
  }
  let t = try MeanFieldTheory(DoubleWellParameters(N: 40000, C: 2.7))
  print(t.signalToNoise(maxTime: 20).map { String(format: "%.2f", $0) })
}
@Test func scratch2() throws {
  let t = try MeanFieldTheory(DoubleWellParameters(N: 40000, C: 2.7))
  print("SNR", t.signalToNoise(maxTime: 20).map { String(format: "%.2f", $0) }, t.switchingProbability * 2000.0.squareRoot())
  for (r1, cNs) in [(0.05, [1000.0, 3000, 10000, 30000]), (0.1, [1000.0, 3000, 10000, 30000]), (0.5, [1000.0, 3000, 10000, 30000])] {
    let Cs = stride(from: 0.0, through: 6.0, by: 0.1).map { $0 }
    let t0 = Date()
    let r = try MeanFieldTheory.capacityExponent(DoubleWellParameters(N: 20000, c: 1, r1: r1), N: cNs.map { Int($0) }, C: Cs)
    print("r1", r1, "a", r.exponent, r.scans.map { ($0.best, $0.optimalC, $0.plateau) }, Date().timeIntervalSince(t0))
  }
  for cN in [500.0, 1500, 5000] {
    let r = try MeanFieldTheory.criticalWellDepth(DoubleWellParameters(N: Int(cN), c: 1), r1: [0.002, 0.004, 0.006, 0.0075, 0.009, 0.012], C: stride(from: 0.0, through: 6.0, by: 0.1).map { $0 })
    print("cN", cN, "r1*", r.r1 as Any, r.scans.map { ($0.capacity[0], $0.best, $0.optimalC) })
  }
}
