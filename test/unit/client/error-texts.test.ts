import { describe, expect, it } from 'vitest';
import { errorTexts } from '../../../client/src/lib/i18n/errors.js';
import { ERROR_MESSAGES } from '../../../server/src/i18n/error-messages.js';

/**
 * The web client keeps its own copy of the few messages its pages show without an API answer (error pages, double
 * login, forced password change) — not the whole catalog, which would ship to every browser. The copy must stay the
 * catalog's text word for word.
 */
describe('the web client\'s copies of error messages', () => {
  it.each(Object.keys(errorTexts) as ('WZBAM098E' | 'WZBAM099E' | 'WZBAM158E')[])('%s is the catalog\'s text in both languages', (code) => {
    expect(errorTexts[code]).toEqual(ERROR_MESSAGES[code]);
  });
});
