// Runs every multi-versioned kernel of Sources/MicroKernels on the same pseudo-random blocks and
// prints a checksum of all outputs; run.sh builds it once per instruction set and checks that the
// checksums agree (the kernels' claim: the same bits whichever version the CPU runs).
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bits_support.h"

#include "MicroKernels.h"

enum { n = 203, rounds = 500 };  // n: not a multiple of any vector width, so the tails run too

int main(int argc, char **argv) {
  double dv[n], acc[n], y[n], theta[n], g[n], u[n], budget[n];
  uint16_t counts[n];
  int32_t refractory[n], fired[n];
  for (int i = 0; i < n; i++) {
    y[i] = 50 * uniform(), g[i] = 5 * uniform(), u[i] = 20 * uniform(), budget[i] = 3 * uniform();
    refractory[i] = (int32_t)(4 * uniform());
  }
  for (int r = 0; r < rounds; r++) {
    for (int i = 0; i < n; i++) acc[i] = 0.01 * uniform(), counts[i] = (uint16_t)(5 * uniform());
    mk_synaptic_exponential(n, dv, acc, y, 0.002, 2000, 0.02 * 0.9, 0.02 * 0.1, 0.85, 1);
    for (int i = 0; i < n; i++) acc[i] = 0.01 * uniform();
    mk_synaptic_delta(n, dv, acc, 0.001, 2000, 0.02 * 0.025, 0);
    mk_synaptic_exponential_counts(n, dv, counts, y, 600, 0.018, 0.002, 0.85, 0);
    for (int i = 0; i < n; i++) counts[i] = (uint16_t)(5 * uniform());
    mk_synaptic_delta_counts(n, dv, counts, -3000, 0.0005, 0);
    mk_threshold(n, theta, g, 0.995, 15, 1);
    mk_threshold(n, theta, g, 0.9995, 0, 0);
    int32_t k = mk_neurons(n, u, budget, refractory, r % 2 ? dv : NULL, theta, 0.01, 0.975, 0.6, 0.4, 0.005, fired);
    fold(dv, sizeof dv), fold(y, sizeof y), fold(theta, sizeof theta), fold(u, sizeof u);
    fold(budget, sizeof budget), fold(fired, (size_t)k * sizeof *fired);
    for (int32_t s = 0; s < k; s++) {  // reset the neurons that fired, as the engine does
      int32_t i = fired[s];
      u[i] = 0, refractory[i] = 8, budget[i] = 3 * uniform(), g[i] += 1;
    }
  }
  printf("{\"build\": \"%s\", \"kernels\": \"micro\", \"checksum\": \"%016llx\"}\n", argc > 1 ? argv[1] : "this build",
         (unsigned long long)hash);
  return 0;
}
