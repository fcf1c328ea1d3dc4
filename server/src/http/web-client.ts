import type { NextFunction, Request, Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.js';

export type ClientHandler = (req: Request, res: Response, next: NextFunction) => void;

const BUILD = fileURLToPath(new URL('../../../client/build/', import.meta.url));
const HANDLER = path.join(BUILD, 'handler.js');
const STATIC_DIR = path.join(BUILD, 'client');

/**
 * The SvelteKit web client (adapter-node), when it has been built (`npm run build`). Its origin — the base of every
 * request URL and what SvelteKit's CSRF check compares a form post's Origin header with — is PUBLIC_URL, known only
 * when the server starts: SvelteKit 3's `paths.origin` would fix it at build time, so it stays unset and adapter-node
 * takes ORIGIN from the environment instead (read once, when its handler is imported; removed in adapter-node 6.0.0,
 * read again since 6.0.2 when `paths.origin` is unset — docs/decisions.md).
 */
export async function loadWebClient(config: Config): Promise<ClientHandler | undefined> {
  if (!existsSync(HANDLER)) return undefined;
  process.env.ORIGIN = config.publicUrl;
  const mod = (await import(HANDLER)) as { handler: ClientHandler };
  return guardStaticFiles(mod.handler, STATIC_DIR);
}

/**
 * adapter-node's static file server serves the files listed when the client was built, and answers `200` with the
 * listed size before it opens the file: a file removed since — the client rebuilt under a running server — would be
 * announced and then cut off mid-response. Requests for the static files' paths are checked here first and answered
 * 404 when the file is gone. (Static files only: pages are rendered, never read from disk.)
 */
export function guardStaticFiles(handler: ClientHandler, staticDir: string): ClientHandler {
  const topLevel = new Set(existsSync(staticDir) ? readdirSync(staticDir) : []);
  return (req, res, next) => {
    const first = req.path.split('/')[1] ?? '';
    if (topLevel.has(first)) {
      let file = '';
      try {
        file = path.join(staticDir, path.normalize(decodeURIComponent(req.path)).replace(/^([/\\])+/, ''));
      } catch {
        // a malformed escape: no such file
      }
      if (!file.startsWith(staticDir + path.sep) || !existsSync(file)) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
    }
    handler(req, res, next);
  };
}
