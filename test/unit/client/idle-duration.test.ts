import { describe, expect, it } from 'vitest';
import { idleDuration } from '../../../client/src/lib/i18n/durations.js';

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
