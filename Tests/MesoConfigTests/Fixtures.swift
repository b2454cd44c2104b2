/// A network configuration using every kind of key, valid as written.
let exampleNetworkYAML = """
  name: up-down
  simulation:
    dt: 0.0005
    duration: 20.0
    seed: 1
    record_bin: 0.001
  populations:
    - name: E
      N: 500
      tau_m: 0.02
      t_ref: 0.004
      mu: 18.0
      V_reset: 0.0
      V_th: 15.0
      Delta_V: 2.5
      lambda_0: 10.0
      threshold_kernel:
        - {J: 1.5, tau: 1.0}
  connections:
    - from: E
      to: E
      J: 0.3
      p: 0.2
      delay: 0.001
      tau_s: 0.003
      stp: {U: 0.2, U_0: 0.0, tau_D: 0.3, tau_F: 0.0}
  inputs:
    - {to: E, kind: step, start: 1.5, amplitude: 20.0}
    - {to: E, kind: pulse, start: 2.0, width: 0.01, amplitude: 30.0}
    - {to: E, kind: sine, amplitude: 2.0, frequency: 5.0}
  meso:
    variant: second_order
    spike_count: binomial
    history: auto
  micro:
    connectivity: fixed_indegree
  analysis:
    up_down: {smoothing: 0.05, theta_hi: 25.0, theta_lo: 10.0}
    population_spikes: {smoothing: 0.01, threshold: 50.0}
  """

/// A Wilson–Cowan E–I rate model, valid as written.
let wilsonCowanYAML = """
  model: wilson_cowan
  parameters:
    tau_E: 10 ms
    tau_I: 20 ms
    w_EE: 1.6
    w_EI: 2.0
    w_IE: 2.0
    w_II: 0.0
    activation: tanh
    r0: [0.1, 0.0]
  simulation:
    duration: 1 s
    record_bin: 1 ms
    solver: rk8pd
    abs_tol: 1.0e-8
    rel_tol: 1.0e-8
    seed: 3
  """
