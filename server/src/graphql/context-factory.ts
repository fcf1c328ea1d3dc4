import type { Request } from 'express';
import type { AppDeps, Context } from './context.js';
import { localeFromAcceptLanguage } from '../i18n/locale.js';
import { clientIp } from '../http/client-ip.js';
import { resolveSession, type AuthState } from '../modules/auth/session.service.js';

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/** Builds each request's context: its own unit of work (an EntityManager fork), language, client and session. */
export function contextFactory(deps: AppDeps) {
  return async ({ req }: { req: Request }): Promise<Context> => {
    const em = deps.orm.em.fork();
    const token = bearerToken(req);
    let auth: Promise<AuthState> | undefined;
    return {
      em,
      config: deps.config,
      clock: deps.clock,
      hasher: deps.hasher,
      limits: deps.limits,
      // the request's child logger: every line a service writes carries the request id
      log: (req.res?.locals.log as AppDeps['log'] | undefined) ?? deps.log,
      requestId: String(req.res?.locals.requestId ?? ''),
      locale: localeFromAcceptLanguage(req.headers['accept-language']),
      ip: clientIp(req, deps.internalSecret),
      userAgent: req.headers['user-agent'] ?? null,
      token,
      auth: () =>
        (auth ??=
          token === null
            ? Promise.resolve({ kind: 'anonymous' } as const)
            : resolveSession(em, deps.config, token, deps.clock.now())),
    };
  };
}
