/// The configuration `mesopop demo` runs: Examples/configs/up_down.yaml, embedded so that the
/// command works from any folder (a test keeps the two identical).
let demoConfiguration = #"""
# UD-A, a recurrent experiment designed for MesoPop (not from Schmutz et al. 2020; results in the
# Validation article of the documentation): one excitatory
# population, all-to-all, with depressing synapses; finite-size noise switches it between a Down
# state (about 1 Hz) and an Up state (about 37 Hz). w = J·N·tau_m = 8 mV·s, U = 0.2, tau_D = 0.3 s,
# Delta_V = 2 mV, mu = 4 mV. The known-hard case of the STP mean field: MF2 Up states are too short
# because neurons fire regularly in the Up state (ShortTermPlasticity article).
# `mesopop demo` runs this file.
name: up-down-UD-A
simulation:
  dt: 0.5 ms
  duration: 200 s
  record_bin: 1 ms
  seed: 1
populations:
  - {name: E, N: 100, tau_m: 20 ms, t_ref: 4 ms, mu: 4 mV, V_reset: 0 mV, V_th: 10 mV, Delta_V: 2 mV, lambda_0: 10 Hz}
connections:
  - {from: E, to: E, J: 4 mV, p: 1, delay: 1 ms, tau_s: 3 ms, stp: {U: 0.2, tau_D: 0.3 s}}
meso:
  variant: second_order
analysis:
  transient: 2 s
  up_down: {smoothing: 50 ms, theta_hi: 25 Hz, theta_lo: 10 Hz}
  population_spikes: {smoothing: 10 ms, threshold: 50 Hz}
"""#
