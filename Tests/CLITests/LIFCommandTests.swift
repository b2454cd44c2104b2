import Foundation
import Testing

/// LIF networks through the command line: the microscopic engine runs them, the mesoscopic engine
/// and `compare` refuse them with exit 64 naming the key, and write nothing.
@Suite(.serialized) struct LIFCommandTests {
  @Test func microRunsLIFAndMesoAndCompareRefuseWith64() throws {
    let dir = try CLI.scratch()
    let out = dir.appendingPathComponent("lif.npz")
    let config = CLI.config("lif_noise.yaml")
    let micro = try CLI.run(["run", config, "--level", "micro", "--out", out.path, "--quiet", "--set", "simulation.duration=0.05"])
    #expect(micro.status == 0, "\(micro.stderr)")
    try FileManager.default.removeItem(at: out)
    let meso = try CLI.run(["run", config, "--level", "meso", "--out", out.path, "--quiet"])
    #expect(meso.status == 64)
    #expect(meso.stderr.contains("populations[1].neuron = lif: must be gif for the mesoscopic engine"), "\(meso.stderr)")
    #expect(meso.stderr.contains("population equations exist for escape-noise GIF neurons only"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let report = dir.appendingPathComponent("report")
    let compare = try CLI.run(["compare", config, "--out", report.path, "--quiet"])
    #expect(compare.status == 64)
    #expect(compare.stderr.contains("populations[1].neuron = lif"), "\(compare.stderr)")
    #expect(!FileManager.default.fileExists(atPath: report.path))
  }
}
