// Per-step neuron kernels of the microscopic engine (MicroNetwork), MicroscopicModel article,
// over one block of at most a few hundred neurons held in contiguous arrays.
//
// C because Swift cannot compile one function for several instruction sets: on x86-64 Linux each
// kernel is built for AVX-512, AVX2 and baseline x86-64 and the best one is chosen when the program
// loads (function multi-versioning). Floating-point contraction is off, so every version performs
// the same IEEE operations in the same order: whichever version the CPU runs, the results are the same
// bit for bit, and the same as those of the plain loops (the pragma is in MicroKernels.c).
#ifndef MICRO_KERNELS_H
#define MICRO_KERNELS_H

#include <stdint.h>

#include "LIFKernels.h"
#include "DoubleWellKernels.h"
#include "STDPKernels.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Step 1 for one exponential-PSC channel (all connections onto the block with one τ_s, weights J
/// folded in): for every neuron i, a = (acc[i] + shared)·invDt (J-weighted rate, mV/s per mV),
/// increment τ_m·F(a, y[i]) = τ_m·(a·rateWeight + (y[i] − a)·deviationWeight), then
/// y[i] ← a + (y[i] − a)·filterDecay and acc[i] ← 0 (the delay-line slot is consumed).
/// `dv[i]` is set when `assign` is nonzero, else added to.
void mk_synaptic_exponential(int32_t n, double *dv, double *acc, double *y, double shared, double invDt,
                             double tauMRateWeight, double tauMDeviationWeight, double filterDecay, int32_t assign);

/// Step 1 for one delta-PSC channel: a = (acc[i] + shared)·invDt, increment τ_m·a·(1 − E_m);
/// acc[i] ← 0. `dv[i]` is set when `assign` is nonzero, else added to.
void mk_synaptic_delta(int32_t n, double *dv, double *acc, double shared, double invDt, double tauMRateWeight,
                       int32_t assign);

/// The same for a channel whose delay line holds spike counts (static synapses of one weight J):
/// a = counts[i]·scale with scale = J/Δt; counts[i] ← 0.
void mk_synaptic_exponential_counts(int32_t n, double *dv, uint16_t *counts, double *y, double scale,
                                    double tauMRateWeight, double tauMDeviationWeight, double filterDecay,
                                    int32_t assign);
void mk_synaptic_delta_counts(int32_t n, double *dv, uint16_t *counts, double scale, double tauMRateWeight,
                              int32_t assign);

/// Step 3 for one threshold-kernel component: g[i] ← g[i]·decay; theta[i] = base + g[i] when
/// `assign` is nonzero, else theta[i] += g[i].
void mk_threshold(int32_t n, double *theta, double *g, double decay, double base, int32_t assign);

/// Steps 2 and 4 for a block of GIF neurons.
///   refractory[i]: steps for which the neuron is still refractory, counted down here; a neuron is
///     integrated and may fire when the value was ≤ 1 at the start of the step (age ≥ k_ref + 1).
///   u[i] ← u[i]·membraneDecay + drive + dv[i] + dvShared   (drive = μ(1 − E_m); dv may be NULL)
///   hazard h = hazardScale·exp(min((u[i] − theta[i])·inverseSoftness, 700))   (= λΔt, λ = c e^{(u−ϑ)/ΔV})
///   budget[i] −= h. The neuron fires when its budget, an Exp(1) variable drawn at its last spike,
///   is used up (budget ≤ 0): with P = 1 − e^{−λΔt} in this step, given that it has not fired before.
/// Writes the indices of the neurons that fired to `fired` (capacity n) and returns their number.
/// The caller resets them (u, refractory, threshold, budget).
int32_t mk_neurons(int32_t n, double *u, double *budget, int32_t *refractory, const double *dv, const double *theta,
                   double dvShared, double membraneDecay, double drive, double inverseSoftness, double hazardScale,
                   int32_t *fired);

/// Prefetches the cache lines of [start, start + bytes) (for writing if write ≠ 0).
void mk_prefetch(const void *start, int64_t bytes, int32_t write);
/// A spike into a delay-line slot: line[targets[s]] += w for s in 0 ..< count, with 32- or 16-bit
/// target indices (the synapse lists are read from memory once per spike: their width matters).
void mk_scatter_add32(double *line, const uint32_t *targets, int64_t count, double w);
void mk_scatter_add16(double *line, const uint16_t *targets, int64_t count, double w);
/// A spike into a counting delay-line slot: line[targets[s]] += 1 for s in 0 ..< count.
void mk_scatter_count32(uint16_t *line, const uint32_t *targets, int64_t count);
void mk_scatter_count16(uint16_t *line, const uint16_t *targets, int64_t count);

/// exp(x) as the kernels compute it (relative error < 4e-16 for |x| ≤ 708, clamped beyond), for tests.
double mk_exp(double x);

#ifdef __cplusplus
}
#endif

#endif
