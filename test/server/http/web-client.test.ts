import express from 'express';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { guardStaticFiles, type ClientHandler } from '../../../server/src/http/web-client.js';

/**
 * The guard in front of adapter-node's static file server, which indexes the built files at start and streams them
 * with no error handler. A stand-in handler does the same here (createReadStream(...).pipe(res), no 'error'
 * listener): unguarded, a removed file would raise an uncaught stream error and take the process down.
 */
const sirvLike: (dir: string) => ClientHandler = (dir) => (req, res) => {
  createReadStream(path.join(dir, req.path)).pipe(res);
};

let dir: string;
let close: (() => void) | undefined;

async function serve(handler: ClientHandler): Promise<string> {
  const app = express();
  app.use(handler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  close?.();
  await rm(dir, { recursive: true, force: true });
});

describe('static files of the web client', () => {
  it('a file removed after start is a 404, not a crash; files still there and pages are served as before', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'web-client-'));
    await mkdir(path.join(dir, '_app', 'immutable'), { recursive: true });
    await writeFile(path.join(dir, '_app', 'immutable', 'a.js'), 'export {}');
    await writeFile(path.join(dir, '_app', 'immutable', 'b.js'), 'export const b = 1');
    await writeFile(path.join(dir, 'favicon.svg'), '<svg/>');
    const pages: string[] = [];
    const url = await serve(
      guardStaticFiles((req, res, next) => {
        if (req.path === '/login') {
          pages.push(req.path);
          res.send('page');
          return;
        }
        sirvLike(dir)(req, res, next);
      }, dir),
    );

    await rm(path.join(dir, '_app', 'immutable', 'a.js')); // a rebuild under the running server
    const gone = await fetch(`${url}/_app/immutable/a.js`);
    expect(gone.status).toBe(404);
    expect((await fetch(`${url}/_app/immutable/b.js`)).status).toBe(200);
    expect(await (await fetch(`${url}/favicon.svg`)).text()).toBe('<svg/>');
    expect(await (await fetch(`${url}/login`)).text()).toBe('page');
    expect(pages).toEqual(['/login']);
    // outside the static directory, and malformed escapes, never reach the file system
    expect((await fetch(`${url}/_app/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${url}/_app/%E0%A4%A`)).status).toBe(404);
  });
});
