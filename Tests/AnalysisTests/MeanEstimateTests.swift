import Analysis
import Foundation
import Testing

@Suite struct MeanEstimateTests {
  /// {1, 2, 3, 4}: mean 2.5, s² = 5/3, sem = √(5/3)/2 = 0.6455.
  @Test func meanAndStandardError() throws {
    let estimate = try #require(MeanEstimate([1.0, 2, 3, 4]))
    #expect(estimate.mean == 2.5 && abs(estimate.sem! - (5.0 / 3).squareRoot() / 2) < 1e-15)
    #expect(MeanEstimate([7.0]) == MeanEstimate(mean: 7, sem: nil))
    #expect(MeanEstimate([Double]()) == nil)
  }

  /// The report schema `{"mean": x, "sem": y}` keeps the key with null when sem is undefined.
  @Test func encodesAsTheReportSchema() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let text = { (e: MeanEstimate) in String(decoding: try encoder.encode(e), as: UTF8.self) }
    #expect(try text(MeanEstimate(mean: 1.5, sem: 0.25)) == #"{"mean":1.5,"sem":0.25}"#)
    #expect(try text(MeanEstimate(mean: 1.5, sem: nil)) == #"{"mean":1.5,"sem":null}"#)
    let decoded = try JSONDecoder().decode(MeanEstimate.self, from: Data(#"{"mean":2,"sem":null}"#.utf8))
    #expect(decoded == MeanEstimate(mean: 2, sem: nil))
  }

  @Test func relativeDifferences() {
    #expect(relativeDifference(meso: 9.8, micro: 10) == (9.8 - 10) / 10)
    #expect(relativeDifference(meso: 1, micro: 0) == nil)
    #expect(relativeDifference(meso: nil, micro: 2) == nil)
    #expect(relativeDifference(meso: 1, micro: .nan) == nil)
  }
}
