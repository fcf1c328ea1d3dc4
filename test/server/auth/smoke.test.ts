import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser, loginToken, ME } from '../../support/fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

it('registers, sets the password, logs in and reads me', async () => {
  const user = await activeUser(server);
  const token = await loginToken(server, user.authId);
  const me = await server.gql(ME, {}, { token });
  expect(me.data.me.authId).toBe(user.authId);
  expect(me.data.me.menu[0]).toEqual({ key: 'APPLICATION_ENTRY', available: false, unavailableReason: 'WZBAM250E' });
});
