import pg from 'pg';

/**
 * `COPY … FROM STDIN` with node-postgres alone: pg speaks the COPY sub-protocol (its Connection sends CopyData,
 * CopyDone and CopyFail; a query object that answers the server's CopyInResponse is all that is missing), which is
 * what the pg-copy-streams package adds. That package is not a dependency here, and this is the 40 lines it would
 * bring for the seeding of the benches and the scale tests.
 *
 * `lines` are rows in COPY's text format, each ending in '\n' (see `copyText`), yielded in any chunking; they are
 * sent in chunks of about CHUNK bytes, waiting for the socket to drain, so a generator of ten million rows never sits
 * in memory. Resolves with the number of rows the server copied.
 */
const CHUNK = 1 << 20;

type Connection = {
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

class CopyFromQuery extends (pg.Query as unknown as new (text: string, values: unknown[] | undefined, callback: (err: Error | null, result?: pg.QueryResult) => void) => object) {
  failed = false;

  constructor(text: string, private readonly lines: Iterable<string>, callback: (err: Error | null, result?: pg.QueryResult) => void) {
    super(text, undefined, callback);
  }

  // called by pg's Client when the server is ready for the rows
  handleCopyInResponse(connection: Connection): void {
    void this.send(connection);
  }

  // pg calls this on an ErrorResponse: stop writing (the server discards the rest)
  handleError(err: Error, connection: unknown): void {
    this.failed = true;
    (pg.Query.prototype as unknown as { handleError(e: Error, c: unknown): void }).handleError.call(this, err, connection);
  }

  private async send(connection: Connection): Promise<void> {
    try {
      let buffered: string[] = [];
      let size = 0;
      for (const line of this.lines) {
        if (this.failed) return;
        buffered.push(line);
        size += line.length;
        if (size < CHUNK) continue;
        connection.sendCopyFromChunk(Buffer.from(buffered.join(''), 'utf8'));
        buffered = [];
        size = 0;
        if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once('drain', resolve));
      }
      if (this.failed) return;
      if (size) connection.sendCopyFromChunk(Buffer.from(buffered.join(''), 'utf8'));
      connection.endCopyFrom();
    } catch (err) {
      // the server answers CopyFail with an error, which ends the query through its callback
      connection.sendCopyFail(`the row generator failed: ${(err as Error).message}`);
    }
  }
}

export function copyFrom(client: pg.Client | pg.PoolClient, sql: string, lines: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const query = new CopyFromQuery(sql, lines, (err, result) => (err ? reject(err) : resolve(result?.rowCount ?? 0)));
    (client as unknown as { query(q: object): void }).query(query);
  });
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
