import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../lib/logger.js';

export type AuthEventType =
  | 'REGISTERED'
  | 'PASSWORD_SET'
  | 'PASSWORD_RESET'
  | 'LOGIN_SUCCEEDED'
  | 'LOGIN_RESTRICTED'
  | 'LOGIN_FAILED'
  | 'LOGIN_REFUSED'
  | 'ACCOUNT_LOCKED'
  | 'LOGOUT'
  | 'SESSION_SUPERSEDED'
  | 'USER_UPDATED'
  | 'EMAIL_CHANGED'
  | 'PASSWORD_CHANGED'
  | 'PASSWORD_CHANGE_FAILED'
  | 'SESSION_ENDED_WRONG_PASSWORDS'
  | 'PASSWORD_RESET_REQUESTED'
  | 'PASSWORD_RESET_REFUSED';

/**
 * Appends to the audit trail on `em`'s transaction and writes the same security event as a log line (security.md;
 * the request's logger adds the request id). Never a password, token or session id in `details`.
 */
export async function recordEvent(
  em: EntityManager,
  event: { type: AuthEventType; userId?: string | null; ip?: string | null; userAgent?: string | null; details?: Record<string, unknown> },
  at: Date,
  log?: Logger,
): Promise<void> {
  if (log) logEvent(log, event);
  await em.execute(
    'insert into auth_event (user_id, type, ip, user_agent, at, details) values (?, ?, ?, ?, ?, ?)',
    [event.userId ?? null, event.type, event.ip ?? null, event.userAgent?.slice(0, 512) ?? null, at, event.details ? JSON.stringify(event.details) : null],
  );
}

/** The security event as a log line (security.md): what recordEvent writes besides the audit row. */
export function logEvent(log: Logger, event: { type: AuthEventType; userId?: string | null; ip?: string | null; details?: Record<string, unknown> }): void {
  log.info({ securityEvent: event.type, userId: event.userId ?? null, ip: event.ip ?? null, ...event.details }, 'security event');
}
