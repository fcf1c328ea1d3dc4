import { describe, expect, it } from 'vitest';
import { rateLimitedError } from '../../../server/src/errors/graphql-errors.js';

/** RATE_LIMITED says how long to wait, in words and in retryAfterSeconds. */
describe('rateLimitedError', () => {
  it.each([
    [0.2, 'ja', '短時間に多くの要求がありました。約1秒後に再度お試しください。', 1],
    [59.5, 'en', 'Too many requests in a short time. Please try again in about 1 minute.', 60],
    [42, 'en', 'Too many requests in a short time. Please try again in about 42 seconds.', 42],
    [61, 'ja', '短時間に多くの要求がありました。約2分後に再度お試しください。', 61],
    [3600, 'en', 'Too many requests in a short time. Please try again in about 60 minutes.', 3600],
  ] as const)('%s s in %s', (seconds, locale, message, retryAfterSeconds) => {
    const err = rateLimitedError(locale, seconds);
    expect(err.message).toBe(message);
    expect(err.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds });
  });
});
