/// Reading and writing one value of a configuration tree by key path (`populations[0].tau_m`), as
/// `--set` names them.
extension ConfigValue {
  /// The value at `keyPath`, or nil when a key along it is absent or an index out of range.
  /// Throws when `keyPath` is not a key path.
  public func value(at keyPath: String) throws(ConfigurationError) -> ConfigValue? {
    var node = self
    for component in try ConfigDocument.parseKeyPath(keyPath) {
      switch (component, node) {
      case (.key(let key), .object(let members)):
        guard let child = members[key] else { return nil }
        node = child
      case (.index(let i), .array(let items)):
        guard items.indices.contains(i) else { return nil }
        node = items[i]
      default: return nil
      }
    }
    return node
  }

  /// The tree with `value` at `keyPath`, as `--set keyPath=value` would give (intermediate mappings
  /// created, list indices required to exist); errors name `--set keyPath`.
  public func setting(_ value: ConfigValue, at keyPath: String) throws(ConfigurationError) -> ConfigValue {
    var root = self
    let components = try ConfigDocument.parseKeyPath(keyPath)
    try ConfigDocument.set(value, at: components[...], in: &root, pathSoFar: "", fullPath: keyPath)
    return root
  }
}
