import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { staffToken } from './coe-helpers.js';

/**
 * coeReferenceData (docs/spec/coe.md "Staff API"): the staff console's COE forms get the project's two lists from the
 * API, in full and in the files' order, to any staff session whatever its roles (the permission test checks who).
 */
let server: TestServer;
let token: string;

const QUERY = /* GraphQL */ `query { coeReferenceData { nationalities { code ja en } statusesOfResidence { code ja en } } }`;
const file = (name: string) => JSON.parse(readFileSync(new URL(`../../../server/data/coe/${name}`, import.meta.url), 'utf8'));

beforeAll(async () => {
  server = await startTestServer();
  // a role with nothing to do with COEs: the lists are not personal data
  token = (await staffToken(server, ['NOTICE_EDITOR'])).token;
});
afterAll(() => server?.stop());

describe('coeReferenceData', () => {
  it('lists every nationality and status of residence of server/data/coe with their ja and en names', async () => {
    const res = await server.staffGql(QUERY, {}, { token });
    expect(res.errors).toBeUndefined();
    const { nationalities, statusesOfResidence } = res.data.coeReferenceData;
    expect(nationalities).toEqual(file('nationalities.json').nationalities);
    expect(statusesOfResidence).toEqual(file('statuses-of-residence.json').statuses);
    expect(nationalities).toContainEqual(expect.objectContaining({ code: 'VNM', ja: 'ベトナム' }));
    expect(statusesOfResidence).toContainEqual({ code: 'ENGINEER_HUMANITIES_INTL', ja: '技術・人文知識・国際業務', en: expect.any(String) });
    expect(nationalities.some((n: { code: string }) => n.code === 'JPN')).toBe(false);
  });

  it('is refused without a staff session', async () => {
    const res = await server.staffGql(QUERY, {});
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
