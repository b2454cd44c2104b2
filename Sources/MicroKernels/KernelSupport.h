// Shared by the kernel files of MicroKernels (not part of the module's interface).
#ifndef MK_KERNEL_SUPPORT_H
#define MK_KERNEL_SUPPORT_H

#include <stdint.h>
#include <string.h>

// Every version of a kernel must perform the same IEEE operations: no fused multiply-add.
#pragma clang fp contract(off)

// One version per instruction set, chosen at load time. (Benchmarks/kernels builds each alone by
// defining MK_CLONES empty and passing -march.)
#ifndef MK_CLONES
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__) && __has_attribute(target_clones)
#define MK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MK_CLONES
#endif
#endif

/// e^x with x = k·ln 2 + r, |r| ≤ ln2/2 (Cody–Waite split of ln 2), Taylor polynomial of degree 12
/// in r (truncation < 2e-16), scaled by 2^k built from the exponent bits. Branch-free, vectorisable.
static inline double exp_poly(double x) {
  x = x < -708.0 ? -708.0 : x;
  x = x > 708.0 ? 708.0 : x;
  const double magic = 6755399441055744.0;  // 1.5·2^52: adding it rounds to an integer in the low bits
  double t = x * 1.4426950408889634 + magic;
  double k = t - magic;
  double r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
  double p = 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  uint64_t tb, mb;
  memcpy(&tb, &t, sizeof tb);
  memcpy(&mb, &magic, sizeof mb);
  uint64_t bits = (tb - mb + 1023) << 52;
  double scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

#endif
