import Foundation
import NetworkCore
import Testing

/// The tabulated survival factor against exp(−scale·e^x) on a grid 37 times finer than the table,
/// across and beyond its range. The cubic Hermite error bound h⁴/384·max|G''''| with h = 0.01 is
/// below 10⁻¹⁰ (|G''''| ≤ 1.6 for this function), so 10⁻¹⁰ is the bound tested; a linear
/// interpolation (error ~h²/8·0.27 = 3·10⁻⁶) would fail it.
@Suite struct SurvivalTableTests {
  @Test(arguments: [10 * 0.0005, 0.5 * 10 * 0.0005, 10 * 0.0001])
  func matchesTheExactFactor(scale: Double) {
    let table = SurvivalTable(scale: scale)
    var worst = 0.0
    var x = -40.0
    while x < 15 {
      worst = max(worst, abs(table.survival(x) - exp(-scale * exp(x))))
      x += 0.01 / 37
    }
    #expect(worst < 1e-10, "largest error \(worst)")
  }
}
