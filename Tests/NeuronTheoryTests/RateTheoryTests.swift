import Foundation
import NeuronTheory
import Testing

/// Conductance-based period and the self-consistent adapted rate (spec §5.6.3, §5.6.4).
@Suite struct RateTheoryTests {
  /// Spec §5.6.3: g_E = 5 nS, g_I = 0, seed defaults ⇒ V_∞ = −46.667 mV, τ_eff = 13.333 ms,
  /// ν = 48.819 Hz [D] (to the printed digit), and exactly the closed form with those V_∞, τ_eff.
  @Test func conductancePeriodExample() {
    let neuron = ConductanceLIFTheoryParameters()
    let period = conductanceLIFPeriod(gE: 5, gI: 0, neuron: neuron)
    #expect(abs(1 / period - 48.819) <= 0.5e-3, "\(1 / period) Hz")
    let vInf = -700.0 / 15, tauEff = 0.2 / 15
    #expect(abs(period - (0.002 + tauEff * log((vInf + 60) / (vInf + 50)))) <= 1e-15)
    // Inhibition and current shift V_∞ the way the formula says: g_I = 5 nS at E_I = −70 mV with
    // I_ext = 5 nS·(−46.667 + 70) mV ·… gives the same V_∞, and τ_eff = 200/20 ms.
    let balanced = conductanceLIFPeriod(gE: 5, gI: 5, iExt: 5 * (70 - 700.0 / 15), neuron: neuron)
    #expect(abs(balanced - (0.002 + 0.01 * log((vInf + 60) / (vInf + 50)))) <= 1e-15)
    #expect(conductanceLIFPeriod(gE: 1, gI: 0, neuron: neuron) == .infinity)  // V_∞ = −63.6 mV < V_th
  }

  /// Spec §5.6.4 [H]: RI = 30 mV, b = 0.2 mV·s on the §5.6.2 neuron: unadapted 63.04 Hz, adapted
  /// 33.486 Hz with a* = bν = 6.697 mV (to the printed digits); the root solves ν = f(I − bν) to 10⁻¹².
  @Test func adaptedRateExample() throws {
    let neuron = LIFTheoryParameters()
    #expect(abs(deterministicLIFRate(mu: 30, neuron: neuron) - 63.04) <= 0.005)
    let nu = try adaptedLIFRate(drive: 30, b: 0.2, neuron: neuron)
    #expect(abs(nu - 33.486) <= 0.5e-3, "\(nu) Hz")
    #expect(abs(0.2 * nu - 6.697) <= 0.5e-3)
    #expect(abs(nu - deterministicLIFRate(mu: 30 - 0.2 * nu, neuron: neuron)) <= 1e-10 * nu)
    // With noise the same fixed-point equation holds for the Siegert rate, and b = 0 is the unadapted rate.
    let noisy = try adaptedLIFRate(drive: 30, b: 0.2, sigma: 5, neuron: neuron)
    #expect(abs(noisy - siegertRate(mu: 30 - 0.2 * noisy, sigma: 5, neuron: neuron).rate) <= 1e-10 * noisy)
    #expect(try adaptedLIFRate(drive: 30, b: 0, neuron: neuron) == deterministicLIFRate(mu: 30, neuron: neuron))
    #expect(try adaptedLIFRate(drive: 15, b: 0.2, neuron: neuron) == 0)
  }
}

/// Mean drifts of STDP for independent Poisson trains (spec §5.9, §2.3).
@Suite struct STDPDriftTests {
  /// Spec §5.9 [D]: ρ_θ = 18.18, 18.72, 19.32 Hz at ρ_x = 1, 10, 20 Hz (printed digits), and the
  /// drift vanishes there and changes sign across it.
  @Test(arguments: [(1.0, 18.18), (10, 18.72), (20, 19.32)])
  func tripletThreshold(preRate: Double, threshold: Double) {
    let rule = TripletSTDPParameters.visualCortexAllToAll
    let rho = rule.postRateThreshold(preRate: preRate)
    #expect(abs(rho - threshold) <= 0.005, "ρ_θ = \(rho) Hz")
    let scale = rule.a2Minus * rule.tauMinus * preRate * rho
    #expect(abs(rule.meanDrift(preRate: preRate, postRate: rho)) <= 1e-13 * scale)
    #expect(rule.meanDrift(preRate: preRate, postRate: rho - 1) < 0 && rule.meanDrift(preRate: preRate, postRate: rho + 1) > 0)
  }

  /// The drift term by term at ρ_x = 10 Hz, ρ_y = 30 Hz: 300·[A₂⁺τ₊ − A₂⁻τ₋ + A₃⁺τ₊τ_y·30 − A₃⁻τ₋τ_x·10].
  @Test func tripletDriftValue() {
    let rule = TripletSTDPParameters.visualCortexAllToAll
    let terms = 5e-10 * 0.0168 - 7e-3 * 0.0337 + 6.2e-3 * 0.0168 * 0.125 * 30 - 2.3e-4 * 0.0337 * 0.101 * 10
    #expect(abs(rule.meanDrift(preRate: 10, postRate: 30) - 300 * terms) <= 1e-16)
  }

  /// Spec §2.6 V-A2, "D⁽¹⁾ rate part" [O] = ν r₀ (Δ_c τ_c + r_ac w τ_ac): the §2.2 rule's pair drift at
  /// pre rate ν = 0.1 and post rate r₀ = Φ(μ + wν, D + ½w²ν) (dimensionless units), to half the last
  /// printed digit of the [O] column.
  @Test(arguments: [
    (0.0, 0.1, 0.10, 2.75412e-7), (0.0, 0.2, 0.10, 2.17402e-6), (0.9, 0.1, 0.10, 1.54875e-5), (0.9, 0.2, 0.10, 1.93848e-5),
    (0.9, 0.1, 0.20, -4.85120e-5), (0.6, 0.2, 0.10, 1.18636e-5),
  ])
  func ratePartOfVA2(mu: Double, D: Double, w: Double, ratePart: Double) {
    let rule = PairSTDPRule.additivePotentiationMultiplicativeDepression(deltaC: 0.002, rAC: -0.008, tauC: 0.84, tauAC: 1.685)
    let nu = 0.1, r0 = dimensionlessSiegertRate(mu: mu + w * nu, D: D + 0.5 * w * w * nu).rate
    let drift = rule.meanDrift(weight: w, preRate: nu, postRate: r0)
    #expect(abs(drift - ratePart) <= 0.5e-5 * abs(ratePart) * 1.0001, "\(drift) vs \(ratePart)")
    // Its zero is the rate-only fixed weight w* = Δ_c τ_c / (|r_ac| τ_ac) = 0.12463 [D].
    #expect(abs(rule.meanDrift(weight: 0.002 * 0.84 / (0.008 * 1.685), preRate: nu, postRate: r0)) <= 1e-18)
  }

  /// NEST's `stdp_synapse` normalisation: μ = 1 gives the benchmark rule λ(w_max − w) / λαw, μ = 0 the
  /// additive λW_max / λαW_max; drift ρ_x ρ_y [A₊(w)τ₊ − A₋(w)τ₋].
  @Test func nestRuleAmplitudesAndDrift() {
    let gutig = PairSTDPRule.nest(tauPlus: 0.02, tauMinus: 0.02, lambda: 0.01, alpha: 2.02, muPlus: 1, muMinus: 1, wMax: 0.3)
    #expect(abs(gutig.potentiation(at: 0.1) - 0.01 * 0.2) <= 1e-17 && abs(gutig.depression(at: 0.1) - 0.01 * 2.02 * 0.1) <= 1e-17)
    #expect(abs(gutig.meanDrift(weight: 0.1, preRate: 20, postRate: 30) - 600 * 0.02 * (0.002 - 0.00202)) <= 1e-17)
    let additive = PairSTDPRule.nest(tauPlus: 0.0168, tauMinus: 0.0337, lambda: 0.01, alpha: 0.5, muPlus: 0, muMinus: 0, wMax: 2)
    #expect(additive.potentiation(at: 1.7) == 0.02 && additive.depression(at: 0.3) == 0.01)
    #expect(abs(additive.meanDrift(weight: 1, preRate: 5, postRate: 8) - 40 * (0.02 * 0.0168 - 0.01 * 0.0337)) <= 1e-17)
    // The Gütig drift vanishes at w = w_max / (1 + α) for equal time constants.
    #expect(abs(gutig.meanDrift(weight: 0.3 / 3.02, preRate: 20, postRate: 30)) <= 1e-16)
  }
}
