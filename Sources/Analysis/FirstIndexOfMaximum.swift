/// The position of the largest element of a collection.
extension Collection where Element: Comparable {
  /// Index of the largest element, the first one on ties; nil when empty.
  public func firstIndexOfMaximum() -> Index? {
    indices.reduce(nil) { best, i in best.map { self[i] > self[$0] ? i : $0 } ?? i }
  }
}
