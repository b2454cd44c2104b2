#include "STDPKernels.h"

#include <math.h>

#include "KernelSupport.h"

static inline double decay(const double *table, int64_t length, int64_t k) { return k < length ? table[k] : 0.0; }

/// One potentiation with presynaptic trace x (and o₂ before the postsynaptic spike, triplet).
static inline double potentiated(const mk_stdp_rule *r, double w, double x, double o2) {
  if (r->triplet) {
    double v = w + x * (r->a2_plus + r->a3_plus * o2);
    return r->w_max < v ? r->w_max : v;
  }
  double scaled = w / r->w_max;
  double dependence = r->mu_plus == 0 ? 1.0 : r->mu_plus == 1 ? 1.0 - scaled : pow(1.0 - scaled, r->mu_plus);
  double next = scaled + r->lambda * dependence * x;
  return next < 1.0 ? next * r->w_max : r->w_max;
}

/// One depression with o₁ and r₂ before the presynaptic spike.
static inline double depressed(const mk_stdp_rule *r, double w, double o1, double r2) {
  if (r->triplet) {
    double v = w - o1 * (r->a2_minus + r->a3_minus * r2);
    return r->w_min >= v ? r->w_min : v;
  }
  double scaled = w / r->w_max;
  double dependence = r->mu_minus == 0 ? 1.0 : r->mu_minus == 1 ? scaled : pow(scaled, r->mu_minus);
  double next = scaled - r->alpha_lambda * dependence * o1;
  double v = next > 0 ? next * r->w_max : 0.0;
  return r->w_min >= v ? r->w_min : v;
}

/// The ring entry of target i's spike number c.
static inline int64_t entry(const mk_stdp_rule *r, int64_t i, int64_t c) { return i * r->ring_size + (c & (r->ring_size - 1)); }

/// Potentiation of w by the spikes of target i paired in (after, up_to], oldest first.
static inline double potentiate(const mk_stdp_rule *r, double w, int64_t i, int64_t after, int64_t up_to,
                                int64_t last_pre, double r1) {
  const mk_stdp_post *p = r->post + i;
  int64_t d = r->delay, count = p->count;
  int64_t k = 0;
  while (k < MK_STDP_RECENT && p->step[k] + d > after) k++;
  if (k == MK_STDP_RECENT && count > MK_STDP_RECENT) {
    // More spikes in the window than the state holds: from the ring (which holds them all).
    int64_t c = count - 1 - MK_STDP_RECENT, oldest = count > r->ring_size ? count - r->ring_size : 0;
    while (c >= oldest && r->ring_step[entry(r, i, c)] + d > after) c--;
    for (c++; c < count - MK_STDP_RECENT; c++) {
      int64_t e = entry(r, i, c), paired = r->ring_step[e] + d;
      if (paired > up_to) return w;
      w = potentiated(r, w, r1 * decay(r->table_plus, r->table_length, paired - last_pre), r->ring_o2[e]);
    }
  }
  for (k--; k >= 0; k--) {
    int64_t paired = p->step[k] + d;
    if (paired > up_to) break;
    double o2 = r->triplet ? r->ring_o2[entry(r, i, count - 1 - k)] : 0.0;
    w = potentiated(r, w, r1 * decay(r->table_plus, r->table_length, paired - last_pre), o2);
  }
  return w;
}

/// o₁ of target i at pairing time n: its spikes paired strictly before n.
static inline double post_trace(const mk_stdp_rule *r, int64_t i, int64_t n) {
  const mk_stdp_post *p = r->post + i;
  int64_t d = r->delay, count = p->count;
  for (int64_t k = 0; k < MK_STDP_RECENT_TRACES && k < count; k++) {
    if (p->step[k] + d < n) return p->o1[k] * decay(r->table_minus, r->table_length, n - p->step[k] - d);
  }
  int64_t oldest = count > r->ring_size ? count - r->ring_size : 0;
  for (int64_t c = count - 1 - MK_STDP_RECENT_TRACES; c >= oldest; c--) {
    int64_t e = entry(r, i, c), step = r->ring_step[e];
    if (step + d < n) return r->ring_o1[e] * decay(r->table_minus, r->table_length, n - step - d);
  }
  return 0.0;
}

void mk_stdp_reset(const mk_stdp_rule *rule, int64_t n) {
  mk_stdp_post empty = {0};
  for (int k = 0; k < MK_STDP_RECENT; k++) empty.step[k] = MK_STDP_NONE;
  for (int64_t i = 0; i < n; i++) rule->post[i] = empty;
}

void mk_stdp_post_spike(const mk_stdp_rule *r, int64_t i, int64_t m) {
  mk_stdp_post *p = r->post + i;
  double o1 = 1.0, o2_before = 0.0;
  if (p->count > 0) {
    int64_t elapsed = m - p->step[0];
    o2_before = (r->nearest ? 1.0 : p->o2_before + 1.0) * decay(r->table_y, r->table_length, elapsed);
    if (!r->nearest) o1 = p->o1[0] * decay(r->table_minus, r->table_length, elapsed) + 1.0;
  }
  int64_t e = entry(r, i, p->count);
  r->ring_step[e] = (int32_t)m;
  r->ring_o1[e] = o1;
  r->ring_o2[e] = o2_before;
  for (int k = MK_STDP_RECENT - 1; k > 0; k--) p->step[k] = p->step[k - 1];
  for (int k = MK_STDP_RECENT_TRACES - 1; k > 0; k--) p->o1[k] = p->o1[k - 1];
  p->step[0] = (int32_t)m;
  p->o1[0] = o1;
  p->o2_before = o2_before;
  p->count++;
}

static inline __attribute__((always_inline)) double update(const mk_stdp_rule *r, double w, int64_t i, int64_t window_start, int64_t up_to,
                            int64_t last_pre, double r1, double r2_before, int32_t depress) {
  if (last_pre >= 0) w = potentiate(r, w, i, window_start, up_to, last_pre, r1);
  if (depress) w = depressed(r, w, post_trace(r, i, up_to), r2_before);
  return w;
}

/// Synapses ahead whose postsynaptic state and delay-line cell are prefetched: the loop is bound by
/// these two random reads, which the prefetches let the memory system serve in parallel.
#define PREFETCH_AHEAD 16

/// The constants of the branch-free pair path for one presynaptic spike (μ₊, μ₋ ∈ {0, 1}), the rule
/// written on w rather than w/w_max (equal up to rounding for μ ∈ {0, 1}):
///   potentiation w += (w_max − μ₊w)·λx, clipped at w_max;
///   depression   w −= αλ((1 − μ₋)w_max + μ₋w)·o₁, clipped at 0, then at w_min.
/// A postsynaptic spike of step m is paired in the window (after, last] when
/// m + D − after − 1 < last − after (`span`) as unsigned numbers, last = up_to, or the last pairing
/// time whose trace lag m + D − last_pre is below the table length if that is earlier (the trace is 0
/// beyond). A spike outside the window reads table[table_length] = 0, which leaves w unchanged exactly.
typedef struct {
  const mk_stdp_rule *rule;
  const mk_stdp_post *post;
  const double *table, *table_minus;
  int64_t to_window, to_lag, length, now;
  uint64_t span;
  double lambda_r1, w_max, w_min, alpha_lambda;
} pair_constants;

/// One candidate postsynaptic spike of step m; `plus` = μ₊ (a constant, 0 or 1: w_max − μ₊w is then
/// w_max or w_max − w exactly).
static inline __attribute__((always_inline)) double pair_candidate(const pair_constants *c, double v, int32_t m, const int plus) {
  int64_t lag = (uint64_t)(m + c->to_window) < c->span ? m + c->to_lag : c->length;
  double next = v + (plus ? c->w_max - v : c->w_max) * (c->lambda_r1 * c->table[lag]);
  return next < c->w_max ? next : c->w_max;
}

/// The depression with o₁ = o1 (`post_trace` of the target at the presynaptic spike); `minus` = μ₋
/// (a constant, 0 or 1: (1 − μ₋)w_max + μ₋w is then w_max or w exactly).
static inline __attribute__((always_inline)) double pair_depressed(const pair_constants *c, double v, double o1, const int minus) {
  double next = v - c->alpha_lambda * (minus ? v : c->w_max) * o1;
  next = next > 0 ? next : 0.0;
  return c->w_min >= next ? c->w_min : next;
}

/// One synapse onto target i on the branch-free path; 0 (v untouched) when a fourth of the target's
/// last spikes is paired after the window's start: `update` does those. The third last spike is
/// applied only when it lies in the window (rarely: one well-predicted branch), which gives the
/// same w as applying it with x = 0.
static inline __attribute__((always_inline)) int pair_synapse(const pair_constants *c, double *v, int64_t i, const int32_t depress,
                                                                const int plus, const int minus) {
  const mk_stdp_post *p = c->post + i;
  if (p->step[3] + c->to_window >= 0) return 0;
  double u = *v;
  if ((uint64_t)(p->step[2] + c->to_window) < c->span) u = pair_candidate(c, u, p->step[2], plus);
  u = pair_candidate(c, u, p->step[1], plus);
  u = pair_candidate(c, u, p->step[0], plus);
  if (depress) u = pair_depressed(c, u, post_trace(c->rule, i, c->now), minus);
  *v = u;
  return 1;
}

/// `update` out of line, for the pair path's rare synapses: the hot loop keeps its registers.
static __attribute__((noinline)) double update_cold(const mk_stdp_rule *r, double w, int64_t i, int64_t window_start,
                                                    int64_t up_to, int64_t last_pre, double r1, int32_t depress) {
  return update(r, w, i, window_start, up_to, last_pre, r1, 0.0, depress);
}

/// The general loop of `mk_stdp_presynaptic` (triplet rule, μ ∉ {0, 1}).
static inline __attribute__((always_inline)) void general_synapses(const mk_stdp_rule *r, int64_t window_start,
                                                                    int64_t up_to, int64_t last_pre, double r1,
                                                                    double r2_before, const int32_t depress,
                                                                    double *restrict w, const uint16_t *restrict narrow,
                                                                    const uint32_t *restrict wide, int64_t count,
                                                                    double *restrict line, double q) {
  for (int64_t s = 0; s < count; s++) {
    if (s + PREFETCH_AHEAD < count) {
      int64_t ahead = narrow ? narrow[s + PREFETCH_AHEAD] : wide[s + PREFETCH_AHEAD];
      __builtin_prefetch(r->post + ahead);
      if (line) __builtin_prefetch(line + ahead, 1);
    }
    int64_t i = narrow ? narrow[s] : wide[s];
    double v = update(r, w[s], i, window_start, up_to, last_pre, r1, r2_before, depress);
    w[s] = v;
    if (line) line[i] += v * q;
  }
}

/// The constants of the pair path for one presynaptic spike.
static inline pair_constants make_pair_constants(const mk_stdp_rule *r, int64_t window_start, int64_t up_to,
                                                 int64_t last_pre, double r1) {
  // Without an earlier presynaptic spike there is nothing to potentiate: an empty window.
  int64_t after = last_pre >= 0 ? window_start : up_to;
  // Pairs beyond the decay table (lag ≥ table_length) have x = 0: the window ends before them.
  int64_t last_paired = last_pre >= 0 && last_pre + r->table_length - 1 < up_to ? last_pre + r->table_length - 1 : up_to;
  return (pair_constants){
      .rule = r, .post = r->post, .table = r->table_plus, .table_minus = r->table_minus, .to_window = r->delay - after - 1,
      .to_lag = r->delay - last_pre, .length = r->table_length, .now = up_to, .span = last_paired > after ? (uint64_t)(last_paired - after) : 0,
      .lambda_r1 = r->lambda * r1, .w_max = r->w_max, .w_min = r->w_min, .alpha_lambda = r->alpha_lambda};
}

/// One synapse s of the pair loop.
static inline __attribute__((always_inline)) void pair_one(const pair_constants *c, const mk_stdp_rule *rule, int64_t s,
                                                            int64_t window_start, int64_t up_to, int64_t last_pre,
                                                            double r1, const int32_t depress, const int plus, const int minus,
                                                            double *restrict w, const uint16_t *restrict narrow,
                                                            const uint32_t *restrict wide, double *restrict line, double q) {
  int64_t i = narrow ? narrow[s] : wide[s];
  double v = w[s];
  if (!pair_synapse(c, &v, i, depress, plus, minus)) v = update_cold(rule, v, i, window_start, up_to, last_pre, r1, depress);
  w[s] = v;
  if (line) line[i] += v * q;
}

/// The loop of `mk_stdp_presynaptic` on the pair path for one target width, one value of `depress`,
/// μ₊ (`plus`) and μ₋ (`minus`), with or without a delay line, all constants after inlining.
static inline __attribute__((always_inline)) void pair_synapses(const mk_stdp_rule *r, int64_t window_start,
                                                                 int64_t up_to, int64_t last_pre, double r1,
                                                                 const int32_t depress, const int plus, const int minus,
                                                                 double *restrict w,
                                                                 const uint16_t *restrict narrow,
                                                                 const uint32_t *restrict wide, int64_t count,
                                                                 double *restrict line, double q) {
  const pair_constants c = make_pair_constants(r, window_start, up_to, last_pre, r1);
  int64_t s = 0, prefetched = count > PREFETCH_AHEAD ? count - PREFETCH_AHEAD : 0;
  for (; s < prefetched; s++) {
    int64_t ahead = narrow ? narrow[s + PREFETCH_AHEAD] : wide[s + PREFETCH_AHEAD];
    __builtin_prefetch(c.post + ahead);
    if (line) __builtin_prefetch(line + ahead, 1);
    pair_one(&c, r, s, window_start, up_to, last_pre, r1, depress, plus, minus, w, narrow, wide, line, q);
  }
  for (; s < count; s++) pair_one(&c, r, s, window_start, up_to, last_pre, r1, depress, plus, minus, w, narrow, wide, line, q);
}

#if defined(__x86_64__) && defined(__clang__) && !defined(MK_STDP_SCALAR)
#include <immintrin.h>

#define MK_AVX2 __attribute__((target("avx2")))

/// The pair path four synapses at a time (AVX2), for CPUs that have it: the same IEEE operations on
/// each synapse as `pair_synapse` (no FMA; every select a compare and a blend with the operands of
/// the scalar `?:`), so every weight is bit-identical to the scalar loop's, and the delivery
/// `line[target] += w·q` runs in the same synapse order.
#define MK_AVX2_INLINE static inline __attribute__((always_inline)) MK_AVX2

/// `pair_constants` as vectors: the loop holds them in registers.
typedef struct {
  __m256i to_window, to_lag, length, span, minus_one, zero_i, before_now;
  __m256d lambda_r1, w_max, w_min, alpha_lambda, zero;
} pair_vectors;

/// The lanes whose postsynaptic spike (step m, 64-bit lanes) is paired in the window.
MK_AVX2_INLINE __m256i in_window4(const pair_vectors *k, __m256i m) {
  __m256i d = _mm256_add_epi64(m, k->to_window);
  // (uint64_t)d < span with 0 ≤ span < 2⁶³: 0 ≤ d < span.
  return _mm256_andnot_si256(_mm256_cmpgt_epi64(k->zero_i, d), _mm256_cmpgt_epi64(k->span, d));
}

/// `pair_candidate` on four postsynaptic spikes (steps m, 64-bit lanes) of four synapses, `in` the
/// lanes whose spike lies in the window (`in_window4`).
MK_AVX2_INLINE __m256d pair_candidate4(const pair_constants *c, const pair_vectors *k, __m256d v, __m256i m, __m256i in,
                                       const int plus) {
  __m256i lag = _mm256_blendv_epi8(k->length, _mm256_add_epi64(m, k->to_lag), in);
  __m256d x = _mm256_i64gather_pd(c->table, lag, 8);
  __m256d next = v + (plus ? k->w_max - v : k->w_max) * (k->lambda_r1 * x);
  return _mm256_blendv_pd(k->w_max, next, _mm256_cmp_pd(next, k->w_max, _CMP_LT_OQ));
}

/// `post_trace` of the four targets t at the presynaptic spike (c->now), whose last two spikes are m0
/// and m1 (64-bit lanes): per target o₁[j]·table_minus[lag] of the last spike j ∈ {0, 1} paired before
/// it, the product `post_trace` forms; `post_trace` itself where neither is.
MK_AVX2_INLINE __m256d post_traces4(const pair_constants *c, const pair_vectors *k, const int64_t t[4], __m256i m0,
                                    __m256i m1) {
  // lag = now − D − m > 0: the spike is paired before now (MK_STDP_NONE gives a lag beyond the table: 0).
  __m256i lag = _mm256_sub_epi64(k->before_now, m0), last = _mm256_cmpgt_epi64(lag, k->zero_i);
  __m256d o1 = _mm256_setr_pd(c->post[t[0]].o1[0], c->post[t[1]].o1[0], c->post[t[2]].o1[0], c->post[t[3]].o1[0]);
  if (_mm256_movemask_pd(_mm256_castsi256_pd(last)) != 15) {
    // Where a target spiked within the last D steps: its spike before that one.
    lag = _mm256_blendv_epi8(_mm256_sub_epi64(k->before_now, m1), lag, last);
    if (_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(lag, k->zero_i))) != 15)
      return _mm256_setr_pd(post_trace(c->rule, t[0], c->now), post_trace(c->rule, t[1], c->now),
                            post_trace(c->rule, t[2], c->now), post_trace(c->rule, t[3], c->now));
    __m256d before = _mm256_setr_pd(c->post[t[0]].o1[1], c->post[t[1]].o1[1], c->post[t[2]].o1[1], c->post[t[3]].o1[1]);
    o1 = _mm256_blendv_pd(before, o1, _mm256_castsi256_pd(last));
  }
  lag = _mm256_blendv_epi8(k->length, lag, _mm256_cmpgt_epi64(k->length, lag));
  return o1 * _mm256_i64gather_pd(c->table_minus, lag, 8);
}

/// `pair_depressed` on four synapses whose targets have the traces o1.
MK_AVX2_INLINE __m256d pair_depressed4(const pair_vectors *k, __m256d v, __m256d o1, const int minus) {
  __m256d next = v - k->alpha_lambda * (minus ? v : k->w_max) * o1;
  next = _mm256_blendv_pd(k->zero, next, _mm256_cmp_pd(next, k->zero, _CMP_GT_OQ));
  return _mm256_blendv_pd(next, k->w_min, _mm256_cmp_pd(k->w_min, next, _CMP_GE_OQ));
}

/// The pair loop (`pair_synapses`) four synapses at a time; the synapses whose fourth last target
/// spike is paired after the window's start go to `update_cold`. Each group's new weights are then
/// delivered, line[target] += w·q in synapse order (none when line is NULL).
MK_AVX2_INLINE void pair_weights4(const pair_constants *c, const mk_stdp_rule *r, int64_t window_start, int64_t up_to,
                                  int64_t last_pre, double r1, const int32_t depress, const int plus, const int minus,
                                  double *restrict w, const uint16_t *restrict narrow, const uint32_t *restrict wide,
                                  int64_t count, double *restrict line, double q) {
  const pair_vectors k = {
      .to_window = _mm256_set1_epi64x(c->to_window), .to_lag = _mm256_set1_epi64x(c->to_lag),
      .length = _mm256_set1_epi64x(c->length), .span = _mm256_set1_epi64x((int64_t)c->span),
      .minus_one = _mm256_set1_epi64x(-1), .zero_i = _mm256_setzero_si256(),
      .before_now = _mm256_set1_epi64x(c->now - r->delay), .lambda_r1 = _mm256_set1_pd(c->lambda_r1),
      .w_max = _mm256_set1_pd(c->w_max), .w_min = _mm256_set1_pd(c->w_min),
      .alpha_lambda = _mm256_set1_pd(c->alpha_lambda), .zero = _mm256_setzero_pd()};
  int64_t s = 0;
  for (; s + 4 <= count; s += 4) {
    if (s + PREFETCH_AHEAD + 4 <= count) {
      for (int l = 0; l < 4; l++) {
        int64_t ahead = narrow ? narrow[s + PREFETCH_AHEAD + l] : wide[s + PREFETCH_AHEAD + l];
        __builtin_prefetch(c->post + ahead);
        if (line) __builtin_prefetch(line + ahead, 1);
      }
    }
    int64_t t[4];
    for (int l = 0; l < 4; l++) t[l] = narrow ? narrow[s + l] : wide[s + l];
    // step[0..3] of the four records, transposed to one vector per k.
    __m128i r0 = _mm_loadu_si128((const __m128i *)c->post[t[0]].step), r1v = _mm_loadu_si128((const __m128i *)c->post[t[1]].step);
    __m128i r2 = _mm_loadu_si128((const __m128i *)c->post[t[2]].step), r3 = _mm_loadu_si128((const __m128i *)c->post[t[3]].step);
    __m128i lo01 = _mm_unpacklo_epi32(r0, r1v), lo23 = _mm_unpacklo_epi32(r2, r3);
    __m128i hi01 = _mm_unpackhi_epi32(r0, r1v), hi23 = _mm_unpackhi_epi32(r2, r3);
    __m256i m0 = _mm256_cvtepi32_epi64(_mm_unpacklo_epi64(lo01, lo23)), m1 = _mm256_cvtepi32_epi64(_mm_unpackhi_epi64(lo01, lo23));
    __m256i m2 = _mm256_cvtepi32_epi64(_mm_unpacklo_epi64(hi01, hi23)), m3 = _mm256_cvtepi32_epi64(_mm_unpackhi_epi64(hi01, hi23));
    int cold = _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_add_epi64(m3, k.to_window), k.minus_one)));
    __m256d v = _mm256_loadu_pd(w + s);
    // The third last spike only where it lies in the window, as `pair_synapse`; it rarely lies in
    // the window of any of the four, and then its gather is skipped.
    __m256i in2 = in_window4(&k, m2);
    __m256d u = v;
    if (_mm256_movemask_pd(_mm256_castsi256_pd(in2)))
      u = _mm256_blendv_pd(v, pair_candidate4(c, &k, v, m2, in2, plus), _mm256_castsi256_pd(in2));
    u = pair_candidate4(c, &k, u, m1, in_window4(&k, m1), plus);
    u = pair_candidate4(c, &k, u, m0, in_window4(&k, m0), plus);
    if (depress) u = pair_depressed4(&k, u, post_traces4(c, &k, t, m0, m1), minus);
    _mm256_storeu_pd(w + s, u);
    if (cold) {
      double old[4];
      _mm256_storeu_pd(old, v);
      for (int l = 0; l < 4; l++)
        if (cold >> l & 1) w[s + l] = update_cold(r, old[l], t[l], window_start, up_to, last_pre, r1, depress);
    }
    if (line)
      for (int l = 0; l < 4; l++) line[t[l]] += w[s + l] * q;
  }
  for (; s < count; s++) {
    int64_t i = narrow ? narrow[s] : wide[s];
    double v = w[s];
    if (!pair_synapse(c, &v, i, depress, plus, minus)) v = update_cold(r, v, i, window_start, up_to, last_pre, r1, depress);
    w[s] = v;
    if (line) line[i] += v * q;
  }
}

/// One instantiation of `pair_weights4` per width, `depress`, μ₊ and μ₋ (NAME_W_D_P_M).
#define PAIR_WEIGHTS4(NAME, NARROW, WIDE, DEPRESS, PLUS, MINUS)                                                         \
  static __attribute__((noinline)) MK_AVX2 void NAME(const pair_constants *c, const mk_stdp_rule *r, int64_t ws,       \
                                                      int64_t up_to, int64_t last_pre, double r1, double *w,             \
                                                      const uint16_t *narrow, const uint32_t *wide, int64_t count,      \
                                                      double *line, double q) {                                         \
    pair_weights4(c, r, ws, up_to, last_pre, r1, DEPRESS, PLUS, MINUS, w, NARROW, WIDE, count, line, q);                \
  }
/// The six combinations of `depress`, μ₊ and μ₋ for one width (pw4_W_0_0_0 … pw4_W_1_1_1).
#define PAIR_WEIGHTS4_WIDTH(W, NARROW, WIDE)              \
  PAIR_WEIGHTS4(pw4_##W##_0_0_0, NARROW, WIDE, 0, 0, 0) \
  PAIR_WEIGHTS4(pw4_##W##_0_1_0, NARROW, WIDE, 0, 1, 0) \
  PAIR_WEIGHTS4(pw4_##W##_1_0_0, NARROW, WIDE, 1, 0, 0) \
  PAIR_WEIGHTS4(pw4_##W##_1_0_1, NARROW, WIDE, 1, 0, 1) \
  PAIR_WEIGHTS4(pw4_##W##_1_1_0, NARROW, WIDE, 1, 1, 0) \
  PAIR_WEIGHTS4(pw4_##W##_1_1_1, NARROW, WIDE, 1, 1, 1)
PAIR_WEIGHTS4_WIDTH(n, narrow, NULL)
PAIR_WEIGHTS4_WIDTH(w, NULL, wide)

typedef void (*pair_weights_fn)(const pair_constants *, const mk_stdp_rule *, int64_t, int64_t, int64_t, double, double *,
                                const uint16_t *, const uint32_t *, int64_t, double *, double);
/// [wide][depress][μ₊][μ₋]
static const pair_weights_fn pair_weights_table[2][2][2][2] = {
    {{{pw4_n_0_0_0, pw4_n_0_0_0}, {pw4_n_0_1_0, pw4_n_0_1_0}}, {{pw4_n_1_0_0, pw4_n_1_0_1}, {pw4_n_1_1_0, pw4_n_1_1_1}}},
    {{{pw4_w_0_0_0, pw4_w_0_0_0}, {pw4_w_0_1_0, pw4_w_0_1_0}}, {{pw4_w_1_0_0, pw4_w_1_0_1}, {pw4_w_1_1_0, pw4_w_1_1_1}}},
};

/// The pair path with AVX2; 0 if the CPU lacks AVX2.
static int pair_path_avx2(const mk_stdp_rule *r, int64_t window_start, int64_t up_to, int64_t last_pre, double r1,
                          int32_t depress, double *restrict w, const uint16_t *restrict narrow,
                          const uint32_t *restrict wide, int64_t count, double *restrict line, double q) {
  if (!__builtin_cpu_supports("avx2")) return 0;
  const pair_constants c = make_pair_constants(r, window_start, up_to, last_pre, r1);
  pair_weights_table[narrow == NULL][depress != 0][r->mu_plus == 1][r->mu_minus == 1](&c, r, window_start, up_to, last_pre,
                                                                                      r1, w, narrow, wide, count, line, q);
  return 1;
}
#else
static int pair_path_avx2(const mk_stdp_rule *r, int64_t window_start, int64_t up_to, int64_t last_pre, double r1,
                          int32_t depress, double *restrict w, const uint16_t *restrict narrow,
                          const uint32_t *restrict wide, int64_t count, double *restrict line, double q) {
  return 0;
}
#endif

/// Whether the branch-free pair path applies to the rule.
static inline int is_pair_path(const mk_stdp_rule *r) {
  return !r->triplet && (r->mu_plus == 0 || r->mu_plus == 1) && (r->mu_minus == 0 || r->mu_minus == 1);
}

/// `pair_synapses` for one width, `depress` and μ₋ (MINUS), for μ₊ = 0 and 1, with or without a delay line.
#define PAIR_LINE(NARROW, WIDE, DEPRESS, PLUS, MINUS)                                                                   \
  do {                                                                                                                  \
    if (line)                                                                                                           \
      pair_synapses(rule, window_start, up_to, last_pre, r1, DEPRESS, PLUS, MINUS, w, NARROW, WIDE, count, line, q);    \
    else                                                                                                                \
      pair_synapses(rule, window_start, up_to, last_pre, r1, DEPRESS, PLUS, MINUS, w, NARROW, WIDE, count, NULL, q);    \
  } while (0)
#define PAIR_VARIANTS(NARROW, WIDE, DEPRESS, MINUS) \
  do {                                              \
    if (rule->mu_plus == 1)                         \
      PAIR_LINE(NARROW, WIDE, DEPRESS, 1, MINUS);   \
    else                                            \
      PAIR_LINE(NARROW, WIDE, DEPRESS, 0, MINUS);   \
  } while (0)

MK_CLONES
void mk_stdp_presynaptic(const mk_stdp_rule *rule, int64_t window_start, int64_t up_to, int64_t last_pre, double r1,
                         double r2_before, int32_t depress, double *restrict w, const uint16_t *restrict narrow,
                         const uint32_t *restrict wide, int64_t count, double *restrict line, double q) {
  if (!is_pair_path(rule)) {
    if (depress)
      general_synapses(rule, window_start, up_to, last_pre, r1, r2_before, 1, w, narrow, wide, count, line, q);
    else
      general_synapses(rule, window_start, up_to, last_pre, r1, r2_before, 0, w, narrow, wide, count, line, q);
  } else if (pair_path_avx2(rule, window_start, up_to, last_pre, r1, depress, w, narrow, wide, count, line, q)) {
    // Done four synapses at a time.
  } else if (!depress) {
    // Without depression μ₋ does not enter.
    if (narrow)
      PAIR_VARIANTS(narrow, NULL, 0, 0);
    else
      PAIR_VARIANTS(NULL, wide, 0, 0);
  } else if (rule->mu_minus == 1) {
    if (narrow)
      PAIR_VARIANTS(narrow, NULL, 1, 1);
    else
      PAIR_VARIANTS(NULL, wide, 1, 1);
  } else if (narrow) {
    PAIR_VARIANTS(narrow, NULL, 1, 0);
  } else {
    PAIR_VARIANTS(NULL, wide, 1, 0);
  }
}
