import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Locale } from '../i18n/locale.js';
import type { PasswordHasher } from '../modules/password/password-hasher.js';
import type { RateLimits } from '../modules/rate-limit/rate-limits.js';
import type { AuthState } from '../modules/auth/session.service.js';
import type { StaffAuthState } from '../modules/staff/staff-session.service.js';

/** What lives as long as the process: built once in app.ts, shared by every request. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  orm: MikroORM;
  hasher: PasswordHasher;
  limits: RateLimits;
  log: Logger;
  /** shared with the in-process web client so it may forward its users' addresses (http/client-ip.ts) */
  internalSecret: string;
}

/** What a service needs: the request's unit of work plus the shared parts. No GraphQL inside. */
export interface ServiceContext {
  /** the request's unit of work (a fork, made on first use) */
  em: EntityManager;
  /**
   * The ORM's root entity manager, not forked: only for single prepared statements (queryPrepared) that need no unit
   * of work — a fork costs more than such a statement on the hot paths (login). MikroORM refuses entity work on it.
   */
  shared: EntityManager;
  config: Config;
  clock: Clock;
  hasher: PasswordHasher;
  limits: RateLimits;
  log: Logger;
  locale: Locale;
  ip: string;
  userAgent: string | null;
}

/** The GraphQL context of one request. */
export interface Context extends ServiceContext {
  requestId: string;
  /** the bearer token sent with the request, if any */
  token: string | null;
  /** resolves (once per request) the session the token names; touches it, which keeps it alive */
  auth(): Promise<AuthState>;
}

/** The GraphQL context of one request to the staff surface (`/staff/graphql`). */
export interface StaffContext extends ServiceContext {
  requestId: string;
  /** the bearer token sent with the request, if any */
  token: string | null;
  /** resolves (once per request) the staff session the token names; touches it, which keeps it alive */
  staffAuth(): Promise<StaffAuthState>;
  /** whether the caller's address is inside STAFF_ALLOWED_NETWORKS (always, when it is unset) */
  fromAllowedNetwork: boolean;
}
