#include "MesoKernels.h"

#include <string.h>

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__) && __has_attribute(target_clones)
#define MK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MK_CLONES
#endif

/// G from the cubic Hermite table of SurvivalTable: cell = round(x/h − origin) clamped to
/// [0, last] (2^52 shifter: the cell index sits in the low mantissa bits), s ∈ [0, 1] across the cell.
static inline double survival(const double *table, double x, double inverseSpacing, double origin, double last) {
  double position = x * inverseSpacing - origin;
  position = position < 0 ? 0 : position;
  position = position > last ? last : position;
  const double magic = 4503599627370496.0;
  double shifted = position + magic;
  uint64_t bits;
  memcpy(&bits, &shifted, sizeof bits);
  int64_t cell = (int64_t)(bits & 0xFFFFFFFFFull);
  double s = position - (shifted - magic) + 0.5;
  const double *c = table + 4 * cell;
  return c[0] + s * (c[1] + s * (c[2] + s * c[3]));
}

MK_CLONES
void mk_meso_sweep(int32_t count, double E, double dh, double softness, const double *restrict theta,
                   const double *restrict thetaTilde, const double *restrict n, double *restrict u, double *restrict m,
                   double *restrict v, double *restrict g, int32_t trapezoid, double *restrict fired,
                   double *restrict firedVariance, const double *restrict table, double inverseSpacing, double origin,
                   double last, double *restrict scratch, mk_bin_sums *sums) {
  // Thresholds: the running quasi-renewal sum is a serial scan.
  double running = sums->running;
  for (int32_t i = 0; i < count; i++) {
    scratch[i] = theta[i] + running;
    running += n[i] * thetaTilde[i];
  }
  // Membrane and firing probability, independent across bins (vectorisable; scratch ← P).
  if (trapezoid) {
    for (int32_t i = 0; i < count; i++) {
      double potential = u[i] * E + dh;
      u[i] = potential;
      double G = survival(table, (potential - scratch[i]) * softness, inverseSpacing, origin, last);
      scratch[i] = 1 - g[i] * G;
      g[i] = G;
    }
  } else {
    for (int32_t i = 0; i < count; i++) {
      double potential = u[i] * E + dh;
      u[i] = potential;
      scratch[i] = 1 - survival(table, (potential - scratch[i]) * softness, inverseSpacing, origin, last);
    }
  }
  if (fired) {
    for (int32_t i = 0; i < count; i++) {
      fired[i] = scratch[i] * m[i];
      firedVariance[i] = scratch[i] * v[i];
    }
  }
  // Sums and survivors: four partial sums in a fixed order (blocks of four bins, then the rest).
  double W[4] = {0, 0, 0, 0}, X[4] = {0, 0, 0, 0}, Y[4] = {0, 0, 0, 0}, Z[4] = {0, 0, 0, 0};
  int32_t blocks = count / 4 * 4;
  for (int32_t b = 0; b < blocks; b += 4) {
    for (int32_t l = 0; l < 4; l++) {
      double P = scratch[b + l], mi = m[b + l], vi = v[b + l];
      X[l] += mi;
      W[l] += P * mi;
      Y[l] += P * vi;
      Z[l] += vi;
      v[b + l] = (1 - P) * (1 - P) * vi + P * mi;
      m[b + l] = (1 - P) * mi;
    }
  }
  for (int32_t i = blocks; i < count; i++) {
    double P = scratch[i], mi = m[i], vi = v[i];
    X[0] += mi;
    W[0] += P * mi;
    Y[0] += P * vi;
    Z[0] += vi;
    v[i] = (1 - P) * (1 - P) * vi + P * mi;
    m[i] = (1 - P) * mi;
  }
  sums->running = running;
  sums->W += (W[0] + W[1]) + (W[2] + W[3]);
  sums->X += (X[0] + X[1]) + (X[2] + X[3]);
  sums->Y += (Y[0] + Y[1]) + (Y[2] + Y[3]);
  sums->Z += (Z[0] + Z[1]) + (Z[2] + Z[3]);
}
