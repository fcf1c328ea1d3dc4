import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GqlResponse, type TestServer } from '../../support/test-server.js';
import { activeUser, LOGIN, loginToken, PASSWORD, SET_PASSWORD, uniqueEmail, REQUEST_PASSWORD_RESET } from '../../support/fixtures.js';
import { expectTopLevel } from '../../support/auth-helpers.js';
import { linkToken, outboxOfUser } from '../../support/mail-helpers.js';

/**
 * updateUser (利用者情報変更, screens 8–9) over HTTP against PostgreSQL: only the residence (both parts), the phone and
 * the e-mail address change (rules.md §1–§2, security.md 22); WZBAM245E / WZBAM244E / WZBAM159E and every field rule
 * with the change form's item names; the e-mail change's mails, link voiding and `notifiedEmail` (rules.md §6).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const UPDATE_USER = /* GraphQL */ `
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      __typename
      ... on UpdateUserSuccess {
        notifiedEmail
        user { authId name email phone residenceAddress userClass residence { code fullName } }
      }
      ... on InputValidationError { code message fieldErrors { field code message } }
    }
  }`;


async function loggedIn() {
  const user = await activeUser(server);
  const token = await loginToken(server, user.authId);
  return { ...user, token };
}

async function update(token: string, input: Record<string, unknown>, lang?: string) {
  const res = await server.gql(UPDATE_USER, { input }, { token, lang });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.updateUser;
}

/** The whole account row as JSON, without updated_at (which every successful change moves). */
async function accountJson(userId: string): Promise<Record<string, unknown>> {
  const { rows } = await server.db.query("select to_jsonb(u) - 'updated_at' as row from user_account u where id = $1", [userId]);
  return rows[0].row;
}

const FIELDS = ['residenceCode', 'residenceAddress', 'phone', 'email', 'emailConfirmation'];

describe('an empty submission (WZBAM245E)', () => {
  it.each([
    ['no fields at all', {}],
    ['every field null', { residenceCode: null, residenceAddress: null, phone: null, email: null, emailConfirmation: null }],
    ['every field empty', { residenceCode: '', residenceAddress: '', phone: '', email: '', emailConfirmation: '' }],
    ['only spaces and ideographic spaces', { residenceCode: ' ', residenceAddress: '\u3000\u3000', phone: '  ', email: ' \u3000', emailConfirmation: '' }],
  ])('%s: every field of the form gets WZBAM245E, nothing changes and no mail is queued', async (_label, input) => {
    const u = await loggedIn();
    const before = await accountJson(u.userId);
    const mailsBefore = (await outboxOfUser(server.db, u.userId)).length;
    const r = await update(u.token, input);
    expect(r).toEqual({
      __typename: 'InputValidationError',
      code: 'WZBAM245E',
      message: '変更する情報を入力してください。',
      fieldErrors: FIELDS.map((field) => ({ field, code: 'WZBAM245E', message: '変更する情報を入力してください。' })),
    });
    expect(await accountJson(u.userId)).toEqual(before);
    expect(await outboxOfUser(server.db, u.userId)).toHaveLength(mailsBefore);
  });

  it('in English', async () => {
    const u = await loggedIn();
    const r = await update(u.token, {}, 'en');
    expect(r.message).toBe('Please enter the information you want to change.');
    expect(r.fieldErrors.map((e: { message: string }) => e.message)).toEqual(FIELDS.map(() => 'Please enter the information you want to change.'));
  });
});

describe('residence: both parts together (WZBAM244E)', () => {
  const BOTH_MSG = '住居地を変更する場合は、都道府県市区町村と町名丁目番地号等をどちらも入力してください。';

  it('only the code: WZBAM244E on the missing address, nothing changes', async () => {
    const u = await loggedIn();
    const before = await accountJson(u.userId);
    expect(await update(u.token, { residenceCode: '011011' })).toEqual({
      __typename: 'InputValidationError',
      code: 'WZBAM244E',
      message: BOTH_MSG,
      fieldErrors: [{ field: 'residenceAddress', code: 'WZBAM244E', message: BOTH_MSG }],
    });
    expect(await accountJson(u.userId)).toEqual(before);
  });

  it('only the address (a blank code counts as missing): WZBAM244E on the code', async () => {
    const u = await loggedIn();
    for (const residenceCode of [undefined, '', '\u3000']) {
      expect(await update(u.token, { residenceCode, residenceAddress: '北一条西２－１' })).toMatchObject({
        code: 'WZBAM244E',
        fieldErrors: [{ field: 'residenceCode', code: 'WZBAM244E', message: BOTH_MSG }],
      });
    }
  });

  it('the given part is still checked: a wrong code alone gives WZBAM103E (item 新しい住居地) and WZBAM244E', async () => {
    const u = await loggedIn();
    expect(await update(u.token, { residenceCode: '999999' })).toEqual({
      __typename: 'InputValidationError',
      code: 'WZBAM001E', // WZBAM103E counts as "missing" (rules.md §1)
      message: '「！」がついている項目を入力してください。',
      fieldErrors: [
        { field: 'residenceCode', code: 'WZBAM103E', message: '新しい住居地（都道府県市区町村）コードを入力してください。' },
        { field: 'residenceAddress', code: 'WZBAM244E', message: BOTH_MSG },
      ],
    });
  });

  it('both parts: the residence changes (address normalized to full width); no mail, notifiedEmail null', async () => {
    const u = await loggedIn();
    const r = await update(u.token, { residenceCode: '011011', residenceAddress: 'ｷﾀ1ｼﾞｮｳﾆｼ 2-1' });
    expect(r.__typename).toBe('UpdateUserSuccess');
    expect(r.notifiedEmail).toBeNull();
    expect(r.user.residence).toEqual({ code: '011011', fullName: '北海道札幌市中央区' });
    expect(r.user.residenceAddress).toBe('キタ１ジョウニシ\u3000２－１');
    const { rows } = await server.db.query('select residence_code, residence_address from user_account where id = $1', [u.userId]);
    expect(rows[0]).toEqual({ residence_code: '011011', residence_address: 'キタ１ジョウニシ\u3000２－１' });
    expect(await outboxOfUser(server.db, u.userId, 'EMAIL_CHANGED_NEW')).toEqual([]);
    expect((await outboxOfUser(server.db, u.userId)).map((m) => m.kind).sort()).toEqual(['PASSWORD_SET', 'REGISTRATION']);
  });

  it.each([
    ['a prefecture code', { residenceCode: '130001', residenceAddress: '霞が関１－１' }, 'residenceCode', 'WZBAM103E', '新しい住居地（都道府県市区町村）コードを入力してください。'],
    ['a designated city that has wards (札幌市)', { residenceCode: '011002', residenceAddress: '霞が関１－１' }, 'residenceCode', 'WZBAM103E', '新しい住居地（都道府県市区町村）コードを入力してください。'],
    ['an address of 81 characters', { residenceCode: '131016', residenceAddress: 'あ'.repeat(81) }, 'residenceAddress', 'WZBAM005E', '新しい住居地(町名丁目番地号等)の入力内容に誤りがあります。再度入力してください。'],
    ['外字 in the address', { residenceCode: '131016', residenceAddress: '霞が関①' }, 'residenceAddress', 'WZBAM011E', '新しい住居地(町名丁目番地号等)には外字を入力しないでください。'],
    ['a NUL in the address', { residenceCode: '131016', residenceAddress: '霞が関\u0000' }, 'residenceAddress', 'WZBAM005E', '新しい住居地(町名丁目番地号等)の入力内容に誤りがあります。再度入力してください。'],
    ['a 10,000-character code', { residenceCode: '1'.repeat(10_000), residenceAddress: '霞が関１' }, 'residenceCode', 'WZBAM005E', '新しい住居地の入力内容に誤りがあります。再度入力してください。'],
  ])('the registration rules apply with the change form item names: %s', async (_label, input, field, code, message) => {
    const u = await loggedIn();
    const before = await accountJson(u.userId);
    const r = await update(u.token, input);
    expect(r.__typename).toBe('InputValidationError');
    expect(r.fieldErrors).toEqual([{ field, code, message }]);
    expect(await accountJson(u.userId)).toEqual(before);
  });
});

describe('phone', () => {
  it('is normalized (full width, dashes, brackets) and changed alone, without any mail', async () => {
    const u = await loggedIn();
    const mailsBefore = await outboxOfUser(server.db, u.userId);
    const r = await update(u.token, { phone: '０９０（１２３４）－５６７８' });
    expect(r).toMatchObject({ __typename: 'UpdateUserSuccess', notifiedEmail: null, user: { phone: '09012345678' } });
    expect(await outboxOfUser(server.db, u.userId)).toHaveLength(mailsBefore.length);
  });

  it.each([['letters', '03-abcd-5678'], ['13 digits', '0123456789012'], ['a control character', '03\t1234']])(
    'WZBAM005E (item 新しい連絡先): %s',
    async (_label, phone) => {
      const u = await loggedIn();
      expect(await update(u.token, { phone })).toEqual({
        __typename: 'InputValidationError',
        code: 'WZBAM005E',
        message: '新しい連絡先の入力内容に誤りがあります。再度入力してください。',
        fieldErrors: [{ field: 'phone', code: 'WZBAM005E', message: '新しい連絡先の入力内容に誤りがあります。再度入力してください。' }],
      });
      expect((await update(u.token, { phone }, 'en')).fieldErrors[0].message).toBe('The new phone number you entered is not valid. Please enter it again.');
    },
  );
});

describe('e-mail address and its confirmation', () => {
  it.each([
    ['no confirmation', { email: 'new@example.jp' }, [{ field: 'emailConfirmation', code: 'WZBAM001E', message: '「！」がついている項目を入力してください。' }]],
    ['only the confirmation', { emailConfirmation: 'new@example.jp' }, [{ field: 'email', code: 'WZBAM001E', message: '「！」がついている項目を入力してください。' }]],
    ['a different confirmation (WZBAM159E)', { email: 'new@example.jp', emailConfirmation: 'neu@example.jp' }, [
      { field: 'emailConfirmation', code: 'WZBAM159E', message: 'メールアドレスとメールアドレス（確認）には同じ値を入力してください。' },
    ]],
    ['no dot in the domain', { email: 'new@example', emailConfirmation: 'new@example' }, [
      { field: 'email', code: 'WZBAM005E', message: '新しいメールアドレスの入力内容に誤りがあります。再度入力してください。' },
    ]],
    ['61 characters', { email: `${'a'.repeat(50)}@example.jp`, emailConfirmation: `${'a'.repeat(50)}@example.jp` }, [
      { field: 'email', code: 'WZBAM005E', message: '新しいメールアドレスの入力内容に誤りがあります。再度入力してください。' },
    ]],
    ['markup (issue 17)', { email: '"><svg/onload=alert(1)>@x.jp', emailConfirmation: '"><svg/onload=alert(1)>@x.jp' }, [
      { field: 'email', code: 'WZBAM005E', message: '新しいメールアドレスの入力内容に誤りがあります。再度入力してください。' },
    ]],
    ['a CR/LF in the confirmation', { email: 'new@example.jp', emailConfirmation: 'new@example.jp\r\nBcc: x@evil.example' }, [
      { field: 'emailConfirmation', code: 'WZBAM005E', message: '新しいメールアドレス(確認)の入力内容に誤りがあります。再度入力してください。' },
    ]],
  ])('%s', async (_label, input, fieldErrors) => {
    const u = await loggedIn();
    const before = await accountJson(u.userId);
    const r = await update(u.token, input);
    expect(r.__typename).toBe('InputValidationError');
    expect(r.fieldErrors).toEqual(fieldErrors);
    expect(await accountJson(u.userId)).toEqual(before);
    expect(await outboxOfUser(server.db, u.userId, 'EMAIL_CHANGED_NEW')).toEqual([]);
  });

  it('every problem at once, in form order; different codes give the summary WZBAM018E', async () => {
    const u = await loggedIn();
    const r = await update(u.token, {
      residenceCode: '131016',
      residenceAddress: '霞が関①',
      phone: 'x',
      email: 'new@example.jp',
      emailConfirmation: 'other@example.jp',
    });
    expect(r.code).toBe('WZBAM018E');
    expect(r.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'residenceAddress:WZBAM011E',
      'phone:WZBAM005E',
      'emailConfirmation:WZBAM159E',
    ]);
  });

  it('a new address: stored, named in notifiedEmail, completion mail to the new address and a notice to the old one', async () => {
    const u = await loggedIn();
    server.clock.advance(60);
    const newEmail = uniqueEmail().replace('user', 'New.User');
    // the confirmation compares case-insensitively and both are normalized (full width → ASCII)
    const r = await update(u.token, { email: ` ${newEmail} `, emailConfirmation: newEmail.toLowerCase().replace('@', '＠') });
    expect(r).toMatchObject({ __typename: 'UpdateUserSuccess', notifiedEmail: newEmail, user: { email: newEmail, authId: u.authId } });
    expect((await server.db.query('select email from user_account where id = $1', [u.userId])).rows[0].email).toBe(newEmail);

    const toNew = await outboxOfUser(server.db, u.userId, 'EMAIL_CHANGED_NEW');
    const toOld = await outboxOfUser(server.db, u.userId, 'EMAIL_CHANGED_OLD');
    expect(toNew.map((m) => m.recipient)).toEqual([newEmail]);
    expect(toOld.map((m) => m.recipient)).toEqual([u.email]);
    expect(toNew[0].subject).toBe('【在留申請オンラインシステム】利用者情報更新完了のお知らせ（メールアドレス変更） / Your user information has been updated (e-mail address)');
    expect(toOld[0].subject).toBe('【在留申請オンラインシステム】メールアドレス変更のお知らせ / The e-mail address of your account has been changed');
    expect(toNew[0].body).toContain(u.authId);
    expect(toNew[0].body).toContain(newEmail);
    expect(toOld[0].body).toContain(u.authId);
    expect(toOld[0].body).toContain('ヘルプデスク');
    // the old mailbox does not learn the new address
    expect(toOld[0].body).not.toContain(newEmail);
    expect(toOld[0].body.indexOf('(English)')).toBeGreaterThan(toOld[0].body.indexOf('様'));

    // The session goes on, and the new address is the one a reset needs now.
    const me = await server.gql('{ me { email } }', {}, { token: u.token });
    expect(me.data.me.email).toBe(newEmail);
    const { rows: events } = await server.db.query("select type, details from auth_event where user_id = $1 and type in ('USER_UPDATED', 'EMAIL_CHANGED') order by id", [u.userId]);
    expect(events).toEqual([
      { type: 'USER_UPDATED', details: { fields: ['email'] } },
      { type: 'EMAIL_CHANGED', details: null },
    ]);
  });

  it('outstanding e-mailed links are voided: a reset link sent to the old address no longer works', async () => {
    const u = await loggedIn();
    const requested = await server.gql(REQUEST_PASSWORD_RESET, { input: { authId: u.authId, email: u.email } });
    expect(requested.data.requestPasswordReset.__typename).toBe('PasswordResetRequested');
    const [linkMail] = await outboxOfUser(server.db, u.userId, 'PASSWORD_RESET_LINK');
    const token = linkToken(linkMail.body);

    const newEmail = uniqueEmail();
    expect((await update(u.token, { email: newEmail, emailConfirmation: newEmail })).notifiedEmail).toBe(newEmail);
    const { rows } = await server.db.query("select voided_at from email_link where user_id = $1 and purpose = 'RESET'", [u.userId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].voided_at?.getTime()).toBe(server.clock.now().getTime());

    const set = await server.gql(SET_PASSWORD, { input: { token, password: 'Brand9#NewPass', passwordConfirmation: 'Brand9#NewPass' } });
    expect(set.data.setPassword).toMatchObject({ __typename: 'InvalidLinkError', code: 'LINK_INVALID' });
    expect((await server.gql(LOGIN, { input: { authId: u.authId, password: PASSWORD } })).data.login.__typename).toBe('LoginSuccess');
  });

  it('the same address in another case is no e-mail change: no mails, links stay, notifiedEmail null', async () => {
    const u = await loggedIn();
    const requested = await server.gql(REQUEST_PASSWORD_RESET, { input: { authId: u.authId, email: u.email } });
    expect(requested.data.requestPasswordReset.__typename).toBe('PasswordResetRequested');
    const upper = u.email.toUpperCase();
    const r = await update(u.token, { email: upper, emailConfirmation: upper });
    expect(r).toMatchObject({ __typename: 'UpdateUserSuccess', notifiedEmail: null });
    expect(await outboxOfUser(server.db, u.userId, 'EMAIL_CHANGED_NEW')).toEqual([]);
    expect(await outboxOfUser(server.db, u.userId, 'EMAIL_CHANGED_OLD')).toEqual([]);
    const { rows } = await server.db.query("select voided_at from email_link where user_id = $1 and purpose = 'RESET'", [u.userId]);
    expect(rows).toEqual([{ voided_at: null }]);
  });

  it('everything at once: only the four columns (and updated_at) change', async () => {
    const u = await loggedIn();
    const before = await accountJson(u.userId);
    const newEmail = uniqueEmail();
    const r = await update(u.token, {
      residenceCode: '272124',
      residenceAddress: '大手前１－３－１',
      phone: '06-1234-5678',
      email: newEmail,
      emailConfirmation: newEmail,
    });
    expect(r.__typename).toBe('UpdateUserSuccess');
    expect(r.user.residence.code).toBe('272124');
    const after = await accountJson(u.userId);
    expect(after).toEqual({
      ...before,
      residence_code: '272124',
      residence_address: '大手前１－３－１',
      phone: '0612345678',
      email: newEmail,
    });
    expect(r.notifiedEmail).toBe(newEmail);
  });
});

describe('nothing else can be changed (security.md 22)', () => {
  const SMUGGLED: Record<string, unknown> = {
    status: 'ACTIVE',
    userClass: 'LAWYER_OR_SCRIVENER',
    name: 'EVIL NAME',
    authId: 'zzzzz99999',
    failedLoginCount: '0',
    lockedUntil: null,
    passwordHash: 'x',
    id: '00000000-0000-0000-0000-000000000000',
  };

  it.each(Object.entries(SMUGGLED))('an extra input field %s is refused by GraphQL (variables and inline), nothing changes', async (field, value) => {
    const u = await loggedIn();
    const before = await accountJson(u.userId);
    const res = await server.gql(UPDATE_USER, { input: { phone: '0311112222', [field]: value } }, { token: u.token });
    expect(res.status).toBe(400);
    expect(res.data?.updateUser ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const inline = await server.gql(
      `mutation { updateUser(input: { phone: "0311112222", ${field}: ${JSON.stringify(value)} }) { __typename } }`,
      {},
      { token: u.token },
    );
    expect(inline.status).toBe(400);
    expect(inline.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await accountJson(u.userId)).toEqual(before);
  });

  it('a user changes only their own account (the session decides whose)', async () => {
    const me = await loggedIn();
    const other = await loggedIn();
    const otherBefore = await accountJson(other.userId);
    const r = await update(me.token, { phone: '0399998888' });
    expect(r.user.authId).toBe(me.authId);
    expect(await accountJson(other.userId)).toEqual(otherBefore);
  });
});

describe('who may call it', () => {
  it('anonymous or a bad token: UNAUTHENTICATED', async () => {
    for (const token of [undefined, 'bogus-token']) {
      const res = await server.gql(UPDATE_USER, { input: { phone: '0312345678' } }, { token });
      expectTopLevel(res as GqlResponse, 'UNAUTHENTICATED');
    }
  });

  it('the restricted session after WZBAM158E: FORBIDDEN, nothing changes', async () => {
    const u = await activeUser(server);
    const expired = new Date(server.clock.now().getTime() - 366 * 86_400_000);
    await server.db.query('update user_account set password_changed_at = $1 where id = $2', [expired, u.userId]);
    const login = await server.gql(LOGIN, { input: { authId: u.authId, password: PASSWORD } });
    expect(login.data.login).toMatchObject({ __typename: 'PasswordExpiredError', code: 'WZBAM158E' });
    const before = await accountJson(u.userId);
    const res = await server.gql(UPDATE_USER, { input: { phone: '0311112222' } }, { token: login.data.login.token });
    expectTopLevel(res, 'FORBIDDEN');
    expect(await accountJson(u.userId)).toEqual(before);
  });

  it('a logged-out session: UNAUTHENTICATED', async () => {
    const u = await loggedIn();
    await server.gql('mutation { logout { __typename } }', {}, { token: u.token });
    expectTopLevel(await server.gql(UPDATE_USER, { input: { phone: '0312345678' } }, { token: u.token }), 'UNAUTHENTICATED');
  });
});
