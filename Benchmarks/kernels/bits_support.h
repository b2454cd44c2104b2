// Shared by the same-bits harnesses of Benchmarks/kernels: a pseudo-random stream and a checksum.
#ifndef BITS_SUPPORT_H
#define BITS_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

static uint64_t state = 12345;
static double uniform(void) {  // SplitMix64
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}

static uint64_t hash = 0xcbf29ce484222325ull;
static void fold(const void *data, size_t bytes) {  // FNV-1a
  const unsigned char *b = data;
  for (size_t i = 0; i < bytes; i++) hash = (hash ^ b[i]) * 0x100000001b3ull;
}

#endif
