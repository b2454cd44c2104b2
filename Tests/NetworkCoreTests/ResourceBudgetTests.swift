import MesoCore
import NetworkCore
import Testing

/// The resource model: checked counts, saturating sums, refusals that name the costliest key.
@Suite struct ResourceBudgetTests {
  @Test(arguments: [Double.nan, .infinity, -1, 0x1p41, 1e300])
  func countRefusesWhatIsNotACount(x: Double) {
    #expect(throws: ParameterError.self) { try ResourceBudget.count(x, of: "steps", key: "simulation.duration", value: x) }
  }

  @Test func countRoundsLikeTheEngines() throws {
    #expect(try ResourceBudget.count(2.5, of: "steps", key: "k", value: 0) == 3)
    #expect(try ResourceBudget.count(2.9999, of: "steps", key: "k", value: 0, rule: .towardZero) == 2)
    #expect(try ResourceBudget.count(Double(ResourceBudget.maxCount), of: "steps", key: "k", value: 0) == ResourceBudget.maxCount)
  }

  @Test func bytesSaturateAndTheLargestItemIsBlamed() {
    var budget = ResourceBudget()
    budget.add("state", key: "populations[0].N", count: 1000, bytesEach: 40)
    budget.add("synapses", key: "connections[0]", count: Int.max / 2, times: 3, bytesEach: 1)
    #expect(budget.totalBytes == .max)
    #expect {
      try budget.check(against: MemoryLimit(bytes: 1 << 30, source: "test"))
    } throws: { error in
      (error as? ParameterError)?.path == "connections[0]"
    }
    var small = ResourceBudget()
    small.addRecording(bins: 1000, columns: 3)
    #expect(small.totalBytes == 1000 * 4 * 16)
    #expect(throws: Never.self) { try small.check(against: MemoryLimit(bytes: 64_000, source: "test")) }
    #expect(throws: ParameterError.self) { try small.repeated(2, as: "2 trials").check(against: MemoryLimit(bytes: 64_000, source: "test")) }
  }

  @Test func machineLimitHonoursTheUsersLimit() {
    let limit = MemoryLimit.machine(maximum: 12345)
    #expect(limit.bytes == 12345 && limit.source == "--max-memory")
    #expect(MemoryLimit.machine().bytes > 12345)
  }
}
