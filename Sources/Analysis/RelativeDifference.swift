/// (meso − micro)/micro, the report's `relative_difference`; nil when either is nil or non-finite,
/// or micro is 0.
public func relativeDifference(meso: Double?, micro: Double?) -> Double? {
  guard let meso, let micro, meso.isFinite, micro.isFinite, micro != 0 else { return nil }
  return (meso - micro) / micro
}
