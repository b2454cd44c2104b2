import Foundation
import MesoPop
import Testing

@Suite struct BadInputTests {
  let model: NetworkModel
  init() throws { model = try networkModel(eiNetwork(duration: 0.01)) }

  func data(_ values: [Double], columns: Int = 2, name: String = "counts", dt: Double = 0.001) -> Recording {
    let rows = values.count / columns
    return Recording(time: (0..<rows).map { Double($0) * dt }, traces: [Trace(name: name, unit: "1", columns: columns, values: values)])
  }

  func problems(_ body: () throws -> Void) -> [ParameterError] {
    do {
      try body()
      return []
    } catch let error as ConfigurationError { return error.problems } catch { return [ParameterError(path: "?", value: "\(error)", requirement: "")] }
  }

  @Test func countsMustBeWholeAndWithinN() {
    let found = problems { _ = try SpikeCounts(data([1, 2, -1, 3, 2.5, 0, 401, 0]), model: model) }
    #expect(found.count == 3)
    #expect(found[0].path.contains("counts[1, 0]") && found[0].requirement.contains(">= 0"))
    #expect(found[1].path.contains("counts[2, 0]") && found[1].requirement.contains("whole number"))
    #expect(found[2].path.contains("counts[3, 0]") && found[2].path.contains("population E") && found[2].requirement.contains("N = 400"))
    #expect(problems { _ = try SpikeCounts(data([.nan, 0]), model: model) }.first?.requirement == "be finite")
  }

  @Test func gridAndPopulationsMustMatch() {
    let columns = problems { _ = try SpikeCounts(data([1, 2, 3], columns: 3), model: model) }
    #expect(columns.count == 1 && columns[0].requirement.contains("2 (E, I)"))
    let bins = problems { _ = try SpikeCounts(data([1, 2, 3, 4], dt: 0.002), model: model) }
    #expect(bins.count == 1 && bins[0].path.contains("t[1] - t[0]") && bins[0].requirement.contains("simulation.dt"))
    let missing = problems { _ = try SpikeCounts(data([1, 2], name: "r"), model: model) }
    #expect(missing.count == 1 && missing[0].requirement.contains("counts"))
  }

  @Test func keysAndBoundsAreChecked() {
    let counts = data([Double](repeating: 0, count: 20))
    let found = problems {
      _ = try FitProblem(
        model: model, data: counts,
        free: [
          FreeParameter(key: "populations[0].tau_x"), FreeParameter(key: "connections[0].J", lower: 0.5, upper: 1),
          FreeParameter(key: "simulation.dt"), FreeParameter(key: "populations[0].name"), FreeParameter(key: "populations[9].mu"),
        ])
    }
    #expect(found.map(\.path) == ["--free", "--bounds connections[0].J", "--free", "--free", "--free"])
    #expect(found[0].value == "populations[0].tau_x" && found[0].requirement.contains("no such key"))
    #expect(found[1].requirement.contains("start value 0.3"))
    #expect(found[3].requirement.contains("not a number"))
  }
}
