import { describe, expect, it } from 'vitest';
import { civilCodeLastDay, coeExpiresOn, parseCalendarDate, tokyoDate } from '../../../../server/src/modules/coe/coe-dates.js';
import { formatCoeNumber, groupedCoeNumber, luhnCheckDigit, parseCoeNumber } from '../../../../server/src/modules/coe/coe-number.js';
import { effectiveState } from '../../../../server/src/modules/coe/coe-states.js';
import { maskedName } from '../../../../server/src/modules/coe/coe-view.js';
import { NATIONALITIES, STATUSES_OF_RESIDENCE } from '../../../../server/src/modules/coe/coe-reference.js';

describe('COE number', () => {
  it('is prefix + year + 7-digit serial + the Luhn digit of the 9 digits (coe.md: year 26, serial 0001234 → TK2600012344)', () => {
    expect(formatCoeNumber('TOKYO', 26, 1234)).toBe('TK2600012344');
    expect(luhnCheckDigit('260001234')).toBe(4);
    // a known Luhn example: 7992739871 has check digit 3
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(formatCoeNumber('NAHA', 2027, 9_999_999)).toMatch(/^NH279999999\d$/);
    expect(() => formatCoeNumber('OSAKA', 26, 10_000_000)).toThrow();
  });

  it('every bureau has its prefix', () => {
    const prefixes = (['SAPPORO', 'SENDAI', 'TOKYO', 'NAGOYA', 'OSAKA', 'HIROSHIMA', 'TAKAMATSU', 'FUKUOKA', 'YOKOHAMA', 'KOBE', 'NAHA'] as const).map((b) =>
      formatCoeNumber(b, 26, 1).slice(0, 2),
    );
    expect(prefixes).toEqual(['SP', 'SD', 'TK', 'NG', 'OS', 'HR', 'TM', 'FK', 'YH', 'KB', 'NH']);
  });

  it('input forgives lower case, spaces, hyphens and full-width forms, and refuses a wrong check digit or prefix', () => {
    for (const typed of ['TK2600012344', 'tk2600012344', 'TK26 0001 2344', 'tk26-0001-2344', 'ＴＫ２６　０００１　２３４４', ' TK-26-0001234-4 ']) {
      expect(parseCoeNumber(typed), typed).toBe('TK2600012344');
    }
    expect(parseCoeNumber('TK2600012345')).toBeNull(); // check digit
    expect(parseCoeNumber('TK2600012434')).toBeNull(); // two digits swapped
    expect(parseCoeNumber('XX2600012344')).toBeNull(); // no such bureau
    expect(parseCoeNumber('TK260001234')).toBeNull();
    expect(parseCoeNumber(null)).toBeNull();
  });

  it('groups of 4 for reading aloud', () => {
    expect(groupedCoeNumber('TK2600012344')).toBe('TK26 0001 2344');
  });
});

describe('Civil Code expiry (3 months)', () => {
  it.each([
    ['2026-01-15', '2026-04-14'],
    ['2026-11-30', '2027-02-28'],
    ['2027-11-30', '2028-02-29'],
    ['2026-03-01', '2026-05-31'],
    ['2026-11-29', '2027-02-28'],
    ['2027-11-29', '2028-02-28'],
    ['2026-10-31', '2027-01-30'],
    ['2026-12-31', '2027-03-30'],
    ['2026-05-31', '2026-08-30'],
    ['2027-12-01', '2028-02-29'],
    ['2026-01-01', '2026-03-31'],
  ])('issued %s → valid until %s', (issued, until) => {
    expect(coeExpiresOn(issued)).toBe(until);
  });

  it('is the general reckoning for other lengths (1 month from 01-31 ends on the last of February)', () => {
    expect(civilCodeLastDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(civilCodeLastDay('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('dates are Japan dates: 2026-01-14T15:00Z is already the 15th in Tokyo', () => {
    expect(tokyoDate(new Date('2026-01-14T14:59:59Z'))).toBe('2026-01-14');
    expect(tokyoDate(new Date('2026-01-14T15:00:00Z'))).toBe('2026-01-15');
  });

  it('EXPIRED is derived the day after expiresOn; REVOKED stays REVOKED', () => {
    expect(effectiveState('MAILED', '2026-04-14', '2026-04-14')).toBe('MAILED');
    expect(effectiveState('MAILED', '2026-04-14', '2026-04-15')).toBe('EXPIRED');
    expect(effectiveState('REVOKED', '2026-04-14', '2026-05-01')).toBe('REVOKED');
  });

  it('birth dates as people type them; impossible days refused', () => {
    expect(parseCalendarDate('1990-04-01')).toBe('1990-04-01');
    expect(parseCalendarDate('1990/4/1')).toBe('1990-04-01');
    expect(parseCalendarDate('１９９０年４月１日')).toBe('1990-04-01');
    expect(parseCalendarDate('1990 4 1')).toBe('1990-04-01');
    expect(parseCalendarDate('2027-02-29')).toBeNull();
    expect(parseCalendarDate('2028-02-29')).toBe('2028-02-29');
    expect(parseCalendarDate('19900401')).toBeNull();
  });
});

describe('COE data', () => {
  it('masked name: the first letter of each part, then asterisks', () => {
    expect(maskedName('TARO HOUMU')).toBe('T*** H****');
    expect(maskedName('ANNA-LENA O\'NEIL')).toBe('A******** O*****');
  });

  it('statuses of residence and nationalities with ja/en names', () => {
    expect(STATUSES_OF_RESIDENCE.get('ENGINEER_HUMANITIES_INTL')).toMatchObject({ ja: '技術・人文知識・国際業務' });
    expect(STATUSES_OF_RESIDENCE.has('PERMANENT_RESIDENT')).toBe(false);
    expect(NATIONALITIES.get('VNM')).toMatchObject({ en: expect.stringMatching(/Viet/) , ja: 'ベトナム' });
    expect(NATIONALITIES.has('JPN')).toBe(false);
    expect(NATIONALITIES.size).toBeGreaterThan(240);
  });
});
