import ArgumentParser
import Foundation
import MesoPop

/// `mesopop plastic fixed-points`: the fixed-point mean field (Eqs. 24–26) along s = kC(0) and its onset.
struct PlasticFixedPoints: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fixed-points",
    abstract: "Stable fixed points in the mean field (Eqs. 24–26): for each g the curve k(s), C(0)(s) and log2(#)/N over s = kC(0), and the onset (smallest k); write `g`, `s`, `k`, `C0`, `log2_count`, `free_over_fold` (NaN where no stable fixed point), `onset_k`, `onset_s`, `onset_log2_count`.")

  @Option(help: "Values of g (> 0), comma-separated.") var g: String
  @Option(help: "Smallest self-coupling s = kC(0).") var sMin: Double = 1.01
  @Option(help: "Largest s.") var sMax: Double = 3
  @Option(help: "Number of s values.") var sPoints: Int = 41
  @Option(help: "Output file (.npz).") var out: String

  func validate() throws {
    try requireNPZ(out)
    guard sMin.isFinite, sMax.isFinite, sMin > 0, sMax > sMin else {
      throw ValidationError("--s-min and --s-max must be finite with 0 < --s-min < --s-max, got \(sMin), \(sMax)")
    }
    guard sPoints >= 3, sPoints <= 10_000 else { throw ValidationError("--s-points must be in 3 … 10000, got \(sPoints)") }
    for value in try gains() where !(value.isFinite && value > 0) { throw ValidationError("--g values must be finite and > 0, got \(value)") }
  }

  private func gains() throws -> [Double] {
    let parts = g.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let numbers = parts.compactMap(Double.init)
    guard !parts.isEmpty, numbers.count == parts.count else { throw ValidationError("--g must be comma-separated numbers, got '\(g)'") }
    return numbers
  }

  func run() throws {
    try exitingOnFailure {
      let cpu = CPUClock()
      let gains = try gains()
      let s = (0..<sPoints).map { sMin + (sMax - sMin) * Double($0) / Double(sPoints - 1) }
      var k = [Double](), c0 = [Double](), count = [Double](), free = [Double]()
      var onsetK = [Double](), onsetS = [Double](), onsetCount = [Double]()
      for gain in gains {
        for coupling in s {
          let m = try fixedPointSolutions(g: gain, selfCoupling: coupling).min { $0.k < $1.k }
          k.append(m?.k ?? .nan)
          c0.append(m?.variance ?? .nan)
          count.append(m?.log2CountPerNeuron ?? .nan)
          free.append(m.map { $0.foldField > 0 ? $0.freeField / $0.foldField : 0 } ?? .nan)
        }
        let onset = try fixedPointOnset(g: gain, selfCouplings: s)
        onsetK.append(onset?.k ?? .nan)
        onsetS.append(onset?.selfCoupling ?? .nan)
        onsetCount.append(onset?.log2CountPerNeuron ?? .nan)
        print(
          "g = \(formatNumber(gain)): onset k = \(onset.map { formatNumber($0.k) } ?? "none in the s range") at s = "
            + "\(onset.map { formatNumber($0.selfCoupling) } ?? "-"), C(0) = \(onset.map { formatNumber($0.variance) } ?? "-"), "
            + "log2(#)/N = \(onset.map { formatNumber($0.log2CountPerNeuron) } ?? "-")")
      }
      let shape = [gains.count, s.count]
      let meta = ConfigValue.object(["cpu_s": .number(cpu.elapsed), "mesopop_version": .string(mesoPopVersion)])
      try NPZ.write(
        [
          NPYArray(name: "g", shape: [gains.count], storage: .float64(gains)), NPYArray(name: "s", shape: [s.count], storage: .float64(s)),
          NPYArray(name: "k", shape: shape, storage: .float64(k)), NPYArray(name: "C0", shape: shape, storage: .float64(c0)),
          NPYArray(name: "log2_count", shape: shape, storage: .float64(count)),
          NPYArray(name: "free_over_fold", shape: shape, storage: .float64(free)),
          NPYArray(name: "onset_k", shape: [gains.count], storage: .float64(onsetK)),
          NPYArray(name: "onset_s", shape: [gains.count], storage: .float64(onsetS)),
          NPYArray(name: "onset_log2_count", shape: [gains.count], storage: .float64(onsetCount)),
          NPYArray(name: "meta", shape: [], storage: .unicode(meta.jsonString())),
        ], to: URL(fileURLWithPath: out))
      printError("\(formatNumber(cpu.elapsed)) CPU s")
    }
  }
}
