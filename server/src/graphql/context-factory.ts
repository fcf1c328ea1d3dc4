import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import type { AppDeps, Context, StaffContext } from './context.js';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locale.js';
import { clientIp } from '../http/client-ip.js';
import { resolveSession, type AuthState } from '../modules/auth/session.service.js';
import { resolveStaffSession, type StaffAuthState } from '../modules/staff/staff-session.service.js';
import { isAllowedStaffNetwork } from '../modules/staff/staff-networks.js';

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
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
    private readonly req: Request,
  ) {
    this.config = deps.config;
    this.clock = deps.clock;
    this.hasher = deps.hasher;
    this.limits = deps.limits;
    this.requestId = String(req.res?.locals.requestId ?? '');
    this.locale = localeFromAcceptLanguage(req.headers['accept-language']);
    this.ip = clientIp(req, deps.internalSecret);
    this.userAgent = req.headers['user-agent'] ?? null;
    this.token = bearerToken(req);
    this.shared = deps.orm.em;
  }

  get em(): EntityManager {
    return (this.forked ??= this.deps.orm.em.fork());
  }

  /** the request's child logger: every line a service writes carries the request id */
  get log(): AppDeps['log'] {
    return (this.req.res?.locals.log as AppDeps['log'] | undefined) ?? this.deps.log;
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

/** Builds each request's context. */
export function contextFactory(deps: AppDeps) {
  return async ({ req }: { req: Request }): Promise<Context> => new RequestContext(deps, req);
}

/** Builds each staff request's context. */
export function staffContextFactory(deps: AppDeps) {
  return async ({ req }: { req: Request }): Promise<StaffContext> => new StaffRequestContext(deps, req);
}
