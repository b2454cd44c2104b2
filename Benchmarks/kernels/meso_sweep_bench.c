// Times the mesoscopic bin sweep (Sources/MesoKernels) built for one instruction set, on a history
// shaped like NEST's example network (K = 2772 bins, dt = 0.5 ms, threshold kernel 1 mV·s at 0.1 s
// and 1 s, ΔV = 2.5 mV, λ0 = 10 Hz) and on eight histories shaped like the cortical microcircuit's
// (K = 500, dt = 0.1 ms, τ_m = 10 ms, no kernel, ΔV = 5 mV, λ0 = 10 Hz, k_ref = 20), and prints ns
// per bin update and a checksum of every output bit. run.sh builds it once per instruction set and
// checks that the checksums agree. Potentials and thresholds are in table cells (× 1/(ΔV h)), as
// the kernel takes them.
//
// Each step sweeps the K − k_ref eligible bins in the two ring-buffer runs, as PopulationHistory
// does, then recycles the oldest slot as the newest bin holding the expected count W (the N → ∞
// limit, so the run is deterministic). Not the whole population update (no free pool, Λ, input):
// only the part that costs O(K).
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "MesoKernels.h"

enum { steps = 20000, microcircuitSteps = 10000, populations = 8 };

/// A history shape: K bins, k_ref refractory bins, time step, membrane time constant, ΔV, the
/// potential the bins relax to, the base threshold, N, and whether there is a threshold kernel.
typedef struct {
  int K, refractory;
  double dt, tauM, deltaV, mu, threshold, N;
  int kernel;
} shape;

typedef struct {
  double *theta, *thetaTilde, *n, *w, *m, *v, *g, *fired, *firedVariance;
  int oldest;
} history;

typedef struct {
  double *coefficients, origin, last;
} table;

/// Table cells per mV: 1/(ΔV h) with spacing h = 0.01.
static double cells_per_mV(shape sh) { return 100 / sh.deltaV; }

/// The cubic Hermite table of NetworkCore's SurvivalTable (spacing 0.01) for G = exp(−scale e^x).
static table survival_table(double scale) {
  const double h = 0.01;
  double origin = floor(log(1e-14 / scale) / h);
  int cells = (int)ceil(log(745 / scale) / h - origin) + 2;
  double *c = calloc(4 * (size_t)cells, sizeof(double));
  c[0] = 1;
  for (int i = 1; i < cells - 1; i++) {
    double x0 = (origin + i) * h - h / 2, x1 = x0 + h;
    double s0 = scale * exp(x0), s1 = scale * exp(x1);
    double g0 = exp(-s0), d0 = -g0 * s0 * h, g1 = exp(-s1), d1 = -g1 * s1 * h;
    double *p = c + 4 * i;
    p[0] = g0, p[1] = d0, p[2] = 3 * (g1 - g0) - 2 * d0 - d1, p[3] = 2 * (g0 - g1) + d0 + d1;
  }
  return (table){c, origin, cells - 1};
}

static history allocate(int K) {
  history s;
  double **rows[9] = {&s.theta, &s.thetaTilde, &s.n, &s.w, &s.m, &s.v, &s.g, &s.fired, &s.firedVariance};
  // 7 more elements: mk_meso_sweep reads and writes back a run's last block whole.
  for (int r = 0; r < 9; r++) *rows[r] = calloc((size_t)K + 7, sizeof(double));
  return s;
}

static void release(history *s) {
  double *rows[9] = {s->theta, s->thetaTilde, s->n, s->w, s->m, s->v, s->g, s->fired, s->firedVariance};
  for (int r = 0; r < 9; r++) free(rows[r]);
}

/// The example network's kernel (if any), counts in a fixed pattern, u relaxing from 0 to μ.
static void initialise(history *s, shape sh, int salt) {
  const double k = cells_per_mV(sh);
  for (int j = 0; j < sh.K; j++) {
    double age = (sh.K - j) * sh.dt;
    double theta = sh.kernel ? 10 * exp(-age / 0.1) + exp(-age) : 0;
    s->theta[j] = theta * k;
    s->thetaTilde[j] = sh.deltaV * -expm1(-theta / sh.deltaV) * k / sh.N;
    s->n[j] = (double)((j * 7919 + salt) % 9);
    s->w[j] = sh.mu * -expm1(-age / sh.tauM) * k;
    s->m[j] = s->n[j] * exp(-6 * age);
    s->v[j] = 0.5 * s->m[j];
    s->g[j] = 1;
    s->fired[j] = s->firedVariance[j] = 0;
  }
  s->oldest = 0;
}

/// One population step: the K − k_ref eligible bins in the two ring-buffer runs, as
/// PopulationHistory does, then the oldest slot recycled as the newest bin holding the expected
/// count W (the N → ∞ limit, so the run is deterministic). Returns the sums' total.
static double step(history *s, shape sh, int trapezoid, int record, table t) {
  const double E = exp(-sh.dt / sh.tauM), k = cells_per_mV(sh), dw = sh.mu * (1 - E) * k;
  const int eligible = sh.K - sh.refractory;
  mk_bin_sums sums = {sh.threshold * k, 0, 0, 0, 0};
  int o = s->oldest, first = eligible < sh.K - o ? eligible : sh.K - o;
  double *fired = record ? s->fired : NULL, *firedVariance = record ? s->firedVariance : NULL;
  const double *theta = sh.kernel ? s->theta : NULL, *thetaTilde = sh.kernel ? s->thetaTilde : NULL;
  mk_meso_sweep(first, E, dw, theta, thetaTilde, s->n + o, s->w + o, s->m + o, s->v + o, s->g + o, trapezoid,
                fired ? fired + o : NULL, firedVariance ? firedVariance + o : NULL, t.coefficients, t.origin, t.last,
                &sums);
  mk_meso_sweep(eligible - first, E, dw, theta ? theta + first : NULL, thetaTilde ? thetaTilde + first : NULL, s->n,
                s->w, s->m, s->v, s->g, trapezoid, fired, firedVariance, t.coefficients, t.origin, t.last, &sums);
  s->n[o] = s->m[o] = sums.W;
  s->v[o] = 0, s->w[o] = 0, s->g[o] = 1;
  s->oldest = (o + 1) % sh.K;
  return sums.W + sums.X + sums.Y + sums.Z + sums.running;
}

/// FNV-1a of `count` bytes into *hash.
static void fold(uint64_t *hash, const void *data, size_t count) {
  const unsigned char *bytes = data;
  for (size_t i = 0; i < count; i++) *hash = (*hash ^ bytes[i]) * 0x100000001b3ull;
}

static void fold_history(uint64_t *hash, const history *s, int K) {
  const double *rows[9] = {s->theta, s->thetaTilde, s->n, s->w, s->m, s->v, s->g, s->fired, s->firedVariance};
  for (int r = 0; r < 9; r++) fold(hash, rows[r], (size_t)K * sizeof(double));
}

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/// `count` populations of one shape stepped together for `n` steps; returns CPU ns per bin
/// update and folds every output bit into *hash.
static double run(history *s, int count, shape sh, int n, int trapezoid, int record, table t, uint64_t *hash) {
  double checksum = 0, t0 = seconds();
  for (int i = 0; i < n; i++)
    for (int p = 0; p < count; p++) checksum += step(s + p, sh, trapezoid, record, t);
  double elapsed = seconds() - t0;
  for (int p = 0; p < count; p++) fold_history(hash, s + p, sh.K);
  fold(hash, &checksum, sizeof checksum);
  return 1e9 * elapsed / ((double)n * count * (sh.K - sh.refractory));
}

/// Best of three runs from the same initial state (the hash of the last).
static double best(history *s, int count, shape sh, int n, int trapezoid, int record, table t, uint64_t *hash) {
  double fastest = INFINITY;
  for (int repeat = 0; repeat < 3; repeat++) {
    for (int p = 0; p < count; p++) initialise(s + p, sh, p);
    uint64_t h = *hash;
    double ns = run(s, count, sh, n, trapezoid, record, t, &h);
    fastest = ns < fastest ? ns : fastest;
    if (repeat == 2) *hash = h;
  }
  return fastest;
}

int main(int argc, char **argv) {
  const char *label = argc > 1 ? argv[1] : "this build";
  const shape example = {2772, 8, 0.0005, 0.02, 2.5, 24, 15, 800, 1};
  const shape microcircuit = {500, 20, 0.0001, 0.01, 5, 30, 15, 5000, 0};
  table full = survival_table(10 * example.dt), half = survival_table(0.5 * 10 * example.dt);
  table fine = survival_table(10 * microcircuit.dt);
  uint64_t hash = 0xcbf29ce484222325ull;
  history one = allocate(example.K), eight[populations];
  for (int p = 0; p < populations; p++) eight[p] = allocate(microcircuit.K);
  const char *names[3] = {"end of step", "trapezoid", "end of step + per-bin output"};
  printf("{\"build\": \"%s\", \"K\": %d, \"steps\": %d", label, example.K, steps);
  for (int mode = 0; mode < 3; mode++)
    printf(", \"%s ns/bin\": %.3f", names[mode],
           best(&one, 1, example, steps, mode == 1, mode == 2, mode == 1 ? half : full, &hash));
  printf(", \"microcircuit (8 x K = %d, no kernel) ns/bin\": %.3f", microcircuit.K,
         best(eight, populations, microcircuit, microcircuitSteps, 0, 0, fine, &hash));
  printf(", \"checksum\": \"%016llx\"}\n", (unsigned long long)hash);
  release(&one);
  for (int p = 0; p < populations; p++) release(eight + p);
  free(full.coefficients), free(half.coefficients), free(fine.coefficients);
  return 0;
}
