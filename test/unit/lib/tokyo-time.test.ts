import { describe, expect, it } from 'vitest';
import { nextTokyoDay, parseTokyoTime, tokyoDate, tokyoIso } from '../../../server/src/lib/tokyo-time.js';

/** The back office's times (docs/decisions.md "Notices and the audit tools"): typed and shown in Japan time. */
describe('parseTokyoTime', () => {
  it('a date alone is 00:00 of that day in Japan; a wall-clock time without offset is Japan time; an offset wins', () => {
    expect(parseTokyoTime('2026-04-01')).toEqual({ at: new Date('2026-03-31T15:00:00Z'), dateOnly: true });
    expect(parseTokyoTime(' 2026-04-01T09:30 ')?.at).toEqual(new Date('2026-04-01T00:30:00Z'));
    expect(parseTokyoTime('2026-04-01 09:30:15')?.at).toEqual(new Date('2026-04-01T00:30:15Z'));
    expect(parseTokyoTime('2026-04-01T09:30:15.123456')?.at).toEqual(new Date('2026-04-01T00:30:15.123Z'));
    expect(parseTokyoTime('2026-04-01T09:30:00Z')).toEqual({ at: new Date('2026-04-01T09:30:00Z'), dateOnly: false });
    expect(parseTokyoTime('2026-04-01T09:30:00-05:00')?.at).toEqual(new Date('2026-04-01T14:30:00Z'));
  });

  it('refuses what does not exist or is not one of the forms', () => {
    for (const bad of ['', '2026-02-29', '2026-13-01', '2026-04-31', '2026-04-01T24:00', '2026-04-01T09:60', '2026/04/01', '20260401',
      'tomorrow', '2026-04-01T09:30+15:00', '1969-12-31', '2026-04-01T9:30', null, undefined]) {
      expect(parseTokyoTime(bad as string), String(bad)).toBeNull();
    }
    expect(parseTokyoTime('2028-02-29')).not.toBeNull();
  });
});

describe('formatting', () => {
  it('ISO 8601 with +09:00, the day in Japan, the next day in Japan', () => {
    const t = new Date('2026-04-30T15:00:00.120Z');
    expect(tokyoIso(t)).toBe('2026-05-01T00:00:00.120+09:00');
    expect(tokyoDate(t)).toBe('2026-05-01');
    expect(tokyoDate(new Date('2026-04-30T14:59:59.999Z'))).toBe('2026-04-30');
    expect(nextTokyoDay(new Date('2026-04-29T15:00:00Z'))).toEqual(new Date('2026-04-30T15:00:00Z'));
  });
});
