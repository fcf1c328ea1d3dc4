import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import type { AppDeps, Context } from './context.js';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locale.js';
import { clientIp } from '../http/client-ip.js';
import { resolveSession, type AuthState } from '../modules/auth/session.service.js';

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * One request's context. Its unit of work (an EntityManager fork) and its child logger are made on first use: the
 * most frequent requests (`me`, the reference lists) need neither — the session lookup runs on the shared pool.
 * Apollo copies a context's own properties for each operation, so the lazy parts are getters on the prototype and
 * remember their value on whichever copy the resolvers get.
 */
class RequestContext implements Context {
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
  private authState?: Promise<AuthState>;

  constructor(
    private readonly deps: AppDeps,
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

  auth(): Promise<AuthState> {
    const token = this.token;
    return (this.authState ??=
      token === null
        ? Promise.resolve({ kind: 'anonymous' } as const)
        : resolveSession(this.shared, this.config, token, this.clock.now()));
  }
}

/** Builds each request's context. */
export function contextFactory(deps: AppDeps) {
  return async ({ req }: { req: Request }): Promise<Context> => new RequestContext(deps, req);
}
