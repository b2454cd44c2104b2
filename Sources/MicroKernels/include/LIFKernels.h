// Per-step kernels of the microscopic engine's leaky integrate-and-fire neurons (LIFNeurons
// article), over one block of at most a few hundred neurons in contiguous arrays. Built like the
// GIF kernels (one version per instruction set, no FMA contraction: bit-identical everywhere).
#ifndef LIF_KERNELS_H
#define LIF_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Delta-synapse input of one channel: jump[i] (= when `assign` is nonzero, else +=) acc[i] + shared,
/// acc[i] ← 0 (the delay-line slot is consumed). Units of the line: mV (current-based) or nS (conductances).
void mk_take_delta(int32_t n, double *jump, double *acc, double shared, int32_t assign);
/// The same from a counting delay line: jump[i] (=/+=) counts[i]·weight, counts[i] ← 0.
void mk_take_delta_counts(int32_t n, double *jump, uint16_t *counts, double weight, int32_t assign);

/// One step of a block of current-based LIF neurons, exact for input constant over the step:
///   refractory[i] counted down as for GIF neurons; eligible when it was ≤ 1 at the start of the step;
///   free = v·membraneDecay + drive − a·adaptWeight + dv[i] + dvShared + noise[i]   (drive = μ(1 − E_m))
///   a ← a·adaptDecay;  v' = free + jump[i] + jumpShared (delta input after the propagation, NEST order);
///   spike when eligible and v' ≥ threshold; on a spike v ← reset, refractory ← refractoryReset,
///   a += adaptJump; a refractory neuron keeps v. With `bridge` (and noise), bridge[i] ← the
///   Brownian-bridge crossing probability p = exp(−bridgeScale·(threshold − v)(threshold − free)) of
///   every eligible neuron that did not spike with both v and free below threshold and p ≥
///   MK_BRIDGE_CUTOFF, else 0 (`mk_lif_bridge` decides those crossings).
/// `dv`, `adapt`, `noise`, `bridge` may be NULL (no exponential synapses, no adaptation, no noise,
/// no bridge); `jump` may not. Writes the indices of the neurons that fired to `fired` (capacity n)
/// and returns their number.
int32_t mk_lif(int32_t n, double *v, int32_t *refractory, const double *jump, double jumpShared, const double *dv,
               double dvShared, double *adapt, double adaptDecay, double adaptWeight, double adaptJump,
               const double *noise, double *bridge, double bridgeScale, double membraneDecay, double drive,
               double threshold, double reset, int32_t refractoryReset, int32_t *fired);

/// The smallest bridge crossing probability tested: 2⁻³², the resolution of the uniform numbers
/// (`gsl_rng_uniform` of mt19937 is k·2⁻³²), so u < p for a smaller p would hold only for u = 0.
#define MK_BRIDGE_CUTOFF 0x1p-32

/// The candidates of `mk_lif`'s bridge test: the indices i with bridge[i] > 0 to `candidates`, and
/// their probabilities compacted over `bridge`, in increasing order; returns their number m.
int32_t mk_lif_bridge_candidates(int32_t n, double *bridge, int32_t *candidates);

/// The bridge crossings of m candidates (`mk_lif_bridge_candidates`): candidate c spikes when
/// uniform[c] < p[c] (v ← reset, refractory ← refractoryReset, adapt += adaptJump; `adapt` may be
/// NULL). Merges them into the `count` ascending indices of `fired` (capacity: the block) and returns
/// the new count. Overwrites `candidates`.
int32_t mk_lif_bridge(int32_t m, int32_t *candidates, const double *p, const double *uniform, double *v,
                      int32_t *refractory, double *adapt, double adaptJump, double reset, int32_t refractoryReset,
                      int32_t *fired, int32_t count);

/// One step of a block of conductance-based LIF neurons (jump-w convention, NEST iaf_cond_exp order):
///   ḡ_X = g_X·meanX (the step mean of g_X e^{−t/τ_X}, meanX = τ_X(1 − e^{−Δt/τ_X})/Δt), ā = a·meanA;
///   g_tot = leak + ḡ_E + ḡ_I, V_∞ = (source − gL·ā + ḡ_E E_E + ḡ_I E_I)/g_tot,
///   v' = V_∞ + (v − V_∞)·exp(−g_tot·dtOverC)   (exact for constant conductances);
///   g_E ← g_E·decayE + inE[i] + sharedE, g_I ← g_I·decayI − (inI[i] + sharedI) (this step's spikes,
///   J-weighted in nS, negative for inhibition), a ← a·adaptDecay; then threshold, reset,
///   refractoriness and adaptation jump as `mk_lif`. `adapt`, `inE`, `inI` may be NULL.
int32_t mk_lif_cond(int32_t n, double *v, int32_t *refractory, double *gE, double *gI, const double *inE,
                    const double *inI, double sharedE, double sharedI, double decayE, double decayI, double meanE, double meanI, double eE, double eI,
                    double leak, double gL, double source, double dtOverC, double *adapt, double adaptDecay,
                    double meanA, double adaptJump, double threshold, double reset, int32_t refractoryReset,
                    int32_t *fired);

#ifdef __cplusplus
}
#endif

#endif
