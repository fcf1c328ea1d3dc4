import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/src/config.js';
import {
  accountDeletedMail,
  accountResumedMail,
  accountSuspendedMail,
  accountUnlockedMail,
  authIdRenoticeMail,
  usageExpirySetMail,
} from '../../../../server/src/modules/applicant-admin/applicant-mails.js';
import { endOfTokyoDay, maskEmail, parseIsoDate } from '../../../../server/src/modules/applicant-admin/applicant-admin.validate.js';

const config = loadConfig({ PUBLIC_URL: 'https://portal.example.jp' }, []);
const who = { name: 'HOUMU TARO', authId: 'abcd1234ef', at: new Date('2026-04-01T03:00:00Z') };

describe('the mails of the staff actions (docs/spec/staff.md "Applicant accounts")', () => {
  const mails = {
    unlocked: accountUnlockedMail(config, who),
    suspended: accountSuspendedMail(config, who),
    resumed: accountResumedMail(config, who),
    usageExpiry: usageExpirySetMail(config, { ...who, usageEndsOn: '2026-05-31' }),
    renotice: authIdRenoticeMail(config, { ...who, loginUrl: 'https://portal.example.jp/login' }),
    deleted: accountDeletedMail(config, who),
  };
  for (const [label, mail] of Object.entries(mails)) {
    it(`${label}: Japanese first, then English; subject in both; names the 認証ID, never a staff member`, () => {
      const english = mail.text.indexOf('\n(English)\n');
      expect(english).toBeGreaterThan(0);
      expect(mail.text.slice(0, english)).toMatch(/[ぁ-ん]/);
      expect(mail.text.slice(0, english)).toContain('HOUMU TARO 様');
      expect(mail.text.slice(english)).toContain('Dear HOUMU TARO,');
      expect(mail.subject).toMatch(/^【在留申請オンラインシステム】.+ \/ [A-Z]/);
      expect(mail.text.slice(0, english)).toContain(who.authId);
      expect(mail.text.slice(english)).toContain(who.authId);
    });
  }
  it('the usage end names the last day in both languages', () => {
    expect(mails.usageExpiry.text).toContain('2026/05/31（日本時間）まで');
    expect(mails.usageExpiry.text).toContain('until 2026/05/31 (Japan time)');
  });
});

describe('helpers', () => {
  it('masks an address to its first character and domain', () => {
    expect(maskEmail('hanako@example.jp')).toBe('h***@example.jp');
    expect(maskEmail('a@b.jp')).toBe('a***@b.jp');
  });
  it('a usage end date ends at the next day 00:00 in Japan', () => {
    expect(endOfTokyoDay('2026-12-31').toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });
  it('parses real dates only, forgiving full-width digits and slashes', () => {
    expect(parseIsoDate('２０２６/4/1')).toBe('2026-04-01');
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('1899-12-31')).toBeNull();
    expect(parseIsoDate('2026-4')).toBeNull();
  });
});
