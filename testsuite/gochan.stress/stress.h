/* SPDX-License-Identifier: MIT */
/*
 * stress.h: helpers shared by the gochan.stress tests: figures read from
 * the environment, the resident set size, a small random generator.
 * Every figure a test prints starts with "stress: " so that make stress
 * can collect them from gochan.log.
 */
#ifndef GOCHAN_STRESS_H
#define GOCHAN_STRESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* stress_env_long: the value of environment variable NAME as a positive
   integer, or DEFAULT when it is unset, empty or not a positive number. */
__attribute__ ((__noinline__, __unused__)) static long
stress_env_long (const char *name, long dflt)
{
  const char *s = getenv (name);
  char *end;
  long v;

  if (s == NULL || *s == '\0')
    return dflt;
  v = strtol (s, &end, 10);
  if (*end != '\0' || v <= 0)
    return dflt;
  return v;
}

/* stress_rss_kb: the resident set size in KiB (VmRSS of
   /proc/self/status), or -1 if it cannot be read. */
__attribute__ ((__noinline__, __unused__)) static long
stress_rss_kb (void)
{
  FILE *f = fopen ("/proc/self/status", "r");
  char line[256];
  long kb = -1;

  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f) != NULL)
    if (strncmp (line, "VmRSS:", 6) == 0)
      {
	kb = strtol (line + 6, NULL, 10);
	break;
      }
  fclose (f);
  return kb;
}

/* xorshift64*: a per-goroutine generator, state never 0. */
static inline uint64_t
stress_rand (uint64_t *s)
{
  uint64_t x = *s;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

#endif /* GOCHAN_STRESS_H */
