import express from 'express';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { guardStaticFiles, type ClientHandler } from '../../../server/src/http/web-client.js';

/**
 * The guard in front of adapter-node's static file server, tried on the real one: a copy of the built web client
 * (test/support/global-setup.ts builds it). adapter-node 6 records the built files, their sizes and ETags when the
 * client is built and, for a listed file, sends `200` with its Content-Length before it opens the file: unguarded, a
 * file removed since — the client rebuilt under a running server — is announced and then cut off mid-response.
 */
const BUILD = fileURLToPath(new URL('../../../client/build/', import.meta.url));

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
  it('a file removed after start is a 404, not a broken response; files still there and pages are served as before', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'web-client-'));
    await cp(BUILD, dir, { recursive: true });
    const staticDir = path.join(dir, 'client');
    const { handler } = (await import(pathToFileURL(path.join(dir, 'handler.js')).href)) as { handler: ClientHandler };
    const entries = path.join(staticDir, '_app', 'immutable', 'entry');
    const [removed, kept] = (await readdir(entries)).filter((f) => f.endsWith('.js'));
    const pages: string[] = [];
    const url = await serve(
      guardStaticFiles((req, res, next) => {
        if (req.path === '/login') {
          pages.push(req.path);
          res.send('page');
          return;
        }
        handler(req, res, next);
      }, staticDir),
    );

    // a rebuild under the running server: the file and its precompressed variants are gone
    for (const suffix of ['', '.br', '.gz']) await rm(path.join(entries, removed + suffix));
    const gone = await fetch(`${url}/_app/immutable/entry/${removed}`);
    expect(gone.status).toBe(404);
    const still = await fetch(`${url}/_app/immutable/entry/${kept}`);
    expect(still.status).toBe(200);
    expect(await still.text()).toBe(await readFile(path.join(entries, kept), 'utf8'));
    expect((await fetch(`${url}/favicon.svg`)).status).toBe(200);
    expect(await (await fetch(`${url}/login`)).text()).toBe('page');
    expect(pages).toEqual(['/login']);
    // outside the static directory, and malformed escapes, never reach the file system
    expect((await fetch(`${url}/_app/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${url}/_app/%E0%A4%A`)).status).toBe(404);
  });
});
