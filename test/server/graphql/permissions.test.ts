import { extendSchema, graphql, parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { shield } from 'graphql-shield';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardSchema } from '../../../server/src/graphql/schema.js';
import { applicantContractSchema } from '../../../server/src/composition.js';
import { ROOT_RULES, RULES_FOR_TESTS, rootPermissions } from '../../../server/src/graphql/permissions.js';
import type { Context } from '../../../server/src/graphql/context.js';
import type { AuthState } from '../../../server/src/modules/auth/session.service.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { activeUser } from '../../support/fixtures.js';
import { login } from '../../support/auth-helpers.js';
import { operationFor, rootFields as fieldsOf, type RootName } from '../../support/schema-operations.js';

/** api.md "Schema-driven tests": every root field has an explicit rule; anonymous callers are denied session fields. */

const rulesOf = (root: RootName) => ROOT_RULES[root] as Record<string, unknown>;
const NEEDS_SESSION = new Set<unknown>([RULES_FOR_TESTS.hasSession, RULES_FOR_TESTS.hasAnySession, RULES_FOR_TESTS.isCoeRecipient]);
const NO_SESSION_NEEDED = new Set<unknown>([RULES_FOR_TESTS.isPublic, RULES_FOR_TESTS.sessionOrAnonymous]);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await applicantContractSchema();
});

const rootFields = (root: RootName) => fieldsOf(schema, root);

describe('the permission map', () => {
  it('names every Query and Mutation field with one of the known rules, and nothing else', () => {
    for (const root of ['Query', 'Mutation'] as const) {
      const fields = rootFields(root).map((f) => f.name).sort();
      const missing = fields.filter((name) => !(name in rulesOf(root)));
      expect(missing, `${root} fields without an explicit rule in ROOT_RULES`).toEqual([]);
      expect(Object.keys(rulesOf(root)).sort(), `${root} rules for fields that do not exist`).toEqual(fields);
      for (const name of fields) {
        const rule = rulesOf(root)[name];
        expect(NEEDS_SESSION.has(rule) || NO_SESSION_NEEDED.has(rule), `${root}.${name} has an unknown rule`).toBe(true);
      }
    }
  });

  it('gives the self-service fields their rules: updateUser a full session, changePassword also the restricted one, requestPasswordReset none', () => {
    expect(rulesOf('Mutation').updateUser).toBe(RULES_FOR_TESTS.hasSession);
    expect(rulesOf('Mutation').changePassword).toBe(RULES_FOR_TESTS.hasAnySession);
    expect(rulesOf('Mutation').requestPasswordReset).toBe(RULES_FOR_TESTS.isPublic);
    // the restricted session after WZBAM158E may only change the password, log out and read me (api.md)
    const restrictedMay = (['Query', 'Mutation'] as const).flatMap((root) =>
      rootFields(root)
        .filter((f) => [RULES_FOR_TESTS.hasAnySession].includes(rulesOf(root)[f.name] as never))
        .map((f) => f.name),
    );
    expect(restrictedMay.sort()).toEqual(['changePassword', 'logout']);
  });

  it('denies by default: a root field the map does not name is FORBIDDEN', async () => {
    const extended = extendSchema(schema, parse('extend type Query { unlisted: String }'));
    extended.getQueryType()!.getFields().unlisted.resolve = () => 'secret';
    const guarded = guardSchema(extended, rootPermissions(extended));
    const contextValue = { locale: 'ja', auth: async () => ({ kind: 'anonymous' }) } as unknown as Context;
    const res = await graphql({ schema: guarded, source: '{ unlisted }', contextValue });
    expect(res.data?.unlisted ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('rules', () => {
    const guarded = async (rule: unknown, auth: AuthState) => {
      const s = extendSchema(schema, parse('extend type Query { probe: String }'));
      s.getQueryType()!.getFields().probe.resolve = () => 'ok';
      const withRule = applyMiddleware(s, shield({ Query: { probe: rule as never } }, { allowExternalErrors: true }));
      const res = await graphql({ schema: withRule, source: '{ probe }', contextValue: { locale: 'en', auth: async () => auth } });
      return res.errors ? String(res.errors[0].extensions?.code) : res.data?.probe;
    };
    const session = (restricted: boolean) =>
      ({ kind: 'session', session: { id: 's', userId: 'u', restricted, createdAt: new Date(), expiresAt: new Date() }, user: {} }) as AuthState;

    it.each([
      ['hasSession', { kind: 'anonymous' }, 'UNAUTHENTICATED'],
      ['hasSession', { kind: 'problem', problem: 'SESSION_EXPIRED' }, 'SESSION_EXPIRED'],
      ['hasSession', { kind: 'problem', problem: 'WZBAM099E' }, 'WZBAM099E'],
      ['hasSession', 'restricted', 'FORBIDDEN'],
      ['hasSession', 'full', 'ok'],
      ['hasAnySession', { kind: 'anonymous' }, 'UNAUTHENTICATED'],
      ['hasAnySession', { kind: 'problem', problem: 'SESSION_EXPIRED' }, 'SESSION_EXPIRED'],
      ['hasAnySession', 'restricted', 'ok'],
      ['sessionOrAnonymous', { kind: 'anonymous' }, 'ok'],
      ['sessionOrAnonymous', { kind: 'problem', problem: 'UNAUTHENTICATED' }, 'UNAUTHENTICATED'],
      ['sessionOrAnonymous', 'restricted', 'ok'],
      ['isPublic', { kind: 'problem', problem: 'UNAUTHENTICATED' }, 'ok'],
    ] as const)('%s with %j → %s', async (name, state, expected) => {
      const auth = state === 'restricted' ? session(true) : state === 'full' ? session(false) : (state as AuthState);
      expect(await guarded(RULES_FOR_TESTS[name], auth)).toBe(expected);
    });
  });
});

describe('anonymous callers over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  const fieldsWhere = (pred: (rule: unknown) => boolean) =>
    (['Query', 'Mutation'] as const).flatMap((root) =>
      rootFields(root)
        .filter((f) => pred(rulesOf(root)[f.name]))
        .map((f) => ({ root, field: f, label: `${root}.${f.name}` })),
    );

  it('are refused with UNAUTHENTICATED by every root field that needs a session', async () => {
    const guardedFields = fieldsWhere((rule) => NEEDS_SESSION.has(rule));
    expect(guardedFields.map((f) => f.label)).toEqual(
      expect.arrayContaining(['Mutation.logout', 'Mutation.updateUser', 'Mutation.changePassword']),
    );
    for (const { root, field, label } of guardedFields) {
      const { query, variables } = operationFor(root, field);
      for (const token of [undefined, 'not-a-session-token']) {
        const res = await server.gql(query, variables, { token });
        expect(res.errors?.map((e) => e.extensions?.code), `${label} (token ${token})`).toEqual(['UNAUTHENTICATED']);
        expect(res.data?.[field.name] ?? null, label).toBeNull();
      }
    }
  });

  it('may call every public root field', async () => {
    const publicFields = fieldsWhere((rule) => NO_SESSION_NEEDED.has(rule));
    expect(publicFields.map((f) => f.label)).toEqual(
      expect.arrayContaining(['Query.me', 'Query.prefectures', 'Mutation.login', 'Mutation.requestPasswordReset']),
    );
    for (const { root, field, label } of publicFields) {
      const { query, variables } = operationFor(root, field);
      const res = await server.gql(query, variables);
      expect(res.errors, `${label}: ${JSON.stringify(res.errors)}`).toBeUndefined();
      expect(res.data, label).toHaveProperty(field.name);
    }
  });

  it('a logged-in caller passes the session rule (logout works with a token)', async () => {
    const user = await activeUser(server);
    const { token } = await login(server, user.authId);
    const res = await server.gql('mutation { logout { __typename } }', {}, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.logout.__typename).toBe('LoggedOut');
  });
});
