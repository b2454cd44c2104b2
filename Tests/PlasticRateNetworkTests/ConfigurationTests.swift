import Foundation
import MesoConfig
import MesoCore
import PlasticRateNetwork
import Testing

/// `model: plastic_rate_network` configurations: reading, protocol, and bad input named by key.
@Suite struct PlasticConfigurationTests {
  private let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Examples/configs/plastic_freezing.yaml").standardized.path

  @Test func exampleReadsWithItsProtocol() throws {
    let c = try Configuration.load(path: example)
    guard case .plasticRateNetwork(let p) = c.model else {
      Issue.record("not a plastic network")
      return
    }
    #expect(p.parameters == PlasticNetworkParameters(N: 1000, g: 2.25, k: 1.55, p: 2.5))
    #expect(p.simulation.events.map(\.event) == [.halt, .kick(sigma: 1), .clamp(value: 0.01, duration: 5), .release])
    #expect(c.timeUnit == "tau")
  }

  /// Each bad value is reported with its key path, value and bound, before anything is allocated.
  @Test(arguments: [
    ("parameters.p=0", "parameters.p = 0: must be > 0"),
    ("parameters.p=-2.5", "parameters.p = -2.5: must be > 0"),
    ("parameters.k=.inf", "parameters.k = inf: must be a finite number"),
    ("parameters.N=100000000", "parameters.N = 100000000: must be <="),
    ("parameters.N=4000000000000", "parameters.N = 4000000000000: must be <="),
    ("simulation.dt=0", "simulation.dt = 0: must be > 0"),
    ("simulation.record_units=1001", "simulation.record_units = 1001: must be in 1…N = 1000"),
    ("simulation.protocol=[{at: 1, action: kick, sigma: -1}]", "simulation.protocol[0].sigma = -1: must be >= 0"),
    ("simulation.protocol=[{at: 1, action: freeze}]", "simulation.protocol[0].action = \"freeze\": must be one of"),
  ])
  func badInputIsNamed(override: String, message: String) {
    do {
      _ = try Configuration.load(path: example, overrides: [override])
      Issue.record("accepted \(override)")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
    }
  }

  /// The memory check is overflow-safe: N² · 16 bytes for N near √Int.max does not wrap around.
  @Test func memoryCheckDoesNotOverflow() {
    #expect(PlasticNetworkParameters(N: 3_037_000_500).memoryBytes == nil)
    #expect(throws: ParameterError.self) { try PlasticNetworkParameters(N: Int.max).validated() }
    #expect(PlasticNetworkParameters(N: 1000).memoryBytes == (2 * 1000 * 1000 + 8000) * 8)
  }
}
