// The learning step of the double-well attractor network (DoubleWellAttractor, Feng & Brunel eqs.
// 3–7) over one presynaptic neuron's column of synapses. In C because the postsynaptic activities
// must be looked up per synapse: the AVX-512 version reads them from a 512-bit window of the
// activity bits held in a register (one permute per 16 synapses, a gather only where the 16
// partners span more than the window), which Swift cannot emit without compiler flags. No
// contraction: every version gives the same bits.
#ifndef DOUBLE_WELL_KERNELS_H
#define DOUBLE_WELL_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Words of padding `mk_double_well_learn` may read after the last activity bit.
#define MK_DOUBLE_WELL_PADDING 16

/// For k < count, with J = weight[k], i = post[k] and η_i = bit i of `activity` (bit i % 32 of word i / 32):
///   weight[k] = (J·lambda + pull·sgn(J)) + (base + step·η_i)      (sgn(0) = 0),
/// the exact flow over one interval (lambda = e^{−2r₁}, pull = (1 − lambda) C) followed by the
/// increment r₂ I(η_i, η_j) of this column's presynaptic activity. `post` ascending, every
/// post[k] < 2³¹; `activity` readable up to word post[count − 1] / 32 + MK_DOUBLE_WELL_PADDING.
void mk_double_well_learn(float *weight, const uint32_t *post, size_t count, const uint32_t *activity, float lambda,
                          float pull, float base, float step);

#ifdef __cplusplus
}
#endif

#endif
