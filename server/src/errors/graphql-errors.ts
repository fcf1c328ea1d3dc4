import { GraphQLError } from 'graphql';
import type { Locale } from '../i18n/locale.js';
import { ERROR_MESSAGES } from '../i18n/error-messages.js';

/**
 * Top-level errors (api.md "Conventions"): session problems, forbidden, rate limits and unexpected failures.
 * Everything a user can act on inside a form is a result type instead.
 */
export type TopLevelCode =
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'WZBAM099E'
  | 'WZBAM250E'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'WZBAM098E'
  | 'BAD_REQUEST';

const TEXTS: Record<Exclude<TopLevelCode, 'WZBAM099E' | 'WZBAM250E' | 'WZBAM098E'>, Record<Locale, string>> = {
  UNAUTHENTICATED: { ja: 'ログインしてください。', en: 'Please log in.' },
  SESSION_EXPIRED: {
    ja: '一定時間操作がなかったため、ログアウトしました。再度ログインしてください。',
    en: 'You were logged out because there was no activity for a while. Please log in again.',
  },
  FORBIDDEN: { ja: 'この操作は行えません。', en: 'This operation is not allowed.' },
  RATE_LIMITED: {
    ja: '短時間に多くの要求がありました。しばらく待ってから再度お試しください。',
    en: 'Too many requests in a short time. Please wait a while and try again.',
  },
  BAD_REQUEST: { ja: '要求の形式に誤りがあります。', en: 'The request is not valid.' },
};

export function topLevelMessage(code: TopLevelCode, locale: Locale): string {
  if (code === 'WZBAM099E' || code === 'WZBAM250E' || code === 'WZBAM098E') return ERROR_MESSAGES[code][locale];
  return TEXTS[code][locale];
}

export function topLevelError(code: TopLevelCode, locale: Locale, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(topLevelMessage(code, locale), { extensions: { code, ...extensions } });
}

/** Thrown by services when a limit is reached; the GraphQL layer turns it into RATE_LIMITED. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}

/**
 * RATE_LIMITED with the wait in words as well as in `retryAfterSeconds`: "wait a while" is no help when the limit
 * lasts an hour. Seconds below a minute, else whole minutes rounded up.
 */
export function rateLimitedError(locale: Locale, retryAfterSeconds: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const minutes = Math.ceil(seconds / 60);
  const wait =
    locale === 'ja'
      ? seconds < 60 ? `${seconds}秒` : `${minutes}分`
      : seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const message =
    locale === 'ja'
      ? `短時間に多くの要求がありました。約${wait}後に再度お試しください。`
      : `Too many requests in a short time. Please try again in about ${wait}.`;
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } });
}
