import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../../server/src/lib/tokens.js';

describe('newToken (drawn from a pooled CSPRNG buffer)', () => {
  it('gives 256-bit URL-safe tokens, all different, across many refills of the pool', () => {
    const tokens = Array.from({ length: 1000 }, newToken); // ~8 refills of 128 tokens
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // no token made of the zeroes the pool leaves behind
    expect(tokens).not.toContain(Buffer.alloc(32).toString('base64url'));
  });

  it('the bytes look random: each bit position is set in about half of 1000 tokens', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 1000; i++) {
      const bytes = Buffer.from(newToken(), 'base64url');
      for (let bit = 0; bit < 256; bit++) if (bytes[bit >> 3] & (1 << (bit & 7))) counts[bit] += 1;
    }
    // 1000 fair coin flips: below 400 or above 600 has a probability of about 1e-10 per position
    for (const c of counts) {
      expect(c).toBeGreaterThan(400);
      expect(c).toBeLessThan(600);
    }
  });

  it('stores only a SHA-256 of the token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
