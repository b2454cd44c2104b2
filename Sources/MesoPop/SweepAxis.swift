import Foundation
import MesoConfig

/// One axis of a parameter sweep: a configuration key path and the values it takes, parsed from
/// `KEY=VALUES` (`--grid`, `--zip`). VALUES is a comma-separated list of YAML values
/// (`100, 200, 400`; `10 ms, 20 ms`; `gif, lif`), or an inclusive range with an optional unit:
/// `range(A, B, STEP)` (A, A+STEP, … ≤ B), `lin(A, B, N)` (N evenly spaced values from A to B),
/// `log(A, B, N)` (N values evenly spaced in log from A to B, both > 0).
public struct SweepAxis: Equatable, Sendable {
  /// The key path the axis sets, e.g. `populations[0].N`.
  public var key: String
  /// The unit of `numbers` (`ms`; empty for plain numbers and text values).
  public var unit: String
  /// The value of every point along the axis, as the configuration receives it.
  public var values: [ConfigValue]
  /// The values as numbers in `unit` when each is a number (with the axis's one unit), else nil
  /// (text values: the summary holds their index).
  public var numbers: [Double]?

  /// Most values one axis may take.
  public static let maxValues = 1_000_000

  /// Parses `KEY=VALUES`; `option` (`--grid`) names the option in errors.
  public init(parsing argument: String, option: String) throws(SweepError) {
    guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
      throw SweepError(option, argument, "have the form KEY=VALUES, e.g. populations[0].N=100,200 or simulation.dt=lin(0.1 ms, 0.5 ms, 5)")
    }
    key = String(argument[..<eq]).trimmingCharacters(in: .whitespaces)
    let text = argument[argument.index(after: eq)...].trimmingCharacters(in: .whitespaces)
    let range = try Self.range(text, option: "\(option) \(key)")
    if let range {
      (numbers, unit) = (range.numbers, range.unit)
      values = range.numbers.map { range.unit.isEmpty ? .number($0) : .string("\(Self.format($0)) \(range.unit)") }
    } else {
      values = try Self.list(text, option: "\(option) \(key)")
      (numbers, unit) = Self.numbers(of: values)
    }
  }

  /// The axis `json` describes (as `sweep.json` stores it).
  public init(json: ConfigValue) throws(SweepError) {
    guard case .object(let m) = json, case .string(let key)? = m["key"], case .string(let unit)? = m["unit"],
      case .array(let values)? = m["values"]
    else { throw SweepError(description: "mesopop: an axis of sweep.json is not {key, unit, values}: \(json.rendered)") }
    self.key = key
    self.values = values
    (numbers, self.unit) = Self.numbers(of: values)
    guard self.unit == unit else { throw SweepError(description: "mesopop: the unit of axis \(key) in sweep.json is not that of its values") }
  }

  /// The values as the summary and `sweep.json` record them: key, unit, values.
  public var json: ConfigValue {
    .object(["key": .string(key), "unit": .string(unit), "values": .array(values)])
  }

  /// `KEY=VALUE` of value j, for messages.
  public func assignment(_ j: Int) -> String { "\(key)=\(values[j].rendered)" }

  // MARK: - Parsing

  private static let ranges = ["range", "lin", "log"]

  /// The numbers and unit of `range(…)`, `lin(…)`, `log(…)`; nil when `text` is no range.
  private static func range(_ text: String, option: String) throws(SweepError) -> (numbers: [Double], unit: String)? {
    guard let open = text.firstIndex(of: "("), text.hasSuffix(")"), ranges.contains(String(text[..<open])) else { return nil }
    let name = String(text[..<open])
    let arguments = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",").map(String.init)
    let form = name == "range" ? "range(A, B, STEP)" : "\(name)(A, B, N)"
    guard arguments.count == 3 else { throw SweepError(option, text, "be \(form) with three arguments") }
    let parts = arguments.map { quantity($0) }
    guard let a = parts[0], let b = parts[1], let c = parts[2] else {
      throw SweepError(option, text, "be \(form): numbers with an optional unit")
    }
    let units = Set([a.unit, b.unit] + (name == "range" ? [c.unit] : [])).subtracting([""])
    guard units.count <= 1 else { throw SweepError(option, text, "use one unit for A, B\(name == "range" ? " and STEP" : "")") }
    guard name == "range" || c.unit.isEmpty else { throw SweepError(option, text, "give N as a plain count") }
    let unit = units.first ?? ""
    guard a.magnitude.isFinite, b.magnitude.isFinite, c.magnitude.isFinite else { throw SweepError(option, text, "have finite bounds") }
    switch name {
    case "range":
      let step = c.magnitude
      guard step > 0, b.magnitude >= a.magnitude else { throw SweepError(option, text, "have STEP > 0 and B ≥ A") }
      // The relative slack keeps B when (B − A)/STEP is a whole number up to rounding.
      let steps = ((b.magnitude - a.magnitude) / step * (1 + 1e-12)).rounded(.down)
      guard steps < Double(maxValues) else { throw SweepError(option, text, "give at most \(maxValues) values") }
      return ((0...Int(steps)).map { a.magnitude + Double($0) * step }, unit)
    default:
      let n = c.magnitude
      guard n >= 1, n == n.rounded(), n <= Double(maxValues) else { throw SweepError(option, text, "have a whole N between 1 and \(maxValues)") }
      if name == "log" {
        guard a.magnitude > 0, b.magnitude > 0 else { throw SweepError(option, text, "have A > 0 and B > 0 (log spacing)") }
      }
      let count = Int(n)
      return ((0..<count).map { k in
        if k == count - 1, count > 1 { return b.magnitude }
        let x = count == 1 ? 0 : Double(k) / Double(count - 1)
        return name == "log" ? a.magnitude * pow(b.magnitude / a.magnitude, x) : a.magnitude + (b.magnitude - a.magnitude) * x
      }, unit)
    }
  }

  /// The comma-separated YAML values of a list (commas inside brackets, braces or quotes do not split).
  private static func list(_ text: String, option: String) throws(SweepError) -> [ConfigValue] {
    var items = [String](), current = "", depth = 0, quote: Character? = nil
    for character in text {
      if let q = quote {
        if character == q { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if "[{".contains(character) {
        depth += 1
      } else if "]}".contains(character) {
        depth -= 1
      } else if character == ",", depth == 0 {
        items.append(current)
        current = ""
        continue
      }
      current.append(character)
    }
    items.append(current)
    var values = [ConfigValue]()
    for item in items.map({ $0.trimmingCharacters(in: .whitespaces) }) {
      guard !item.isEmpty else { throw SweepError(option, text, "list values separated by single commas, none empty") }
      do throws(ConfigurationError) { values.append(try ConfigDocument.parse(item, format: .yaml)) } catch {
        throw SweepError(option, item, "be a YAML value (\(error.problems[0].requirement))")
      }
    }
    guard values.count <= maxValues else { throw SweepError(option, text, "give at most \(maxValues) values") }
    return values
  }

  /// Numbers (in their one unit) of a list whose values are all numbers or quantities of one unit.
  private static func numbers(of values: [ConfigValue]) -> ([Double]?, String) {
    let quantities = values.map { value -> (magnitude: Double, unit: String)? in
      switch value {
      case .number(let x): (x, "")
      case .string(let s): quantity(s)
      default: nil
      }
    }
    let units = Set(quantities.compactMap { $0?.unit })
    guard quantities.allSatisfy({ $0 != nil }), units.count == 1 else { return (nil, "") }
    return (quantities.map { $0!.magnitude }, units.first!)
  }

  /// Shortest text that reads back as `x` (`"0.1"`, `"100"`).
  static func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
  }
}

/// A sweep that cannot be made: a bad option, invalid points, a folder holding another sweep, a
/// share out of range. Exit code 64; nothing is run or overwritten.
public struct SweepError: Error, CustomStringConvertible, Sendable {
  /// The message, one problem a line.
  public var description: String

  /// `OPTION VALUE: must REQUIREMENT`.
  public init(_ option: String, _ value: String, _ requirement: String) {
    description = "\(option) \(value): must \(requirement)"
  }

  /// Any message.
  public init(description: String) { self.description = description }
}
