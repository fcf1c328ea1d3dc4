import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import type { AppDeps, Context, StaffContext } from './context.js';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locale.js';
import { clientIp } from '../http/client-ip.js';
import { resolveSession, type AuthState } from '../modules/auth/session.service.js';
import { resolveStaffSession, type StaffAuthState } from '../modules/staff/staff-session.service.js';
import { isAllowedStaffNetwork } from '../modules/staff/staff-networks.js';

/**
 * What a context needs to know of the request it serves, however it arrived: over HTTP (Express) or from the web
 * client inside this process (graphql/in-process.ts).
 */
export interface RequestFacts {
  headers: Record<string, string | string[] | undefined>;
  requestId: string;
  /** the client's address, as rate limits and the staff network list see it */
  ip: string;
  /** the request's logger, made on first use */
  log(): AppDeps['log'];
}

/** The facts of a request that came through Express (its id and logger from the request log). */
export function expressRequestFacts(req: Request, deps: AppDeps): RequestFacts {
  return {
    headers: req.headers,
    requestId: String(req.res?.locals.requestId ?? ''),
    ip: clientIp(req, deps.internalSecret),
    log: () => (req.res?.locals.log as AppDeps['log'] | undefined) ?? deps.log,
  };
}

function bearerToken(headers: RequestFacts['headers']): string | null {
  const header = headers.authorization;
  if (typeof header !== 'string') return header === undefined ? null : '';
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * What both surfaces' contexts share. Its unit of work (an EntityManager fork) and its child logger are made on first use: the
 * most frequent requests (`me`, the reference lists) need neither — the session lookup runs on the shared pool.
 * Apollo copies a context's own properties for each operation, so the lazy parts are getters on the prototype and
 * remember their value on whichever copy the resolvers get.
 */
abstract class BaseRequestContext {
  readonly config: AppDeps['config'];
  readonly clock: AppDeps['clock'];
  readonly hasher: AppDeps['hasher'];
  readonly limits: AppDeps['limits'];
  readonly requestId: string;
  readonly locale: Locale;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly token: string | null;
  readonly shared: EntityManager;
  private forked?: EntityManager;

  constructor(
    protected readonly deps: AppDeps,
    private readonly facts: RequestFacts,
  ) {
    this.config = deps.config;
    this.clock = deps.clock;
    this.hasher = deps.hasher;
    this.limits = deps.limits;
    this.requestId = facts.requestId;
    const language = facts.headers['accept-language'];
    this.locale = localeFromAcceptLanguage(typeof language === 'string' ? language : undefined);
    this.ip = facts.ip;
    const ua = facts.headers['user-agent'];
    this.userAgent = typeof ua === 'string' ? ua : null;
    this.token = bearerToken(facts.headers);
    this.shared = deps.orm.em;
  }

  get em(): EntityManager {
    return (this.forked ??= this.deps.orm.em.fork());
  }

  /** the request's child logger: every line a service writes carries the request id */
  get log(): AppDeps['log'] {
    return this.facts.log();
  }

}

/** A request to the applicant surface, `/graphql`. */
class RequestContext extends BaseRequestContext implements Context {
  private authState?: Promise<AuthState>;

  auth(): Promise<AuthState> {
    const token = this.token;
    return (this.authState ??=
      token === null
        ? Promise.resolve({ kind: 'anonymous' } as const)
        : resolveSession(this.shared, this.config, token, this.clock.now()));
  }
}

/** A request to the staff surface, `/staff/graphql`: its own sessions (staff tokens only) and the network allow-list. */
class StaffRequestContext extends BaseRequestContext implements StaffContext {
  private staffAuthState?: Promise<StaffAuthState>;

  get fromAllowedNetwork(): boolean {
    return isAllowedStaffNetwork(this.config, this.ip);
  }

  staffAuth(): Promise<StaffAuthState> {
    const token = this.token;
    return (this.staffAuthState ??=
      token === null
        ? Promise.resolve({ kind: 'anonymous' } as const)
        : resolveStaffSession(this.shared, this.config, token, this.clock.now()));
  }
}

/** Builds each applicant request's context, from an Express request or from the facts of one that came in-process. */
export function contextFactory(deps: AppDeps) {
  return async ({ req }: { req: Request }): Promise<Context> => new RequestContext(deps, expressRequestFacts(req, deps));
}
export const applicantContextOf = (deps: AppDeps, facts: RequestFacts): Context => new RequestContext(deps, facts);

/** Builds each staff request's context. */
export function staffContextFactory(deps: AppDeps) {
  return async ({ req }: { req: Request }): Promise<StaffContext> => new StaffRequestContext(deps, expressRequestFacts(req, deps));
}
export const staffContextOf = (deps: AppDeps, facts: RequestFacts): StaffContext => new StaffRequestContext(deps, facts);
