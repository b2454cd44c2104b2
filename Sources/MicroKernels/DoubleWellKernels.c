#include "DoubleWellKernels.h"

#include "KernelSupport.h"

static inline float updated(float J, uint32_t i, const uint32_t *activity, float lambda, float pull, float base, float step) {
  float well = J > 0 ? pull : (J < 0 ? -pull : 0.0f);
  return (J * lambda + well) + (base + step * (float)((activity[i >> 5] >> (i & 31)) & 1u));
}

MK_CLONES
static void learn_plain(float *restrict weight, const uint32_t *restrict post, size_t count, const uint32_t *restrict activity,
                        float lambda, float pull, float base, float step) {
  for (size_t k = 0; k < count; k++) weight[k] = updated(weight[k], post[k], activity, lambda, pull, base, step);
}

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

// 16 synapses at a time. Their partners i = post[k … k + 15] lie within 512 neurons of word
// w0 = post[k] / 32 in most columns (c ≥ 0.05: 15 gaps of mean 1/c): the 16 words from w0 are one
// register, and lane l takes word (i_l − 32 w0) / 32 of it by a permute; otherwise a gather.
__attribute__((target("avx512f")))
static void learn_avx512(float *restrict weight, const uint32_t *restrict post, size_t count, const uint32_t *restrict activity,
                         float lambda, float pull, float base, float step) {
  const __m512 vlambda = _mm512_set1_ps(lambda), vpull = _mm512_set1_ps(pull), vpush = _mm512_set1_ps(-pull);
  const __m512 vbase = _mm512_set1_ps(base), vstep = _mm512_set1_ps(step), zero = _mm512_setzero_ps();
  const __m512i window = _mm512_set1_epi32(512), low5 = _mm512_set1_epi32(31), one = _mm512_set1_epi32(1);
  size_t k = 0;
  for (; k + 16 <= count; k += 16) {
    __m512i i = _mm512_loadu_si512(post + k);
    uint32_t w0 = post[k] >> 5;
    __m512i offset = _mm512_sub_epi32(i, _mm512_set1_epi32((int)(w0 << 5)));
    __m512i word = _mm512_cmplt_epu32_mask(offset, window) == 0xFFFF
                       ? _mm512_permutexvar_epi32(_mm512_srli_epi32(offset, 5), _mm512_loadu_si512(activity + w0))
                       : _mm512_i32gather_epi32(_mm512_srli_epi32(i, 5), (const void *)activity, 4);
    __m512 eta = _mm512_cvtepi32_ps(_mm512_and_si512(_mm512_srlv_epi32(word, _mm512_and_si512(i, low5)), one));
    __m512 J = _mm512_loadu_ps(weight + k);
    __m512 well = _mm512_mask_mov_ps(_mm512_maskz_mov_ps(_mm512_cmp_ps_mask(J, zero, _CMP_GT_OQ), vpull),
                                     _mm512_cmp_ps_mask(J, zero, _CMP_LT_OQ), vpush);
    __m512 flowed = _mm512_add_ps(_mm512_mul_ps(J, vlambda), well);
    _mm512_storeu_ps(weight + k, _mm512_add_ps(flowed, _mm512_add_ps(vbase, _mm512_mul_ps(vstep, eta))));
  }
  for (; k < count; k++) weight[k] = updated(weight[k], post[k], activity, lambda, pull, base, step);
}
#endif

void mk_double_well_learn(float *restrict weight, const uint32_t *restrict post, size_t count, const uint32_t *restrict activity,
                          float lambda, float pull, float base, float step) {
#if defined(__x86_64__) && defined(__clang__)
  if (__builtin_cpu_supports("avx512f")) {
    learn_avx512(weight, post, count, activity, lambda, pull, base, step);
    return;
  }
#endif
  learn_plain(weight, post, count, activity, lambda, pull, base, step);
}
