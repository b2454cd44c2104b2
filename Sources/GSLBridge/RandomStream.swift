import CGSL
import MesoCore

/// A stream of random numbers from GSL's Mersenne Twister (`gsl_rng_mt19937`) with GSL's variate
/// algorithms. A value type: a copy replays the same numbers from the point where it was copied
/// (the generator is cloned on write), so a copied simulator is a checkpoint.
public struct RandomStream: @unchecked Sendable {
  /// Owns one `gsl_rng`.
  final class Generator {
    let rng: UnsafeMutablePointer<gsl_rng>
    init(seed: UInt64) {
      _ = gslErrorHandlerOff
      rng = gsl_rng_alloc(cgsl_rng_mt19937())!
      // mt19937 uses the low 32 bits of the seed; GSL maps 0 to its default seed 4357.
      gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }
    init(copying other: Generator) { rng = gsl_rng_clone(other.rng)! }
    deinit { gsl_rng_free(rng) }
  }

  private var generator: Generator

  /// The seed this stream was started from.
  public let seed: UInt64

  /// A stream started from `seed` (only its low 32 bits reach mt19937; derived seeds are well mixed).
  public init(seed: UInt64) {
    self.seed = seed
    generator = Generator(seed: seed)
  }

  /// The independent stream for `purpose` (and `index`) of a run with master seed `master`.
  public init(master: UInt64, purpose: StreamPurpose, index: UInt64 = 0) {
    self.init(seed: derivedSeed(master, purpose, index))
  }

  @inline(__always)
  private mutating func rng() -> UnsafeMutablePointer<gsl_rng> {
    if !isKnownUniquelyReferenced(&generator) { generator = Generator(copying: generator) }
    return generator.rng
  }

  /// Uniform on [0, 1).
  public mutating func uniform() -> Double { gsl_rng_uniform(rng()) }

  /// Uniform on (0, 1).
  public mutating func uniformPositive() -> Double { gsl_rng_uniform_pos(rng()) }

  /// Gaussian with mean 0 and standard deviation `sigma` (GSL ziggurat).
  public mutating func gaussian(sigma: Double = 1) -> Double { gsl_ran_gaussian_ziggurat(rng(), sigma) }

  /// Fills `buffer` with standard Gaussian numbers.
  public mutating func fillGaussian(_ buffer: UnsafeMutableBufferPointer<Double>, sigma: Double = 1) {
    let r = rng()
    for i in buffer.indices { buffer[i] = gsl_ran_gaussian_ziggurat(r, sigma) }
  }

  /// Fills `buffer` with uniform numbers on [0, 1).
  public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>) {
    let r = rng()
    for i in buffer.indices { buffer[i] = gsl_rng_uniform(r) }
  }

  /// Binomial(n, p): number of successes in n trials of probability p.
  public mutating func binomial(trials n: Int, probability p: Double) -> Int {
    precondition(n >= 0 && n <= Int(UInt32.max), "binomial: trials out of range")
    return Int(gsl_ran_binomial(rng(), p, UInt32(n)))
  }

  /// Poisson with the given mean.
  public mutating func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(rng(), mean)) }

  /// `true` with probability p.
  public mutating func bernoulli(_ p: Double) -> Bool { gsl_ran_bernoulli(rng(), p) == 1 }

  /// k distinct numbers of 0 ..< n, ascending, every subset equally likely (`gsl_ran_choose`).
  public mutating func choose(_ k: Int, of n: Int) -> [Int] {
    precondition(k >= 0 && k <= n, "choose: k must be in 0 ... n")
    var source = Array(0..<n), chosen = Array(repeating: 0, count: k)
    let r = rng()
    source.withUnsafeMutableBytes { s in
      chosen.withUnsafeMutableBytes { c in _ = gsl_ran_choose(r, c.baseAddress, k, s.baseAddress, n, MemoryLayout<Int>.stride) }
    }
    return chosen
  }
}
