import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openProductOrm } from '../composition.js';
import { openCliDatabase } from './database.js';
import { migrate } from '../db/orm.js';
import { staffFieldMessages } from '../i18n/staff-error-messages.js';
import { systemClock } from '../lib/clock.js';
import { bootstrapAdmin } from '../modules/staff/staff-admin.service.js';

const USAGE = `usage: npm run staff -- create-admin --login-id ADDRESS --name NAME --bureau BUREAU [--roles STAFF_ADMIN,SUPERVISOR] [--force]

create-admin  creates a STAFF_ADMIN (the first one) and prints its enrolment link (PUBLIC_URL/staff/enrol?token=…) on
              stdout; it is valid for 24 hours and can be used once. Refused while an active STAFF_ADMIN exists, unless
              --force. Uses DATABASE_URL, or the embedded database under DATA_DIR like npm start, and applies pending
              migrations first. Audited (STAFF_ADMIN_BOOTSTRAPPED).`;

/** Exit codes: 0 done, 1 refused or failed, 2 bad usage or configuration. */
class Usage extends Error {}

function parse(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'login-id': { type: 'string' },
      name: { type: 'string' },
      bureau: { type: 'string' },
      roles: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length !== 1 || positionals[0] !== 'create-admin') throw new Usage(`unknown command: ${positionals.join(' ') || '(none)'}`);
  return {
    loginId: values['login-id'] ?? null,
    name: values.name ?? null,
    bureau: values.bureau ?? null,
    roles: (values.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean),
    force: values.force ?? false,
  };
}

async function main(): Promise<number> {
  let args;
  let config: Config;
  try {
    args = parse(process.argv.slice(2));
    if (!args) {
      console.log(USAGE);
      return 0;
    }
    config = loadConfig();
  } catch (err) {
    if (err instanceof Usage || err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }

  const database = await openCliDatabase(config);
  const orm = await openProductOrm(database.url, 2);
  try {
    await migrate(orm);
    const outcome = await bootstrapAdmin(orm.em.fork(), config, args, systemClock.now());
    switch (outcome.kind) {
      case 'invalid-input':
        for (const issue of outcome.issues) {
          const option = { loginId: '--login-id', name: '--name', bureau: '--bureau', roles: '--roles' }[issue.field] ?? issue.field;
          console.error(`${option}: ${staffFieldMessages(issue, 'en').message}`);
        }
        return 2;
      case 'admin-exists':
        console.error('An active STAFF_ADMIN exists already: ask them to create your account, or use --force.');
        return 1;
      case 'login-id-taken':
        console.error('A staff member with this login ID exists already.');
        return 1;
      case 'created':
        console.error(`Created staff member ${outcome.id}. Enrolment link (valid until ${outcome.expiresAt.toISOString()}, once):`);
        console.log(outcome.enrolmentUrl);
        return 0;
    }
  } finally {
    await orm.close(true);
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('staff: failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
