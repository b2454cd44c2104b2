#include "MicroKernels.h"

#include "KernelSupport.h"

double mk_exp(double x) { return exp_poly(x); }

MK_CLONES
void mk_synaptic_exponential(int32_t n, double *restrict dv, double *restrict acc, double *restrict y, double shared,
                             double invDt, double tauMRateWeight, double tauMDeviationWeight, double filterDecay,
                             int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      double a = (acc[i] + shared) * invDt, d = y[i] - a;
      dv[i] = a * tauMRateWeight + d * tauMDeviationWeight;
      y[i] = a + d * filterDecay;
      acc[i] = 0;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      double a = (acc[i] + shared) * invDt, d = y[i] - a;
      dv[i] += a * tauMRateWeight + d * tauMDeviationWeight;
      y[i] = a + d * filterDecay;
      acc[i] = 0;
    }
  }
}

MK_CLONES
void mk_synaptic_delta(int32_t n, double *restrict dv, double *restrict acc, double shared, double invDt,
                       double tauMRateWeight, int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      dv[i] = (acc[i] + shared) * invDt * tauMRateWeight;
      acc[i] = 0;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      dv[i] += (acc[i] + shared) * invDt * tauMRateWeight;
      acc[i] = 0;
    }
  }
}

MK_CLONES
void mk_synaptic_exponential_counts(int32_t n, double *restrict dv, uint16_t *restrict counts, double *restrict y,
                                    double scale, double tauMRateWeight, double tauMDeviationWeight,
                                    double filterDecay, int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      double a = (double)counts[i] * scale, d = y[i] - a;
      dv[i] = a * tauMRateWeight + d * tauMDeviationWeight;
      y[i] = a + d * filterDecay;
      counts[i] = 0;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      double a = (double)counts[i] * scale, d = y[i] - a;
      dv[i] += a * tauMRateWeight + d * tauMDeviationWeight;
      y[i] = a + d * filterDecay;
      counts[i] = 0;
    }
  }
}

MK_CLONES
void mk_synaptic_delta_counts(int32_t n, double *restrict dv, uint16_t *restrict counts, double scale,
                              double tauMRateWeight, int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      dv[i] = (double)counts[i] * scale * tauMRateWeight;
      counts[i] = 0;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      dv[i] += (double)counts[i] * scale * tauMRateWeight;
      counts[i] = 0;
    }
  }
}

MK_CLONES
void mk_threshold(int32_t n, double *restrict theta, double *restrict g, double decay, double base, int32_t assign) {
  if (assign) {
    for (int32_t i = 0; i < n; i++) {
      double v = g[i] * decay;
      g[i] = v;
      theta[i] = base + v;
    }
  } else {
    for (int32_t i = 0; i < n; i++) {
      double v = g[i] * decay;
      g[i] = v;
      theta[i] += v;
    }
  }
}

/// One neuron of steps 2 and 4 (see mk_neurons); `dvi` is 0 when the block has no per-neuron input.
static inline __attribute__((always_inline)) void neuron(int32_t i, double *restrict u, double *restrict budget,
                                                         int32_t *restrict refractory, double dvi,
                                                         const double *restrict theta, double dvShared,
                                                         double membraneDecay, double drive, double inverseSoftness,
                                                         double hazardScale) {
  int32_t rf = refractory[i];
  int eligible = rf <= 1;
  refractory[i] = rf > 0 ? rf - 1 : 0;
  double old = u[i];
  double integrated = old * membraneDecay + drive + dvi + dvShared;
  double v = eligible ? integrated : old;
  u[i] = v;
  double x = (v - theta[i]) * inverseSoftness;
  x = x > 700.0 ? 700.0 : x;
  double h = hazardScale * exp_poly(x);
  budget[i] -= eligible ? h : 0.0;
}

MK_CLONES
int32_t mk_neurons(int32_t n, double *restrict u, double *restrict budget, int32_t *restrict refractory,
                   const double *restrict dv, const double *restrict theta, double dvShared, double membraneDecay,
                   double drive, double inverseSoftness, double hazardScale, int32_t *restrict fired) {
  if (dv) {
    for (int32_t i = 0; i < n; i++)
      neuron(i, u, budget, refractory, dv[i], theta, dvShared, membraneDecay, drive, inverseSoftness, hazardScale);
  } else {
    for (int32_t i = 0; i < n; i++)
      neuron(i, u, budget, refractory, 0.0, theta, dvShared, membraneDecay, drive, inverseSoftness, hazardScale);
  }
  int32_t count = 0;
  for (int32_t i = 0; i < n; i++) {
    if (budget[i] <= 0) fired[count++] = i;
  }
  return count;
}

void mk_prefetch(const void *start, int64_t bytes, int32_t write) {
  const char *p = (const char *)start;
  if (write)
    for (int64_t b = 0; b < bytes; b += 64) __builtin_prefetch(p + b, 1);
  else
    for (int64_t b = 0; b < bytes; b += 64) __builtin_prefetch(p + b, 0);
}

void mk_scatter_add32(double *restrict line, const uint32_t *restrict targets, int64_t count, double w) {
  for (int64_t s = 0; s < count; s++) line[targets[s]] += w;
}

void mk_scatter_add16(double *restrict line, const uint16_t *restrict targets, int64_t count, double w) {
  for (int64_t s = 0; s < count; s++) line[targets[s]] += w;
}

void mk_scatter_count32(uint16_t *restrict line, const uint32_t *restrict targets, int64_t count) {
  for (int64_t s = 0; s < count; s++) line[targets[s]] += 1;
}

void mk_scatter_count16(uint16_t *restrict line, const uint16_t *restrict targets, int64_t count) {
  for (int64_t s = 0; s < count; s++) line[targets[s]] += 1;
}
