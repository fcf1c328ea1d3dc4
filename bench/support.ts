import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  /** requests answered in all */
  total: number;
  p99: number;
  errors: number;
  /** answers of another status class than expected (2xx, or 3xx for a form post answered with a redirect) */
  unexpected: number;
  /** answers by status code */
  statuses: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** one request body per connection, each sent again and again (instead of one `body` for all) */
  bodies?: string[];
  /** headers per connection (e.g. a session of its own each), on top of `headers` */
  connectionHeaders?: Record<string, string>[];
  /** the status class every answer should have (default 2: 2xx) */
  expectStatus?: 2 | 3;
  connections?: number;
  seconds?: number;
  /** at most this many requests a second in all (default: as fast as answers come) */
  rate?: number;
  /** a body per request, built when it is sent (e.g. a new registration each time), instead of `body`/`bodies` */
  nextBody?: () => string;
  /** whether an answer's body is the one expected; a 2xx answer it refuses counts as unexpected */
  verifyBody?: (body: string) => boolean;
  /** given the running instance, to watch its answers as they come (the soak's per-minute figures) */
  observe?: (instance: autocannon.Instance) => void;
}

/** autocannon against one request shape; requests per second (mean), p99 latency (ms). */
export async function load(opts: LoadOptions): Promise<Figures> {
  let bodyIndex = 0;
  let nextHeaders = 0;
  const { bodies, connectionHeaders, nextBody } = opts;
  const instance = autocannon({
    // Each connection's request is built once: a per-request setupRequest rebuilds and copies it every time, which
    // cost the load generator — on the same two cores as the server — about 0.1 ms a login.
    url: opts.url,
    method: opts.method ?? 'POST',
    headers: opts.headers,
    body: opts.body,
    setupClient:
      bodies || connectionHeaders
        ? (client) => {
            if (connectionHeaders) client.setHeaders({ ...opts.headers, ...connectionHeaders[nextHeaders++ % connectionHeaders.length] });
            if (bodies) client.setBody(bodies[bodyIndex++ % bodies.length]);
          }
        : undefined,
    connections: opts.connections ?? 50,
    duration: opts.seconds ?? 10,
    overallRate: opts.rate,
    // autocannon hands over the body as a string (it collects each answer's chunks into one)
    verifyBody: opts.verifyBody ? (body) => opts.verifyBody!(String(body ?? '')) : undefined,
    // rebuilds the request each time: only for a body that must differ per request, at a low rate
    requests: nextBody ? [{ setupRequest: (req) => ({ ...req, body: nextBody() }) }] : undefined,
  });
  // autocannon's promise is also its event emitter
  opts.observe?.(instance as unknown as autocannon.Instance);
  const result = await instance;
  const expected = opts.expectStatus === 3 ? result['3xx'] : result['2xx'];
  // a refused body was answered with the expected status and counted there as well
  const unexpected = result.requests.total - expected + result.mismatches;
  return { rps: result.requests.average, total: result.requests.total, p99: result.latency.p99, errors: result.errors, unexpected,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0])) };
}

/** The peak resident memory (VmHWM) of a process, in MB. */
export function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Starts a Node script as one process (no wrapper), waits for `readyUrl` to answer. */
export async function startNode(args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not become ready`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const ratio = (a: number, b: number) => (b ? a / b : 0);

/**
 * Replaces one bench's results in docs/performance.md: the text between `<!-- <name>:results:start … -->` and
 * `<!-- <name>:results:end -->`. The prose around the markers stays; the first run adds the section (`heading`) at the end.
 */
export async function writeResultsSection(name: string, command: string, heading: string, markdown: string): Promise<void> {
  const file = 'docs/performance.md';
  const start = `<!-- ${name}:results:start (written by ${command}) -->`;
  const end = `<!-- ${name}:results:end -->`;
  let doc = await readFile(file, 'utf8');
  if (!doc.includes(start)) doc = `${doc.trimEnd()}\n\n${heading}\n\n${start}\n${end}\n`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (to < from) throw new Error(`${file}: the end marker of ${name} comes before its start`);
  await writeFile(file, `${doc.slice(0, from + start.length)}\n${markdown}\n${doc.slice(to)}`);
}
