import GSLBridge
import MesoCore
import PlasticRateNetwork

/// A configuration with `model: plastic_rate_network` (Clark & Abbott 2024): the network's parameters,
/// the run settings with an optional protocol, and the seed. Times are in units of the neuronal time
/// constant.
public struct PlasticNetworkConfiguration: Equatable, Sendable {
  /// Free text.
  public var name: String
  /// `parameters:` (N, g, k, p, rule, x0_sigma).
  public var parameters: PlasticNetworkParameters
  /// `simulation:` (duration, dt, recording, solver, protocol).
  public var simulation: PlasticNetworkRunSettings
  /// Master seed; nil: drawn at run time.
  public var seed: UInt64?

  /// The `model:` value of this kind.
  public static let modelName = "plastic_rate_network"

  init(reading root: ObjectReader) {
    name = root.string("name", default: "")
    _ = root.string("model", choices: [Self.modelName])
    let d = PlasticNetworkParameters()
    let p = root.object("parameters", required: true)
    parameters = PlasticNetworkParameters(
      N: p?.integer("N", default: d.N, minimum: 1) ?? d.N, g: p?.number("g", default: d.g) ?? d.g,
      k: p?.number("k", default: d.k) ?? d.k, p: p?.number("p", default: d.p) ?? d.p,
      rule: PlasticityRule(
        rawValue: p?.string("rule", default: d.rule.rawValue, choices: PlasticityRule.allCases.map(\.rawValue)) ?? "")
        ?? d.rule,
      x0Sigma: p?.number("x0_sigma", default: d.x0Sigma) ?? d.x0Sigma)
    p?.finish()
    let sim = root.object("simulation", required: true)
    let solver = sim?.string("solver", default: "fixed", choices: ["fixed"] + ODEStepper.allCases.map(\.rawValue)) ?? "fixed"
    let ode = ODEStepper(rawValue: solver).map {
      ODEOptions(stepper: $0, absTol: sim?.number("abs_tol", default: 1e-8) ?? 1e-8, relTol: sim?.number("rel_tol", default: 1e-8) ?? 1e-8)
    }
    simulation = PlasticNetworkRunSettings(
      duration: sim?.number("duration") ?? .nan, dt: sim?.number("dt", default: 0.05) ?? .nan,
      recordInterval: sim?.number("record_interval", default: 0.5) ?? .nan,
      recordedUnits: sim?.integer("record_units", default: min(10, parameters.N), minimum: 1) ?? 1, ode: ode,
      events: sim?.list("protocol")?.compactMap { Self.event($0.value, at: $0.path, diagnostics: root.diagnostics) } ?? [])
    seed = sim?.seed("seed")
    sim?.finish()
    root.finish()
    guard root.diagnostics.problems.isEmpty else { return }
    do throws(ParameterError) {
      _ = try parameters.validated()
    } catch {
      root.diagnostics.report(error.prefixed("parameters"))
    }
    do throws(ParameterError) {
      _ = try simulation.validated(units: parameters.N)
    } catch {
      root.diagnostics.report(error)
    }
  }

  /// One protocol entry `{at: T, action: halt | release | kick | clamp | shuffle_J | set_g, …}`.
  private static func event(_ value: ConfigValue, at path: String, diagnostics: Diagnostics) -> (time: Double, event: PlasticNetworkEvent)? {
    guard let r = ObjectReader(value, path: path, diagnostics: diagnostics) else { return nil }
    defer { r.finish() }
    let time = r.number("at")
    let action = r.string("action", choices: ["halt", "release", "kick", "clamp", "shuffle_J", "set_g"])
    let event: PlasticNetworkEvent
    switch action {
    case "halt": event = .halt
    case "release": event = .release
    case "kick": event = .kick(sigma: r.number("sigma", default: 1))
    case "clamp": event = .clamp(value: r.number("value", default: 0), duration: r.number("duration"))
    case "shuffle_J": event = .shuffleCouplings
    case "set_g": event = .setGain(g: r.number("g"), ramp: r.number("ramp", default: 0))
    default: return nil
    }
    return (time, event)
  }
}
