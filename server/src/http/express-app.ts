import type { ApolloServer } from '@apollo/server';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppDeps, Context, StaffContext } from '../graphql/context.js';
import { contextFactory, staffContextFactory } from '../graphql/context-factory.js';
import { topLevelMessage } from '../errors/graphql-errors.js';
import { localeFromAcceptLanguage } from '../i18n/locale.js';
import { pendingMigrations } from '../db/orm.js';
import type { MailCapture } from '../modules/mail/mail-capture.js';
import { coeKeys } from '../modules/coe/coe-keys.js';
import { isLoopbackAddress } from './client-ip.js';
import { DEV_MAILBOX_PATH, devMailboxRouter } from './dev-mailbox.js';
import type { Metrics } from './metrics.js';
import { mountGraphqlSurface } from './graphql-route.js';
import { requestLog } from './request-log.js';

// Responses can carry tokens and personal data: never cached anywhere (security.md 15); staff answers never indexed.
const API_HEADERS = { 'Cache-Control': 'no-store' };
const STAFF_API_HEADERS = { ...API_HEADERS, 'X-Robots-Tag': 'noindex' };

export interface HttpOptions {
  deps: AppDeps;
  apollo: ApolloServer<Context>;
  /** the staff surface (staff.md), mounted at /staff/graphql */
  staffApollo: ApolloServer<StaffContext>;
  /** the development mailbox, mounted at /dev/mailbox (never in production) */
  mailbox?: MailCapture;
  metrics: Metrics;
  /** the SvelteKit handler (client/build/handler.js) when the client is built */
  clientHandler?: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * One Express app on one port: /graphql, health, the dev mailbox, then the web client. Errors outside GraphQL are
 * answered as JSON with a WZBAM098E reference number, never a stack trace.
 */
export function createExpressApp({ deps, apollo, staffApollo, mailbox, metrics, clientHandler }: HttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every res.send body for an ETag; GraphQL answers are no-store and never revalidated, and the
  // web client's static files get theirs from the file server. Measured: a few per cent of a `me` request's CPU.
  app.set('etag', false);
  app.set('trust proxy', deps.config.trustedProxies.length ? deps.config.trustedProxies : false);

  app.use(requestLog(deps.log, metrics));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // The two GraphQL surfaces first: the API's common request goes straight to Apollo (graphql-route.ts). The staff
  // surface is before the web client, whose console lives under /staff (staff.md).
  mountGraphqlSurface(app, { path: '/graphql', apollo, context: contextFactory(deps), headers: API_HEADERS });
  mountGraphqlSurface(app, { path: '/staff/graphql', apollo: staffApollo, context: staffContextFactory(deps), headers: STAFF_API_HEADERS });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.orm.em.getConnection().execute('select 1');
      const pending = await pendingMigrations(deps.orm);
      if (pending.length) {
        res.status(503).json({ status: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  app.get('/metrics', async (req, res) => {
    // Operational data: only for the configured scraper when METRICS_TOKEN is set, else only from this machine.
    const token = deps.config.metricsToken;
    const allowed = token ? req.headers.authorization === `Bearer ${token}` : isLoopbackAddress(req.socket.remoteAddress);
    if (!allowed) {
      res.status(403).json({ errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // The COE verification keys (docs/spec/coe.md "The signed code"): public, cacheable, readable from any origin (a
  // verifier's page or an embassy's tool fetches them)
  app.get('/.well-known/coe-keys.json', async (_req, res) => {
    const { jwks } = await coeKeys(deps.config);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type('application/jwk-set+json').send(JSON.stringify(jwks));
  });

  if (mailbox) app.use(DEV_MAILBOX_PATH, devMailboxRouter(mailbox, { publicUrl: deps.config.publicUrl }));

  if (clientHandler) {
    app.use(clientHandler);
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send(placeholderPage(Boolean(mailbox)));
    });
  }

  app.use((req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Express error handler: body too large (413), malformed JSON (400), anything else masked.
  app.use((err: { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const locale = localeFromAcceptLanguage(req.headers['accept-language']);
    const requestId = res.locals.requestId;
    if (err.type === 'entity.too.large' || err.status === 413) {
      res.status(413).json({ errors: [{ message: 'Request body too large (limit 100 KB).', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      return;
    }
    if (err.type === 'entity.parse.failed' || err.status === 400) {
      res.status(400).json({ errors: [{ message: 'Malformed JSON body.', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    (res.locals.log ?? deps.log).error({ requestId, err }, 'unexpected HTTP error');
    res.status(500).json({ errors: [{ message: topLevelMessage('WZBAM098E', locale), extensions: { code: 'WZBAM098E', requestId } }] });
  });
  return app;
}

function placeholderPage(withMailbox: boolean): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>在留申請オンラインシステム</title></head><body>
<h1>在留申請オンラインシステム <small>Residence Application Online System</small></h1>
<p>GraphQL API: <a href="/graphql">/graphql</a></p>
${withMailbox ? '<p>開発用メールボックス Development mailbox: <a href="/dev/mailbox/">/dev/mailbox</a></p>' : ''}
<p>The web client is not built yet.</p></body></html>`;
}
