/* Memory bandwidth of this machine, for the cost of a synaptic update in double_well/perf.sh:
 * one thread per core streams over 512 MiB of float32 per thread, (a) reading (sum) and (b) the
 * learning step's pattern, a[i] = a[i] * s + b[i] (reads 8 bytes, writes 4). Best of 5 passes,
 * as bytes per second of wall time and per CPU second of the threads (CLOCK_THREAD_CPUTIME_ID:
 * on a loaded machine the wall time includes the time the threads waited for a core).
 * cc -O3 -pthread bandwidth.c -o bandwidth && ./bandwidth [threads] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N (128u << 20) /* floats per array and thread: 512 MiB */

typedef struct { float *a, *b; int mode; double sum, cpu; } job_t;

static double cpu_now(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static void *work(void *arg) {
  job_t *j = arg;
  double start = cpu_now();
  if (j->mode == 0) {
    const unsigned *bits = (const unsigned *)j->a; /* integer sum: vectorised, so memory-bound */
    unsigned s = 0;
    for (size_t i = 0; i < N; i++) s += bits[i];
    j->sum = s;
  } else {
    for (size_t i = 0; i < N; i++) j->a[i] = j->a[i] * 0.999f + j->b[i];
  }
  j->cpu = cpu_now() - start;
  return NULL;
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  job_t jobs[64];
  pthread_t ids[64];
  for (int t = 0; t < threads; t++) {
    jobs[t].a = malloc(N * sizeof(float));
    jobs[t].b = malloc(N * sizeof(float));
    for (size_t i = 0; i < N; i++) { jobs[t].a[i] = 1; jobs[t].b[i] = 0.001f; }
  }
  const char *names[] = {"read", "read-modify-write (a = a*s + b)"};
  const double bytes[] = {4, 12};
  for (int mode = 0; mode < 2; mode++) {
    double best = 1e30, best_cpu = 1e30;
    for (int pass = 0; pass < 5; pass++) {
      double start = now(), cpu = 0;
      for (int t = 0; t < threads; t++) { jobs[t].mode = mode; pthread_create(&ids[t], NULL, work, &jobs[t]); }
      for (int t = 0; t < threads; t++) { pthread_join(ids[t], NULL); cpu += jobs[t].cpu; }
      double elapsed = now() - start;
      if (elapsed < best) best = elapsed;
      if (cpu < best_cpu) best_cpu = cpu;
    }
    printf("%s: %.1f GB/s with %d threads (%.0f bytes per element); %.2f GB per CPU second\n", names[mode],
           bytes[mode] * N * threads / best / 1e9, threads, bytes[mode], bytes[mode] * N * threads / best_cpu / 1e9);
  }
  return 0;
}
