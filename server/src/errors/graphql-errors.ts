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

/** every code but RATE_LIMITED has a fixed message; RATE_LIMITED's names the wait (rateLimitedError) */
type FixedMessageCode = Exclude<TopLevelCode, 'RATE_LIMITED'>;

/** the codes whose message is the manual's (ERROR_MESSAGES) */
const MANUAL_CODES = ['WZBAM099E', 'WZBAM250E', 'WZBAM098E'] as const;
type ManualCode = (typeof MANUAL_CODES)[number];
const isManualCode = (code: FixedMessageCode): code is ManualCode => (MANUAL_CODES as readonly string[]).includes(code);

/** the fixed messages that are not the manual's */
const TEXTS: Record<Exclude<FixedMessageCode, ManualCode>, Record<Locale, string>> = {
  UNAUTHENTICATED: { ja: 'ログインしてください。', en: 'Please log in.' },
  SESSION_EXPIRED: {
    ja: '一定時間操作がなかったため、ログアウトしました。再度ログインしてください。',
    en: 'You were logged out because there was no activity for a while. Please log in again.',
  },
  FORBIDDEN: { ja: 'この操作は行えません。', en: 'This operation is not allowed.' },
  BAD_REQUEST: { ja: '要求の形式に誤りがあります。', en: 'The request is not valid.' },
};

/** RATE_LIMITED's message; {wait} is the wait in words (rateLimitedError). */
const RATE_LIMITED_TEXT: Record<Locale, string> = {
  ja: '短時間に多くの要求がありました。約{wait}後に再度お試しください。',
  en: 'Too many requests in a short time. Please try again in about {wait}.',
};

export function topLevelMessage(code: FixedMessageCode, locale: Locale): string {
  return isManualCode(code) ? ERROR_MESSAGES[code][locale] : TEXTS[code][locale];
}

export function topLevelError(code: FixedMessageCode, locale: Locale, extensions: Record<string, unknown> = {}): GraphQLError {
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
  const [count, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  const wait = locale === 'ja' ? `${count}${unit === 'second' ? '秒' : '分'}` : `${count} ${unit}${count === 1 ? '' : 's'}`;
  const message = RATE_LIMITED_TEXT[locale].replace('{wait}', wait);
  return new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } });
}
