import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, LOGOUT, ME } from '../../support/fixtures.js';
import { expectTopLevel, login } from '../../support/auth-helpers.js';

/** rules.md §5, security.md 11–15; api.md "Session problems". */

const IDLE = 1800;
const MAX_AGE = 43_200;
const ME_AUTH_ID = 'query { me { authId } }';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function newSession() {
  const user = await activeUser(server);
  const res = await login(server, user.authId);
  expect(res.__typename).toBe('LoginSuccess');
  return { ...user, token: res.token as string, loggedInAt: server.clock.now() };
}

async function meWorks(token: string, authId: string) {
  const res = await server.gql(ME_AUTH_ID, {}, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.data.me.authId).toBe(authId);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('tokens', () => {
  it('only the SHA-256 hash of the token is stored', async () => {
    const s = await newSession();
    const { rows } = await server.db.query<{ token_hash: string; row: string }>(
      'select token_hash, session::text as row from session where user_id = $1',
      [s.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(s.token));
    const { rows: all } = await server.db.query<{ t: string }>('select string_agg(session::text, $1) as t from session', ['\n']);
    expect(all[0].t).not.toContain(s.token);
    expect(all[0].t).not.toContain(s.token.slice(0, 20));
  });
});

describe('idle timeout (30 min)', () => {
  it('activity at 30 min − 1 s keeps the session and slides the deadline; 30 min idle after the last activity ends it', async () => {
    const s = await newSession();
    server.clock.advance(IDLE - 1);
    await meWorks(s.token, s.authId);
    const { rows } = await server.db.query<{ last_seen_at: Date }>('select last_seen_at from session where user_id = $1', [s.userId]);
    expect(rows[0].last_seen_at.getTime()).toBe(server.clock.now().getTime());

    // 59:58 after the login, 29:59 after the last request: still alive because the deadline slid.
    server.clock.advance(IDLE - 1);
    await meWorks(s.token, s.authId);

    server.clock.advance(IDLE);
    const expired = await server.gql(ME_AUTH_ID, {}, { token: s.token });
    expectTopLevel(expired, 'SESSION_EXPIRED');
    expect(expired.data?.me ?? null).toBeNull();
    // Mutations that need a session get the same answer, and the refused requests did not revive it.
    expectTopLevel(await server.gql(LOGOUT, {}, { token: s.token }), 'SESSION_EXPIRED');
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: s.token }), 'SESSION_EXPIRED');
  });

  it('the idle limit is counted from the last activity, not from the login', async () => {
    const s = await newSession();
    server.clock.advance(IDLE);
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: s.token }), 'SESSION_EXPIRED');
  });
});

describe('absolute lifetime (12 h)', () => {
  it('a session kept active every 20 minutes ends at 12 h', async () => {
    const s = await newSession();
    for (let t = 1200; t < MAX_AGE; t += 1200) {
      server.clock.set(new Date(s.loggedInAt.getTime() + t * 1000));
      await meWorks(s.token, s.authId);
    }
    server.clock.set(new Date(s.loggedInAt.getTime() + (MAX_AGE - 1) * 1000));
    await meWorks(s.token, s.authId);
    server.clock.advance(1);
    const res = await server.gql(ME_AUTH_ID, {}, { token: s.token });
    expectTopLevel(res, 'SESSION_EXPIRED');
  });
});

describe('session: the deadline a client counts down to (screen 15)', () => {
  const SESSION = 'query { session { expiresAt expiresInSeconds } }';
  async function deadline(token: string) {
    const res = await server.gql(SESSION, {}, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return { at: new Date(res.data.session.expiresAt).getTime(), inSeconds: res.data.session.expiresInSeconds as number };
  }

  it('is the idle deadline this very request set: last activity + the idle limit, and the seconds to it', async () => {
    const s = await newSession();
    server.clock.advance(100);
    expect(await deadline(s.token)).toEqual({ at: server.clock.now().getTime() + IDLE * 1000, inSeconds: IDLE });
    // asked again later, the deadline slid: asking is activity, as every authenticated request is
    server.clock.advance(IDLE - 1);
    expect(await deadline(s.token)).toEqual({ at: server.clock.now().getTime() + IDLE * 1000, inSeconds: IDLE });
    // with me in the same request: one lookup, one deadline
    server.clock.advance(60);
    const both = await server.gql('query { me { authId } session { expiresAt } }', {}, { token: s.token });
    expect(both.data.me.authId).toBe(s.authId);
    expect(new Date(both.data.session.expiresAt).getTime()).toBe(server.clock.now().getTime() + IDLE * 1000);
  });

  it('is capped by the absolute lifetime: 10 minutes before the 12 hours, 600 seconds are left however active the user is', async () => {
    const s = await newSession();
    for (let t = 1200; t < MAX_AGE - 600; t += 1200) {
      server.clock.set(new Date(s.loggedInAt.getTime() + t * 1000));
      await meWorks(s.token, s.authId);
    }
    server.clock.set(new Date(s.loggedInAt.getTime() + (MAX_AGE - 600) * 1000));
    expect(await deadline(s.token)).toEqual({ at: s.loggedInAt.getTime() + MAX_AGE * 1000, inSeconds: 600 });
    server.clock.advance(599.5);
    expect((await deadline(s.token)).inSeconds).toBe(1); // rounded up: never before the server's deadline
    server.clock.advance(0.5);
    expectTopLevel(await server.gql(SESSION, {}, { token: s.token }), 'SESSION_EXPIRED');
  });

  it('is null without a token; a session that ended answers as me does; the restricted session may ask', async () => {
    expect((await server.gql(SESSION, {})).data).toEqual({ session: null });
    expectTopLevel(await server.gql(SESSION, {}, { token: 'garbage' }), 'UNAUTHENTICATED');

    const user = await activeUser(server);
    const a = (await login(server, user.authId)).token;
    const b = (await login(server, user.authId)).token;
    expectTopLevel(await server.gql(SESSION, {}, { token: a }), 'WZBAM099E');
    await server.db.query('update session set restricted = true where user_id = $1 and revoked_at is null', [user.userId]);
    expect((await deadline(b)).inSeconds).toBe(IDLE);
    server.clock.advance(IDLE);
    expectTopLevel(await server.gql(SESSION, {}, { token: b }), 'SESSION_EXPIRED');
    const c = (await login(server, user.authId)).token;
    await server.gql(LOGOUT, {}, { token: c });
    expectTopLevel(await server.gql(SESSION, {}, { token: c }), 'UNAUTHENTICATED');
  });
});

describe('one active session per user', () => {
  it('login B supersedes login A: A answers WZBAM099E, B keeps working', async () => {
    const user = await activeUser(server);
    const a = (await login(server, user.authId)).token;
    server.clock.advance(60);
    const b = (await login(server, user.authId)).token;

    for (const lang of ['ja', 'en']) {
      const err = expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: a, lang }), 'WZBAM099E');
      expect(err.message).toContain(lang === 'ja' ? '二重ログイン' : 'Double-login');
    }
    expectTopLevel(await server.gql(LOGOUT, {}, { token: a }), 'WZBAM099E');
    await meWorks(b, user.authId);
  });

  it('a session that was already idle when the new login came answers SESSION_EXPIRED, not WZBAM099E', async () => {
    const user = await activeUser(server);
    const a = (await login(server, user.authId)).token;
    server.clock.advance(IDLE + 60);
    const b = (await login(server, user.authId)).token;
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: a }), 'SESSION_EXPIRED');
    await meWorks(b, user.authId);
  });

  it('20 parallel logins leave exactly one live session, and exactly one of the 20 tokens works', async () => {
    const user = await activeUser(server);
    const results = await Promise.all(Array.from({ length: 20 }, () => login(server, user.authId)));
    expect(results.every((r) => r.__typename === 'LoginSuccess')).toBe(true);
    const tokens = results.map((r) => r.token as string);
    expect(new Set(tokens).size).toBe(20);

    const { rows } = await server.db.query<{ token_hash: string }>(
      'select token_hash from session where user_id = $1 and revoked_at is null',
      [user.userId],
    );
    expect(rows).toHaveLength(1);

    const answers = await Promise.all(tokens.map((token) => server.gql(ME_AUTH_ID, {}, { token })));
    const working = tokens.filter((_, i) => !answers[i].errors && answers[i].data.me?.authId === user.authId);
    expect(working).toHaveLength(1);
    expect(sha256(working[0])).toBe(rows[0].token_hash);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'WZBAM099E')).toHaveLength(19);
  });
});

describe('logout and bad tokens', () => {
  it('after logout the token answers UNAUTHENTICATED', async () => {
    const s = await newSession();
    const out = await server.gql(LOGOUT, {}, { token: s.token });
    expect(out.errors).toBeUndefined();
    expect(out.data.logout).toEqual({ __typename: 'LoggedOut', ok: true });
    const { rows } = await server.db.query('select revoked_reason from session where user_id = $1', [s.userId]);
    expect(rows).toEqual([{ revoked_reason: 'LOGOUT' }]);

    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: s.token }), 'UNAUTHENTICATED');
    expectTopLevel(await server.gql(LOGOUT, {}, { token: s.token }), 'UNAUTHENTICATED');
  });

  it('no token: me is null without errors', async () => {
    const res = await server.gql(ME, {});
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ me: null });
  });

  it('a garbage, over-long or non-Bearer token answers UNAUTHENTICATED', async () => {
    for (const token of ['garbage', 'x'.repeat(43), 'x'.repeat(5000)]) {
      expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token }), 'UNAUTHENTICATED');
    }
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b']) {
      expectTopLevel(await server.gql(ME_AUTH_ID, {}, { headers: { authorization } }), 'UNAUTHENTICATED');
    }
  });

  it('a session of an account that was suspended meanwhile no longer works', async () => {
    const s = await newSession();
    await server.db.query("update user_account set status = 'SUSPENDED' where id = $1", [s.userId]);
    expectTopLevel(await server.gql(ME_AUTH_ID, {}, { token: s.token }), 'UNAUTHENTICATED');
  });
});

describe('responses', () => {
  it('every /graphql response carries Cache-Control: no-store', async () => {
    const s = await newSession();
    const responses = [
      await server.gql(ME_AUTH_ID, {}, { token: s.token }),
      await server.gql(ME_AUTH_ID, {}),
      await server.gql('query { prefectures { code } }', {}),
      await server.gql(ME_AUTH_ID, {}, { token: 'garbage' }),
      await server.gql('query { nope', {}),
    ];
    for (const res of responses) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('top-level session errors carry a code and a message, no stack trace', async () => {
    const user = await activeUser(server);
    const a = (await login(server, user.authId)).token;
    await login(server, user.authId);
    const b = (await login(server, user.authId)).token;
    await server.gql(LOGOUT, {}, { token: b });
    const stale = (await login(server, user.authId)).token;
    const answers = [
      await server.gql(ME_AUTH_ID, {}, { token: 'garbage' }),
      await server.gql(ME_AUTH_ID, {}, { token: a }),
    ];
    server.clock.advance(IDLE);
    answers.push(await server.gql(ME_AUTH_ID, {}, { token: stale }));
    expect(answers.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED', 'WZBAM099E', 'SESSION_EXPIRED']);
    for (const res of answers) {
      const [err] = res.errors!;
      expect(Object.keys(err.extensions!)).toEqual(['code']);
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|\.ts:\d|\.js:\d|\n\s+at /);
      expect(err.message.length).toBeGreaterThan(0);
    }
  });
});
