import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLog } from '../../../server/src/http/request-log.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

describe('the access line of each request', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = express();
    app.use(requestLog(pino({ level: 'info' }, sink)));
    app.use('/graphql', (_req, res) => {
      res.json({ data: null });
    });
    app.get('/password/set', (_req, res) => {
      res.send('ok');
    });
    server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('names the full path, also of a router mounted at a path, and never the query string; carries the request id', async () => {
    const graphql = await fetch(`${url}/graphql`, { method: 'POST' });
    const page = await fetch(`${url}/password/set?token=secret-link-token`);
    await new Promise((r) => setTimeout(r, 50));
    const access = lines.filter((l) => l.msg === 'request');
    expect(access.map((l) => [l.method, l.path, l.status])).toEqual([
      ['POST', '/graphql', 200],
      ['GET', '/password/set', 200],
    ]);
    expect(access.map((l) => l.requestId)).toEqual([graphql.headers.get('x-request-id'), page.headers.get('x-request-id')]);
    expect(JSON.stringify(lines)).not.toContain('secret-link-token');
  });
});
