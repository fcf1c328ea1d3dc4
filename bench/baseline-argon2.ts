/**
 * The `login` baseline: how many argon2id verifies per second this machine does with the product's parameters, using
 * every core (the product bounds concurrency to HASH_CONCURRENCY, default 4). A login cannot be faster than this.
 */
import argon2 from 'argon2';
import { ARGON2_PARAMS } from '../server/src/modules/password/password-hasher.js';

export async function argon2VerifyRate(seconds: number, concurrency = 4): Promise<number> {
  const hash = await argon2.hash('Kasumi7$Seki', ARGON2_PARAMS);
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        await argon2.verify(hash, 'Kasumi7$Seki');
        done += 1;
      }
    }),
  );
  return done / seconds;
}
