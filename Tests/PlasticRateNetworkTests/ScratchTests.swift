import Foundation
import PlasticRateTheory
import Testing

@Test func scratchDMFT() throws {
  for (k, dt) in [(0.0, 0.1), (0.0, 0.05), (1.0, 0.1), (-2.0, 0.1)] {
    let t0 = clock()
    let s = try solveDMFT(g: 2, k: k, p: 2.5, options: DMFTOptions(dt: dt, paths: 200, duration: 300))
    print("k=\(k) dt=\(dt) C0=\(s.variance) se=\(s.standardError[0]) tau*=\(s.tauStar) PR=\(s.participationRatio) it=\(s.iterations) res=\(s.residual) cpu=\(Double(clock() - t0) / Double(CLOCKS_PER_SEC))")
  }
}
