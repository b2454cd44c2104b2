import Foundation
import GSLBridge
import MesoCore

/// One event of a protocol (Clark & Abbott 2024, Sec. VII and Fig. 7; annealing of Sec. IV B), at a
/// time in units of the neuronal time constant.
public enum PlasticNetworkEvent: Equatable, Sendable {
  /// Hold A at its current value.
  case halt
  /// Let A evolve again by Eq. (3).
  case release
  /// Add 𝒩(0, σ²) to every x_i.
  case kick(sigma: Double)
  /// Set every x_i to `value` and hold it there for `duration` (A keeps its own dynamics).
  case clamp(value: Double, duration: Double)
  /// Permute the entries of J at random (Fig. 7b).
  case shuffleCouplings
  /// Change g linearly from its current value to `g` over `ramp` (0: at once) — annealing.
  case setGain(g: Double, ramp: Double)
}

/// How to integrate and record a run of `PlasticNetwork`.
public struct PlasticNetworkRunSettings: Equatable, Sendable {
  /// Total simulated time (units of the neuronal time constant).
  public var duration: Double
  /// Fixed step of the exponential scheme, and the step of protocol and recording times.
  public var dt: Double
  /// Time between recorded samples (a whole number of steps).
  public var recordInterval: Double
  /// How many neurons' x are recorded (the first ones).
  public var recordedUnits: Int
  /// nil: the exponential fixed-step scheme; otherwise GSL's adaptive driver with these settings,
  /// advanced from one recording time to the next.
  public var ode: ODEOptions?
  /// Events sorted by time.
  public var events: [(time: Double, event: PlasticNetworkEvent)]

  /// Every setting as named above.
  public init(
    duration: Double, dt: Double = 0.05, recordInterval: Double = 0.5, recordedUnits: Int = 10, ode: ODEOptions? = nil,
    events: [(time: Double, event: PlasticNetworkEvent)] = []
  ) {
    self.duration = duration
    self.dt = dt
    self.recordInterval = recordInterval
    self.recordedUnits = recordedUnits
    self.ode = ode
    self.events = events.sorted { $0.time < $1.time }
  }

  /// Equal settings and the same events at the same times.
  public static func == (a: Self, b: Self) -> Bool {
    a.duration == b.duration && a.dt == b.dt && a.recordInterval == b.recordInterval && a.recordedUnits == b.recordedUnits
      && a.ode == b.ode && a.events.map(\.time) == b.events.map(\.time) && a.events.map(\.event) == b.events.map(\.event)
  }

  /// Checks duration, dt, record interval > 0 (the interval a whole number of steps), 1 ≤ recorded
  /// units ≤ N, event times in [0, duration], kick σ ≥ 0, clamp and ramp durations ≥ 0, finite values.
  public func validated(units n: Int) throws(ParameterError) -> Self {
    _ = try Require.positive(duration, "simulation.duration")
    _ = try Require.positive(dt, "simulation.dt")
    _ = try Require.positive(recordInterval, "simulation.record_interval")
    // Counts that fit (checked conversions, never a trap): steps of the run and of one record interval.
    _ = try ResourceBudget.count(duration / dt, of: "steps of simulation.dt", key: "simulation.duration", value: duration)
    _ = try ResourceBudget.count(recordInterval / dt, of: "steps of simulation.dt", key: "simulation.record_interval", value: recordInterval)
    let ratio = recordInterval / dt
    guard abs(ratio - ratio.rounded()) <= 1e-9 * ratio, ratio.rounded() >= 1 else {
      throw ParameterError(path: "simulation.record_interval", value: recordInterval, requirement: "be a whole number of steps dt = \(formatNumber(dt))")
    }
    guard recordedUnits >= 1, recordedUnits <= n else {
      throw ParameterError(path: "simulation.record_units", value: "\(recordedUnits)", requirement: "be in 1…N = \(n)")
    }
    for (index, item) in events.enumerated() {
      let path = "simulation.protocol[\(index)]"
      guard item.time >= 0, item.time <= duration else {
        throw ParameterError(path: path + ".at", value: item.time, requirement: "be in [0, duration = \(formatNumber(duration))]")
      }
      switch item.event {
      case .kick(let sigma): _ = try Require.nonNegative(sigma, path + ".sigma")
      case .clamp(let value, let length):
        _ = try Require.finite(value, path + ".value")
        _ = try Require.nonNegative(length, path + ".duration")
        _ = try ResourceBudget.count(length / dt, of: "steps of simulation.dt", key: path + ".duration", value: length)
      case .setGain(let g, let ramp):
        _ = try Require.finite(g, path + ".g")
        _ = try Require.nonNegative(ramp, path + ".ramp")
        _ = try ResourceBudget.count(ramp / dt, of: "steps of simulation.dt", key: path + ".ramp", value: ramp)
      case .halt, .release, .shuffleCouplings: break
      }
    }
    return self
  }
}

extension PlasticNetwork {
  /// Runs the protocol and records, every `recordInterval` from t = 0: `x` of the first neurons,
  /// `speed` = max_i |ẋ_i|, `PR_A` (Eq. 22), `g` and `plastic` (1 while A evolves, 0 while halted).
  /// `progress` receives the fraction done. Throws `NumericalFailure` (or `GSLError`) with the time on blow-up.
  public func run(_ settings: PlasticNetworkRunSettings, progress: ((Double) throws -> Void)? = nil) throws -> Recording {
    let dt = settings.dt, totalSteps = Int((settings.duration / dt).rounded())
    let recordEvery = Int((settings.recordInterval / dt).rounded()), units = settings.recordedUnits
    var x = Trace(name: "x", unit: "1", columns: units), speedTrace = Trace(name: "speed", unit: "1/tau", columns: 1)
    var pr = Trace(name: "PR_A", unit: "1", columns: 1), gains = Trace(name: "g", unit: "1", columns: 1)
    var plastic = Trace(name: "plastic", unit: "1", columns: 1)
    var times = [Double]()
    var pending = settings.events.map { (step: Int(($0.time / dt).rounded()), event: $0.event) }
    var clampedUntil = -1
    var ramp: (from: Double, to: Double, start: Int, end: Int)?
    var step = 0
    let start = time
    while true {
      while let next = pending.first, next.step <= step {
        pending.removeFirst()
        switch next.event {
        case .halt: plasticityEnabled = false
        case .release: plasticityEnabled = true
        case .kick(let sigma): kick(sigma: sigma)
        case .clamp(let value, let length):
          setX([Double](repeating: value, count: size))
          clampedUntil = step + Int((length / dt).rounded())
        case .shuffleCouplings: shuffleCouplings()
        case .setGain(let g, let length):
          let steps = Int((length / dt).rounded())
          if steps == 0 { gain = g } else { ramp = (gain, g, step, step + steps) }
        }
      }
      if let r = ramp {
        gain = r.from + (r.to - r.from) * Double(min(step - r.start, r.end - r.start)) / Double(r.end - r.start)
        if step >= r.end { ramp = nil }
      }
      if step % recordEvery == 0 {
        times.append(Double(step) * dt)
        x.append(row: state[0..<units])
        speedTrace.append(row: [speed])
        pr.append(row: [participationRatio])
        gains.append(row: [gain])
        plastic.append(row: [plasticityEnabled ? 1 : 0])
        try progress?(Double(step) / Double(max(totalSteps, 1)))
      }
      guard step < totalSteps else { break }
      // Advance to the next recording, event, clamp end or ramp step, whichever comes first.
      var stop = min(totalSteps, (step / recordEvery + 1) * recordEvery)
      if let next = pending.first { stop = min(stop, next.step) }
      if step < clampedUntil { stop = min(stop, clampedUntil) }
      if ramp != nil { stop = step + 1 }
      if let ode = settings.ode, step >= clampedUntil {
        try advance(duration: Double(stop - step) * dt, options: ode)
      } else {
        try advance(steps: stop - step, dt: dt, clamped: step < clampedUntil)
      }
      step = stop
      time = start + Double(step) * dt
    }
    return Recording(time: times, traces: [x, speedTrace, pr, gains, plastic])
  }
}
