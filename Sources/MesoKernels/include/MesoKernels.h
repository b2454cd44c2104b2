// The per-bin sweep of the mesoscopic population update (PopulationEquations article), in C so that
// it is built for AVX-512, AVX2 and baseline x86-64 with the best version chosen at load time
// (function multi-versioning), like MicroKernels. Floating-point contraction is off and the bins are
// processed eight at a time in generic vectors (fixed-order lane sums, in-register scan), so every
// version gives the same bits.
#ifndef MESO_KERNELS_H
#define MESO_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Running sums of step 5: the quasi-renewal threshold (table cells) and W = Σ P m, X = Σ m, Y = Σ P v, Z = Σ v.
typedef struct {
  double running, W, X, Y, Z;
} mk_bin_sums;

/// Step 5 for `count` bins in consecutive slots, in table units: potentials and thresholds are
/// measured in cells of the cubic Hermite table of NetworkCore's SurvivalTable (w = u·k with
/// k = 1/(ΔV h), mV → cells; `origin` = x at cell 0's centre in cells, `last` the last cell, 4
/// coefficients per cell). With thresholds ϑ_i = θ_i + running (running += n_i θ̃_i; θ, θ̃ and
/// running scaled by k): w_i ← w_i E + dw, G of table position w_i − (ϑ_i + origin),
/// P = 1 − g_i G (trapezoid; then g_i ← G) or 1 − G, v_i ← (1 − P)² v_i + P m_i, m_i ← (1 − P) m_i;
/// `fired`/`firedVariance` (may be NULL) receive P m_i and P v_i. The sums are added to `sums`.
/// `theta` and `thetaTilde` are NULL together for a population without threshold kernel (θ ≡ θ̃ ≡ 0):
/// every threshold is then `running` (the same bits as passing arrays of zeros). Every array must
/// extend to the next multiple of 8 past `count` (up to 7 more elements): the last block is read
/// whole, its further lanes count as bins without neurons and are written back unchanged.
void mk_meso_sweep(int32_t count, double E, double dw, const double *theta, const double *thetaTilde, const double *n,
                   double *w, double *m, double *v, double *g, int32_t trapezoid, double *fired, double *firedVariance,
                   const double *table, double origin, double last, mk_bin_sums *sums);

#ifdef __cplusplus
}
#endif
#endif
