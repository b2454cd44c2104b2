"""One training episode of the Stubenrauch et al. network (spec §2.4) in Brian2 standalone, for the
CPU-time comparison with `mesopop stdp train` (README.md). Same model and step as MesoPop's
TrainingNetwork: dimensionless LIF (tau_m = 20 ms, reset 0, threshold 1, no refractoriness), white noise
sigma = sqrt(2D), N_E = 4000, N_I = 1000, fixed in-degree C_E = 200, C_I = 50 (autapses possible), jumps
J, hJ, -gJ, delay one step; 200 Poisson channels (10 cue channels at 50 Hz, the others silent) onto every
E neuron with pair STDP (additive potentiation Delta_c A_pre at post spikes, multiplicative depression
w(1 + r_ac A_post) at pre spikes, w in [0, 1]), w(0) ~ N(m0, V*) clipped; supervisors at 64/tau_m with
J_s = 0.0125 onto 400 target neurons (one-to-one). dt = 1e-3 tau_m = 20 us. Warm-up 10 tau_m with
plasticity off, then 50 tau_m with it on. Brian2's integrator is Euler-Maruyama with a grid threshold
test (MesoPop: exact OU propagation with the Brownian-bridge test): the cost per step is comparable,
not the numbers.

Usage: python3 brian2_episode.py [WORKDIR]  -- prints the generated binary's CPU seconds (user + sys).
"""
import os
import resource
import subprocess
import sys

import numpy as np
from brian2 import (NeuronGroup, PoissonGroup, Synapses, Network, defaultclock, device, ms, us, Hz,
                    set_device, prefs)

work = sys.argv[1] if len(sys.argv) > 1 else "/tmp/brian2_stdp_episode"
set_device("cpp_standalone", directory=work, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
prefs.devices.cpp_standalone.extra_make_args_unix = []  # one compiler at a time (shared machine)

tau = 20 * ms
defaultclock.dt = 20 * us
NE, NI, CE, CI, M, J, g, h = 4000, 1000, 200, 50, 200, 0.01, 5.0, 2.0
muE, DE, muI, DI = 0.0, 0.1, 0.5, 0.05
dc, rac, tauc, tauac, m0, Vstar = 0.002, -0.008, 0.84, 1.685, 0.05, 3.50568e-4
rng = np.random.default_rng(1)

model = "dv/dt = (mu - v)/tau + sqrt(2*D/tau)*xi : 1\nmu : 1 (constant)\nD : 1 (constant)"
E = NeuronGroup(NE, model, threshold="v >= 1", reset="v = 0", method="euler", namespace={"tau": tau})
I = NeuronGroup(NI, model, threshold="v >= 1", reset="v = 0", method="euler", namespace={"tau": tau})
E.mu, E.D, I.mu, I.D = muE, DE, muI, DI

cue = rng.choice(M, 10, replace=False)
target = rng.choice(NE, 400, replace=False)
rates = np.zeros(M)
rates[cue] = 50.0
X = PoissonGroup(M, rates=rates * Hz)
srates = np.zeros(NE)
srates[target] = 64 / 0.02
S = PoissonGroup(NE, rates=srates * Hz)


def fixed_indegree(name, pre, post, n_pre, n_post, k, jump):
    syn = Synapses(pre, post, on_pre="v_post += %r" % jump, delay=20 * us, name=name)
    i = np.concatenate([rng.choice(n_pre, k, replace=False) for _ in range(n_post)]) if k > 0 else np.array([], int)
    j = np.repeat(np.arange(n_post), k)
    syn.connect(i=i, j=j)
    return syn


EE = fixed_indegree("EE", E, E, NE, NE, CE, J)
EI = fixed_indegree("EI", E, I, NE, NI, CE, h * J)
IE = fixed_indegree("IE", I, E, NI, NE, CI, -g * J)
II = fixed_indegree("II", I, I, NI, NI, CI, -g * J)
SE = Synapses(S, E, on_pre="v_post += 0.0125", delay=20 * us, name="SE")
SE.connect(j="i")
XE = Synapses(
    X, E,
    model="""w : 1
             plastic : 1 (shared)
             dApre/dt = -Apre/tau_c : 1 (event-driven)
             dApost/dt = -Apost/tau_ac : 1 (event-driven)""",
    on_pre="""v_post += w
              Apre += 1
              w = clip(w * (1 + plastic * r_ac * Apost), 0, 1)""",
    on_post="""Apost += 1
               w = clip(w + plastic * delta_c * Apre, 0, 1)""",
    delay=20 * us, method="exact", name="XE",
    namespace={"tau_c": tauc * tau, "tau_ac": tauac * tau, "r_ac": rac, "delta_c": dc})
XE.connect()
XE.w = np.clip(m0 + np.sqrt(Vstar) * rng.standard_normal(M * NE), 0, 1)

net = Network(E, I, X, S, EE, EI, IE, II, SE, XE)
XE.plastic = 0
net.run(10 * tau)
XE.plastic = 1
net.run(50 * tau)
device.build(run=False, compile=True, directory=work)

before = resource.getrusage(resource.RUSAGE_CHILDREN)
subprocess.run(["./main"], cwd=work, check=True)
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print("brian2 standalone: one episode (10 + 50 tau_m, dt = 20 us) %.2f CPU s" % cpu)
