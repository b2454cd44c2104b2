/* STREAM-like triad a[i] = b[i] + s*c[i] on arrays far larger than the caches: the machine's
 * sustainable memory bandwidth for one thread, the bound of the plastic network's O(N²) step.
 * Build: cc -O2 -o stream_triad stream_triad.c; run: ./stream_triad [doubles per array] [repeats].
 * Bytes counted per element: 24 (two reads, one write, as STREAM; write-allocate traffic not counted). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? strtoull(argv[1], 0, 10) : 20000000;
  int repeats = argc > 2 ? atoi(argv[2]) : 10;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  if (!a || !b || !c) { fprintf(stderr, "out of memory\n"); return 1; }
  for (size_t i = 0; i < n; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
  double best = 1e30, s = 3;
  for (int r = 0; r < repeats; r++) {
    double t0 = seconds();
    for (size_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
    double dt = seconds() - t0;
    if (dt < best) best = dt;
  }
  printf("triad: %zu doubles per array, best of %d: %.4f s, %.2f GB/s (check %.1f)\n", n, repeats, best,
         24.0 * n / best / 1e9, a[n / 2]);
  return 0;
}
