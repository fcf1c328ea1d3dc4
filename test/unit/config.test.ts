import { describe, expect, it } from 'vitest';
import { ConfigError, isAllowListDomain, loadConfig } from '../../server/src/config.js';

const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app', SMTP_URL: 'smtp://mail:25', COE_SIGNING_KEY: '/run/secrets/coe-signing-key.pem' };

/** Configuration defaults that matter for safety (README "Configuration"). */
describe('loadConfig', () => {
  it('listens on loopback only unless HOST says otherwise (issue 17: the development mailbox is not on the network)', () => {
    expect(loadConfig({}, []).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }, []).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }, []).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }, []).host).toBe('::');
  });

  it("GRAPHQL_SANDBOX (Apollo's page with scripts from outside): off by default, on only on request, never in production", () => {
    expect(loadConfig({}, []).graphqlSandbox).toBe(false);
    expect(loadConfig({ GRAPHQL_SANDBOX: 'false' }, []).graphqlSandbox).toBe(false);
    expect(loadConfig({ GRAPHQL_SANDBOX: 'true' }, []).graphqlSandbox).toBe(true);
    expect(loadConfig({ GRAPHQL_SANDBOX: '1' }, []).graphqlSandbox).toBe(true);
    expect(() => loadConfig({ GRAPHQL_SANDBOX: 'maybe' }, [])).toThrow(/GRAPHQL_SANDBOX must be true or false/);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', SMTP_URL: 'smtp://x', MAIL_FROM: 'no-reply@portal.example.jp', COE_SIGNING_KEY: '/run/secrets/coe-signing-key.pem' };
    expect(loadConfig(production, []).graphqlSandbox).toBe(false);
    expect(() => loadConfig({ ...production, GRAPHQL_SANDBOX: 'true' }, [])).toThrow(/GRAPHQL_SANDBOX cannot be on when NODE_ENV=production/);
  });

  it('refuses production without a real database and mail server', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://x' }, [])).toThrow(ConfigError);
  });
});

describe('MAIL_FROM', () => {
  it('defaults to no-reply@ the public host, so mails and STEP3 name the portal’s own domain', () => {
    expect(loadConfig({}, [])).toMatchObject({ mailFrom: 'no-reply@localhost', mailFromDomain: 'localhost' });
    expect(loadConfig({ PUBLIC_URL: 'https://Portal.Example.jp' }, [])).toMatchObject({
      mailFrom: 'no-reply@portal.example.jp',
      mailFromDomain: 'portal.example.jp',
    });
  });
  it('takes a plain address or one with a display name, and its domain in lower case', () => {
    expect(loadConfig({ MAIL_FROM: 'no-reply@Mail.Example.jp' }, []).mailFromDomain).toBe('mail.example.jp');
    const named = loadConfig({ MAIL_FROM: '在留申請オンラインシステム <no-reply@ras-portal.example>' }, []);
    expect(named.mailFrom).toBe('在留申請オンラインシステム <no-reply@ras-portal.example>');
    expect(named.mailFromDomain).toBe('ras-portal.example');
  });
  it('refuses a MAIL_FROM that is no address, naming the variable', () => {
    for (const bad of ['no-reply', 'a@b@c', 'Name <no-reply>', '@example.jp', 'no-reply@']) {
      expect(() => loadConfig({ MAIL_FROM: bad }, []), bad).toThrow(ConfigError);
      expect(() => loadConfig({ MAIL_FROM: bad }, []), bad).toThrow(/^MAIL_FROM must be an e-mail address/);
    }
  });
  it('must be set in production', () => {
    expect(() => loadConfig(PRODUCTION, [])).toThrow(/^MAIL_FROM must be set when NODE_ENV=production/);
    expect(loadConfig({ ...PRODUCTION, MAIL_FROM: 'no-reply@portal.example.jp' }, []).mailFromDomain).toBe('portal.example.jp');
  });
  it('COE_SIGNING_KEY must be set in production (a generated development key would sign COEs no one can trust)', () => {
    const { COE_SIGNING_KEY: _unset, ...withoutKey } = PRODUCTION;
    expect(() => loadConfig({ ...withoutKey, MAIL_FROM: 'no-reply@portal.example.jp' }, [])).toThrow(/^COE_SIGNING_KEY must be set when NODE_ENV=production/);
    expect(loadConfig({}, []).coeSigningKey).toBeUndefined();
  });
});

describe('isAllowListDomain (STEP3 tells users to allow the sender domain only when it is a real one)', () => {
  it('is false for localhost, IP addresses and single-label hosts', () => {
    for (const d of ['localhost', 'portal.localhost', '127.0.0.1', '10.1.2.3', '[::1]', '::1', 'mailhost']) {
      expect(isAllowListDomain(d), d).toBe(false);
    }
  });
  it('is true for a domain name', () => {
    for (const d of ['portal.example.jp', 'ras-portal.example', 'moj.go.jp']) expect(isAllowListDomain(d), d).toBe(true);
  });
});

describe('help-desk hours', () => {
  it('have an English version of their own (HELPDESK_HOURS_EN), saying they are Japan time', () => {
    expect(loadConfig({}, []).helpdesk.hoursEn).toMatch(/Japan time/);
    expect(loadConfig({ HELPDESK_HOURS_EN: 'Weekdays 10:00–16:00 JST' }, []).helpdesk.hoursEn).toBe('Weekdays 10:00–16:00 JST');
  });
});

describe('the staff back office (staff.md)', () => {
  it('staff sessions: 15 minutes idle and 12 hours absolute by default, set by STAFF_IDLE_TIMEOUT_SECONDS / STAFF_SESSION_MAX_AGE_SECONDS', () => {
    expect(loadConfig({}, [])).toMatchObject({ staffIdleTimeoutSeconds: 900, staffSessionMaxAgeSeconds: 43200, staffAllowedNetworks: [] });
    expect(loadConfig({ STAFF_IDLE_TIMEOUT_SECONDS: '600', STAFF_SESSION_MAX_AGE_SECONDS: '28800' }, [])).toMatchObject({ staffIdleTimeoutSeconds: 600, staffSessionMaxAgeSeconds: 28800 });
    expect(() => loadConfig({ STAFF_IDLE_TIMEOUT_SECONDS: '0' }, [])).toThrow(/STAFF_IDLE_TIMEOUT_SECONDS/);
  });

  it('AUDIT_ANCHOR_EMAIL: unset by default (no anchor mail); one address of at most 60 characters, else a message naming it', () => {
    expect(loadConfig({}, []).auditAnchorEmail).toBeUndefined();
    expect(loadConfig({ AUDIT_ANCHOR_EMAIL: ' audit@immi.example.go.jp ' }, []).auditAnchorEmail).toBe('audit@immi.example.go.jp');
    for (const bad of ['audit', 'a@b', 'Audit <audit@example.jp>', 'a@example.jp,b@example.jp', `${'a'.repeat(50)}@example.jp`]) {
      expect(() => loadConfig({ AUDIT_ANCHOR_EMAIL: bad }, []), bad).toThrow(/AUDIT_ANCHOR_EMAIL/);
    }
  });

  it('STAFF_ALLOWED_NETWORKS takes CIDR blocks and single addresses, IPv4 and IPv6, and refuses a typo naming it', () => {
    expect(loadConfig({ STAFF_ALLOWED_NETWORKS: ' 10.20.0.0/16, 192.0.2.7 ,2001:db8::/32' }, []).staffAllowedNetworks).toEqual(['10.20.0.0/16', '192.0.2.7', '2001:db8::/32']);
    for (const bad of ['10.20.0.0/33', '10.20.0/16', 'intranet', '2001:db8::/129', '10.0.0.0/8/1', '10.0.0.0/x']) {
      expect(() => loadConfig({ STAFF_ALLOWED_NETWORKS: bad }, []), bad).toThrow(/STAFF_ALLOWED_NETWORKS/);
    }
  });

  it('DELETED_RETENTION_DAYS: a deleted account\'s personal data is kept 365 days by default; 0 erases at the next run', () => {
    expect(loadConfig({}, []).deletedRetentionDays).toBe(365);
    expect(loadConfig({ DELETED_RETENTION_DAYS: '0' }, []).deletedRetentionDays).toBe(0);
    expect(() => loadConfig({ DELETED_RETENTION_DAYS: 'a year' }, [])).toThrow(/DELETED_RETENTION_DAYS/);
  });

  it('MIGRATION_DATABASE_URL (the owner, for migrations) needs DATABASE_URL (the application role)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/portal', MIGRATION_DATABASE_URL: 'postgres://owner@db/portal' }, []).migrationDatabaseUrl).toBe('postgres://owner@db/portal');
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/portal' }, [])).toThrow(/needs DATABASE_URL/);
  });
});
