import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { readFileSync } from 'node:fs';

/** A free TCP port on loopback (asks the OS for one, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** sends the signal and resolves with the exit code */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** Ctrl-C in a terminal: SIGINT to the whole process group (needs `ownGroup`); resolves with the exit code */
  interrupt(): Promise<number | null>;
}

/** How `npm start` runs the server: node with its preloads (server/preload/index.cjs) and tsx (package.json). */
export const SERVER_NODE_ARGS = ['--require', './server/preload/index.cjs', '--import', 'tsx', 'server/src/main.ts'];

/**
 * Starts the product the way a user does (`npm start`) as a real child process and
 * waits until /readyz answers. Environment: the caller's, plus `env`. With `ownGroup` it leads a process group of its
 * own, as a job a terminal starts does, so that `interrupt()` can signal the group as Ctrl-C would.
 */
export async function startServerProcess(
  env: Record<string, string>,
  args: string[] = [],
  opts: { ownGroup?: boolean } = {},
): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const url = `http://localhost:${port}`;
  let out = '';
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...args], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', PUBLIC_URL: url, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.ownGroup,
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    output: () => out,
    ...processControls(child, exited, Boolean(opts.ownGroup)),
  };
}

/** stop() and interrupt() of a started process; each resolves with its exit code, SIGKILLing it after a timeout. */
function processControls(child: ChildProcess, exited: Promise<number | null>, ownGroup: boolean) {
  const signalAndWait = async (send: () => void, timeoutMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    send();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return {
    stop: (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000) => signalAndWait(() => child.kill(signal), timeoutMs),
    interrupt: () => {
      if (!ownGroup) throw new Error('interrupt() needs a process started with ownGroup');
      return signalAndWait(() => process.kill(-child.pid!, 'SIGINT'), 20_000);
    },
  };
}

/** A GraphQL POST against a running server. */
export async function gqlAt(url: string, query: string, variables?: unknown, token?: string): Promise<{ data?: any; errors?: any[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

/**
 * Starts a mail-worker-only process (`--role=worker`, i.e. `npm run worker`), which serves no HTTP, and waits until
 * its start-up banner says the worker is on. Environment: the caller's, plus `env`. `url` is empty.
 */
export async function startWorkerProcess(env: Record<string, string>): Promise<ServerProcess> {
  let out = '';
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, '--role=worker'], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  while (!/Worker:\s+on/.test(out)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`worker exited with ${child.exitCode ?? child.signalCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url: '',
    output: () => out,
    ...processControls(child, exited, false),
  };
}

/**
 * A POST to `path` with exactly these headers — also those fetch refuses to set, such as Host (tests of header
 * injection). Answers the status and the raw body.
 */
export function postWithHeaders(url: string, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: Number(port), path, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A GET with `target` written into the request line byte for byte (fetch and http.request would normalize or refuse
 * backslashes, tabs and the like): the status and the headers (names in lower case; a repeated one's values joined by newlines) of the answer.
 */
export function rawGet(url: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string> }> {
  const { port } = new URL(url);
  const head = Object.entries({ host: `localhost:${port}`, ...headers, connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\n${head}\r\n`, 'latin1'));
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const [statusLine = '', ...lines] = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n')[0].split('\r\n');
      const result: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        result[name] = name in result ? `${result[name]}\n${value}` : value;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers: result });
    });
  });
}

/**
 * The local addresses on which some process of this machine listens on TCP `port` (Linux: /proc/net/tcp and tcp6),
 * e.g. ['127.0.0.1'] or ['0.0.0.0', '::']. Tells what a server exposes without sending anything off loopback.
 */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table = '';
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 table on this machine
    }
    for (const line of table.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex, 16) === port) found.push(procAddress(hex));
    }
  }
  return found;
}

/** An address as /proc/net/tcp{,6} writes it: 32-bit words in host (little-endian) byte order, in hex. */
function procAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => Buffer.from(w, 'hex').reverse());
  if (words.length === 1) return [...words[0]].join('.');
  const bytes = Buffer.concat(words);
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
}
