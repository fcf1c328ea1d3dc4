import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openProductOrm } from '../composition.js';
import { staffFieldMessages } from '../i18n/staff-error-messages.js';
import { checkAuditChain } from '../modules/audit/audit-chain.js';
import { writeAuditCsv } from '../modules/audit/audit-csv.js';
import { checkAuditFilter } from '../modules/audit/audit-filter.js';
import { openCliDatabase } from './database.js';

const USAGE = `usage: npm run audit -- verify [--anchor SEQ:HASH]
       npm run audit -- export [--from DATE] [--to DATE] [--out FILE]

verify  walks the audit chain from seq 1 and prints "ok: N events checked" (exit 0), or the first broken seq
        ("broken: first broken seq S …", exit 1). With --anchor (the seq and hash of a daily anchor mail), also checks
        that the event of that seq still has that hash.
export  writes the events from --from up to --to as CSV (UTF-8 with BOM, CRLF, oldest first) to stdout, or to --out.
        DATE: YYYY-MM-DD (Japan time; as --to, the whole day), YYYY-MM-DDTHH:MM[:SS] (Japan time) or ISO 8601 with Z/±HH:MM.

Both only read (a read-only database role is enough) and use DATABASE_URL, or the embedded database under DATA_DIR
like npm start. Exit codes: 0 ok, 1 broken chain or anchor mismatch (or a failure), 2 bad usage.`;

class Usage extends Error {}

type Command =
  | { kind: 'verify'; anchor: { seq: number; hash: string } | null }
  | { kind: 'export'; from: string | null; to: string | null; out: string | null };

function parse(argv: string[]): Command | null {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      anchor: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const [command, ...rest] = positionals;
  if (rest.length) throw new Usage(`unexpected: ${rest.join(' ')}`);
  if (command === 'verify') {
    if (values.from || values.to || values.out) throw new Usage('verify takes no --from, --to or --out');
    if (values.anchor === undefined) return { kind: 'verify', anchor: null };
    const m = /^(\d{1,18}):([0-9a-f]{64})$/i.exec(values.anchor.trim());
    if (!m) throw new Usage('--anchor must be SEQ:HASH, e.g. 1234:<64 hex digits>');
    return { kind: 'verify', anchor: { seq: Number(m[1]), hash: m[2].toLowerCase() } };
  }
  if (command === 'export') {
    if (values.anchor) throw new Usage('export takes no --anchor');
    return { kind: 'export', from: values.from ?? null, to: values.to ?? null, out: values.out ?? null };
  }
  throw new Usage(`unknown command: ${command ?? '(none)'}`);
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function run(command: Command, config: Config): Promise<number> {
  let filter = null;
  if (command.kind === 'export') {
    const checked = checkAuditFilter({ from: command.from, to: command.to });
    if (!checked.ok) {
      for (const issue of checked.issues) console.error(`--${issue.field}: ${staffFieldMessages(issue, 'en').message}`);
      return 2;
    }
    filter = checked.filter;
  }
  const database = await openCliDatabase(config);
  const orm = await openProductOrm(database.url, 1);
  try {
    const em = orm.em.fork();
    if (command.kind === 'verify') {
      const status = await checkAuditChain(em);
      if (!status.ok) {
        console.log(`broken: first broken seq ${status.firstBrokenSeq} (${status.checkedEvents} events intact before it)`);
        return 1;
      }
      console.log(`ok: ${status.checkedEvents} events checked`);
      if (command.anchor) {
        const [row] = await em.execute<{ hash: string }[]>('select hash from audit_event where seq = ?', [command.anchor.seq]);
        if (row?.hash !== command.anchor.hash) {
          console.log(`anchor mismatch: seq ${command.anchor.seq} ${row ? `has hash ${row.hash}` : 'does not exist'}, the anchor says ${command.anchor.hash}`);
          return 1;
        }
        console.log(`anchor ok: seq ${command.anchor.seq} has the anchored hash`);
      }
      return 0;
    }
    const out: Writable = command.out ? createWriteStream(command.out) : process.stdout;
    const events = await writeAuditCsv(em, filter!, (chunk) => write(out, chunk));
    if (command.out) {
      out.end();
      await once(out, 'finish');
    }
    console.error(`exported ${events} events${command.out ? ` to ${command.out}` : ''}`);
    return 0;
  } finally {
    await orm.close(true);
    await database.stop();
  }
}

async function main(): Promise<number> {
  let command: Command | null;
  let config: Config;
  try {
    command = parse(process.argv.slice(2));
    if (!command) {
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
  return run(command, config);
}

main().then(
  (code) => {
    // let stdout drain (a pipe) before exiting
    process.stdout.write('', () => process.exit(code));
  },
  (err: unknown) => {
    // 42P01 undefined_table: a database the product never migrated (the command itself does not migrate: it only reads)
    if ((err as { code?: string }).code === '42P01') console.error('audit: failed: this database has no audit trail yet (start the product on it once)');
    else console.error('audit: failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
