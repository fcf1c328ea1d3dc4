import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { parse as parseContentType } from 'content-type';
import express, { type Request, type RequestHandler, type Response } from 'express';
import getRawBody from 'raw-body';

/** a GraphQL request's body at most (100 KB): far above any operation of the product, far below a memory problem */
export const GRAPHQL_BODY_LIMIT = 100 * 1024;

export interface GraphqlSurface<C extends BaseContext> {
  /** where it answers: /graphql or /staff/graphql */
  path: string;
  apollo: ApolloServer<C>;
  context: (args: { req: Request; res: Response }) => Promise<C>;
  /** set on every answer of the surface, whichever path it takes */
  headers: Record<string, string>;
}

/**
 * Mounts one GraphQL surface on two paths. The common request — POST with a UTF-8 JSON body — is read by raw-body
 * (body-parser's own reader) and answered by Apollo's `executeHTTPGraphQLRequest` from a handler without a mount path,
 * which Express tries without matching one. Everything else (GET, another content type or charset, a compressed body)
 * takes the general path: express.json() and @as-integrations/express5. Measured (issue 21, docs/performance.md): the
 * general path cost a `me` request an eighth of its server CPU (0.42–0.44 against 0.37–0.39 ms) — the router's walk
 * over the layers before /graphql, body-parser's content-type and charset machinery, and the integration's legacy
 * `url.parse` of every request's URL — for nothing this request needs. What Apollo does is the same on both paths: the
 * same server, CSRF prevention, limits, plugins and error masking; the body limit and the refusal of malformed JSON
 * are those of express.json() (the same errors reach the same handler: 413 PAYLOAD_TOO_LARGE, 400 BAD_REQUEST).
 */
export function mountGraphqlSurface<C extends BaseContext>(app: express.Express, surface: GraphqlSurface<C>): void {
  const { path, apollo, context, headers } = surface;
  const setHeaders = (res: Response) => {
    for (const name in headers) res.setHeader(name, headers[name]);
  };
  const answer = async (req: Request, res: Response): Promise<void> => {
    // raw-body's errors carry the types the error handler answers (entity.too.large → 413), as express.json()'s do
    const raw = await getRawBody(req, { length: req.headers['content-length'], limit: GRAPHQL_BODY_LIMIT });
    const body = parseStrictJson(raw.toString('utf8'));
    const requestHeaders = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) requestHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: requestHeaders, search: '', body },
      context: () => context({ req, res }),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    // incremental delivery (@defer, @stream) is in neither schema: Apollo answers these requests in one piece
    if (response.body.kind !== 'complete') throw new Error('GraphQL: an incremental result');
    // written as it is: Apollo has set the content type with its charset; Express's res.send would parse that header
    // again to set a charset, and compare ETags for a POST that never has one (the app sets none)
    res.setHeader('Content-Length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
  };
  app.use((req, res, next) => {
    if (req.method !== 'POST' || req.url !== path || !isPlainJson(req.headers['content-type']) || hasContentEncoding(req.headers['content-encoding'])) {
      next();
      return;
    }
    setHeaders(res);
    answer(req, res).catch(next);
  });
  const generalHeaders: RequestHandler = (_req, res, next) => {
    setHeaders(res);
    next();
  };
  app.use(path, generalHeaders, express.json({ limit: GRAPHQL_BODY_LIMIT }), expressMiddleware(apollo, { context }));
}

/** `application/json`, with no charset or UTF-8's (what JSON over HTTP is, RFC 8259); anything else takes the general path. */
export function isPlainJson(contentType: string | undefined): boolean {
  if (contentType === 'application/json') return true;
  if (!contentType) return false;
  const { type, parameters } = parseContentType(contentType);
  return type === 'application/json' && (parameters.charset === undefined || parameters.charset.toLowerCase() === 'utf-8');
}

function hasContentEncoding(encoding: string | undefined): boolean {
  return encoding !== undefined && encoding.trim().toLowerCase() !== 'identity';
}

/**
 * JSON as express.json() reads it: a leading byte-order mark is dropped, an empty body is an empty object (Apollo then
 * answers its own 400), and only an object or an array may stand at the top (`strict`); refusals are its 400.
 */
function parseStrictJson(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(text);
    } catch {
      // answered below
    }
  }
  throw Object.assign(new Error('malformed JSON body'), { status: 400, type: 'entity.parse.failed' });
}
