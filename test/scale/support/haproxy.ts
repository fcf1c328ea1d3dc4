import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { writeText } from './postgres-cluster.js';
import { sleep } from './processes.js';

/**
 * The HAProxy configuration of docs/operations.md "HAProxy": round robin over the instances, each checked on
 * GET /readyz every second (out after 2 failures, back after 1 success), a request that could not connect retried
 * on another instance (`retries` + `option redispatch`: safe, the instance never saw it). A request in flight on an
 * instance that dies is not retried (it may have been carried out: a registration must not be submitted twice):
 * HAProxy answers it 502.
 */
export function haproxyConfig(port: number, instancePorts: number[]): string {
  return `global
  maxconn 4000

defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  timeout queue 5s
  retries 2
  option redispatch
  option forwardfor

frontend portal
  bind 127.0.0.1:${port}
  default_backend instances

backend instances
  balance roundrobin
  option httpchk
  http-check send meth GET uri /readyz
  http-check expect status 200
  default-server inter 1s fall 2 rise 1
${instancePorts.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check`).join('\n')}
`;
}

export class HAProxy {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly dir: string,
    readonly port: number,
    readonly instancePorts: number[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts HAProxy in the foreground and waits until every instance passed its health check. */
  async start(): Promise<void> {
    const file = path.join(this.dir, 'haproxy.cfg');
    writeText(file, haproxyConfig(this.port, this.instancePorts));
    this.child = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 20_000;
    let up = 0;
    // round robin: as many answers in a row from /readyz as there are instances, each answered by the product
    while (up < this.instancePorts.length * 2) {
      if (this.child.exitCode !== null) throw new Error(`haproxy exited:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the instances did not come up behind haproxy:\n${this.output}`);
      const ok = await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false);
      up = ok ? up + 1 : 0;
      if (!ok) await sleep(200);
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child!.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
