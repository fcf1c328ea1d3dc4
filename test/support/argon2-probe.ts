import argon2 from 'argon2';
import { vi } from 'vitest';

/**
 * Counts the argon2 computations really in flight (the real argon2 still runs; a pass-through spy), for tests of the
 * hashing limit. Undone by `vi.restoreAllMocks()`.
 */
export function probeArgon2(...names: ('hash' | 'verify')[]): { readonly maxInFlight: number } {
  let inFlight = 0;
  let maxInFlight = 0;
  for (const name of names) {
    const real = argon2[name].bind(argon2) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(argon2, name).mockImplementation((async (...args: unknown[]) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await real(...args);
      } finally {
        inFlight--;
      }
    }) as never);
  }
  return {
    get maxInFlight() {
      return maxInFlight;
    },
  };
}
