import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';

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
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', SMTP_URL: 'smtp://x' };
    expect(loadConfig(production, []).graphqlSandbox).toBe(false);
    expect(() => loadConfig({ ...production, GRAPHQL_SANDBOX: 'true' }, [])).toThrow(/GRAPHQL_SANDBOX cannot be on when NODE_ENV=production/);
  });

  it('refuses production without a real database and mail server', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://x' }, [])).toThrow(ConfigError);
  });
});
