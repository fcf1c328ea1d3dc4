import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqlResponse, TestServer } from '../../support/test-server.js';
import { LOGIN, ME, PASSWORD, SET_PASSWORD, clientAddresses, uniqueEmail } from '../../support/fixtures.js';
import {
  LINK_SECONDS,
  RESET_SECONDS,
  issueLink as issueLinkFor,
  registerWithKnownLink,
  startLinkTestServer,
  type RegisteredWithLink as Registered,
} from '../../support/link-helpers.js';
import type { LinkPurpose } from '../../../server/src/modules/password/email-link.entity.js';
import { phcParts } from '../../support/phc.js';

/**
 * setPassword from an e-mailed link through real HTTP + GraphQL: the password policy (rules.md §3), what a successful
 * set writes, every way a link is invalid (rules.md §6, security.md 16), single use under concurrency, the unknown-token
 * rate limit (rules.md §7) and a reset link's extra effects (rules.md §4–§5).
 *
 * One server with the real limits (multiplier 1) behind a trusted proxy; every registration names a fresh client
 * address so the registration limit never interferes.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startLinkTestServer();
});
afterAll(async () => server?.stop());

/** A client address no other test of this file uses. */
const freshIp = clientAddresses('10.2');

const registerUser = () => registerWithKnownLink(server, freshIp());
const issueLink = (user: { userId: string; email: string }, purpose: LinkPurpose) => issueLinkFor(server, user, purpose);

function setPassword(token: string | null, password: string | null, passwordConfirmation: string | null = password, opts: { lang?: string; ip?: string } = {}) {
  return server.gql(
    SET_PASSWORD,
    { input: { token, password, passwordConfirmation } },
    { lang: opts.lang, headers: { 'x-forwarded-for': opts.ip ?? freshIp() } },
  );
}

async function result(res: GqlResponse) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.setPassword;
}

const LINK_INVALID_JA =
  'このリンクは無効です。有効期限が切れたか、既に使用されたか、新しいリンクが送信されています。パスワード再設定からやり直してください。';
const LINK_INVALID_EN =
  'This link is not valid: it has expired, has already been used, or a newer link was sent. Please start again from "Forgot your password".';
const INVALID_LINK = { __typename: 'InvalidLinkError', code: 'LINK_INVALID', message: LINK_INVALID_JA };

async function account(userId: string) {
  return (await server.db.query('select * from user_account where id = $1', [userId])).rows[0];
}
async function mails(userId: string, kind?: string) {
  const { rows } = await server.db.query(
    'select * from mail_outbox where user_id = $1 and ($2::text is null or kind = $2) order by created_at',
    [userId, kind ?? null],
  );
  return rows;
}

describe('the password policy (rules.md §3), through setPassword', () => {
  let user: Registered;
  beforeAll(async () => {
    user = await registerUser();
  });

  const E005 = 'パスワードの入力内容に誤りがあります。8文字以上にしてください（入力されたのは7文字です）。';
  const cases: { label: string; password: string | null; confirmation?: string | null; errors: [string, string][]; summary: string; message?: string }[] = [
    { label: 'missing password and confirmation → WZBAM001E on both', password: null, confirmation: null, errors: [['password', 'WZBAM001E'], ['passwordConfirmation', 'WZBAM001E']], summary: 'WZBAM001E', message: '「！」がついている項目を入力してください。' },
    { label: 'empty password → WZBAM001E', password: '', confirmation: 'Kasumi7$Seki', errors: [['password', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: '7 characters → WZBAM005E', password: 'Kas7$ki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E', message: E005 },
    { label: '33 characters → WZBAM005E (never truncated)', password: `Kasumi7$${'k'.repeat(25)}`, errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'no digit → WZBAM005E', password: 'Kasumi$Seki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'no symbol → WZBAM005E', password: 'Kasumi7Seki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'no letter → WZBAM005E', password: '4829$7316', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a full-width letter → WZBAM005E', password: 'Ｋasumi7$Seki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'full-width digits and symbol → WZBAM005E', password: 'Kasumi７＄Seki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a space inside → WZBAM005E', password: 'Kasumi7$ Seki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a trailing space (never trimmed) → WZBAM005E', password: 'Kasumi7$Seki ', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a symbol outside $%&=@_#+.?! → WZBAM005E', password: 'Kasumi7$Seki-', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'only a disallowed symbol (*) → WZBAM005E', password: 'Kasumi7*Seki', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    // (refused before anything else, in the confirmation as well: rules.md §1)
    { label: 'a NUL byte → WZBAM005E', password: 'Kasumi7$\u0000Seki', errors: [['password', 'WZBAM005E'], ['passwordConfirmation', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'an emoji → WZBAM005E', password: 'Kasumi7$Seki😀', errors: [['password', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: '10,000 characters → WZBAM005E', password: `Kasumi7$${'k'.repeat(9_992)}`, errors: [['password', 'WZBAM005E'], ['passwordConfirmation', 'WZBAM005E']], summary: 'WZBAM005E' },
    { label: 'a common password (Password1!) → PASSWORD_TOO_COMMON', password: 'Password1!', errors: [['password', 'PASSWORD_TOO_COMMON']], summary: 'PASSWORD_TOO_COMMON', message: 'パスワードは多くの人が使っている推測されやすいものです。別のパスワードを入力してください。' },
    { label: 'a common password decorated (Qwerty123$) → PASSWORD_TOO_COMMON', password: 'Qwerty123$', errors: [['password', 'PASSWORD_TOO_COMMON']], summary: 'PASSWORD_TOO_COMMON' },
    { label: 'confirmation different → WZBAM160E on passwordConfirmation', password: PASSWORD, confirmation: `${PASSWORD.slice(0, -1)}1`, errors: [['passwordConfirmation', 'WZBAM160E']], summary: 'WZBAM160E', message: 'パスワードとパスワード（再入力）には同じ値を入力してください。' },
    { label: 'confirmation in another case → WZBAM160E (case matters)', password: PASSWORD, confirmation: PASSWORD.toLowerCase(), errors: [['passwordConfirmation', 'WZBAM160E']], summary: 'WZBAM160E' },
    { label: 'confirmation missing → WZBAM001E on passwordConfirmation', password: PASSWORD, confirmation: null, errors: [['passwordConfirmation', 'WZBAM001E']], summary: 'WZBAM001E' },
    { label: 'a bad password and a different confirmation → both, WZBAM018E', password: 'short', confirmation: 'other', errors: [['password', 'WZBAM005E'], ['passwordConfirmation', 'WZBAM160E']], summary: 'WZBAM018E' },
  ];
  for (const c of cases) {
    it(c.label, async () => {
      const r = await result(await setPassword(user.token, c.password, c.confirmation === undefined ? c.password : c.confirmation));
      expect(r.__typename).toBe('InputValidationError');
      expect(r.fieldErrors.map((f: { field: string; code: string }) => [f.field, f.code])).toEqual(c.errors);
      expect(r.code).toBe(c.summary);
      if (c.message) expect(r.fieldErrors[0].message).toBe(c.message);
    });
  }

  it('the on-screen example (Kasumi7$Seki) and its variants → PASSWORD_TOO_COMMON saying it is the example', async () => {
    for (const password of ['Kasumi7$Seki', 'kasumi7$seki', 'Kasumi7$Seki1']) {
      const r = await result(await setPassword(user.token, password));
      expect(r.fieldErrors, password).toEqual([
        {
          field: 'password',
          code: 'PASSWORD_TOO_COMMON',
          message: 'パスワードには、画面に例として示しているパスワード（数字や記号を足したものを含む）は使用できません。別のパスワードを入力してください。',
        },
      ]);
    }
  });

  it('a password containing the 認証ID → PASSWORD_CONTAINS_AUTH_ID, also in upper case', async () => {
    for (const password of [`${user.authId}$A`, `Q!${user.authId.toUpperCase()}`, `x${user.authId.slice(0, 5).toUpperCase()}${user.authId.slice(5)}#`]) {
      const r = await result(await setPassword(user.token, password));
      expect(r.__typename).toBe('InputValidationError');
      expect(r.fieldErrors, password).toEqual([
        { field: 'password', code: 'PASSWORD_CONTAINS_AUTH_ID', message: 'パスワードに認証IDを含めないでください。' },
      ]);
      expect(r.code).toBe('PASSWORD_CONTAINS_AUTH_ID');
    }
  });

  it('messages in English with Accept-Language: en, without codes', async () => {
    const r = await result(await setPassword(user.token, 'Password1!', 'Password1?', { lang: 'en' }));
    expect(r).toEqual({
      __typename: 'InputValidationError',
      code: 'WZBAM018E',
      message: 'The items marked "!" contain errors. Check the content and format, and enter them again.',
      fieldErrors: [
        { field: 'password', code: 'PASSWORD_TOO_COMMON', message: 'This password is one that many people use and is easy to guess. Please choose another one.' },
        { field: 'passwordConfirmation', code: 'WZBAM160E', message: 'Enter the same value in Password and Password (re-enter).' },
      ],
    });
  });

  it('none of the refusals used the link or touched the account', async () => {
    const { rows } = await server.db.query('select used_at, voided_at from email_link where user_id = $1', [user.userId]);
    expect(rows).toEqual([{ used_at: null, voided_at: null }]);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
    expect(await mails(user.userId, 'PASSWORD_SET')).toEqual([]);
    // and the link still works
    expect(await result(await setPassword(user.token, PASSWORD))).toEqual({ __typename: 'PasswordSet', authId: user.authId });
  });

  it('8 and 32 characters are accepted', async () => {
    for (const password of ['Kas7$mik', `Kasumi7$${'q'.repeat(24)}`]) {
      const u = await registerUser();
      expect(await result(await setPassword(u.token, password)), password).toEqual({ __typename: 'PasswordSet', authId: u.authId });
    }
  });
});

describe('a refused password says which rule failed (audit: every one answered 「入力項目の入力内容に誤りがあります」)', () => {
  let user: Registered;
  beforeAll(async () => {
    user = await registerUser();
  });

  const WITH_SHORT = /* GraphQL */ `
    mutation SetPassword($input: SetPasswordInput!) {
      setPassword(input: $input) {
        __typename
        ... on InputValidationError { code message fieldErrors { field code message shortMessage } }
      }
    }`;
  const SYMBOLS = '$%&=@_#+.?!';
  const SHORT = (n: number) => ({ ja: `8文字以上にしてください（入力されたのは${n}文字です）。`, en: `Use at least 8 characters (you entered ${n}).` });
  const LETTER = { ja: '半角英字を1文字以上含めてください。', en: 'Include at least one letter (A–Z or a–z).' };
  const DIGIT = { ja: '半角数字を1文字以上含めてください。', en: 'Include at least one digit (0–9).' };
  const SYMBOL = { ja: `記号（${SYMBOLS}）を1文字以上含めてください。`, en: `Include at least one of the symbols ${SYMBOLS}.` };
  const NOT_ALLOWED = (ja: string, en: string) => ({ ja: `使用できない文字が含まれています：${ja}。`, en: `Remove the characters that are not allowed: ${en}.` });
  const cases: [string, string, { ja: string; en: string }[]][] = [
    ['"password"', 'password', [DIGIT, SYMBOL]],
    ['"Ab1!" (too short)', 'Ab1!', [SHORT(4)]],
    ['a space', ' ', [SHORT(1), LETTER, DIGIT, SYMBOL, NOT_ALLOWED('空白', 'space')]],
    ['"*"', '*', [SHORT(1), LETTER, DIGIT, SYMBOL, NOT_ALLOWED('「*」', '"*"')]],
    ['a space and * inside an otherwise good password', 'Hibiya4# Kou*en', [NOT_ALLOWED('空白、「*」', 'space, "*"')]],
    ['full-width characters', 'Ｈｉｂｉｙａ４＃', [LETTER, DIGIT, SYMBOL, NOT_ALLOWED('全角文字（Ｈｉｂｙａなど）', 'full-width characters (Ｈｉｂｙａ and others)')]],
    ['33 characters (never truncated)', `Hibiya4#${'k'.repeat(25)}`, [{ ja: '32文字以内にしてください（入力されたのは33文字です）。', en: 'Use at most 32 characters (you entered 33).' }]],
  ];
  it.each(cases)('%s: WZBAM005E naming every failed rule, in ja and en, the item filled in', async (_label, password, reasons) => {
    for (const lang of ['ja', 'en'] as const) {
      const res = await server.gql(WITH_SHORT, { input: { token: user.token, password, passwordConfirmation: password } }, { lang, headers: { 'x-forwarded-for': freshIp() } });
      const r = res.data.setPassword;
      const because = reasons.map((x) => x[lang]).join(lang === 'ja' ? '' : ' ');
      expect(r.code).toBe('WZBAM005E');
      expect(r.message).toBe(
        lang === 'ja' ? 'パスワードの入力内容に誤りがあります。再度入力してください。' : 'The password you entered is not valid. Please enter it again.',
      );
      expect(r.fieldErrors).toEqual([
        {
          field: 'password',
          code: 'WZBAM005E',
          message: lang === 'ja' ? `パスワードの入力内容に誤りがあります。${because}` : `The password you entered is not valid. ${because}`,
          shortMessage: because,
        },
      ]);
      expect(JSON.stringify(r)).not.toMatch(/入力項目|\binput\b|\{item\}/);
    }
  });

  it('the summary of several fields and the short message of every other code name no placeholder', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const res = await server.gql(WITH_SHORT, { input: { token: user.token, password: 'Password1!', passwordConfirmation: '' } }, { lang, headers: { 'x-forwarded-for': freshIp() } });
      const r = res.data.setPassword;
      expect(r.code).toBe('WZBAM001E');
      expect(r.fieldErrors.map((f: { shortMessage: string }) => f.shortMessage)).toEqual(
        lang === 'ja'
          ? ['よく使われていて推測されやすいパスワードです。別のパスワードにしてください。', '入力してください。']
          : ['Many people use this password, so it is easy to guess. Choose another one.', 'Please fill this in.'],
      );
    }
  });
});

describe('a valid password', () => {
  it('activates the account with an argon2id hash, sets password_changed_at, mails PASSWORD_SET and answers PasswordSet', async () => {
    const user = await registerUser();
    server.clock.advance(60);
    const now = server.clock.now();
    const r = await result(await setPassword(user.token, PASSWORD));
    expect(r).toEqual({ __typename: 'PasswordSet', authId: user.authId });

    const row = await account(user.userId);
    expect(row.status).toBe('ACTIVE');
    const phc = phcParts(row.password_hash);
    expect(phc?.algorithm, row.password_hash).toBe('argon2id');
    expect(phc!.m).toBeGreaterThanOrEqual(19456);
    expect(phc!.t).toBeGreaterThanOrEqual(2);
    expect(phc!.p).toBeGreaterThanOrEqual(1);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(row.password_changed_at.getTime()).toBe(now.getTime());

    const { rows: links } = await server.db.query('select used_at from email_link where user_id = $1', [user.userId]);
    expect(links.map((l) => l.used_at?.getTime())).toEqual([now.getTime()]);

    const sent = await mails(user.userId, 'PASSWORD_SET');
    expect(sent).toHaveLength(1);
    expect(sent[0].recipient).toBe(user.email);
    expect(sent[0].subject).toBe('【在留申請オンラインシステム】パスワード登録完了のお知らせ / Your password has been set');
    expect(sent[0].body).toContain(user.authId);
    expect(sent[0].body).not.toContain(PASSWORD);

    // The hash is of this password: logging in works.
    const login = await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } });
    expect(login.data.login.__typename).toBe('LoginSuccess');
  });

  it('the used link then answers LINK_INVALID (ja and en)', async () => {
    const user = await registerUser();
    expect((await result(await setPassword(user.token, PASSWORD))).__typename).toBe('PasswordSet');
    const hashBefore = (await account(user.userId)).password_hash;

    expect(await result(await setPassword(user.token, 'Other8#Password'))).toEqual(INVALID_LINK);
    expect(await result(await setPassword(user.token, 'Other8#Password', 'Other8#Password', { lang: 'en' }))).toEqual({
      ...INVALID_LINK,
      message: LINK_INVALID_EN,
    });
    // Even an invalid password gets the link answer: the link is checked first.
    expect(await result(await setPassword(user.token, 'x'))).toEqual(INVALID_LINK);
    expect((await account(user.userId)).password_hash).toBe(hashBefore);
    expect(await mails(user.userId, 'PASSWORD_SET')).toHaveLength(1);
  });
});

describe('invalid links answer LINK_INVALID', () => {
  it('unknown, empty and missing tokens', async () => {
    for (const token of ['no-such-token', 'A'.repeat(43), '', null, 'x'.repeat(10_000), 'tok\u0000en', "' OR 1=1 --"]) {
      expect(await result(await setPassword(token, PASSWORD)), String(token).slice(0, 20)).toEqual(INVALID_LINK);
    }
  });

  it(`expired: valid for REGISTRATION_LINK_SECONDS (${LINK_SECONDS}), invalid from then on`, async () => {
    const user = await registerUser();
    server.clock.advance(LINK_SECONDS - 1);
    // still valid one second before: the policy answers, not the link
    const early = await result(await setPassword(user.token, 'short'));
    expect(early.__typename).toBe('InputValidationError');
    server.clock.advance(1);
    expect(await result(await setPassword(user.token, PASSWORD))).toEqual(INVALID_LINK);
    server.clock.advance(86_400);
    expect(await result(await setPassword(user.token, PASSWORD))).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
  });

  it('superseded: a newer link voids the older one; the newer one works', async () => {
    const user = await registerUser();
    const newer = await issueLink(user, 'FIRST_PASSWORD');
    expect(await result(await setPassword(user.token, PASSWORD))).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
    expect(await result(await setPassword(newer, PASSWORD))).toEqual({ __typename: 'PasswordSet', authId: user.authId });
  });

  it('the account e-mail changed after the link was sent', async () => {
    const user = await registerUser();
    await server.db.query('update user_account set email = $1 where id = $2', [uniqueEmail(), user.userId]);
    expect(await result(await setPassword(user.token, PASSWORD))).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
  });

  it('only the case of the address changed: the link still works (addresses compare case-insensitively)', async () => {
    const user = await registerUser();
    await server.db.query('update user_account set email = upper(email) where id = $1', [user.userId]);
    expect((await result(await setPassword(user.token, PASSWORD))).__typename).toBe('PasswordSet');
  });

  for (const status of ['SUSPENDED', 'DELETED', 'INVALID']) {
    it(`the account is ${status}`, async () => {
      const user = await registerUser();
      await server.db.query('update user_account set status = $1 where id = $2', [status, user.userId]);
      expect(await result(await setPassword(user.token, PASSWORD))).toEqual(INVALID_LINK);
      expect(await account(user.userId)).toMatchObject({ status, password_hash: null });
      const { rows } = await server.db.query('select used_at from email_link where user_id = $1', [user.userId]);
      expect(rows).toEqual([{ used_at: null }]);
      expect(await mails(user.userId, 'PASSWORD_SET')).toEqual([]);
    });
  }
});

describe('changes while the password is being hashed (decided again under the row lock)', () => {
  /**
   * Runs setPassword and, while the server is inside the (slow) argon2 hash — after the first look at the link —
   * runs `change`. The hasher is the app's own object (same process), held at a gate for the duration.
   */
  async function setPasswordWhile(token: string, change: () => Promise<unknown>) {
    const hasher = server.app.deps.hasher;
    const original = hasher.hash;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHash = new Promise<void>((r) => (entered = r));
    hasher.hash = async (password: string) => {
      entered();
      await gate;
      return original.call(hasher, password);
    };
    try {
      const pending = setPassword(token, PASSWORD);
      await inHash;
      await change();
      release();
      return await result(await pending);
    } finally {
      hasher.hash = original;
      release();
    }
  }

  it('account suspended meanwhile: LINK_INVALID, and the link is not burnt (usable again once the account is restored)', async () => {
    const user = await registerUser();
    const r = await setPasswordWhile(user.token, () =>
      server.db.query("update user_account set status = 'SUSPENDED' where id = $1", [user.userId]),
    );
    expect(r).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'SUSPENDED', password_hash: null });
    const { rows } = await server.db.query('select used_at from email_link where user_id = $1', [user.userId]);
    expect(rows).toEqual([{ used_at: null }]);
    expect(await mails(user.userId, 'PASSWORD_SET')).toEqual([]);

    await server.db.query("update user_account set status = 'PENDING_PASSWORD' where id = $1", [user.userId]);
    expect(await result(await setPassword(user.token, PASSWORD))).toEqual({ __typename: 'PasswordSet', authId: user.authId });
  });

  it('e-mail changed meanwhile: LINK_INVALID, nothing written', async () => {
    const user = await registerUser();
    const r = await setPasswordWhile(user.token, () =>
      server.db.query('update user_account set email = $1 where id = $2', [uniqueEmail(), user.userId]),
    );
    expect(r).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
    expect(await mails(user.userId, 'PASSWORD_SET')).toEqual([]);
  });

  it('a newer link issued meanwhile: the older one is refused', async () => {
    const user = await registerUser();
    let newer = '';
    const r = await setPasswordWhile(user.token, async () => {
      newer = await issueLink(user, 'FIRST_PASSWORD');
    });
    expect(r).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
    expect((await result(await setPassword(newer, PASSWORD))).__typename).toBe('PasswordSet');
  });

  it('the link expired meanwhile: refused', async () => {
    const user = await registerUser();
    const r = await setPasswordWhile(user.token, async () => server.clock.advance(LINK_SECONDS));
    expect(r).toEqual(INVALID_LINK);
    expect(await account(user.userId)).toMatchObject({ status: 'PENDING_PASSWORD', password_hash: null });
  });
});

describe('single use under concurrency (security.md 16)', () => {
  it('20 parallel uses of one link: exactly one PasswordSet, 19 LINK_INVALID, one PASSWORD_SET mail', async () => {
    const user = await registerUser();
    const passwords = Array.from({ length: 20 }, (_, i) => `Parallel${i}$Pw`);
    const results = await Promise.all(passwords.map((p) => setPassword(user.token, p).then(result)));
    const winners = results.flatMap((r, i) => (r.__typename === 'PasswordSet' ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results[winners[0]]).toEqual({ __typename: 'PasswordSet', authId: user.authId });
    expect(results.filter((r) => r.__typename === 'InvalidLinkError' && r.code === 'LINK_INVALID')).toHaveLength(19);

    expect(await mails(user.userId, 'PASSWORD_SET')).toHaveLength(1);
    const { rows: events } = await server.db.query("select count(*)::int as n from auth_event where user_id = $1 and type = 'PASSWORD_SET'", [user.userId]);
    expect(events[0].n).toBe(1);
    // the stored password is the winner's
    const login = await server.gql(LOGIN, { input: { authId: user.authId, password: passwords[winners[0]] } });
    expect(login.data.login.__typename).toBe('LoginSuccess');
  });
});

describe('rules.md §1: control characters and values beyond 4 × the limit are refused before any other work', () => {
  it.each([
    ['a NUL in the password', 'a\u0000bcdefg1!', 'a\u0000bcdefg1!', ['password', 'passwordConfirmation']],
    ['129 characters', `${'A1b!'.repeat(32)}x`, PASSWORD, ['password']],
    ['10,000 characters in the confirmation', PASSWORD, 'A'.repeat(10_000), ['passwordConfirmation']],
  ])('%s: WZBAM005E before the link is looked up — even with an unknown token, which then does not count', async (_label, password, confirmation, fields) => {
    const ip = freshIp();
    const res = await result(await setPassword('no-such-token', password, confirmation, { ip }));
    expect(res.__typename).toBe('InputValidationError');
    expect(res.code).toBe('WZBAM005E');
    expect(res.fieldErrors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual(fields.map((f) => [f, 'WZBAM005E']));
    const { rows } = await server.db.query('select 1 from rate_limit where key like $1', [`%${ip}`]);
    expect(rows).toEqual([]);
  });

  it('with a valid link: the same answer, and the link stays usable', async () => {
    const user = await registerUser();
    const res = await result(await setPassword(user.token, 'a\u0000bcdefg1!'));
    expect(res.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['password', 'passwordConfirmation']);
    expect((await result(await setPassword(user.token, PASSWORD))).__typename).toBe('PasswordSet');
  });
});

describe('unknown-token rate limit (rules.md §7)', () => {
  it('20 unknown tokens per client IP per 10 minutes, then RATE_LIMITED with retryAfterSeconds', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      expect(await result(await setPassword(`guess-${i}`, PASSWORD, PASSWORD, { ip }))).toEqual(INVALID_LINK);
    }
    const res = await setPassword('guess-20', PASSWORD, PASSWORD, { ip });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe('RATE_LIMITED');
    expect(res.errors![0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.errors![0].extensions?.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(res.data?.setPassword ?? null).toBeNull();
    // another client is not affected
    expect(await result(await setPassword('guess-21', PASSWORD, PASSWORD, { ip: freshIp() }))).toEqual(INVALID_LINK);
  });

  it('known tokens (used, expired) do not count toward it', async () => {
    const ip = freshIp();
    const user = await registerUser();
    expect((await result(await setPassword(user.token, PASSWORD, PASSWORD, { ip }))).__typename).toBe('PasswordSet');
    for (let i = 0; i < 25; i++) {
      expect(await result(await setPassword(user.token, PASSWORD, PASSWORD, { ip }))).toEqual(INVALID_LINK);
    }
  });
});

describe('a RESET link (rules.md §4, §5)', () => {
  it('sets the password, releases a lock, ends every session and mails PASSWORD_RESET_DONE', async () => {
    const user = await registerUser();
    expect((await result(await setPassword(user.token, PASSWORD))).__typename).toBe('PasswordSet');
    const login = await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } });
    expect(login.data.login.__typename).toBe('LoginSuccess');
    const sessionToken: string = login.data.login.token;
    expect((await server.gql(ME, {}, { token: sessionToken })).data.me.authId).toBe(user.authId);

    const lockedUntil = new Date(server.clock.now().getTime() + 86_400_000);
    await server.db.query('update user_account set locked_until = $1, failed_login_count = 3 where id = $2', [lockedUntil, user.userId]);
    const locked = await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } });
    expect(locked.data.login.code).toBe('WZBAM153E');

    const reset = await issueLink(user, 'RESET');
    const { rows: links } = await server.db.query("select created_at, expires_at from email_link where user_id = $1 and purpose = 'RESET'", [user.userId]);
    expect(links[0].expires_at.getTime() - links[0].created_at.getTime()).toBe(RESET_SECONDS * 1000);

    const newPassword = 'Zenkoji8#Nagano';
    expect(await result(await setPassword(reset, newPassword))).toEqual({ __typename: 'PasswordSet', authId: user.authId });

    expect(await account(user.userId)).toMatchObject({ status: 'ACTIVE', locked_until: null, failed_login_count: 0 });
    const { rows: sessions } = await server.db.query('select revoked_at, revoked_reason from session where user_id = $1', [user.userId]);
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) {
      expect(s.revoked_at).not.toBeNull();
      expect(s.revoked_reason).toBe('PASSWORD_RESET');
    }
    const me = await server.gql(ME, {}, { token: sessionToken });
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const done = await mails(user.userId, 'PASSWORD_RESET_DONE');
    expect(done).toHaveLength(1);
    expect(done[0].recipient).toBe(user.email);
    expect(done[0].subject).toBe('【在留申請オンラインシステム】パスワード再設定完了のお知らせ / Your password has been reset');
    expect(done[0].body).toContain(user.authId);
    expect(await mails(user.userId, 'PASSWORD_SET')).toHaveLength(1); // only the first one

    // The lock is gone: the new password logs in, the old one does not.
    expect((await server.gql(LOGIN, { input: { authId: user.authId, password: newPassword } })).data.login.__typename).toBe('LoginSuccess');
    expect((await server.gql(LOGIN, { input: { authId: user.authId, password: PASSWORD } })).data.login.code).toBe('WZBAM005E');
  });

  it('a reset link expires after RESET_LINK_SECONDS', async () => {
    const user = await registerUser();
    const reset = await issueLink(user, 'RESET');
    server.clock.advance(RESET_SECONDS);
    expect(await result(await setPassword(reset, PASSWORD))).toEqual(INVALID_LINK);
  });
});
