import { expect, it } from 'vitest';
import { isConnectionFailure, untilDatabaseAnswers } from '../../../../server/src/modules/mail/mail-worker.js';

it('tells a lost connection (PostgreSQL shutting down, PgBouncer without a server) from other errors', () => {
  expect(isConnectionFailure(Object.assign(new Error('server login has been failing, try again later (server_login_retry)'), { code: '08P01' }))).toBe(true);
  expect(isConnectionFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
  expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
  expect(isConnectionFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6432'), { code: 'ECONNREFUSED' }))).toBe(true);
  expect(isConnectionFailure(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
  expect(isConnectionFailure(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(false);
});

it('runs a statement again while the connection is lost, and gives up at once on anything else', async () => {
  let calls = 0;
  const value = await untilDatabaseAnswers(async () => {
    if (++calls < 3) throw Object.assign(new Error('server conn crashed?'), { code: '08P01' });
    return 'recorded';
  });
  expect([value, calls]).toEqual(['recorded', 3]);

  calls = 0;
  await expect(
    untilDatabaseAnswers(async () => {
      calls++;
      throw Object.assign(new Error('duplicate key value'), { code: '23505' });
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(calls).toBe(1);

  // bounded: a database that stays away fails the job after `forMs` (graphile-worker retries it later)
  await expect(untilDatabaseAnswers(async () => Promise.reject(new Error('Connection terminated unexpectedly')), 300)).rejects.toThrow(/terminated/);
});
