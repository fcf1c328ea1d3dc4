import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, deny, rule, shield, type IRules } from 'graphql-shield';
import type { Context } from './context.js';
import { topLevelError } from '../errors/graphql-errors.js';

/**
 * The one authorization layer (api.md): a graphql-shield map, deny by default. Every root field is named here with
 * its rule; a test reads the schema and fails when a root field has no entry. Object types below the root are
 * reachable only through a root field, so their fields are allowed once the root field was (see rootPermissions).
 */

/** No session needed. */
const isPublic = allow;

/**
 * A rule that reads the session. graphql-shield turns an error thrown inside a rule into `false` — FORBIDDEN, with
 * the error dropped — so a database failure during the session check would look like a permission problem and leave
 * no trace. Returned instead, the error reaches error masking: WZBAM098E with a request id, and a log line.
 */
function sessionRule(check: (ctx: Context) => Promise<true | Error>) {
  return rule({ cache: 'contextual' })(async (_parent, _args, ctx: Context) => {
    try {
      return await check(ctx);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  });
}

/** A live, unrestricted session. */
const hasSession = sessionRule(async (ctx) => {
  const auth = await ctx.auth();
  if (auth.kind === 'anonymous') return topLevelError('UNAUTHENTICATED', ctx.locale);
  if (auth.kind === 'problem') return topLevelError(auth.problem, ctx.locale);
  if (auth.session.restricted) return topLevelError('FORBIDDEN', ctx.locale);
  return true;
});

/** A live session, also the restricted one after WZBAM158E (it may only change the password, log out, and read me). */
const hasAnySession = sessionRule(async (ctx) => {
  const auth = await ctx.auth();
  if (auth.kind === 'anonymous') return topLevelError('UNAUTHENTICATED', ctx.locale);
  if (auth.kind === 'problem') return topLevelError(auth.problem, ctx.locale);
  return true;
});

/**
 * The electronic COE's own functions: a full session of a user of the class that receives COEs electronically
 * (COUNTER_COE_RECIPIENT). Other classes get FORBIDDEN, not WZBAM250E: that code's text says the operation is closed
 * *to* the counter class (docs/decisions.md "Electronic COE").
 */
const isCoeRecipient = sessionRule(async (ctx) => {
  const auth = await ctx.auth();
  if (auth.kind === 'anonymous') return topLevelError('UNAUTHENTICATED', ctx.locale);
  if (auth.kind === 'problem') return topLevelError(auth.problem, ctx.locale);
  if (auth.session.restricted || auth.user.userClass !== 'COUNTER_COE_RECIPIENT') return topLevelError('FORBIDDEN', ctx.locale);
  return true;
});

/** `me`: no token is fine (null); a bad token is the session problem. */
const sessionOrAnonymous = sessionRule(async (ctx) => {
  const auth = await ctx.auth();
  return auth.kind === 'problem' ? topLevelError(auth.problem, ctx.locale) : true;
});

export const ROOT_RULES = {
  Query: {
    me: sessionOrAnonymous,
    // like me: the deadline of the caller's session (the restricted one too), null without a token
    session: sessionOrAnonymous,
    prefectures: isPublic,
    municipalities: isPublic,
    notices: isPublic,
    passwordPolicy: isPublic,
    passwordCheck: isPublic,
    // the page of an e-mailed link, before anyone is logged in; unknown tokens are rate-limited as for setPassword
    passwordLink: isPublic,
    myCoes: isCoeRecipient,
    // public, rate-limited per client inside the service (docs/spec/coe.md)
    verifyCoe: isPublic,
  },
  Mutation: {
    validateRegistration: isPublic,
    register: isPublic,
    setPassword: isPublic,
    login: isPublic,
    logout: hasAnySession,
    updateUser: hasSession,
    // also the restricted session after WZBAM158E: changing the password is what it is for
    changePassword: hasAnySession,
    requestPasswordReset: isPublic,
    registerCoeReceipt: isCoeRecipient,
    resendMyCoeMail: isCoeRecipient,
  },
} as const;

export const RULES_FOR_TESTS = { isPublic, hasSession, hasAnySession, sessionOrAnonymous, isCoeRecipient };

/**
 * The shield as graphql-middleware field maps for the two root types only. Below the root a field is reachable only
 * through a root field that passed its rule, so wrapping every field of every object type (what applying the whole
 * shield does) checks nothing more — and it cost about a fifth of an authenticated `me` request (bench/api.ts).
 * Inside the root types the fallback rule still denies every field the map does not name.
 */
export function rootPermissions(schema: GraphQLSchema): IMiddlewareTypeMap {
  return shieldRootFields(schema, { Query: { ...ROOT_RULES.Query }, Mutation: { ...ROOT_RULES.Mutation } });
}

/** A surface's rule map as graphql-middleware maps of its two root types, deny by default (also the staff surface's). */
export function shieldRootFields(schema: GraphQLSchema, tree: { Query: IRules; Mutation: IRules }): IMiddlewareTypeMap {
  const generated = shield(tree as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug: false,
    fallbackError: (_thrown, _parent, _args, ctx) => topLevelError('FORBIDDEN', (ctx as unknown as Context).locale),
  }).generate(schema) as IMiddlewareTypeMap;
  return { Query: generated.Query, Mutation: generated.Mutation };
}
