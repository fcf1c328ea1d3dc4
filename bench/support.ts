import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** autocannon against one request shape; requests per second (mean), p99 latency (ms). */
export async function load(opts: {
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
}): Promise<Figures> {
  let nextBody = 0;
  let nextHeaders = 0;
  const { bodies, connectionHeaders } = opts;
  const result = await autocannon({
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
            if (bodies) client.setBody(bodies[nextBody++ % bodies.length]);
          }
        : undefined,
    connections: opts.connections ?? 50,
    duration: opts.seconds ?? 10,
    overallRate: opts.rate,
  });
  const expected = opts.expectStatus === 3 ? result['3xx'] : result['2xx'];
  return { rps: result.requests.average, total: result.requests.total, p99: result.latency.p99, errors: result.errors, unexpected: result.requests.total - expected,
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
