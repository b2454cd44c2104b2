#include "MesoKernels.h"

#include <string.h>

#pragma clang fp contract(off)
// The vector helpers are always inlined, so no vector crosses a call boundary in any version.
#pragma clang diagnostic ignored "-Wpsabi"

// One version per instruction set, chosen at load time. (Benchmarks/kernels builds each alone by
// defining MK_CLONES empty and passing -march.)
#ifndef MK_CLONES
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__) && __has_attribute(target_clones)
#define MK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MK_CLONES
#endif
#endif

// Whether the table's cell indices go through memory (survival8): in the AVX-512 version, the one
// that runs where AVX-512 is supported. (Benchmarks/kernels sets it per build with -D.)
#ifndef MK_INDICES_VIA_MEMORY
#define MK_INDICES_VIA_MEMORY __builtin_cpu_supports("avx512f")
#endif

/// Eight bins at a time in clang's generic vectors: element-wise IEEE operations in a fixed order,
/// so every instruction set (one 512-bit, two 256-bit or four 128-bit registers) gives the same bits.
typedef double v8d __attribute__((ext_vector_type(8)));
typedef int64_t v8l __attribute__((ext_vector_type(8)));
typedef int32_t v8i __attribute__((ext_vector_type(8)));
typedef uint32_t v8u __attribute__((ext_vector_type(8)));
typedef double v4d __attribute__((ext_vector_type(4)));

static inline __attribute__((always_inline)) v8d load8(const double *p) {
  v8d x;
  memcpy(&x, p, sizeof x);
  return x;
}

static inline __attribute__((always_inline)) void store8(double *p, v8d x) { memcpy(p, &x, sizeof x); }

static inline __attribute__((always_inline)) v4d load4(const double *p) {
  v4d x;
  memcpy(&x, p, sizeof x);
  return x;
}

/// Eight values with the lanes outside `keep` read as +0 (a bin that holds no neurons and adds nothing).
static inline __attribute__((always_inline)) v8d in8(const double *p, v8l keep) { return (v8d)((v8l)load8(p) & keep); }

/// Stores the lanes of x inside `keep`; the others are written back as they were.
static inline __attribute__((always_inline)) void out8(double *p, v8d x, v8l keep) {
  store8(p, (v8d)(((v8l)x & keep) | ((v8l)load8(p) & ~keep)));
}

/// The lanes shifted up by 1, 2 or 4 with zeros shifted in: a one-source permute and a mask. (A
/// zero-filling two-source shuffle compiles to vexpandpd, which made the whole sweep 2.1× slower on
/// AMD Zen 5.)
#define SHIFT1(x) (v8d)((v8l)__builtin_shufflevector(x, x, 0, 0, 1, 2, 3, 4, 5, 6) & (v8l){0, -1, -1, -1, -1, -1, -1, -1})
#define SHIFT2(x) (v8d)((v8l)__builtin_shufflevector(x, x, 0, 0, 0, 1, 2, 3, 4, 5) & (v8l){0, 0, -1, -1, -1, -1, -1, -1})
#define SHIFT4(x) (v8d)((v8l)__builtin_shufflevector(x, x, 0, 0, 0, 0, 0, 1, 2, 3) & (v8l){0, 0, 0, 0, -1, -1, -1, -1})

/// G from the cubic Hermite table of SurvivalTable at table position p (cells from cell 0's centre):
/// cell = roundeven(p) clamped to [0, last] (an exact integer, converted to int32; the same cell as
/// the 2^52 shifter that was used before, for every p in [0, last]), s ∈ [0, 1] across the cell. Each lane's four coefficients are one 32-byte load,
/// transposed in registers (no gather). With `viaMemory` the eight cell indices pass through memory
/// (one store, eight scalar loads) instead of lane extractions (vmovq, vpextrq, vextracti): ≈ 20 %
/// of the AVX-512 sweep's time on AMD Zen 4, but slower in the AVX2 and baseline builds. Either
/// way the same cells are read.
static inline __attribute__((always_inline)) v8d survival8(const double *table, v8d p, double last, int viaMemory) {
  v8d position = __builtin_elementwise_min(__builtin_elementwise_max(p, (v8d)0), (v8d)last);
  v8d nearest = __builtin_elementwise_roundeven(position);
  v8d s = position - nearest + 0.5;
  v8u cell = (v8u)(__builtin_convertvector(nearest, v8i) * 4);
  if (viaMemory) {
    volatile uint32_t stored[8];
    memcpy((void *)stored, &cell, sizeof cell);
    for (int lane = 0; lane < 8; lane++) cell[lane] = stored[lane];
  }
  v8d r01 = __builtin_shufflevector(load4(table + cell[0]), load4(table + cell[1]), 0, 1, 2, 3, 4, 5, 6, 7);
  v8d r23 = __builtin_shufflevector(load4(table + cell[2]), load4(table + cell[3]), 0, 1, 2, 3, 4, 5, 6, 7);
  v8d r45 = __builtin_shufflevector(load4(table + cell[4]), load4(table + cell[5]), 0, 1, 2, 3, 4, 5, 6, 7);
  v8d r67 = __builtin_shufflevector(load4(table + cell[6]), load4(table + cell[7]), 0, 1, 2, 3, 4, 5, 6, 7);
  // a01 = [c0 | c1] and a23 = [c2 | c3] of bins 0–3, b01 and b23 of bins 4–7, then c_k of all eight.
  v8d a01 = __builtin_shufflevector(r01, r23, 0, 4, 8, 12, 1, 5, 9, 13);
  v8d a23 = __builtin_shufflevector(r01, r23, 2, 6, 10, 14, 3, 7, 11, 15);
  v8d b01 = __builtin_shufflevector(r45, r67, 0, 4, 8, 12, 1, 5, 9, 13);
  v8d b23 = __builtin_shufflevector(r45, r67, 2, 6, 10, 14, 3, 7, 11, 15);
  v8d c0 = __builtin_shufflevector(a01, b01, 0, 1, 2, 3, 8, 9, 10, 11);
  v8d c1 = __builtin_shufflevector(a01, b01, 4, 5, 6, 7, 12, 13, 14, 15);
  v8d c2 = __builtin_shufflevector(a23, b23, 0, 1, 2, 3, 8, 9, 10, 11);
  v8d c3 = __builtin_shufflevector(a23, b23, 4, 5, 6, 7, 12, 13, 14, 15);
  return c0 + s * (c1 + s * (c2 + s * c3));
}

/// The sweep's arguments that stay fixed across blocks.
typedef struct {
  double E, dw;
  const double *table;
  double origin, last;
} sweep_constants;

/// Lane accumulators of W, X, Y, Z and the running quasi-renewal threshold.
typedef struct {
  v8d W, X, Y, Z;
  double running;
} sweep_sums;

/// Eight consecutive bins: thresholds by an exclusive in-register scan of n θ̃ (one dependent add
/// per block), membrane, firing probability P, survivors, and the lane sums. `kernel`, `trapezoid`,
/// `record` and `viaMemory` are constants at every call, so each loop is specialised without branches. Without a
/// threshold kernel (θ ≡ θ̃ ≡ 0) every threshold is `running`: the scan would add exact zeros, so
/// skipping it gives the same bits. Only the first `lanes` bins are used (8 but in a run's last
/// block): the others read as +0 and are written back as they were.
static inline __attribute__((always_inline)) void sweep8(const sweep_constants *k, int kernel, int trapezoid, int record,
                                                         int viaMemory, int32_t lanes,
                                                         const double *theta, const double *thetaTilde,
                                                         const double *n, double *w, double *m, double *v, double *g,
                                                         double *fired, double *firedVariance, sweep_sums *sums) {
  v8l keep = (v8l){0, 1, 2, 3, 4, 5, 6, 7} < (v8l)(int64_t)lanes;
  v8d threshold;
  if (kernel) {
    v8d q = in8(n, keep) * in8(thetaTilde, keep);
    v8d before = SHIFT1(q);
    before = before + SHIFT1(before);
    before = before + SHIFT2(before);
    before = before + SHIFT4(before);
    threshold = in8(theta, keep) + (sums->running + before);
    sums->running = sums->running + (before[7] + q[7]);
  } else {
    threshold = (v8d)sums->running;
  }
  v8d potential = in8(w, keep) * k->E + k->dw;
  out8(w, potential, keep);
  v8d G = survival8(k->table, potential - (threshold + k->origin), k->last, viaMemory);
  v8d P;
  if (trapezoid) {
    P = 1 - in8(g, keep) * G;
    out8(g, G, keep);
  } else {
    P = 1 - G;
  }
  v8d mi = in8(m, keep), vi = in8(v, keep);
  v8d firing = P * mi, firingVariance = P * vi;
  if (record) {
    out8(fired, firing, keep);
    out8(firedVariance, firingVariance, keep);
  }
  sums->X = sums->X + mi;
  sums->W = sums->W + firing;
  sums->Y = sums->Y + firingVariance;
  sums->Z = sums->Z + vi;
  v8d Q = 1 - P;
  out8(v, Q * Q * vi + firing, keep);
  out8(m, Q * mi, keep);
}

/// The lanes' sum in a fixed order.
static inline __attribute__((always_inline)) double total(const v8d *lanes) {
  v8d x = *lanes;
  return ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
}

MK_CLONES
void mk_meso_sweep(int32_t count, double E, double dw, const double *restrict theta, const double *restrict thetaTilde,
                   const double *restrict n, double *restrict w, double *restrict m, double *restrict v,
                   double *restrict g, int32_t trapezoid, double *restrict fired, double *restrict firedVariance,
                   const double *restrict table, double origin, double last, mk_bin_sums *totals) {
  sweep_constants k = {E, dw, table, origin, last};
  sweep_sums sums = {(v8d)0, (v8d)0, (v8d)0, (v8d)0, totals->running};
  int32_t blocks = count / 8 * 8;
  int kernel = theta != NULL;
#define BLOCKS(KERNEL, TRAPEZOID, RECORD, MEMORY)                                                               \
  for (int32_t i = 0; i < blocks; i += 8)                                                                       \
    sweep8(&k, KERNEL, TRAPEZOID, RECORD, MEMORY, 8, KERNEL ? theta + i : NULL, KERNEL ? thetaTilde + i : NULL, n + i, \
           w + i, m + i, v + i, g + i, RECORD ? fired + i : NULL, RECORD ? firedVariance + i : NULL, &sums);
#define RECORDING(KERNEL, TRAPEZOID, MEMORY) \
  if (fired) BLOCKS(KERNEL, TRAPEZOID, 1, MEMORY) else BLOCKS(KERNEL, TRAPEZOID, 0, MEMORY)
#define RULE(KERNEL, MEMORY) \
  if (trapezoid) RECORDING(KERNEL, 1, MEMORY) else RECORDING(KERNEL, 0, MEMORY)
  if (MK_INDICES_VIA_MEMORY) {
    if (kernel) RULE(1, 1) else RULE(0, 1)
  } else {
    if (kernel) RULE(1, 0) else RULE(0, 0)
  }
#undef RULE
#undef RECORDING
#undef BLOCKS
  // The last count mod 8 bins in one block whose further lanes read as bins that hold no neurons
  // and add nothing, and are written back unchanged (the arrays extend to the next multiple of 8).
  int32_t rest = count - blocks;
  if (rest > 0) {
    sweep8(&k, kernel, trapezoid, fired != NULL, 0, rest, kernel ? theta + blocks : NULL,
           kernel ? thetaTilde + blocks : NULL, n + blocks, w + blocks, m + blocks, v + blocks, g + blocks,
           fired ? fired + blocks : NULL, fired ? firedVariance + blocks : NULL, &sums);
  }
  totals->running = sums.running;
  totals->W += total(&sums.W);
  totals->X += total(&sums.X);
  totals->Y += total(&sums.Y);
  totals->Z += total(&sums.Z);
}
