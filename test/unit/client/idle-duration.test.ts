import { describe, expect, it } from 'vitest';
import { idleDuration } from '../../../client/src/lib/i18n/durations.js';
import { timeLeft } from '../../../client/src/lib/i18n/session.js';

/** The timeout page names the configured idle limit (SESSION_IDLE_TIMEOUT_SECONDS), not always the manual's 30 分. */
describe('idleDuration', () => {
  it.each([
    [1800, 'ja', false, '30分'],
    [1800, 'en', false, '30 minutes'],
    [1800, 'ja', true, '30分(ぷん)'],
    [300, 'ja', true, '5分(ふん)'],
    [120, 'ja', true, '2分(ふん)'],
    [60, 'en', false, '1 minute'],
    [125, 'ja', false, '125秒'],
    [125, 'ja', true, '125秒(びょう)'],
    [125, 'en', false, '125 seconds'],
  ] as const)('%i s in %s (easy: %s) → %s', (seconds, locale, easy, expected) => {
    expect(idleDuration(seconds, locale, easy)).toBe(expected);
  });
});

/** The timeout warning counts down the time the server gives the session (issue 17, item 4). */
describe('timeLeft', () => {
  it.each([
    [120, 'ja', false, '2分'],
    [119, 'ja', false, '1分59秒'],
    [119, 'en', false, '1 minute 59 seconds'],
    [119, 'ja', true, '1分(ぷん)59秒(びょう)'],
    [61, 'en', false, '1 minute 1 second'],
    [59.2, 'ja', false, '1分'],
    [58.2, 'en', false, '59 seconds'],
    [1, 'en', false, '1 second'],
    [0.2, 'ja', false, '1秒'],
  ] as const)('%s s in %s (easy: %s) → %s', (seconds, locale, easy, expected) => {
    expect(timeLeft(seconds, locale, easy)).toBe(expected);
  });
});
