import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser } from '../../support/fixtures.js';
import { loginToken } from '../../support/fixtures.js';
import { expectTopLevel, median } from '../../support/auth-helpers.js';
import {
  coeMails,
  coeRow,
  issueCoe,
  MY_COES,
  receiptToken,
  REGISTER_COE_RECEIPT,
  RESEND_MY_COE_MAIL,
  REVOKE_COE,
  staffToken,
  VERIFY_COE,
} from './coe-helpers.js';

/**
 * The applicant side of the COE (docs/spec/coe.md "Applicant API"): the recipient's own COEs, 受領登録 with the mailed
 * link, resending (3 a day), and the public verifyCoe that tells nothing about numbers it cannot match.
 */

let server: TestServer;
let clerk: { token: string };
let supervisor: { token: string };
let recipient: { authId: string; userId: string; email: string; token: string };

beforeAll(async () => {
  server = await startTestServer({ now: new Date('2026-04-01T00:00:00Z') });
  clerk = await staffToken(server, ['COUNTER_CLERK']);
  supervisor = await staffToken(server, ['SUPERVISOR']);
  const user = await activeUser(server);
  recipient = { ...user, token: await loginToken(server, user.authId) };
});
afterAll(async () => server?.stop());

async function newRecipient() {
  const user = await activeUser(server);
  return { ...user, token: await loginToken(server, user.authId) };
}

describe('myCoes', () => {
  it('lists the recipient’s own COEs, newest first, EXPIRED once past expiresOn', async () => {
    const me = await newRecipient();
    const first = await issueCoe(server, clerk.token, me.authId, { name: 'First Person' });
    server.clock.advance(60);
    const second = await issueCoe(server, clerk.token, me.authId, { name: 'Second Person' });
    await issueCoe(server, clerk.token, recipient.authId); // someone else's
    const res = await server.gql(MY_COES, {}, { token: me.token });
    expect(res.data.myCoes.map((c: any) => c.number)).toEqual([second.number, first.number]);
    expect(res.data.myCoes[0]).toMatchObject({ state: 'ISSUED', name: 'SECOND PERSON', statusOfResidence: { en: 'Engineer/Specialist in Humanities/International Services' } });
  });

  it('other classes get FORBIDDEN (not WZBAM250E, whose text is about the counter class); no token UNAUTHENTICATED', async () => {
    const foreigner = await activeUser(server, { userClass: 'FOREIGN_NATIONAL' });
    const token = await loginToken(server, foreigner.authId);
    for (const [query, variables] of [
      [MY_COES, {}],
      [REGISTER_COE_RECEIPT, { input: { token: 'x' } }],
      [RESEND_MY_COE_MAIL, { number: 'TK2600012344' }],
    ] as const) {
      expectTopLevel(await server.gql(query, variables, { token }), 'FORBIDDEN');
      expectTopLevel(await server.gql(query, variables), 'UNAUTHENTICATED');
    }
  });
});

describe('registerCoeReceipt', () => {
  it('the mailed token registers the receipt once: RECEIPT_REGISTERED, the link used up, a confirmation mail', async () => {
    const coe = await issueCoe(server, clerk.token, recipient.authId);
    const token = receiptToken((await coeMails(server, coe.number))[0].body);
    const res = await server.gql(REGISTER_COE_RECEIPT, { input: { token } }, { token: recipient.token });
    expect(res.data.registerCoeReceipt).toMatchObject({ __typename: 'CoeReceiptRegistered', coe: { number: coe.number, state: 'RECEIPT_REGISTERED' } });
    expect((await coeRow(server, coe.number)).receipt_token_hash).toBeNull();
    const mails = await coeMails(server, coe.number);
    expect(mails.map((m) => m.kind)).toEqual(['COE_ISSUED', 'COE_RECEIPT_REGISTERED']);
    expect(mails[1].body).toContain('受領登録を受け付けました');

    const again = await server.gql(REGISTER_COE_RECEIPT, { input: { token } }, { token: recipient.token, lang: 'en' });
    expect(again.data.registerCoeReceipt).toMatchObject({ __typename: 'InvalidLinkError', code: 'COE_LINK_INVALID' });
    expect(again.data.registerCoeReceipt.message).toMatch(/^This receipt link is not valid/);
  });

  it('another account logged in gets CoeNotYoursError, and the link still works for its recipient', async () => {
    const coe = await issueCoe(server, clerk.token, recipient.authId);
    const token = receiptToken((await coeMails(server, coe.number))[0].body);
    const other = await newRecipient();
    const res = await server.gql(REGISTER_COE_RECEIPT, { input: { token } }, { token: other.token });
    expect(res.data.registerCoeReceipt).toMatchObject({ __typename: 'CoeNotYoursError', code: 'COE_NOT_YOURS' });
    const mine = await server.gql(REGISTER_COE_RECEIPT, { input: { token } }, { token: recipient.token });
    expect(mine.data.registerCoeReceipt.__typename).toBe('CoeReceiptRegistered');
  });

  it('an unknown token is InvalidLinkError; a revoked or expired COE is InvalidStateError', async () => {
    const unknown = await server.gql(REGISTER_COE_RECEIPT, { input: { token: 'no-such-token' } }, { token: recipient.token });
    expect(unknown.data.registerCoeReceipt.__typename).toBe('InvalidLinkError');

    const revoked = await issueCoe(server, clerk.token, recipient.authId);
    const revokedToken = receiptToken((await coeMails(server, revoked.number))[0].body);
    await server.staffGql(REVOKE_COE, { input: { number: revoked.number, reason: 'test' } }, { token: supervisor.token });
    expect((await server.gql(REGISTER_COE_RECEIPT, { input: { token: revokedToken } }, { token: recipient.token })).data.registerCoeReceipt).toMatchObject({
      __typename: 'InvalidStateError',
      code: 'COE_REVOKED_OR_EXPIRED',
    });

    const local = await startTestServer({ now: new Date('2026-04-01T00:00:00Z') });
    try {
      const localClerk = await staffToken(local, ['COUNTER_CLERK']);
      const user = await activeUser(local);
      const coe = await issueCoe(local, localClerk.token, user.authId);
      const token = receiptToken((await coeMails(local, coe.number))[0].body);
      // 2026-06-30 is the last day; 2026-07-01 in Tokyo it has expired
      local.clock.set(new Date('2026-06-30T15:00:00Z'));
      const login = await loginToken(local, user.authId);
      const res = await local.gql(REGISTER_COE_RECEIPT, { input: { token } }, { token: login });
      expect(res.data.registerCoeReceipt).toMatchObject({ __typename: 'InvalidStateError', code: 'COE_REVOKED_OR_EXPIRED' });
      expect((await local.gql(MY_COES, {}, { token: login })).data.myCoes[0].state).toBe('EXPIRED');
    } finally {
      await local.stop();
    }
  });
});

describe('resendMyCoeMail', () => {
  it('mails the COE again, 3 times in 24 hours, then RATE_LIMITED; another account’s COE is not found', async () => {
    const me = await newRecipient();
    const coe = await issueCoe(server, clerk.token, me.authId);
    for (let i = 0; i < 3; i++) {
      const res = await server.gql(RESEND_MY_COE_MAIL, { number: coe.number.toLowerCase() }, { token: me.token });
      expect(res.data.resendMyCoeMail.__typename).toBe('CoeMailResent');
      server.clock.advance(60);
    }
    const limited = await server.gql(RESEND_MY_COE_MAIL, { number: coe.number }, { token: me.token });
    const err = expectTopLevel(limited, 'RATE_LIMITED');
    expect(err.extensions?.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect((await coeMails(server, coe.number)).map((m) => m.kind)).toEqual(['COE_ISSUED', 'COE_RESENT', 'COE_RESENT', 'COE_RESENT']);

    const other = await server.gql(RESEND_MY_COE_MAIL, { number: coe.number }, { token: recipient.token });
    expect(other.data.resendMyCoeMail).toMatchObject({ __typename: 'CoeNotFoundError', code: 'COE_NOT_FOUND' });

    server.clock.advance(24 * 3600);
    const me2 = await loginToken(server, me.authId);
    expect((await server.gql(RESEND_MY_COE_MAIL, { number: coe.number }, { token: me2 })).data.resendMyCoeMail.__typename).toBe('CoeMailResent');
    // a day later every session of the suite has ended
    recipient.token = await loginToken(server, recipient.authId);
    clerk = await staffToken(server, ['COUNTER_CLERK']);
    supervisor = await staffToken(server, ['SUPERVISOR']);
  });
});

describe('verifyCoe (public)', () => {
  it('VALID with the masked name for the right pair; NO_MATCH, with nothing else, for a wrong birth date or an unknown number', async () => {
    const coe = await issueCoe(server, clerk.token, recipient.authId, { name: 'Tran Hoang', birthDate: '1995-02-03' });
    const ok = await server.gql(VERIFY_COE, { input: { number: coe.number.toLowerCase().replace(/(.{4})/g, '$1 '), birthDate: '1995/2/3' } });
    expect(ok.data.verifyCoe).toEqual({
      result: 'VALID',
      maskedName: 'T*** H****',
      nationality: { code: 'VNM', ja: 'ベトナム', en: 'Vietnam' },
      statusOfResidence: { code: 'ENGINEER_HUMANITIES_INTL', ja: '技術・人文知識・国際業務', en: 'Engineer/Specialist in Humanities/International Services' },
      issuedOn: coe.issuedOn,
      expiresOn: coe.expiresOn,
    });
    const wrongDate = await server.gql(VERIFY_COE, { input: { number: coe.number, birthDate: '1995-02-04' } });
    const unknown = await server.gql(VERIFY_COE, { input: { number: 'TK2600012344', birthDate: '1995-02-03' } });
    expect(JSON.stringify(wrongDate.data)).toBe(JSON.stringify(unknown.data));
    expect(wrongDate.errors).toBeUndefined();
    expect(wrongDate.data.verifyCoe).toEqual({ result: 'NO_MATCH', maskedName: null, nationality: null, statusOfResidence: null, issuedOn: null, expiresOn: null });
    expect((await server.gql(VERIFY_COE, { input: { number: 'garbage', birthDate: 'x' } })).data.verifyCoe.result).toBe('NO_MATCH');
    // matched verifications are counted for the back office
    expect((await coeRow(server, coe.number)).verification_count).toBe(1);

    await server.staffGql(REVOKE_COE, { input: { number: coe.number, reason: 'test' } }, { token: supervisor.token });
    expect((await server.gql(VERIFY_COE, { input: { number: coe.number, birthDate: '1995-02-03' } })).data.verifyCoe.result).toBe('REVOKED');
  });

  it('EXPIRED the day after expiresOn (Japan time)', async () => {
    const coe = await issueCoe(server, clerk.token, recipient.authId, { birthDate: '1990-01-01' });
    const saved = server.clock.now();
    try {
      server.clock.set(new Date(`${coe.expiresOn}T14:59:59Z`));
      expect((await server.gql(VERIFY_COE, { input: { number: coe.number, birthDate: '1990-01-01' } })).data.verifyCoe.result).toBe('VALID');
      server.clock.set(new Date(`${coe.expiresOn}T15:00:00Z`));
      expect((await server.gql(VERIFY_COE, { input: { number: coe.number, birthDate: '1990-01-01' } })).data.verifyCoe.result).toBe('EXPIRED');
    } finally {
      server.clock.set(saved);
    }
  });

  it('is limited per client: 30 an hour (RATE_LIMITED after)', async () => {
    const local = await startTestServer({ env: { RATE_LIMIT_MULTIPLIER: '1' } });
    try {
      for (let i = 0; i < 30; i++) {
        const res = await local.gql(VERIFY_COE, { input: { number: 'TK2600012344', birthDate: '1990-01-01' } });
        expect(res.errors, `call ${i + 1}`).toBeUndefined();
      }
      expectTopLevel(await local.gql(VERIFY_COE, { input: { number: 'TK2600012344', birthDate: '1990-01-01' } }), 'RATE_LIMITED');
    } finally {
      await local.stop();
    }
  });
});

// As the applicant login's timing test (test/server/auth/timing.test.ts): interleaved pairs, the median of the paired
// differences. An unknown number and a known number with a wrong birth date must not be told apart by time.
const ROUNDS = 120;
it(`verifyCoe: an unknown number and a wrong birth date take the same time (median of ${ROUNDS} paired differences within 2 ms)`, { retry: 2, timeout: 240_000 }, async () => {
  const local = await startTestServer({ env: { RATE_LIMIT_MULTIPLIER: '100000' } });
  try {
    const localClerk = await staffToken(local, ['COUNTER_CLERK']);
    const user = await activeUser(local);
    const coe = await issueCoe(local, localClerk.token, user.authId, { birthDate: '1990-01-01' });
    let serial = 0;
    // well-formed numbers (right check digit) that no COE has
    const { formatCoeNumber } = await import('../../../server/src/modules/coe/coe-number.js');
    const unknownNumber = () => formatCoeNumber('TOKYO', 26, 5_000_000 + serial++);
    const timed = async (number: string) => {
      const started = performance.now();
      const res = await local.gql(VERIFY_COE, { input: { number, birthDate: '1990-01-02' } });
      const elapsed = performance.now() - started;
      expect(res.data?.verifyCoe?.result).toBe('NO_MATCH');
      return elapsed;
    };
    for (let i = 0; i < 10; i++) {
      await timed(unknownNumber());
      await timed(coe.number);
    }
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2) {
        unknown.push(await timed(unknownNumber()));
        known.push(await timed(coe.number));
      } else {
        known.push(await timed(coe.number));
        unknown.push(await timed(unknownNumber()));
      }
    }
    const mDiff = median(unknown.map((u, i) => u - known[i]));
    const summary = `median unknown ${median(unknown).toFixed(2)} ms, known ${median(known).toFixed(2)} ms, paired difference ${mDiff.toFixed(2)} ms`;
    expect(Math.abs(mDiff), summary).toBeLessThan(2);
  } finally {
    await local.stop();
  }
});
