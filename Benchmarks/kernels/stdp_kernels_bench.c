// Times the STDP kernels alone on the plastic Brunel benchmark's sizes (8 000 postsynaptic neurons
// firing at 35 Hz, presynaptic neurons of 800 synapses each, the pair rule with μ = 1, Δt = 0.1 ms,
// 1 000 steps): thread CPU ns per synapse event of mk_stdp_presynaptic and per neuron and step of
// mk_stdp_post_traces, and the sum of the weights (equal for every build). Build it as run.sh builds
// stdp_kernels_bits.c, with and without -DMK_STDP_SCALAR; under callgrind it gives instruction counts.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "STDPKernels.h"
#include "bits_support.h"
enum { posts = 8000, syn = 800, pres = 2000, ring = 64, length = 8000, delay = 15 };
int main(void) {
  static double plus[length + 1], minus[length + 1], trace[posts], line[posts];
  double *ring_o1 = calloc(posts * ring, 8), *ring_o2 = calloc(posts * ring, 8);
  int32_t *ring_step = calloc(posts * ring, 4);
  uint16_t *narrow = malloc(pres * syn * 2); double *w = malloc(pres * syn * 8);
  int64_t *last = malloc(pres * 8);
  mk_stdp_post *post = aligned_alloc(64, posts * sizeof *post);
  for (int k = 0; k < length; k++) plus[k] = exp(-k / 200.0), minus[k] = exp(-k / 200.0);
  mk_stdp_rule rule = {.delay = delay, .ring_size = ring, .table_length = length, .lambda = 0.01, .alpha_lambda = 0.0202, .mu_plus = 1, .mu_minus = 1, .w_max = 0.3, .w_min = 0, .table_plus = plus, .table_minus = minus, .table_y = minus, .post = post, .ring_step = ring_step, .ring_o1 = ring_o1, .ring_o2 = ring_o2, .trace_now = trace};
  mk_stdp_reset(&rule, posts);
  for (int64_t s = 0; s < (int64_t)pres * syn; s++) narrow[s] = (uint16_t)(posts * uniform()), w[s] = 0.1;
  for (int j = 0; j < pres; j++) last[j] = -1;
  double tk = 0, tt = 0; long events = 0;
  for (int64_t n = 1; n <= 1000; n++) {
    for (int i = 0; i < posts; i++) if (uniform() < 0.0035) mk_stdp_post_spike(&rule, i, n);
    struct timespec a, b, c; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    mk_stdp_post_traces(&rule, 0, posts, n);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    for (int j = 0; j < pres; j++) if (uniform() < 0.0035) {
      mk_stdp_presynaptic(&rule, last[j] >= 0 ? last[j] : 0, n, last[j], 1.0, 0, 1, w + (int64_t)j * syn, narrow + (int64_t)j * syn, NULL, syn, line, 0.1);
      last[j] = n; events += syn; }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c);
    tt += (b.tv_sec - a.tv_sec) + 1e-9 * (b.tv_nsec - a.tv_nsec); tk += (c.tv_sec - b.tv_sec) + 1e-9 * (c.tv_nsec - b.tv_nsec);
  }
  double sum = 0; for (int64_t s = 0; s < (int64_t)pres * syn; s++) sum += w[s];
  printf("%ld synapse events, %ld neuron-steps: kernel %.2f ns/event, traces %.2f ns/neuron-step, sum %.17g\n", events, 1000L * posts, 1e9 * tk / events, 1e9 * tt / (1000.0 * posts), sum);
}
