#!/usr/bin/env python3
"""Independent check of the k = 0 DMFT (Sompolinsky, Crisanti & Sommers 1988, continuous time):
Δ(τ) = <x(t) x(t + τ)> obeys Δ'' = Δ − g² F(Δ), F(Δ) = <tanh x tanh x'> for jointly Gaussian x, x'
of variance Δ₀ and covariance Δ, from Δ(0) = Δ₀, Δ'(0) = 0, with Δ₀²/2 = g² Var[ln cosh(√Δ₀ z)];
C(τ) = F(Δ(τ)). Prints C(τ)/C(0) and τ* (Eq. 9, lags ≤ 20) against a `mesopop plastic dmft --k 0`
file. Usage: scs_correlation.py DMFT.npz"""
import json
import sys

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

z, w = np.polynomial.hermite_e.hermegauss(80)
w = w / w.sum()


def main(path):
    d = np.load(path)
    g = json.loads(str(d["meta"]))["config"]["g"]
    lc = lambda v: np.log(np.cosh(np.sqrt(v) * z))
    d0 = brentq(lambda v: v * v / 2 - g * g * (np.sum(w * lc(v) ** 2) - np.sum(w * lc(v)) ** 2), 1e-3, 50)

    def f(v):
        v = min(max(v, 0.0), d0)
        inner = np.tanh(np.sqrt(v) * z[:, None] + np.sqrt(d0 - v) * z[None, :]) @ w
        return np.sum(w * inner ** 2)

    h = 0.05
    tau = np.arange(0, 20 + h / 2, h)
    sol = solve_ivp(lambda t, y: [y[1], y[0] - g * g * f(y[0])], [0, 20], [d0, 0], rtol=1e-11, atol=1e-13,
                    dense_output=True, max_step=h)
    c = np.array([f(v) for v in sol.sol(tau)[0]])
    lags, cd = d["t"], d["C"].ravel()
    cd_on = np.interp(tau, lags, cd)
    ts = lambda x: float(np.trapezoid((x / x[0]) ** 2, tau))
    print(f"g = {g:g}: C(0) SCS {c[0]:.5f}, DMFT {cd[0]:.5f}; tau* (lags ≤ 20) SCS {ts(c):.4f}, DMFT {ts(cd_on):.4f}; "
          f"max |ΔC/C(0)| = {np.max(np.abs(cd_on / cd[0] - c / c[0])):.4f}")


if __name__ == "__main__":
    main(sys.argv[1])
