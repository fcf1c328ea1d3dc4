import { describe, expect, it } from 'vitest';
import {
  PASSWORD_POLICY,
  checkNewPassword,
  isCommonPassword,
} from '../../../../server/src/modules/password/password-policy.js';

const AUTH_ID = 'tz4k9qm2wx';
/** a password that passes every rule */
const GOOD = 'Kq7#vTz9Lm';

const check = (password: string | null | undefined, extra: Partial<Parameters<typeof checkNewPassword>[0]> = {}) =>
  checkNewPassword({ password, confirmation: password, authId: AUTH_ID, ...extra });
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('PASSWORD_POLICY', () => {
  it('is the manual\'s rule', () => {
    expect(PASSWORD_POLICY).toEqual({ minLength: 8, maxLength: 32, symbols: '$%&=@_#+.?!' });
  });
});

describe('checkNewPassword', () => {
  it('accepts a good password with a matching confirmation', () => {
    expect(check(GOOD)).toEqual([]);
    expect(check('CD67890!')).toEqual([]); // the manual's second example
  });

  it('missing password → WZBAM001E on the password field', () => {
    for (const p of ['', null, undefined]) {
      expect(checkNewPassword({ password: p, confirmation: GOOD, authId: AUTH_ID })).toEqual([
        { field: 'password', code: 'WZBAM001E' },
      ]);
    }
  });

  it('length: 8 and 32 pass, 7 and 33 fail (never truncated)', () => {
    expect(check('Kq7#vTz9')).toEqual([]); // 8
    expect(check('Kq7#vTz')).toEqual([{ field: 'password', code: 'WZBAM005E', item: 'password' }]); // 7
    const p32 = 'Kq7#vTz9Lm' + 'x'.repeat(22);
    expect(p32).toHaveLength(32);
    expect(check(p32)).toEqual([]);
    expect(codes(check(p32 + 'y'))).toEqual(['WZBAM005E']);
  });

  it('needs a letter, a digit and a symbol', () => {
    expect(codes(check('Kqxvtzlmn#'))).toEqual(['WZBAM005E']); // no digit
    expect(codes(check('8472#9163$'))).toEqual(['WZBAM005E']); // no letter
    expect(codes(check('Kq7vTz9Lm3'))).toEqual(['WZBAM005E']); // no symbol
  });

  it('accepts each of the symbols $%&=@_#+.?!', () => {
    for (const s of PASSWORD_POLICY.symbols) expect(check(`Kq7vTz9L${s}`), s).toEqual([]);
  });

  it('rejects other symbols, spaces, full-width and non-ASCII characters, control characters', () => {
    for (const p of ['Kq7vTz9L-', 'Kq7vTz9L*', 'Kq7v Tz9L!', ' Kq7vTz9L!', 'Kq7vTz9L!\u0000', 'Ｋq7vTz9L!', 'Kq7vTz9L！', 'Kq7vTz9Lé!', 'Kq7vTz9L😀!']) {
      expect(codes(check(p)), JSON.stringify(p)).toEqual(['WZBAM005E']);
    }
  });

  it('a huge value is a WZBAM005E, not an exception', () => {
    expect(codes(check('Aa1!'.repeat(2500)))).toEqual(['WZBAM005E']);
  });

  it('never trims or changes case: the confirmation must match exactly', () => {
    expect(checkNewPassword({ password: GOOD, confirmation: GOOD.toLowerCase(), authId: AUTH_ID })).toEqual([
      { field: 'passwordConfirmation', code: 'WZBAM160E' },
    ]);
    expect(codes(checkNewPassword({ password: GOOD, confirmation: ` ${GOOD}`, authId: AUTH_ID }))).toEqual(['WZBAM160E']);
  });

  it('uses item newPassword when the field is newPassword', () => {
    expect(check('short', { field: 'newPassword', confirmation: 'short' })).toEqual([
      { field: 'newPassword', code: 'WZBAM005E', item: 'newPassword' },
    ]);
  });

  it('rejects a password containing the 認証ID, case-insensitively', () => {
    expect(check('x!TZ4K9QM2WX')).toEqual([
      { field: 'password', code: 'PASSWORD_CONTAINS_AUTH_ID', item: 'password' },
    ]);
    expect(codes(check('Q#tz4k9qm2wxz'))).toEqual(['PASSWORD_CONTAINS_AUTH_ID']);
    expect(codes(check('x!Tz4k9qm2w'))).toEqual([]); // only a part of it
    // without an authId the check is skipped
    expect(checkNewPassword({ password: 'x!TZ4K9QM2WX', confirmation: 'x!TZ4K9QM2WX' })).toEqual([]);
  });

  it('rejects a common password', () => {
    expect(check('Password1!')).toEqual([{ field: 'password', code: 'PASSWORD_TOO_COMMON', item: 'password' }]);
    expect(codes(check('Qwerty123!'))).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it('rejects the current password when changing', () => {
    expect(
      check(GOOD, { currentPassword: GOOD, field: 'newPassword', confirmationField: 'newPasswordConfirmation' }),
    ).toEqual([{ field: 'newPassword', code: 'PASSWORD_SAME_AS_CURRENT', item: 'newPassword' }]);
    // the comparison is exact
    expect(check(GOOD, { currentPassword: GOOD.toUpperCase() })).toEqual([]);
  });

  it('confirmation missing → WZBAM001E on the confirmation field', () => {
    expect(checkNewPassword({ password: GOOD, confirmation: '', authId: AUTH_ID })).toEqual([
      { field: 'passwordConfirmation', code: 'WZBAM001E' },
    ]);
    expect(
      checkNewPassword({ password: GOOD, confirmation: null, confirmationField: 'newPasswordConfirmation' }),
    ).toEqual([{ field: 'newPasswordConfirmation', code: 'WZBAM001E' }]);
  });

  it('confirmation differs → the mismatch code (WZBAM160E by default, WZBAM162E on the change form)', () => {
    expect(checkNewPassword({ password: GOOD, confirmation: GOOD + 'x' })).toEqual([
      { field: 'passwordConfirmation', code: 'WZBAM160E' },
    ]);
    expect(
      checkNewPassword({
        password: GOOD,
        confirmation: 'Other1!xx',
        field: 'newPassword',
        confirmationField: 'newPasswordConfirmation',
        mismatchCode: 'WZBAM162E',
      }),
    ).toEqual([{ field: 'newPasswordConfirmation', code: 'WZBAM162E' }]);
  });

  it('reports the password and the confirmation issues together', () => {
    expect(checkNewPassword({ password: 'short', confirmation: 'other' })).toEqual([
      { field: 'password', code: 'WZBAM005E', item: 'password' },
      { field: 'passwordConfirmation', code: 'WZBAM160E' },
    ]);
    expect(checkNewPassword({ password: '', confirmation: '' })).toEqual([
      { field: 'password', code: 'WZBAM001E' },
      { field: 'passwordConfirmation', code: 'WZBAM001E' },
    ]);
  });
});

describe('isCommonPassword', () => {
  it('finds list entries case-insensitively', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('qwerty')).toBe(true);
    expect(isCommonPassword('123456')).toBe(true);
  });
  it('finds list entries decorated with symbols and trailing digits', () => {
    expect(isCommonPassword('Password1!')).toBe(true); // password1 / password
    expect(isCommonPassword('Dragon!2024')).toBe(true); // dragon
    expect(isCommonPassword('mon.key99')).toBe(true); // monkey
    expect(isCommonPassword('Sunshine#7')).toBe(true);
  });
  it('does not strip down to fragments shorter than 4 characters', () => {
    // "dog" is in the list, but a stripped form that short says nothing
    expect(isCommonPassword('dog')).toBe(true);
    expect(isCommonPassword('Dog!!!!!9')).toBe(false);
    expect(isCommonPassword('D.o.g#12345')).toBe(false);
  });
  it('passes uncommon passwords', () => {
    expect(isCommonPassword('Kq7#vTz9Lm')).toBe(false);
    expect(isCommonPassword('CD67890!')).toBe(false);
  });
});
