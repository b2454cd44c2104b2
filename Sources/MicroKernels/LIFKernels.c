#include "LIFKernels.h"

#include "KernelSupport.h"

MK_CLONES
void mk_take_delta(int32_t n, double *restrict jump, double *restrict acc, double shared, int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      jump[i] = acc[i] + shared;
      acc[i] = 0;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      jump[i] += acc[i] + shared;
      acc[i] = 0;
    }
  }
}

MK_CLONES
void mk_take_delta_counts(int32_t n, double *restrict jump, uint16_t *restrict counts, double weight, int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      jump[i] = (double)counts[i] * weight;
      counts[i] = 0;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      jump[i] += (double)counts[i] * weight;
      counts[i] = 0;
    }
  }
}

/// The indices i with flags[i] = 1, in increasing order, written over `flags` (each index is written
/// at or before its own position, after that position's flag was read); returns their number.
static inline int32_t compact(int32_t n, int32_t *flags) {
  int32_t count = 0;
  for (int32_t i = 0; i < n; i++) {
    int32_t s = flags[i];
    flags[count] = i;
    count += s;
  }
  return count;
}

/// One neuron of `mk_lif`; the flags are constants in each specialised loop.
static inline __attribute__((always_inline)) void lif_neuron(
    int32_t i, double *restrict v, int32_t *restrict refractory, const double *restrict jump, double jumpShared,
    const double *restrict dv, double dvShared, double *restrict adapt, double adaptDecay, double adaptWeight,
    double adaptJump, const double *restrict noise, double *restrict bridge, double bridgeScale,
    double membraneDecay, double drive, double threshold, double reset, int32_t refractoryReset,
    int32_t *restrict flags, int hasDV, int hasAdapt, int hasNoise, int hasBridge) {
  int32_t rf = refractory[i];
  int eligible = rf <= 1;
  double old = v[i];
  double a = hasAdapt ? adapt[i] : 0.0;
  double free = old * membraneDecay + drive + dvShared;
  if (hasAdapt) free -= a * adaptWeight;
  if (hasDV) free += dv[i];
  if (hasNoise) free += noise[i];
  double next = free + jump[i] + jumpShared;
  int spike = eligible & (next >= threshold);
  if (hasBridge) {
    // Brownian bridge from old to free: P(max ≥ θ) = exp(−2(θ − old)(θ − free)/(s²Δt)) for both below θ
    // (decided by `mk_lif_bridge`; a non-candidate stores 0).
    double p = exp_poly(-bridgeScale * (threshold - old) * (threshold - free));
    int candidate = eligible & !spike & (old < threshold) & (free < threshold) & (p >= MK_BRIDGE_CUTOFF);
    bridge[i] = candidate ? p : 0.0;
  }
  v[i] = spike ? reset : (eligible ? next : old);
  refractory[i] = spike ? refractoryReset : (rf > 0 ? rf - 1 : 0);
  if (hasAdapt) adapt[i] = a * adaptDecay + (spike ? adaptJump : 0.0);
  flags[i] = spike;
}

#define LIF_LOOP(DV, ADAPT, NOISE, BRIDGE)                                                                       \
  for (int32_t i = 0; i < n; i++)                                                                               \
    lif_neuron(i, v, refractory, jump, jumpShared, dv, dvShared, adapt, adaptDecay, adaptWeight, adaptJump, noise, \
               bridge, bridgeScale, membraneDecay, drive, threshold, reset, refractoryReset, fired, DV, ADAPT,      \
               NOISE, BRIDGE)

MK_CLONES
int32_t mk_lif(int32_t n, double *restrict v, int32_t *restrict refractory, const double *restrict jump,
               double jumpShared, const double *restrict dv, double dvShared, double *restrict adapt,
               double adaptDecay, double adaptWeight, double adaptJump, const double *restrict noise,
               double *restrict bridge, double bridgeScale, double membraneDecay, double drive,
               double threshold, double reset, int32_t refractoryReset, int32_t *restrict fired) {
  int hasDV = dv != 0, hasAdapt = adapt != 0, hasNoise = noise != 0, hasBridge = noise != 0 && bridge != 0;
  switch (hasDV | hasAdapt << 1 | hasNoise << 2 | hasBridge << 3) {
  case 0: LIF_LOOP(0, 0, 0, 0); break;
  case 1: LIF_LOOP(1, 0, 0, 0); break;
  case 2: LIF_LOOP(0, 1, 0, 0); break;
  case 3: LIF_LOOP(1, 1, 0, 0); break;
  case 4: LIF_LOOP(0, 0, 1, 0); break;
  case 5: LIF_LOOP(1, 0, 1, 0); break;
  case 6: LIF_LOOP(0, 1, 1, 0); break;
  case 7: LIF_LOOP(1, 1, 1, 0); break;
  case 12: LIF_LOOP(0, 0, 1, 1); break;
  case 13: LIF_LOOP(1, 0, 1, 1); break;
  case 14: LIF_LOOP(0, 1, 1, 1); break;
  default: LIF_LOOP(1, 1, 1, 1); break;
  }
  return compact(n, fired);
}

int32_t mk_lif_bridge_candidates(int32_t n, double *restrict bridge, int32_t *restrict candidates) {
  int32_t count = 0;
  for (int32_t i = 0; i < n; i++) {
    double p = bridge[i];
    candidates[count] = i;
    bridge[count] = p;
    count += p > 0.0;
  }
  return count;
}

int32_t mk_lif_bridge(int32_t m, int32_t *restrict candidates, const double *restrict p,
                      const double *restrict uniform, double *restrict v, int32_t *restrict refractory,
                      double *restrict adapt, double adaptJump, double reset, int32_t refractoryReset,
                      int32_t *restrict fired, int32_t count) {
  // The bridge spikes, ascending, written over `candidates` (slot k ≤ c, after slot c was read).
  int32_t k = 0;
  for (int32_t c = 0; c < m; c++) {
    if (uniform[c] < p[c]) {
      int32_t i = candidates[c];
      v[i] = reset;
      refractory[i] = refractoryReset;
      if (adapt) adapt[i] += adaptJump;
      candidates[k++] = i;
    }
  }
  // Merge the two ascending lists from the back (fired has room for every neuron of the block).
  int32_t a = count - 1, b = k - 1;
  for (int32_t out = count + k - 1; b >= 0; out--) fired[out] = (a >= 0 && fired[a] > candidates[b]) ? fired[a--] : candidates[b--];
  return count + k;
}

MK_CLONES
int32_t mk_lif_cond(int32_t n, double *restrict v, int32_t *restrict refractory, double *restrict gE,
                    double *restrict gI, const double *restrict inE, const double *restrict inI, double sharedE,
                    double sharedI, double decayE,
                    double decayI, double meanE, double meanI, double eE, double eI, double leak, double gL,
                    double source, double dtOverC, double *restrict adapt, double adaptDecay, double meanA,
                    double adaptJump, double threshold, double reset, int32_t refractoryReset,
                    int32_t *restrict fired) {
  for (int32_t i = 0; i < n; i++) {
    int32_t rf = refractory[i];
    int eligible = rf <= 1;
    double old = v[i];
    double ge = gE[i] * meanE, gi = gI[i] * meanI;
    double a = adapt ? adapt[i] : 0.0;
    double total = leak + ge + gi;
    double vInf = (source - gL * (a * meanA) + ge * eE + gi * eI) / total;
    double next = vInf + (old - vInf) * exp_poly(-total * dtOverC);
    int spike = eligible & (next >= threshold);
    v[i] = spike ? reset : (eligible ? next : old);
    refractory[i] = spike ? refractoryReset : (rf > 0 ? rf - 1 : 0);
    gE[i] = gE[i] * decayE + ((inE ? inE[i] : 0.0) + sharedE);
    gI[i] = gI[i] * decayI - ((inI ? inI[i] : 0.0) + sharedI);
    if (adapt) adapt[i] = a * adaptDecay + (spike ? adaptJump : 0.0);
    fired[i] = spike;
  }
  return compact(n, fired);
}
