import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/**
 * `COPY … FROM STDIN` (pg-copy-streams) from `lines`, rows in COPY's text format each ending in '\n' (see `copyText`),
 * for the seeding of the benches and the scale tests. The rows are joined into chunks of about CHUNK bytes (one write
 * per row would cost ten million writes) and streamed with back-pressure, so a generator of ten million rows never
 * sits in memory. Resolves with the number of rows the server copied.
 */
const CHUNK = 1 << 20;

function* chunks(lines: Iterable<string>): Generator<string> {
  let buffered: string[] = [];
  let size = 0;
  for (const line of lines) {
    buffered.push(line);
    size += line.length;
    if (size < CHUNK) continue;
    yield buffered.join('');
    buffered = [];
    size = 0;
  }
  if (size) yield buffered.join('');
}

export async function copyFrom(client: pg.Client | pg.PoolClient, sql: string, lines: Iterable<string>): Promise<number> {
  const stdin = client.query(copyFromStdin(sql));
  await pipeline(Readable.from(chunks(lines)), stdin);
  return stdin.rowCount ?? 0;
}

/** One value in COPY's text format: null as \N; backslash, tab, newline and carriage return escaped. */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : text;
}

/** One row in COPY's text format, with its newline. */
export function copyText(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(field).join('\t')}\n`;
}
