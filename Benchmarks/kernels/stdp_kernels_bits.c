// Runs the STDP kernels of Sources/MicroKernels/STDPKernels.c (mk_stdp_post_traces and
// mk_stdp_presynaptic on the pair path, μ₊, μ₋ ∈ {0, 1}, narrow and wide targets, with and without
// depression and a delay line) on pseudo-random postsynaptic histories, bursts included (windows with
// more than three postsynaptic spikes: the out-of-line path), and prints a checksum of every weight,
// delay-line cell and trace. run.sh builds it with the AVX2 paths and with -DMK_STDP_SCALAR (the
// scalar loops only) and checks that the checksums agree.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "STDPKernels.h"
#include "bits_support.h"

enum { posts = 301, synapses = 203, ring = 64, length = 300, delay = 15, rounds = 400 };

int main(int argc, char **argv) {
  static double plus[length + 1], minus[length + 1], trace[posts], ring_o1[posts * ring], ring_o2[posts * ring];
  static double w[synapses], line[posts];
  static int32_t ring_step[posts * ring];
  static uint16_t narrow[synapses];
  static uint32_t wide[synapses];
  mk_stdp_post *post = aligned_alloc(64, posts * sizeof *post);
  for (int k = 0; k < length; k++) plus[k] = exp(-k / 200.0), minus[k] = exp(-k / 150.0);
  plus[length] = minus[length] = 0;
  for (int mu_plus = 0; mu_plus < 2; mu_plus++)
    for (int mu_minus = 0; mu_minus < 2; mu_minus++) {
      mk_stdp_rule rule = {.delay = delay, .ring_size = ring, .table_length = length, .lambda = 0.01,
                           .alpha_lambda = 0.0202, .mu_plus = mu_plus, .mu_minus = mu_minus, .w_max = 0.3,
                           .w_min = 0.01 * mu_minus, .table_plus = plus, .table_minus = minus, .table_y = minus,
                           .post = post, .ring_step = ring_step, .ring_o1 = ring_o1, .ring_o2 = ring_o2, .trace_now = trace};
      mk_stdp_reset(&rule, posts);
      for (int s = 0; s < synapses; s++) w[s] = 0.3 * uniform();
      int64_t last_pre = -1;
      for (int64_t n = 1; n <= rounds * 10; n++) {
        // Postsynaptic spikes: mostly sparse, a burst every few hundred steps in a few neurons.
        for (int i = 0; i < posts; i++)
          if (uniform() < ((n / 100) % 4 == 0 && i % 7 == 0 ? 0.3 : 0.004)) mk_stdp_post_spike(&rule, i, n);
        if (n % 10) continue;
        // A presynaptic spike at n (paired at n), the window (n − 10·k, n] since the last one.
        mk_stdp_post_traces(&rule, 0, posts, n);
        fold(trace, sizeof trace);
        for (int s = 0; s < synapses; s++) narrow[s] = (uint16_t)(posts * uniform()), wide[s] = narrow[s];
        int32_t depress = uniform() < 0.8;
        int use_wide = uniform() < 0.5, use_line = uniform() < 0.7;
        int64_t count = (int64_t)(synapses * uniform()) + 1;
        int64_t window_start = last_pre >= 0 ? last_pre : 0;
        double r1 = 1 + uniform();
        mk_stdp_presynaptic(&rule, window_start, n, last_pre, r1, 0, depress, w, use_wide ? NULL : narrow,
                            use_wide ? wide : NULL, count, use_line ? line : NULL, 0.1);
        fold(w, sizeof w), fold(line, sizeof line);
        last_pre = uniform() < 0.9 ? n : last_pre;  // now and then a presynaptic spike that is skipped
      }
    }
  printf("{\"harness\": \"stdp_kernels_bits\", \"build\": \"%s\", \"checksum\": \"%016llx\"}\n", argc > 1 ? argv[1] : "",
         (unsigned long long)hash);
  free(post);
  return 0;
}
