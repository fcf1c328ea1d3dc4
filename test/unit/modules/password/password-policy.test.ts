import { describe, expect, it } from 'vitest';
import {
  PASSWORD_EXAMPLE,
  PASSWORD_POLICY,
  checkNewPassword,
  isCommonPassword,
  isPublishedExample,
  passwordProblems,
} from '../../../../server/src/modules/password/password-policy.js';
import { fieldMessages } from '../../../../server/src/i18n/error-messages.js';

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
    expect(check('Kq7#vTz')).toEqual([
      { field: 'password', code: 'WZBAM005E', item: 'password', problems: [{ kind: 'tooShort', length: 7, min: 8 }] },
    ]); // 7
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
    expect(check('short', { field: 'newPassword', confirmation: 'short' })).toMatchObject([
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
    expect(checkNewPassword({ password: 'short', confirmation: 'other' })).toMatchObject([
      { field: 'password', code: 'WZBAM005E', item: 'password' },
      { field: 'passwordConfirmation', code: 'WZBAM160E' },
    ]);
    expect(checkNewPassword({ password: '', confirmation: '' })).toEqual([
      { field: 'password', code: 'WZBAM001E' },
      { field: 'passwordConfirmation', code: 'WZBAM001E' },
    ]);
  });
});

describe('passwordProblems: which rule a refused password breaks (all of them at once)', () => {
  it.each([
    ['password', [{ kind: 'noDigit' }, { kind: 'noSymbol', symbols: '$%&=@_#+.?!' }]],
    ['Ab1!', [{ kind: 'tooShort', length: 4, min: 8 }]],
    [' ', [{ kind: 'tooShort', length: 1, min: 8 }, { kind: 'noLetter' }, { kind: 'noDigit' }, { kind: 'noSymbol', symbols: '$%&=@_#+.?!' }, { kind: 'notAllowed', chars: [' '] }]],
    ['*', [{ kind: 'tooShort', length: 1, min: 8 }, { kind: 'noLetter' }, { kind: 'noDigit' }, { kind: 'noSymbol', symbols: '$%&=@_#+.?!' }, { kind: 'notAllowed', chars: ['*'] }]],
    ['Kq7#vTz9L*m', [{ kind: 'notAllowed', chars: ['*'] }]],
    ['Kq7#vTz9 Lm', [{ kind: 'notAllowed', chars: [' '] }]],
    ['Ｋｑ７＃ｖＴｚ９', [{ kind: 'noLetter' }, { kind: 'noDigit' }, { kind: 'noSymbol', symbols: '$%&=@_#+.?!' }, { kind: 'notAllowed', chars: [...'Ｋｑ７＃ｖＴｚ９'] }]],
    ['Kq7#vTz9Lm' + 'x'.repeat(23), [{ kind: 'tooLong', length: 33, max: 32 }]],
    ['Kq7#vTz9L😀', [{ kind: 'notAllowed', chars: ['😀'] }]], // 10 characters as a person counts them
  ])('%j', (password, problems) => {
    expect(passwordProblems(password)).toEqual(problems);
  });

  it('keeps at most 20 distinct disallowed characters of a huge value, each once', () => {
    const problems = passwordProblems('*'.repeat(5000) + String.fromCharCode(...Array.from({ length: 40 }, (_, i) => 0x3041 + i)));
    const notAllowed = problems.find((p) => p.kind === 'notAllowed');
    expect(notAllowed && 'chars' in notAllowed && notAllowed.chars).toHaveLength(20);
    expect(problems[0]).toEqual({ kind: 'tooLong', length: 5040, max: 32 });
  });

  it('is empty exactly for a well-formed password', () => {
    expect(passwordProblems(GOOD)).toEqual([]);
    expect(check(GOOD)).toEqual([]);
  });
});

describe('the messages of a refused password name every failed rule (ja and en)', () => {
  const messages = (password: string) =>
    (['ja', 'en'] as const).map((locale) => fieldMessages(check(password)[0], locale));

  it('too short, with the count', () => {
    const [ja, en] = messages('Ab1!');
    expect(ja).toEqual({
      message: 'パスワードの入力内容に誤りがあります。8文字以上にしてください（入力されたのは4文字です）。',
      shortMessage: '8文字以上にしてください（入力されたのは4文字です）。',
    });
    expect(en).toEqual({
      message: 'The password you entered is not valid. Use at least 8 characters (you entered 4).',
      shortMessage: 'Use at least 8 characters (you entered 4).',
    });
  });

  it('too long (never truncated), with the count', () => {
    const [ja, en] = messages('Kq7#vTz9Lm' + 'x'.repeat(23));
    expect(ja.shortMessage).toBe('32文字以内にしてください（入力されたのは33文字です）。');
    expect(en.shortMessage).toBe('Use at most 32 characters (you entered 33).');
  });

  it('a missing letter, digit or symbol', () => {
    expect(messages('password')[0].shortMessage).toBe('半角数字を1文字以上含めてください。記号（$%&=@_#+.?!）を1文字以上含めてください。');
    expect(messages('8472#9163$')[1].shortMessage).toBe('Include at least one letter (A–Z or a–z).');
  });

  it('names the characters not allowed: a space, *, full-width characters; invisible ones once', () => {
    expect(messages('Kq7#vTz9 Lm*')[0].shortMessage).toBe('使用できない文字が含まれています：空白、「*」。');
    expect(messages('Kq7#vTz9 Lm*')[1].shortMessage).toBe('Remove the characters that are not allowed: space, "*".');
    expect(messages('Kq7#vTz9Lm！　')[0].shortMessage).toBe('使用できない文字が含まれています：全角空白、全角文字（！）。');
    expect(messages('Kq7#vTz9\u200bLm\u0007')[1].shortMessage).toBe('Remove the characters that are not allowed: an invisible character.');
  });

  it('every failed rule at once', () => {
    expect(messages(' ')[0].shortMessage).toBe(
      '8文字以上にしてください（入力されたのは1文字です）。半角英字を1文字以上含めてください。半角数字を1文字以上含めてください。' +
        '記号（$%&=@_#+.?!）を1文字以上含めてください。使用できない文字が含まれています：空白。',
    );
  });

  it('the field error keeps the manual\'s code and its item is always filled in', () => {
    const [issue] = check('Ab1!', { field: 'newPassword' });
    expect(issue.code).toBe('WZBAM005E');
    expect(fieldMessages(issue, 'ja').message).toMatch(/^新しいパスワードの入力内容に誤りがあります。/);
    expect(fieldMessages(issue, 'ja').message).not.toContain('入力項目');
  });
});

describe('the published examples are refused like common passwords', () => {
  it('the on-screen example, the manual\'s two and their variants', () => {
    expect(PASSWORD_EXAMPLE).toBe('Kasumi7$Seki');
    for (const p of [PASSWORD_EXAMPLE, 'kasumi7$seki', 'Kasumi7Seki!', 'Kasumi7$Seki99', 'CD67890!', 'AB12345!']) {
      expect(isPublishedExample(p), p).toBe(true);
      expect(check(p), p).toEqual([{ field: 'password', code: 'PASSWORD_TOO_COMMON', item: 'password', problems: [{ kind: 'publishedExample' }] }]);
    }
    expect(isPublishedExample('Kasumi7$Sekiya')).toBe(false);
    expect(isPublishedExample(GOOD)).toBe(false);
  });

  it('says so (ja and en)', () => {
    const [issue] = check(PASSWORD_EXAMPLE);
    expect(fieldMessages(issue, 'ja')).toEqual({
      message: 'パスワードには、画面に例として示しているパスワード（数字や記号を足したものを含む）は使用できません。別のパスワードを入力してください。',
      shortMessage: '画面に例として示しているパスワードは使用できません。別のパスワードにしてください。',
    });
    expect(fieldMessages(issue, 'en').shortMessage).toBe('The example shown on the screen cannot be used. Choose a password of your own.');
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
  });
});
