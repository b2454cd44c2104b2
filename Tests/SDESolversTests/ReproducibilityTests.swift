import GSLBridge
import SDESolvers
import Testing

@Suite struct ReproducibilityTests {
  static let system = GeometricBrownianMotion(mu: 1, sigma: 1, paths: 3)
  static let (x0, dt) = ([1.0, 2, 3], 1e-3)

  /// The state after `chunks` calls of `advance`, `stepsPerChunk` steps each, from `random`.
  static func run(_ scheme: SDEScheme, chunks: Int, stepsPerChunk: Int, random: inout RandomStream) -> [Double] {
    var integrator = SDEIntegrator(system, scheme: scheme), x = x0
    for c in 0..<chunks {
      integrator.advance(&x, time: Double(c * stepsPerChunk) * dt, dt: dt, steps: stepsPerChunk, random: &random)
    }
    return x
  }

  /// Same seed ⇒ the same bits, whether run in one call or in chunks; another seed ⇒ another path.
  @Test(arguments: SDEScheme.allCases)
  func sameSeedGivesIdenticalTrajectories(scheme: SDEScheme) {
    var a = RandomStream(seed: 2024), b = RandomStream(seed: 2024), c = RandomStream(seed: 2025)
    let whole = Self.run(scheme, chunks: 1, stepsPerChunk: 1000, random: &a)
    let chunked = Self.run(scheme, chunks: 100, stepsPerChunk: 10, random: &b)
    let other = Self.run(scheme, chunks: 1, stepsPerChunk: 1000, random: &c)
    #expect(whole == chunked)
    #expect(whole != other)
  }

  /// A copy of the stream taken mid-run replays the rest of the path.
  @Test(arguments: SDEScheme.allCases)
  func copiedStreamReplaysThePath(scheme: SDEScheme) {
    var original = RandomStream(seed: 7)
    _ = Self.run(scheme, chunks: 1, stepsPerChunk: 500, random: &original)
    var copy = original
    let first = Self.run(scheme, chunks: 1, stepsPerChunk: 500, random: &original)
    let replay = Self.run(scheme, chunks: 1, stepsPerChunk: 500, random: &copy)
    #expect(first == replay)
  }
}
