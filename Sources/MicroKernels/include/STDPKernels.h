// The per-synapse loop of long-term plasticity in the microscopic engine (LongTermPlasticity
// article): at a presynaptic spike, every synapse of the spiking neuron (a contiguous run of the
// connection's pre-major target list and of its weight array) receives its pending potentiation,
// its depression, and delivers the new weight. Plain C for the same reason as the other kernels: no
// bounds checks, no retain/release, and the same IEEE operations in the same order on every CPU.
#ifndef STDP_KERNELS_H
#define STDP_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Spikes whose steps a postsynaptic state holds, and spikes whose o₁ it holds.
#define MK_STDP_RECENT 7
#define MK_STDP_RECENT_TRACES 3

/// What a synapse reads of its postsynaptic neuron: 64 bytes, one cache line (the arena aligns to 64), so that a presynaptic spike
/// reads one line per synapse whatever the pairings (the ring is read only for windows holding more
/// than MK_STDP_RECENT postsynaptic spikes, and for the triplet rule's o₂).
typedef struct {
  /// Spikes so far.
  int32_t count;
  /// step[k]: step of the k-th last spike (k = 0: the last); MK_STDP_NONE where there is none.
  int32_t step[MK_STDP_RECENT];
  /// o1[k]: o₁ just after the k-th last spike.
  double o1[MK_STDP_RECENT_TRACES];
  /// o₂ just before the last spike.
  double o2_before;
} mk_stdp_post;

/// The step of a spike that does not exist: earlier than any window (steps are < 2³⁰).
static const int32_t MK_STDP_NONE = -1073741824;  // −2³⁰

/// One plastic connection: the rule's constants, its decay tables and its postsynaptic state.
typedef struct {
  /// Delay D in steps (a postsynaptic spike of step m pairs at m + D), ring entries per neuron
  /// (a power of 2), length of the decay tables, 1 for the triplet rule, 1 for nearest-spike pairing.
  int32_t delay, ring_size, table_length, triplet, nearest;
  /// Pair rule: λ, αλ, μ₊, μ₋ (on w/w_max, Gütig); triplet: A₂₊, A₃₊, A₂₋, A₃₋ (mV); bounds (mV).
  double lambda, alpha_lambda, mu_plus, mu_minus, a2_plus, a3_plus, a2_minus, a3_minus, w_max, w_min;
  /// e^{−kΔt/τ} for k < table_length, 0 for k = table_length (and beyond), τ = τ₊, τ₋, τ_y.
  const double *table_plus, *table_minus, *table_y;
  /// Per postsynaptic neuron i: its state, and the ring of its last ring_size spikes (entry
  /// i·ring_size + (c mod ring_size) for its spike number c): step, o₁ just after, o₂ just before.
  mk_stdp_post *post;
  int32_t *ring_step;
  double *ring_o1, *ring_o2;
} mk_stdp_rule;

/// Every postsynaptic state of `rule` to "no spike yet" (n neurons).
void mk_stdp_reset(const mk_stdp_rule *rule, int64_t n);

/// A spike of postsynaptic neuron i at step m: o₂ before it (triplet) and o₁ after it (all-to-all:
/// o₁ e^{−(m − m_last)Δt/τ₋} + 1; nearest: 1) into its state and its ring.
void mk_stdp_post_spike(const mk_stdp_rule *rule, int64_t i, int64_t m);

/// The synapses s < count of one presynaptic neuron (targets `narrow[s]` or `wide[s]`, whichever is
/// not NULL; weights `w[s]`, mV), in order:
///  1. if last_pre ≥ 0: potentiation by every spike of the target paired in (window_start, up_to],
///     with the presynaptic trace r₁ e^{−(paired − last_pre)Δt/τ₊} (r₁ just after the presynaptic
///     spike of step last_pre): w/w_max += λ(1 − w/w_max)^{μ₊}·x clipped at 1 (pair), or
///     w += x(A₂₊ + A₃₊ o₂) clipped at w_max (triplet);
///  2. if `depress`: depression at the presynaptic spike of step up_to with o₁ of the target at
///     up_to (from its spikes paired strictly before up_to): w/w_max −= αλ(w/w_max)^{μ₋}·o₁ clipped at 0, then at w_min (pair),
///     or w −= o₁(A₂₋ + A₃₋ r₂_before) clipped at w_min (triplet);
///  3. if `line` is not NULL: line[target] += w·q.
/// The ring must still hold every spike paired after window_start.
void mk_stdp_presynaptic(const mk_stdp_rule *rule, int64_t window_start, int64_t up_to, int64_t last_pre, double r1,
                         double r2_before, int32_t depress, double *w, const uint16_t *narrow, const uint32_t *wide,
                         int64_t count, double *line, double q);

#ifdef __cplusplus
}
#endif

#endif
