import net from 'node:net';
import os from 'node:os';
import { addressDomain } from './lib/mail-address.js';

/**
 * Every environment variable, parsed and validated once (api.md "Configuration"). Each has a safe default so
 * `npm start` works on a fresh machine; a bad value stops start-up with a message naming the variable.
 */
export interface Config {
  nodeEnv: string;
  production: boolean;
  port: number;
  /** the listen address: loopback unless HOST says otherwise, so a developer's `npm start` is not on the network */
  host: string;
  publicUrl: string;
  /** unset → an embedded PostgreSQL under `dataDir` */
  databaseUrl: string | undefined;
  /**
   * when set, migrations run through this URL (the tables' owner) and the product serves through `databaseUrl`
   * (the application's role, docs/operations.md); unset, both use `databaseUrl`
   */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** unset → the built-in development mailbox */
  smtpUrl: string | undefined;
  /** the sender: `no-reply@portal.example.jp` or `Name <no-reply@portal.example.jp>` */
  mailFrom: string;
  /** the domain of `mailFrom`'s address, lower-case: what users are told to allow (STEP3) */
  mailFromDomain: string;
  sessionIdleTimeoutSeconds: number;
  sessionMaxAgeSeconds: number;
  /** staff sessions (staff.md): 15 minutes idle, 12 hours absolute */
  staffIdleTimeoutSeconds: number;
  staffSessionMaxAgeSeconds: number;
  /** CIDR blocks staff may use the back office from; empty: anywhere */
  staffAllowedNetworks: string[];
  lockoutThreshold: number;
  lockoutSeconds: number;
  passwordMaxAgeDays: number;
  /** a DELETED (抹消) account's personal data is erased this many days after the deletion (docs/spec/staff.md) */
  deletedRetentionDays: number;
  registrationLinkSeconds: number;
  resetLinkSeconds: number;
  rateLimitMultiplier: number;
  /** how many argon2 hashes may run at once; the rest wait in line (security.md 3) */
  hashConcurrency: number;
  /** waiting hashes beyond this are refused with RATE_LIMITED instead of queueing without bound */
  hashQueueLimit: number;
  /** addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated); none by default */
  trustedProxies: string[];
  /** `hours` in Japanese (pages and mails), `hoursEn` for the English pages */
  helpdesk: { phone: string; email: string; hours: string; hoursEn: string };
  /** the outbox sweep re-queues a mail still unsent this long after it was written (its worker may have died mid-send) */
  mailStuckAfterSeconds: number;
  /** where the worker runs: `all` (server + worker, the default), `server`, or `worker` */
  role: 'all' | 'server' | 'worker';
  logLevel: string;
  /** when set, GET /metrics requires `Authorization: Bearer <token>`; otherwise it answers only loopback callers */
  metricsToken: string | undefined;
  /** where the daily audit anchor (the last seq and hash) is mailed (staff.md "Audit trail"); unset: no anchor mail */
  auditAnchorEmail: string | undefined;
  /** GET /graphql in a browser serves Apollo Sandbox (scripts from Apollo's CDN): development only, off by default */
  graphqlSandbox: boolean;
  /**
   * COE_SIGNING_KEY: the ES256 private key that signs COE verification codes, as a JWK (JSON), a PEM, or the path of
   * a file holding one; unset outside production → generated on first start under DATA_DIR (modules/coe/coe-keys.ts)
   */
  coeSigningKey: string | undefined;
  /**
   * COE_VERIFY_KEYS: further public keys that still verify (an earlier signing key during a rotation), published in
   * /.well-known/coe-keys.json beside the signing key's: a JWKS or a JWK (JSON) or the path of a file holding one
   */
  coeVerifyKeys: string | undefined;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}

function num(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number (got "${raw}")`);
  return n;
}

function flag(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'off', 'no'].includes(raw)) return false;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

/**
 * STAFF_ALLOWED_NETWORKS: a comma-separated list of CIDR blocks (`10.20.0.0/16, 2001:db8::/32`) or single addresses.
 * Each is checked here, so a typo stops start-up instead of locking every staff member out (or letting everyone in).
 */
function networks(name: string, raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = net.isIPv4(address) ? 4 : net.isIPv6(address) ? 6 : 0;
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!family || rest.length || !/^\d{1,3}$/.test(String(bits)) || bits > (family === 4 ? 32 : 128)) {
      throw new ConfigError(`${name} must be a comma-separated list of CIDR blocks such as 10.20.0.0/16 (got "${entry}")`);
    }
  }
  return entries;
}

function url(name: string, raw: string, protocols: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
  }
  return raw;
}

function senderDomain(name: string, raw: string): string {
  const domain = addressDomain(raw);
  if (!domain) throw new ConfigError(`${name} must be an e-mail address, optionally with a name: "Name <no-reply@example.jp>" (got "${raw}")`);
  return domain;
}

/**
 * Whether a sender domain is worth telling users to allow in their spam filter: not for `localhost` (or
 * `*.localhost`), an IP address, or a single-label host name, which no mail filter is set up for and which only show
 * that the sender was never configured (development, tests).
 */
export function isAllowListDomain(domain: string): boolean {
  const host = domain.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  if (host.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return false;
  return host.includes('.');
}

export function loadConfig(env: Env = process.env, argv: string[] = process.argv): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const port = int(env, 'PORT', 3000);
  const publicUrl = url('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${port}`, ['http:', 'https:']).replace(/\/+$/, '');
  const databaseUrl = env.DATABASE_URL ? url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']) : undefined;
  const migrationDatabaseUrl = env.MIGRATION_DATABASE_URL
    ? url('MIGRATION_DATABASE_URL', env.MIGRATION_DATABASE_URL, ['postgres:', 'postgresql:'])
    : undefined;
  if (migrationDatabaseUrl && !databaseUrl) throw new ConfigError('MIGRATION_DATABASE_URL needs DATABASE_URL (the application role\'s connection)');
  const smtpUrl = env.SMTP_URL ? url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : undefined;
  if (production && !smtpUrl) {
    throw new ConfigError('SMTP_URL must be set when NODE_ENV=production (the development mailbox never runs in production)');
  }
  if (production && !databaseUrl) {
    throw new ConfigError('DATABASE_URL must be set when NODE_ENV=production (the embedded database is for development)');
  }
  const graphqlSandbox = flag(env, 'GRAPHQL_SANDBOX');
  if (production && graphqlSandbox) {
    throw new ConfigError('GRAPHQL_SANDBOX cannot be on when NODE_ENV=production (the sandbox loads scripts from outside the site)');
  }
  if (production && !env.MAIL_FROM) {
    throw new ConfigError('MAIL_FROM must be set when NODE_ENV=production (users are told to allow mail from its domain)');
  }
  // no MAIL_FROM outside production: a sender on the public host's domain (no-reply@localhost for `npm start`)
  const mailFrom = env.MAIL_FROM || `no-reply@${new URL(publicUrl).hostname}`;
  const mailFromDomain = senderDomain('MAIL_FROM', mailFrom);
  if (production && !env.COE_SIGNING_KEY) {
    throw new ConfigError('COE_SIGNING_KEY must be set when NODE_ENV=production (a generated development key would sign COEs no one can trust)');
  }
  const roleArg = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? env.ROLE ?? 'all';
  if (!['all', 'server', 'worker'].includes(roleArg)) throw new ConfigError(`--role must be all, server or worker (got "${roleArg}")`);

  return {
    nodeEnv,
    production,
    port,
    host: env.HOST || '127.0.0.1',
    publicUrl,
    databaseUrl,
    migrationDatabaseUrl,
    dataDir: env.DATA_DIR || '.data',
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 25432, 1),
    smtpUrl,
    mailFrom,
    mailFromDomain,
    sessionIdleTimeoutSeconds: int(env, 'SESSION_IDLE_TIMEOUT_SECONDS', 1800, 1),
    sessionMaxAgeSeconds: int(env, 'SESSION_MAX_AGE_SECONDS', 43200, 1),
    staffIdleTimeoutSeconds: int(env, 'STAFF_IDLE_TIMEOUT_SECONDS', 900, 1),
    staffSessionMaxAgeSeconds: int(env, 'STAFF_SESSION_MAX_AGE_SECONDS', 43200, 1),
    staffAllowedNetworks: networks('STAFF_ALLOWED_NETWORKS', env.STAFF_ALLOWED_NETWORKS),
    lockoutThreshold: int(env, 'LOCKOUT_THRESHOLD', 5, 1),
    lockoutSeconds: int(env, 'LOCKOUT_SECONDS', 86400, 1),
    passwordMaxAgeDays: int(env, 'PASSWORD_MAX_AGE_DAYS', 365, 0),
    deletedRetentionDays: int(env, 'DELETED_RETENTION_DAYS', 365, 0),
    registrationLinkSeconds: int(env, 'REGISTRATION_LINK_SECONDS', 86400, 1),
    resetLinkSeconds: int(env, 'RESET_LINK_SECONDS', 3600, 1),
    rateLimitMultiplier: num(env, 'RATE_LIMIT_MULTIPLIER', 1),
    // the same default as server/preload/thread-pool.cjs, which sizes the hashing threads before this module loads
    hashConcurrency: int(env, 'HASH_CONCURRENCY', os.availableParallelism(), 1),
    hashQueueLimit: int(env, 'HASH_QUEUE_LIMIT', 500, 1),
    trustedProxies: (env.TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    helpdesk: {
      // Example values on purpose: a deployment sets its own; the real system's contacts are never shipped.
      phone: env.HELPDESK_PHONE || '0570-000-000',
      email: env.HELPDESK_EMAIL || 'helpdesk@example.jp',
      hours:
        env.HELPDESK_HOURS ||
        '月曜日から金曜日(祝日法に定める休日及び12月29日から翌月1月3日までの日を除く。)の9時00分から17時00分まで',
      hoursEn:
        env.HELPDESK_HOURS_EN ||
        'Monday to Friday, 9:00 to 17:00 Japan time (except national holidays and 29 December to 3 January)',
    },
    mailStuckAfterSeconds: int(env, 'MAIL_STUCK_AFTER_SECONDS', 600, 1),
    role: roleArg as Config['role'],
    logLevel: env.LOG_LEVEL || (env.CI || env.VITEST ? 'warn' : 'info'),
    metricsToken: env.METRICS_TOKEN || undefined,
    graphqlSandbox,
    auditAnchorEmail: anchorAddress('AUDIT_ANCHOR_EMAIL', env.AUDIT_ANCHOR_EMAIL),
    coeSigningKey: env.COE_SIGNING_KEY || undefined,
    coeVerifyKeys: env.COE_VERIFY_KEYS || undefined,
  };
}

/** AUDIT_ANCHOR_EMAIL: one plain address (it goes into the outbox, whose recipient holds 60 characters). */
function anchorAddress(name: string, raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  if (value.length > 60 || !/^[^\s@<>(),;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value)) {
    throw new ConfigError(`${name} must be one e-mail address of at most 60 characters (got "${raw}")`);
  }
  return value;
}
