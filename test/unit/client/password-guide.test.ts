import { describe, expect, it } from 'vitest';
import { dictionary } from '@zxcvbn-ts/language-common';
import { passwordGuide, type Guide } from '../../../client/src/lib/password-guide.js';
import { PASSWORD_EXAMPLE, PASSWORD_POLICY, checkNewPassword } from '../../../server/src/modules/password/password-policy.js';

/**
 * The strength guide under a new-password input (client) against the server's policy: it may never call 強い (nor
 * show any level) a password the server refuses for a reason the page can know — the format, the example on screen,
 * the 認証ID, the current password — and it stays clear of the common-password list as far as it can without it.
 */
const policy = { ...PASSWORD_POLICY, example: PASSWORD_EXAMPLE };
const AUTH_ID = 'tz4k9qm2wx';
const refused = (password: string, currentPassword?: string) =>
  checkNewPassword({ password, confirmation: password, authId: AUTH_ID, currentPassword, field: 'newPassword' }).length > 0;
const strong = (g: Guide) => g.kind === 'strength' && g.level === 3;

describe('passwordGuide', () => {
  it('shows the failing rule, not a level, for every password the audit found refused without a reason', () => {
    for (const p of ['password', 'Ab1!', ' ', '*', 'ＡＢＣ１２３４！', `Hibiya4#${'k'.repeat(25)}`, 'Hibiya4#Kou en', 'Hibiya4#Kou*en']) {
      const g = passwordGuide(p, policy);
      expect(g.kind, p).toBe('unmet');
      expect(refused(p), p).toBe(true);
    }
    expect(passwordGuide('Ab1!', policy).checks.filter((c) => !c.met).map((c) => c.rule)).toEqual(['length']);
    expect(passwordGuide('Hibiya4#Kou*en', policy).checks.filter((c) => !c.met).map((c) => c.rule)).toEqual(['onlyAllowed']);
  });

  it('refuses the on-screen example and its variants, as the server does', () => {
    for (const p of [PASSWORD_EXAMPLE, 'kasumi7$seki', 'Kasumi7Seki!', 'Kasumi7$Seki2024']) {
      expect(passwordGuide(p, policy), p).toMatchObject({ kind: 'refused', reason: 'example' });
      expect(refused(p), p).toBe(true);
    }
  });

  it('refuses the 認証ID and the current password where the page knows them', () => {
    expect(passwordGuide(`Qx!${AUTH_ID.toUpperCase()}`, policy, { authId: AUTH_ID })).toMatchObject({ kind: 'refused', reason: 'authId' });
    expect(passwordGuide('Hibiya4#Kouen', policy, { currentPassword: 'Hibiya4#Kouen' })).toMatchObject({ kind: 'refused', reason: 'sameAsCurrent' });
    expect(refused('Hibiya4#Kouen', 'Hibiya4#Kouen')).toBe(true);
  });

  it('calls a good password 強い, a decorated word at most 普通', () => {
    expect(passwordGuide('Hibiya4#Kouen', policy)).toMatchObject({ kind: 'strength', level: 3 });
    expect(refused('Hibiya4#Kouen')).toBe(false);
    expect(passwordGuide('Sunflowerfield2024!', policy)).toMatchObject({ kind: 'strength', level: 2 });
    expect(passwordGuide('Hb4#Kouen', policy)).toMatchObject({ kind: 'strength', level: 2 });
  });

  it('never calls 強い a password that fails a rule it can check (generated passwords)', () => {
    const parts = ['Hibiya', 'kouen', '4', '#', ' ', '*', 'Ｋ', '2024', '!', 'KASUMI', 'seki', '7$', AUTH_ID, 'x'.repeat(20)];
    let tried = 0;
    for (const a of parts) for (const b of parts) for (const c of parts) {
      const p = a + b + c;
      tried++;
      const g = passwordGuide(p, policy, { authId: AUTH_ID });
      const formatOk = checkNewPassword({ password: p, confirmation: p }).every((i) => i.code !== 'WZBAM005E');
      if (!formatOk) expect(g.kind, p).toBe('unmet');
      if (strong(g)) expect(refused(p), p).toBe(false);
    }
    expect(tried).toBe(parts.length ** 3);
  });

  it('calls almost none of ~394,000 decorated common passwords 強い (the list itself stays on the server)', () => {
    const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
    let strongButRefused = 0;
    let total = 0;
    for (const w of dictionary['passwords-common']) {
      for (const p of [w, cap(w), `${cap(w)}1!`, `${cap(w)}#2024`, `!${cap(w)}9`, `${cap(w).replace(/a/g, '@')}1`, `${cap(w)}.`, `${cap(w)}1`]) {
        total++;
        if (strong(passwordGuide(p, policy)) && refused(p)) strongButRefused++;
      }
    }
    expect(total).toBeGreaterThan(390_000);
    // the known residue (long alphanumeric list entries such as q1w2e3r4t5y6u7), named in password-guide.ts
    expect(strongButRefused).toBeLessThanOrEqual(43);
  });
});
